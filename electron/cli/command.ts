// What a cws command is: its options, how it runs against a core, and how its result prints for people.
import type { ParseArgsConfig } from 'node:util';
import type { Core } from '../core/services';
import type { CallInput, CallName, CallResult } from '../../shared/contract';
import { CoreError } from '../core/errors';

export interface CliIo {
  /** Human-readable progress and messages (stderr). */
  info(message: string): void;
  /** Raw stdout for commands that stream their own output (csv). */
  out(text: string): void;
  /** true when --json was given. */
  json: boolean;
}

export interface CliArgs {
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
}

export interface CliCommand {
  name: string;
  usage: string;
  options?: ParseArgsConfig['options'];
  /** Whether the first positional is a workspace path the core should open. */
  needsWorkspace: boolean;
  run(core: Core | null, args: CliArgs, io: CliIo): Promise<unknown>;
  /** Text for people; absent means the JSON is printed as is. Return undefined when run() printed already. */
  format?(result: unknown): string | undefined;
}

/** Calls the core and throws its typed error as a CoreError so main() can choose the exit code. */
export async function invoke<N extends CallName>(
  core: Core,
  call: N,
  input: CallInput<N>,
  options: { jobId?: string } = {},
): Promise<CallResult<N>> {
  const reply = await core.call({ call, input, jobId: options.jobId });
  if (!reply.ok) throw new CoreError(reply.error.code, reply.error.message, reply.error.detail);
  return reply.result as CallResult<N>;
}

/** Runs a long call so that Ctrl-C cancels it cleanly (the core rolls back and reports CANCELLED). */
export async function invokeCancellable<N extends CallName>(core: Core, call: N, input: CallInput<N>, io: CliIo): Promise<CallResult<N>> {
  const jobId = `cli-${process.pid}-${Date.now()}`;
  const onSigint = () => {
    io.info('正在取消……');
    core.cancel(jobId);
  };
  process.on('SIGINT', onSigint);
  try {
    return await invoke(core, call, input, { jobId });
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/** One stderr line per progress event: phase, percent (or count) and the core's detail. */
export function progressLine(p: { phase: string; done: number; total: number | null; message?: string }): string {
  const amount = p.total ? `${Math.round((p.done / p.total) * 100)}%` : String(p.done);
  return `${p.phase} ${amount}${p.message ? ` ${p.message}` : ''}`;
}

export function notYet(name: string, usage: string, issue: string): CliCommand {
  return {
    name,
    usage,
    needsWorkspace: false,
    run: async () => {
      throw new CoreError('UNSUPPORTED', `cws ${name} 尚在建设中（${issue}），当前版本还不能使用。`);
    },
  };
}
