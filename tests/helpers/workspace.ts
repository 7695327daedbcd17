// Test helpers: throwaway workspaces in the temp directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openWorkspace, type Workspace } from '../../electron/core/workspace';

export function tempDir(prefix = 'cws-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function tempWorkspacePath(name = 'w.duckdb'): string {
  return path.join(tempDir(), name);
}

/** A fresh, migrated, empty workspace. Close it in afterEach/afterAll. */
export async function emptyWorkspace(): Promise<Workspace> {
  return openWorkspace(tempWorkspacePath(), { create: true, threads: 2 });
}
