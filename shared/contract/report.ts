// Calls of the report capability. Declare each as in shared/contract/workspace.ts:
//   'report.something': defineCall<ResultType>()(z.object({...}).strict(), { description: '中文说明', long?: true }),
import { z } from 'zod';
import { defineCall } from './define';

export const reportCalls = {};
void z;
void defineCall;
