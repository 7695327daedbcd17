// Contract handlers of the audit capability (names declared in shared/contract/audit.ts).
import type { HandlerMap } from '../context';

export const auditHandlers: HandlerMap<never> = {};
