#!/usr/bin/env node
// npm run serve: build the renderer, then serve it and the contract on 127.0.0.1 (port printed, token in the URL).
//   npm run serve -- [workspace.duckdb] [--port N]
import { spawnSync } from 'node:child_process';
import { register } from 'tsx/esm/api';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The repository root (two levels above this file), so the commands work from any directory.
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ELECTRON_VITE = path.join(REPO_ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');

export async function serve(argv = process.argv.slice(2), { banner } = {}) {
  const portIndex = argv.indexOf('--port');
  const port = portIndex >= 0 ? Number(argv[portIndex + 1]) : Number(process.env.CWS_PORT ?? 0) || 0;
  const workspacePath = argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--port') ?? process.env.CWS_WORKSPACE;
  if (process.env.CWS_SKIP_BUILD !== '1') {
    process.stderr.write('正在构建界面……\n');
    const build = spawnSync(process.execPath, [ELECTRON_VITE, 'build'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (build.status !== 0) {
      process.stderr.write('界面构建失败，请查看上面的错误。\n');
      process.exit(2);
    }
  }
  register();
  const { startServer } = await import('../serve.ts');
  const server = await startServer({ workspacePath, port });
  if (banner) process.stdout.write(banner + '\n');
  process.stdout.write(`信用分析工作站已在本机启动：${server.url}\n（仅本机可访问；按 Ctrl-C 停止）\n`);
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return server;
}

if (import.meta.url === `file://${process.argv[1]}`) await serve();
