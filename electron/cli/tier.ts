// cws tier (placeholder until its capability lands).
import { notYet } from './command';

export const tierCommand = notYet('tier', 'cws tier <ws> …', '风险分级，见 issue 5');
