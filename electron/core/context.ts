// What every core handler receives: the session (current workspace, operator, unmask grant), the job's id,
// a cancel signal and a progress reporter.
import type { CallName, CallResult, ParsedInput, ProgressEvent } from '../../shared/contract';
import type { Workspace } from './workspace/workspace';
import type { Session } from './session';

export interface CallContext {
  session: Session;
  jobId: string;
  call: string;
  signal: AbortSignal;
  progress(phase: string, done: number, total: number | null, message?: string): void;
}

export type Handler<N extends CallName> = (input: ParsedInput<N>, ctx: CallContext) => Promise<CallResult<N>>;
export type HandlerMap<K extends CallName> = { [N in K]: Handler<N> };

export type ProgressSink = (event: ProgressEvent) => void;

/** Shorthand for handlers: the open workspace of the session (NO_WORKSPACE error if none). */
export function ws(ctx: CallContext): Promise<Workspace> {
  return ctx.session.workspace();
}
