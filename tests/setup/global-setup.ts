// Builds the renderer once before the tests (the served page needs out/renderer).
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  if (process.env.CWS_SKIP_BUILD === '1') return;
  execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
