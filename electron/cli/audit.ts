// cws audit (placeholder until its capability lands).
import { notYet } from './command';

export const auditCommand = notYet('audit', 'cws audit <ws> …', '审计，见 issue 10');
