// Contract handlers of the report capability (names declared in shared/contract/report.ts).
import type { HandlerMap } from '../context';

export const reportHandlers: HandlerMap<never> = {};
