// First run: no workspace yet, so the served app creates the demo workspace (20,000 subjects) with a progress bar
// and then shows the overview on it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot, STEP_TIMEOUT, watchErrors } from './browser';
import { startServer, type RunningServer } from '../../electron/serve';
import { tempDir } from '../helpers/workspace';

let browser: Browser;
let server: RunningServer;
let wsPath: string;

beforeAll(async () => {
  wsPath = path.join(tempDir('cws-first-run-'), 'first.duckdb');
  server = await startServer({ workspacePath: wsPath, operator: 'e2e', staticDir: process.env.CWS_E2E_STATIC || undefined });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('first run', () => {
  it('creates the demo workspace with a progress bar, then shows the overview with its data', async () => {
    expect(fs.existsSync(wsPath)).toBe(false);
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.setDefaultTimeout(STEP_TIMEOUT);
    const errors = watchErrors(page);
    await page.goto(server.url);
    await page.getByTestId('first-run').waitFor();
    await page.locator('[data-testid="first-run"] .ant-progress').waitFor();
    await screenshot(page, 'first-run');
    await page.getByTestId('page-overview').waitFor({ timeout: 180_000 });
    expect(fs.existsSync(wsPath)).toBe(true);
    const ws = await server.core.session.workspace();
    expect(ws.path).toBe(wsPath);
    expect(await ws.scalar<number>('SELECT count(*) FROM subjects')).toBe(20_000);
    const kpi = await page.getByTestId('kpi-subjects').innerText();
    expect(Number(kpi.replace(/[^\d]/g, ''))).toBe(20_000);
    expect(errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
