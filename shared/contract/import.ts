// Calls of the import capability. Declare each as in shared/contract/workspace.ts:
//   'import.something': defineCall<ResultType>()(z.object({...}).strict(), { description: '中文说明', long?: true }),
import { z } from 'zod';
import { defineCall } from './define';

export const importCalls = {};
void z;
void defineCall;
