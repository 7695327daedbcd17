import { defineConfig } from 'vitest/config';

export default defineConfig({
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
