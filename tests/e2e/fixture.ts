// A served app over a small demo workspace, shared by the e2e tests of one file.
import path from 'node:path';
import { createDemoWorkspace } from '../../electron/core/demo/services';
import { startServer, type RunningServer } from '../../electron/serve';
import { tempDir } from '../helpers/workspace';

export async function servedDemo(scale = 2000): Promise<{ server: RunningServer; workspacePath: string }> {
  const workspacePath = path.join(tempDir('cws-e2e-'), 'demo.duckdb');
  await createDemoWorkspace(workspacePath, { scale, seed: 7 });
  const server = await startServer({ workspacePath, operator: 'e2e' });
  return { server, workspacePath };
}
