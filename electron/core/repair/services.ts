// Contract handlers of the repair capability (names declared in shared/contract/repair.ts).
import type { HandlerMap } from '../context';

export const repairHandlers: HandlerMap<never> = {};
