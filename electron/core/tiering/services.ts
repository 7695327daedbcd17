// Contract handlers of the tiering capability (names declared in shared/contract/tiering.ts).
import type { HandlerMap } from '../context';

export const tieringHandlers: HandlerMap<never> = {};
