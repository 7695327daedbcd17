// Calls of the tiering capability. Declare each as in shared/contract/workspace.ts:
//   'tiering.something': defineCall<ResultType>()(z.object({...}).strict(), { description: '中文说明', long?: true }),
import { z } from 'zod';
import { defineCall } from './define';

export const tieringCalls = {};
void z;
void defineCall;
