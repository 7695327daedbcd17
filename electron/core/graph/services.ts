// Contract handlers of the graph capability (names declared in shared/contract/graph.ts).
import type { HandlerMap } from '../context';

export const graphHandlers: HandlerMap<never> = {};
