// cws repair (placeholder until its capability lands).
import { notYet } from './command';

export const repairCommand = notYet('repair', 'cws repair <ws> …', '信用修复，见 issue 6');
