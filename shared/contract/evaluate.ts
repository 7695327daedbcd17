// Calls of the evaluate capability. Declare each as in shared/contract/workspace.ts:
//   'evaluate.something': defineCall<ResultType>()(z.object({...}).strict(), { description: '中文说明', long?: true }),
import { z } from 'zod';
import { defineCall } from './define';

export const evaluateCalls = {};
void z;
void defineCall;
