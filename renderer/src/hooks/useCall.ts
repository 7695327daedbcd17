// Run a contract call when its inputs change; exposes data, error and loading for a page.
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../api';
import type { CallInput, CallName, CallResult } from '../../../shared/contract';

/** Same result apart from its timing: keep the object already shown (no re-render of charts and tables). */
function sameResult(a: unknown, b: unknown): boolean {
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  const strip = (_k: string, v: unknown) => (_k === 'elapsedMs' || v instanceof Uint8Array ? undefined : v);
  if (Object.values(a).some((v) => v instanceof Uint8Array)) return false;
  return JSON.stringify(a, strip) === JSON.stringify(b, strip);
}

export function useCall<N extends CallName>(call: N, input: CallInput<N> | null, deps: unknown[] = []) {
  const [data, setData] = useState<CallResult<N> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(false);
  const [version, setVersion] = useState(0);
  const key = JSON.stringify(input);

  useEffect(() => {
    if (input === null) return;
    let alive = true;
    setLoading(true);
    api
      .call(call, input)
      .then((r) => alive && (setData((prev) => (sameResult(prev, r) ? prev : r)), setError(null)))
      .catch((e) => alive && setError(e instanceof ApiError ? e : new ApiError({ code: 'INTERNAL', message: String(e) })))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [call, key, version, ...deps]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, loading, reload };
}

/** Rows of a small aggregate query (charts, KPI cards), decoded from Arrow. */
export { arrowRows } from '../../../shared/arrow';
