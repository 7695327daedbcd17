// Contract handlers of the evaluate capability (names declared in shared/contract/evaluate.ts).
import type { HandlerMap } from '../context';

export const evaluateHandlers: HandlerMap<never> = {};
