// cws report (placeholder until its capability lands).
import { notYet } from './command';

export const reportCommand = notYet('report', 'cws report <ws> …', '示范区报告，见 issue 9');
