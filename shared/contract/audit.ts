// Calls of the audit capability. Declare each as in shared/contract/workspace.ts:
//   'audit.something': defineCall<ResultType>()(z.object({...}).strict(), { description: '中文说明', long?: true }),
import { z } from 'zod';
import { defineCall } from './define';

export const auditCalls = {};
void z;
void defineCall;
