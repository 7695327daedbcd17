// Calls of the repair capability. Declare each as in shared/contract/workspace.ts:
//   'repair.something': defineCall<ResultType>()(z.object({...}).strict(), { description: '中文说明', long?: true }),
import { z } from 'zod';
import { defineCall } from './define';

export const repairCalls = {};
void z;
void defineCall;
