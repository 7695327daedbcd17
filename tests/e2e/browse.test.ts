// 数据浏览 in headless Chromium: virtual rows over a table, a per-column filter pushed into SQL, column statistics,
// CSV export of the filtered view, and a row opening the subject's profile — all checked against SQL run directly.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './browser';
import { servedDemo } from './fixture';
import { gridTotal, numberIn, openApp } from './ui';
import type { RunningServer } from '../../electron/serve';
import type { Workspace } from '../../electron/core/workspace';

let browser: Browser;
let server: RunningServer;
let ws: Workspace;
let page: Page;
let errors: string[];

const count = async (sql: string, params: (string | number)[] = []) => Number(await ws.scalar(sql, params));

beforeAll(async () => {
  server = (await servedDemo(2000)).server;
  ws = await server.core.session.workspace();
  browser = await launchBrowser();
  ({ page, errors } = await openApp(browser, server));
  await page.getByTestId('nav').getByText('数据浏览').click();
  await page.getByTestId('page-browse').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Picks a table by typing its name into the select (the option list is virtual: not every option is in the DOM). */
async function chooseTable(name: string): Promise<void> {
  await page.getByTestId('browse-table').click();
  await page.keyboard.type(name);
  await page.locator('.ant-select-item-option:visible', { hasText: `（${name}）` }).first().click();
}

describe('数据浏览 page', () => {
  it('pages a table with only the visible rows in the DOM', async () => {
    await gridTotal(page, await count('SELECT count(*) FROM subjects'));
    const rendered = await page.locator('.cws-grid-row').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(100);
    // Scrolling far down shows rows from the middle of the table.
    await page.locator('.cws-grid-scroll').evaluate((el) => (el.scrollTop = 30 * 1500));
    await page.waitForFunction(() => [...document.querySelectorAll('.cws-grid-row')].some((r) => Number((r as HTMLElement).style.top.replace('px', '')) >= 30 * 1500));
    await page.waitForFunction(() => ![...document.querySelectorAll('.cws-grid-td')].slice(0, 5).some((c) => c.textContent === '…'));
    expect(await page.locator('.cws-grid-row').count()).toBeLessThan(100);
  });

  it('filters a column in SQL and shows the SQL count', async () => {
    await chooseTable('penalties');
    await gridTotal(page, await count('SELECT count(*) FROM penalties'));
    const threshold = Number(await ws.scalar('SELECT median(fine_wan) FROM penalties WHERE fine_wan > 0'));
    await page.getByTestId('filter-fine_wan').click();
    await page.getByTestId('filter-editor-fine_wan').locator('.ant-select').click();
    await page.locator('.ant-select-item-option:visible', { hasText: /^大于$/ }).click();
    await page.getByTestId('filter-value').fill(String(threshold));
    await page.getByTestId('filter-apply').click();
    const expected = await count('SELECT count(*) FROM penalties WHERE fine_wan > ?', [threshold]);
    await gridTotal(page, expected);
    await expect(page.getByTestId('grid-filter-tag').innerText()).resolves.toContain('罚款金额（万元） 大于');
    await screenshot(page, 'browse-filtered');

    // The CSV export holds exactly the filtered rows, with a BOM and Chinese headers.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const bytes = fs.readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf-8');
    expect(text.split('\n')[0]).toContain('行政处罚决定书文号');
    const rows = Number(await ws.scalar(`SELECT count(*) FROM read_csv(?, header = true)`, [(await download.path())!]));
    expect(rows).toBe(expected);
    expect(download.suggestedFilename()).toMatch(/^行政处罚-\d{8}-\d{6}\.csv$/);
    const audited = await count(`SELECT count(*) FROM audit_log WHERE action = 'export.file' AND target = ?`, [download.suggestedFilename()]);
    expect(audited).toBe(1);
  });

  it('computes column statistics on demand', async () => {
    await chooseTable('subjects');
    await gridTotal(page, await count('SELECT count(*) FROM subjects'));
    await page.getByTestId('stats-town').click();
    await page.getByTestId('column-stats-town').waitFor();
    expect(await numberIn(page, 'stats-distinct')).toBe(await count('SELECT count(DISTINCT town) FROM subjects'));
    await screenshot(page, 'browse-stats');
    await page.keyboard.press('Escape');
  });

  it('opens the profile of the clicked subject', async () => {
    const firstRow = page.locator('.cws-grid-row').first();
    const uscc = (await firstRow.locator('.cws-grid-td').first().innerText()).trim();
    await firstRow.click();
    await page.locator('[data-testid="page-profile"][data-state="ready"]').waitFor();
    await expect(page.getByTestId('profile-uscc').innerText()).resolves.toContain(uscc);
    expect(errors).toEqual([]);
  });
});
