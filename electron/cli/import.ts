// cws import (placeholder until its capability lands).
import { notYet } from './command';

export const importCommand = notYet('import', 'cws import <ws> …', '导入，见 issue 3');
