// Long work from the UI: runs a call with a job id, follows its progress events and can cancel it.
import { useCallback, useRef, useState } from 'react';
import { api, ApiError, newJobId } from '../api';
import type { CallInput, CallName, CallResult } from '../../../shared/contract';

export interface JobState {
  running: boolean;
  phase: string;
  percent: number | null;
  done: number;
  total: number | null;
  /** The detail the core gave with the event (e.g. the indicator being computed). */
  message?: string;
}

const IDLE: JobState = { running: false, phase: '', percent: null, done: 0, total: null };

export function useLongCall<N extends CallName>(call: N) {
  const [state, setState] = useState<JobState>(IDLE);
  const job = useRef<string | null>(null);

  const run = useCallback(
    async (input: CallInput<N>): Promise<CallResult<N>> => {
      const jobId = newJobId();
      job.current = jobId;
      setState({ ...IDLE, running: true, phase: '处理中' });
      try {
        return await api.call(call, input, {
          jobId,
          onProgress: (e) =>
            setState({
              running: true,
              phase: e.phase,
              done: e.done,
              total: e.total,
              percent: e.total ? Math.min(100, Math.round((e.done / e.total) * 100)) : null,
              ...(e.message ? { message: e.message } : {}),
            }),
        });
      } catch (e) {
        throw e instanceof ApiError ? e : new ApiError({ code: 'INTERNAL', message: String(e) });
      } finally {
        if (job.current === jobId) job.current = null;
        setState(IDLE);
      }
    },
    [call],
  );

  const cancel = useCallback(async () => {
    if (job.current) await api.cancel(job.current);
  }, []);

  return { run, cancel, state, jobId: job };
}
