// Contract handlers of the import capability (names declared in shared/contract/import.ts).
import type { HandlerMap } from '../context';

export const importHandlers: HandlerMap<never> = {};
