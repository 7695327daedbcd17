#!/usr/bin/env node
// npm start: the desktop app when the Electron binary is present; otherwise (offline build machines, where the
// binary cannot be downloaded) say so plainly and serve the same app on 127.0.0.1.
import { spawn, spawnSync } from 'node:child_process';
import { serve } from './serve.mjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ELECTRON_VITE = path.join(REPO_ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');

function electronBinary() {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], { cwd: REPO_ROOT, encoding: 'utf-8', timeout: 120_000 });
  return probe.status === 0 && probe.stdout ? probe.stdout.trim() : null;
}

const binary = process.env.CWS_FORCE_SERVE === '1' ? null : electronBinary();
if (binary) {
  const build = spawnSync(process.execPath, [ELECTRON_VITE, 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 2);
  const child = spawn(binary, [REPO_ROOT], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  await serve(process.argv.slice(2), {
    banner: 'Electron 运行文件不可用（本机无法下载 Electron），改为在浏览器中打开同一应用：',
  });
}
