// A served app over a small demo workspace, shared by the e2e tests of one file. Uses the district generator
// (datasets/generate); while that is still a placeholder, or with CWS_E2E_DATA=seed, the small seeded district of
// seed.ts stands in.
import fs from 'node:fs';
import path from 'node:path';
import { createDemoWorkspace } from '../../electron/core/demo/services';
import { startServer, type RunningServer } from '../../electron/serve';
import { tempDir } from '../helpers/workspace';
import { createSeededWorkspace } from './seed';

export async function demoWorkspace(scale = 2000): Promise<string> {
  const workspacePath = path.join(tempDir('cws-e2e-'), 'demo.duckdb');
  if (process.env.CWS_E2E_DATA === 'seed') {
    await createSeededWorkspace(workspacePath, scale);
    return workspacePath;
  }
  try {
    await createDemoWorkspace(workspacePath, { scale, seed: 7 });
  } catch (err) {
    if (!/not written yet/.test(String((err as Error)?.message ?? err))) throw err;
    fs.rmSync(workspacePath, { force: true });
    await createSeededWorkspace(workspacePath, scale);
  }
  return workspacePath;
}

// A call still running after 15 s is printed with its name (see electron/serve.ts), so a UI wait that times out says
// what it waited for.
process.env.CWS_SERVE_SLOW_MS ??= '15000';

export async function servedDemo(scale = 2000): Promise<{ server: RunningServer; workspacePath: string }> {
  const workspacePath = await demoWorkspace(scale);
  // CWS_E2E_STATIC: serve a renderer built elsewhere (the shared out/renderer may be rebuilt by others mid-run).
  const server = await startServer({ workspacePath, operator: 'e2e', ...(process.env.CWS_E2E_STATIC ? { staticDir: process.env.CWS_E2E_STATIC } : {}) });
  return { server, workspacePath };
}
