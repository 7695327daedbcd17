// 总览 in headless Chromium against the served page: KPI figures equal to SQL run directly, cross-filtering by
// clicking a town bar and an industry bar (tags shown and removable), data freshness per department.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './browser';
import { servedDemo } from './fixture';
import { clickBar, numberIn, openApp, overviewReady } from './ui';
import type { RunningServer } from '../../electron/serve';
import type { Workspace } from '../../electron/core/workspace';

let browser: Browser;
let server: RunningServer;
let ws: Workspace;
let page: Page;
let errors: string[];

const count = async (sql: string, params: string[] = []) => Number(await ws.scalar(sql, params));

beforeAll(async () => {
  server = (await servedDemo(2000)).server;
  ws = await server.core.session.workspace();
  browser = await launchBrowser();
  ({ page, errors } = await openApp(browser, server));
  await overviewReady(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('总览 page', () => {
  it('shows KPI figures equal to SQL counts and draws the charts', async () => {
    expect(await numberIn(page, 'kpi-subjects')).toBe(await count('SELECT count(*) FROM subjects'));
    expect(await numberIn(page, 'kpi-penalties')).toBe(await count('SELECT count(*) FROM penalties'));
    expect(await numberIn(page, 'kpi-licenses')).toBe(await count('SELECT count(*) FROM licenses'));
    const records = await count(
      `SELECT (SELECT count(*) FROM licenses) + (SELECT count(*) FROM penalties) + (SELECT count(*) FROM credit_lists) + (SELECT count(*) FROM commitments)
        + (SELECT count(*) FROM repairs) + (SELECT count(*) FROM inspections) + (SELECT count(*) FROM industry_ratings) + (SELECT count(*) FROM obligations)
        + (SELECT count(*) FROM complaints) + (SELECT count(*) FROM financing)`,
    );
    expect(await numberIn(page, 'kpi-records')).toBe(records);
    for (const id of ['chart-town', 'chart-industry', 'chart-month']) await page.locator(`[data-testid="${id}"] canvas`).waitFor();
    // Grade and tier cards say what has not been run yet, or show the latest run.
    const evalRuns = await count('SELECT count(*) FROM eval_runs');
    const gradesText = await page.getByTestId('kpi-grades').innerText();
    if (evalRuns === 0) expect(gradesText).toContain('尚无信用评价结果');
    else expect(await page.locator('[data-testid="kpi-grades-chart"] canvas').count()).toBe(1);
    await page.waitForTimeout(300);
    const file = await screenshot(page, 'overview');
    expect(fs.statSync(file).size).toBeGreaterThan(20_000);
  });

  it('filters every figure by the clicked town and by the clicked industry, with removable tags', async () => {
    const monthVersion = Number(await page.getByTestId('chart-month').getAttribute('data-version'));
    const town = await clickBar(page, 'chart-town', 1);
    await overviewReady(page, { town });
    await expect(page.getByTestId('filter-tag-town').innerText()).resolves.toContain(town);
    expect(await numberIn(page, 'kpi-subjects')).toBe(await count(`SELECT count(*) FROM subjects WHERE town = ?`, [town]));
    expect(await numberIn(page, 'kpi-penalties')).toBe(
      await count(`SELECT count(*) FROM penalties WHERE uscc IN (SELECT uscc FROM subjects WHERE town = ?)`, [town]),
    );
    expect(Number(await page.getByTestId('chart-month').getAttribute('data-version'))).toBeGreaterThan(monthVersion);

    const industry = await clickBar(page, 'chart-industry', 0);
    await overviewReady(page, { town, industry });
    expect(await numberIn(page, 'kpi-subjects')).toBe(
      await count(`SELECT count(*) FROM subjects WHERE town = ? AND coalesce(industry_name, industry_code, '未知') = ?`, [town, industry]),
    );
    await screenshot(page, 'overview-filtered');

    // Removing the town tag keeps the industry filter.
    await page.getByTestId('filter-tag-town').locator('.anticon-close').click();
    await overviewReady(page, { industry });
    expect(await numberIn(page, 'kpi-subjects')).toBe(await count(`SELECT count(*) FROM subjects WHERE coalesce(industry_name, industry_code, '未知') = ?`, [industry]));
    await page.getByTestId('filter-clear').click();
    await overviewReady(page);
    expect(await numberIn(page, 'kpi-subjects')).toBe(await count('SELECT count(*) FROM subjects'));
  });

  it('lists data freshness per department with the SQL counts', async () => {
    const table = await page.getByTestId('table-freshness').innerText();
    const top = await ws.one<{ dept: string; n: number }>(
      `SELECT source_dept AS dept, count(*) AS n FROM penalties WHERE source_dept IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
    );
    expect(table).toContain(top!.dept);
    expect(table).toContain(Number(top!.n).toLocaleString('zh-CN'));
    expect(errors).toEqual([]);
  });

  it('refuses API calls without the token', async () => {
    const res = await fetch(`http://127.0.0.1:${server.port}/api/call`, { method: 'POST', body: JSON.stringify({ call: 'workspace.info', input: {} }) });
    expect(res.status).toBe(401);
  });
});
