// 总览 in headless Chromium against the served page: real counts, charts drawn, Chinese rendered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot, watchErrors } from './browser';
import { servedDemo } from './fixture';
import type { RunningServer } from '../../electron/serve';
import { openWorkspace } from '../../electron/core/workspace';
import fs from 'node:fs';

let browser: Browser;
let server: RunningServer;
let subjects = 0;
let penalties = 0;

beforeAll(async () => {
  const demo = await servedDemo(2000);
  server = demo.server;
  const ws = await server.core.session.workspace();
  subjects = await ws.scalar<number>('SELECT count(*) FROM subjects');
  penalties = await ws.scalar<number>('SELECT count(*) FROM penalties');
  void openWorkspace;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('总览 page', () => {
  it('shows the real row counts and draws the charts', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const errors = watchErrors(page);
    await page.goto(server.url);
    await page.getByTestId('page-overview').waitFor();
    await page.locator('[data-testid="chart-town"] canvas').waitFor();
    const kpi = await page.getByTestId('kpi-subjects').innerText();
    expect(Number(kpi.replace(/[^\d]/g, ''))).toBe(subjects);
    const table = await page.getByTestId('table-counts').innerText();
    expect(table).toContain('行政处罚');
    expect(table).toContain(penalties.toLocaleString('zh-CN'));
    await page.waitForTimeout(300);
    const file = await screenshot(page, 'overview');
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);
    expect(errors).toEqual([]);
  });

  it('refuses API calls without the token', async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/api/call`, { method: 'POST', body: JSON.stringify({ call: 'workspace.info', input: {} }) });
    expect(res.status).toBe(401);
  });

  it('pages a table in 数据浏览 with virtual rows', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(server.url);
    await page.getByTestId('nav').getByText('数据浏览').click();
    await page.getByTestId('data-grid').waitFor();
    const total = await page.getByTestId('grid-total').innerText();
    expect(Number(total.replace(/[^\d]/g, ''))).toBe(subjects);
    // Only the visible window of rows is in the DOM.
    const rendered = await page.locator('.cws-grid-row').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(100);
    await screenshot(page, 'browse');
  });
});
