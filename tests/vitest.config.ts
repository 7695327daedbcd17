// Vitest for `npm test` (kept under tests/ so that the repository's top level stays as designed); paths are from
// the repository root.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/bench/**', 'node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    globalSetup: ['tests/setup/global-setup.ts'],
    pool: 'forks',
    // DuckDB uses both cores per test file; more workers only thrash.
    maxWorkers: 2,
  },
});
