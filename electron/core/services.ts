// The registry: contract name → core handler, the one place every face binds to. createCore() validates each
// call's input with its zod schema, tracks long work as jobs (progress events, cancel) and turns every failure
// into the contract's typed error.
import { z } from 'zod';
import { calls, isCallName, type CallEnvelope, type CallName, type CallReply } from '../../shared/contract';
import type { CallContext, HandlerMap, ProgressSink } from './context';
import { Session, type SessionOptions } from './session';
import { CoreError, toContractError } from './errors';
import { workspaceHandlers } from './workspace/services';
import { demoHandlers } from './demo/services';
import { importHandlers } from './import/services';
import { evaluateHandlers } from './evaluate/services';
import { tieringHandlers } from './tiering/services';
import { repairHandlers } from './repair/services';
import { graphHandlers } from './graph/services';
import { reportHandlers } from './report/services';
import { auditHandlers } from './audit/services';
import { profileHandlers } from './profile/services';

type CoreHandled = Exclude<CallName, 'query.cancel'>;

export const handlers: HandlerMap<CoreHandled> = {
  ...workspaceHandlers,
  ...demoHandlers,
  ...importHandlers,
  ...evaluateHandlers,
  ...tieringHandlers,
  ...repairHandlers,
  ...graphHandlers,
  ...reportHandlers,
  ...auditHandlers,
  ...profileHandlers,
};

export interface Core {
  session: Session;
  call(envelope: CallEnvelope): Promise<CallReply>;
  /** Cancels a running job by id; true when it was running. */
  cancel(jobId: string): boolean;
  close(): void;
}

let jobCounter = 0;

export function createCore(options: SessionOptions & { onProgress?: ProgressSink } = {}): Core {
  const session = new Session(options);
  const jobs = new Map<string, AbortController>();

  const cancel = (jobId: string): boolean => {
    const job = jobs.get(jobId);
    if (!job) return false;
    job.abort();
    return true;
  };

  async function call(envelope: CallEnvelope): Promise<CallReply> {
    try {
      if (!envelope || typeof envelope !== 'object' || typeof envelope.call !== 'string') {
        throw new CoreError('BAD_INPUT', '调用格式不正确。');
      }
      const name = envelope.call;
      if (!isCallName(name)) throw new CoreError('UNKNOWN_CALL', `未知的调用：${name.slice(0, 100)}`);
      const parsed = calls[name].input.safeParse(envelope.input ?? {});
      if (!parsed.success) {
        throw new CoreError('BAD_INPUT', `参数不正确：${formatZodError(parsed.error)}`, JSON.stringify(parsed.error.issues).slice(0, 2000));
      }
      if (name === 'query.cancel') {
        const input = parsed.data as { jobId: string };
        return { ok: true, result: { cancelled: cancel(input.jobId) } };
      }
      const jobId = typeof envelope.jobId === 'string' && envelope.jobId ? envelope.jobId.slice(0, 100) : `job-${++jobCounter}`;
      const controller = new AbortController();
      jobs.set(jobId, controller);
      const ctx: CallContext = {
        session,
        jobId,
        call: name,
        signal: controller.signal,
        progress: (phase, done, total, message) =>
          options.onProgress?.({ jobId, call: name, phase, done, total, ...(message ? { message } : {}) }),
      };
      try {
        const handler = handlers[name as CoreHandled] as (input: unknown, ctx: CallContext) => Promise<unknown>;
        const result = await handler(parsed.data, ctx);
        return { ok: true, result };
      } finally {
        jobs.delete(jobId);
      }
    } catch (err) {
      return { ok: false, error: toContractError(err) };
    }
  }

  return {
    session,
    call,
    cancel,
    close: () => {
      for (const c of jobs.values()) c.abort();
      session.close();
    },
  };
}

function formatZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(输入)'}：${i.message}`)
    .join('；');
}
