// Calls of the graph capability. Declare each as in shared/contract/workspace.ts:
//   'graph.something': defineCall<ResultType>()(z.object({...}).strict(), { description: '中文说明', long?: true }),
import { z } from 'zod';
import { defineCall } from './define';

export const graphCalls = {};
void z;
void defineCall;
