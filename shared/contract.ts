// The typed contract between every face (Electron preload, served page, cws) and the core: each call's name,
// zod input schema and result type, plus progress events. Capability files under shared/contract/ declare their
// calls; this file is the one list.
import type { z } from 'zod';
import type { CallSpec } from './contract/define';
import { workspaceCalls } from './contract/workspace';
import { importCalls } from './contract/import';
import { evaluateCalls } from './contract/evaluate';
import { tieringCalls } from './contract/tiering';
import { repairCalls } from './contract/repair';
import { graphCalls } from './contract/graph';
import { reportCalls } from './contract/report';
import { auditCalls } from './contract/audit';
import { profileCalls } from './contract/profile';

export * from './contract/errors';
export * from './contract/define';
export * from './contract/workspace';

export const calls = {
  ...workspaceCalls,
  ...importCalls,
  ...evaluateCalls,
  ...tieringCalls,
  ...repairCalls,
  ...graphCalls,
  ...reportCalls,
  ...auditCalls,
  ...profileCalls,
};

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>;
export type ParsedInput<N extends CallName> = z.output<Calls[N]['input']>;
export type CallResult<N extends CallName> = Calls[N] extends CallSpec<z.ZodType, infer R> ? R : never;

export const CALL_NAMES = Object.keys(calls) as CallName[];

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(calls, name);
}

/** Progress of long work, sent as events while a call runs. */
export interface ProgressEvent {
  jobId: string;
  call: string;
  phase: string;
  done: number;
  total: number | null;
  message?: string;
}

/** One call as it crosses a process boundary. jobId lets the caller cancel it and match its progress. */
export interface CallEnvelope {
  call: string;
  input: unknown;
  jobId?: string;
}

export type CallReply<R = unknown> = { ok: true; result: R } | { ok: false; error: import('./contract/errors').ContractError };
