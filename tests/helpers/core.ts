// Test helper: a core over a workspace, with calls that throw on typed errors.
import { createCore, type Core } from '../../electron/core/services';
import type { CallInput, CallName, CallResult, ProgressEvent } from '../../shared/contract';

export function testCore(workspacePath?: string, events: ProgressEvent[] = []): Core {
  return createCore({ workspacePath, operator: 'tester', onProgress: (e) => events.push(e) });
}

export async function callOk<N extends CallName>(core: Core, call: N, input: CallInput<N>): Promise<CallResult<N>> {
  const reply = await core.call({ call, input });
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.result as CallResult<N>;
}
