// How a contract call is declared: its zod input schema plus a phantom result type.
import type { z } from 'zod';

export interface CallSpec<I extends z.ZodType = z.ZodType, R = unknown> {
  input: I;
  description: string;
  /** Long work: reports progress events and can be cancelled with query.cancel. */
  long?: boolean;
  /** Phantom: never set at run time, carries the result type. */
  readonly __result?: R;
}

export function defineCall<R>() {
  return <I extends z.ZodType>(input: I, options: { description: string; long?: boolean }): CallSpec<I, R> => ({
    input,
    ...options,
  });
}

/** Bytes inside results (Arrow IPC, exported files) cross every face as Uint8Array. */
export type Bytes = Uint8Array;
