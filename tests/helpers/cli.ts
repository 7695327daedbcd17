// Runs the real `cws` command line (electron/bin/cws.mjs) as a child process.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
  json<T = Record<string, unknown>>(): T;
}

export function cws(args: string[], env: Record<string, string> = {}): CliRun {
  const r = spawnSync(process.execPath, [path.resolve('electron/bin/cws.mjs'), ...args], {
    encoding: 'utf-8',
    env: { ...process.env, ...env },
    timeout: 300_000,
  });
  return {
    status: r.status ?? -1,
    stdout: r.stdout,
    stderr: r.stderr,
    json: <T>() => JSON.parse(r.stdout) as T,
  };
}
