// demo.create: builds a synthetic district workspace in a temporary file and moves it into place only when
// complete, so a cancelled or failed generation leaves nothing behind.
import fs from 'node:fs';
import path from 'node:path';
import type { HandlerMap } from '../context';
import { openWorkspace, workspaceInfo } from '../workspace';
import { generateDemo } from '../../../datasets/generate';
import { CoreError } from '../errors';

export const DEFAULT_DEMO_SCALE = 20_000;

export const demoHandlers: HandlerMap<'demo.create'> = {
  'demo.create': async (input, ctx) => {
    const target = path.resolve(input.path ?? ctx.session.workspacePath ?? ctx.session.firstRunPath ?? defaultWorkspacePath());
    await createDemoWorkspace(target, { scale: input.scale ?? DEFAULT_DEMO_SCALE, seed: input.seed ?? 1 }, ctx.signal, (phase, done, total) =>
      ctx.progress(phase, done, total),
    );
    const ws = await ctx.session.open(target);
    await ctx.session.audit({ action: 'workspace.create', target, detail: { demo: true, scale: input.scale ?? DEFAULT_DEMO_SCALE, seed: input.seed ?? 1 } });
    return workspaceInfo(ws);
  },
};

export function defaultWorkspacePath(): string {
  const home = process.env.CWS_HOME ?? path.join(process.env.HOME ?? process.cwd(), '.cws');
  return path.join(home, 'demo.duckdb');
}

export async function createDemoWorkspace(
  target: string,
  options: { scale: number; seed: number },
  signal?: AbortSignal,
  onProgress?: (phase: string, done: number, total: number) => void,
): Promise<void> {
  if (fs.existsSync(target)) {
    throw new CoreError('CONFLICT', `文件已存在：${target}。请换一个文件名，或先删除旧的工作区。`);
  }
  const partial = `${target}.partial`;
  removeDb(partial);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  try {
    const ws = await openWorkspace(partial, { create: true });
    try {
      await generateDemo(ws, options, { signal, onProgress });
      await ws.checkpoint();
    } finally {
      ws.close();
    }
    if (signal?.aborted) throw CoreError.cancelled();
    fs.renameSync(partial, target);
    if (fs.existsSync(`${partial}.wal`)) fs.renameSync(`${partial}.wal`, `${target}.wal`);
  } catch (err) {
    removeDb(partial);
    throw err;
  }
}

function removeDb(file: string): void {
  for (const f of [file, `${file}.wal`]) fs.rmSync(f, { force: true });
  fs.rmSync(`${file}.tmp`, { recursive: true, force: true });
}
