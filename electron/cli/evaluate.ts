// cws evaluate (placeholder until its capability lands).
import { notYet } from './command';

export const evaluateCommand = notYet('evaluate', 'cws evaluate <ws> …', '信用评价，见 issue 4');
