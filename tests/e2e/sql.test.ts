// SQL 控制台 in headless Chromium: Ctrl+Enter runs a read-only query whose row count matches SQL run directly,
// results in the grid and in the chart builder, a forbidden statement explained in Chinese, a saved query kept
// across reloads, and a long query cancelled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, STEP_TIMEOUT } from './browser';
import { servedDemo } from './fixture';
import { gridTotal, openApp } from './ui';
import type { RunningServer } from '../../electron/serve';
import type { Workspace } from '../../electron/core/workspace';

let browser: Browser;
let server: RunningServer;
let ws: Workspace;
let page: Page;
let errors: string[];

beforeAll(async () => {
  server = (await servedDemo(2000)).server;
  ws = await server.core.session.workspace();
  browser = await launchBrowser();
  ({ page, errors } = await openApp(browser, server));
  await page.getByTestId('nav').getByText('SQL').click();
  await page.getByTestId('page-sql').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function typeSql(sql: string): Promise<void> {
  const editor = page.getByTestId('sql-editor');
  await editor.fill(sql);
  await editor.press('Control+Enter');
}

describe('SQL page', () => {
  it('lists the canonical tables with Chinese labels', async () => {
    const ref = await page.getByTestId('table-reference').innerText();
    for (const label of ['主体', '行政处罚', '行政许可', '名单', '信用承诺']) expect(ref).toContain(label);
    expect(ref).toContain('penalties');
  });

  it('runs a query with Ctrl+Enter and shows the SQL row count, the grid and a chart', async () => {
    const sql = `SELECT industry_name AS 行业, count(*) AS 主体数, sum(registered_capital_wan) AS 注册资本 FROM subjects GROUP BY 1 ORDER BY 2 DESC`;
    await typeSql(sql);
    const expected = Number(await ws.scalar(`SELECT count(*) FROM (${sql})`));
    await page.getByTestId('sql-status').waitFor();
    expect(Number((await page.getByTestId('sql-status').innerText()).match(/共 ([\d,]+) 行/)![1]!.replace(/,/g, ''))).toBe(expected);
    await gridTotal(page, expected);
    const top = await ws.one<{ 行业: string; 主体数: number }>(sql);
    await expect(page.locator('.cws-grid-row').first().innerText()).resolves.toContain(top!.行业);
    await page.getByRole('tab', { name: '图表', exact: true }).click();
    await page.locator('[data-testid="chart-result"] canvas').waitFor();
    await page.getByTestId('chart-kind').getByText('饼图').click();
    await page.waitForTimeout(200);
    await page.locator('[data-testid="chart-result"] canvas').waitFor();
    await screenshot(page, 'sql-chart');
    await page.getByRole('tab', { name: '结果', exact: true }).click();
  });

  it('explains in Chinese why a statement that writes is refused', async () => {
    await typeSql('DELETE FROM subjects');
    await page.getByTestId('error-alert').waitFor();
    await expect(page.getByTestId('error-alert').innerText()).resolves.toContain('只读查询');
    expect(Number(await ws.scalar('SELECT count(*) FROM subjects'))).toBeGreaterThan(0);
    await typeSql('SELECT * FROM no_such_table');
    await expect(page.getByTestId('error-alert').innerText()).resolves.toContain('表不存在');
  });

  it('saves a query and keeps it after a reload', async () => {
    await typeSql('SELECT town, count(*) AS n FROM subjects GROUP BY town');
    await page.getByTestId('sql-status').waitFor();
    await page.getByTestId('sql-save').click();
    await page.getByTestId('sql-save-name').fill('各街镇主体数');
    await page.getByTestId('sql-save-name').press('Enter');
    await page.reload();
    await page.getByTestId('page-sql').waitFor();
    await page.getByTestId('sql-saved').click();
    await expect(page.getByTestId('saved-query').first().innerText()).resolves.toBe('各街镇主体数');
    await page.keyboard.press('Escape');
  });

  it('cancels a long query', async () => {
    await typeSql('SELECT count(*) FROM range(20000000000) a');
    await page.waitForTimeout(400);
    await page.getByTestId('sql-cancel').click();
    await page.getByTestId('error-alert').waitFor({ timeout: STEP_TIMEOUT });
    await expect(page.getByTestId('error-alert').innerText()).resolves.toContain('已取消');
    await screenshot(page, 'sql-cancelled');
    expect(errors).toEqual([]);
  });
});
