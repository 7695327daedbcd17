// 审计 in headless Chromium against the served page: the hash-chained log listed page by page as SQL on audit_log
// says, filtered by action, verified (校验通过), a temporary unmask with a stated purpose that shows an ID number in
// clear on the SQL page and is itself logged, and an entry edited directly in the workspace reported by its
// sequence number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, screenshot, STEP_TIMEOUT } from './browser';
import { servedDemo } from './fixture';
import { callCore } from './fixture-runs';
import { openApp, waitForGrant } from './ui';
import type { RunningServer } from '../../electron/serve';
import type { Workspace } from '../../electron/core/workspace';

const PAGE_SIZE = 50;
const PERSONAL_QUERIES = 55;
const PURPOSE = '核查举报线索（编号 E2E-031）';
const PERSON_SQL = 'SELECT person_id, id_number FROM persons WHERE id_number IS NOT NULL ORDER BY person_id LIMIT 1';

let browser: Browser;
let server: RunningServer;
let ws: Workspace;
let page: Page;
let errors: string[];

const count = async (sql: string, params: (string | number)[] = []) => Number(await ws.scalar(sql, params));

beforeAll(async () => {
  server = (await servedDemo(2000)).server;
  ws = await server.core.session.workspace();
  // Entries of two kinds, more than one page of them: an evaluation run and queries that read personal data.
  await callCore(server, 'evaluate.run', {});
  for (let i = 0; i < PERSONAL_QUERIES; i++) await callCore(server, 'query.run', { sql: `SELECT name FROM persons LIMIT ${i + 1}` });
  browser = await launchBrowser();
  ({ page, errors } = await openApp(browser, server));
  await goTo('审计');
  await page.getByTestId('page-audit').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function goTo(label: string): Promise<void> {
  await page.getByTestId('nav').getByText(label, { exact: true }).click();
}

const table = () => page.getByTestId('page-audit').locator('.ant-table');
const tableRows = () => table().locator('.ant-table-tbody tr.ant-table-row');

/** The 序号 column of the rows shown. */
async function seqsShown(): Promise<number[]> {
  return table().evaluate((t) => {
    // The first cell of a row is the expand button: find the 序号 column by its header.
    const col = [...t.querySelectorAll('thead th')].findIndex((th) => th.textContent === '序号');
    return [...t.querySelectorAll('.ant-table-tbody tr.ant-table-row')].map((r) => Number(r.querySelectorAll('td')[col]?.textContent ?? 'NaN'));
  });
}

/** Waits until the table shows exactly these sequence numbers (after a page change or filter). */
async function expectSeqs(expected: number[]): Promise<void> {
  await expect.poll(seqsShown, { timeout: STEP_TIMEOUT }).toEqual(expected);
}

async function totalShown(): Promise<number> {
  const text = await page.getByTestId('page-audit').locator('.ant-pagination-total-text').innerText();
  return Number(text.replace(/[^\d]/g, ''));
}

async function pickOption(select: Locator, text: string): Promise<void> {
  await select.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

async function verifyText(): Promise<string> {
  await page.getByTestId('audit-verify').click();
  // The button shows as loading from the click until the answer is in.
  await page.locator('[data-testid="audit-verify"]:not(.ant-btn-loading)').waitFor();
  const result = page.getByTestId('audit-verify-result');
  await result.waitFor();
  return result.innerText();
}

/** Runs a query on the SQL page and returns the first row's cells keyed by column. */
async function sqlFirstRow(sql: string): Promise<Record<string, string>> {
  await goTo('SQL');
  await page.getByTestId('page-sql').waitFor();
  const editor = page.getByTestId('sql-editor');
  await editor.fill(sql);
  // A marker the previous result cannot carry: wait for this run's status line.
  await page.evaluate(() => document.querySelector('[data-testid="sql-status"]')?.setAttribute('data-stale', '1'));
  await editor.press('Control+Enter');
  await page.locator('[data-testid="sql-status"]:not([data-stale])').waitFor({ timeout: STEP_TIMEOUT });
  const grid = page.locator('[data-testid="page-sql"] [data-testid="data-grid"]');
  await grid.locator('.cws-grid-row').first().waitFor();
  return grid.evaluate((g) => {
    const columns = [...g.querySelectorAll('.cws-grid-th')].map((th) => th.getAttribute('data-column') ?? '');
    const cells = [...g.querySelectorAll('.cws-grid-row')[0]!.querySelectorAll('.cws-grid-td')].map((td) => td.textContent ?? '');
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
  });
}

describe('审计 page', () => {
  it('lists the newest entries first, a page at a time, as audit_log holds them', async () => {
    const total = await count('SELECT count(*) FROM audit_log');
    expect(total).toBeGreaterThan(PAGE_SIZE);
    const firstPage = (await ws.all<{ seq: number }>(`SELECT seq FROM audit_log ORDER BY seq DESC LIMIT ${PAGE_SIZE}`)).map((r) => Number(r.seq));
    await expectSeqs(firstPage);
    expect(await totalShown()).toBe(total);
    await page.getByTestId('page-audit').locator('.ant-pagination-next').click();
    const secondPage = (await ws.all<{ seq: number }>(`SELECT seq FROM audit_log ORDER BY seq DESC LIMIT ${PAGE_SIZE} OFFSET ${PAGE_SIZE}`)).map((r) => Number(r.seq));
    expect(secondPage.length).toBe(Math.min(PAGE_SIZE, total - PAGE_SIZE));
    await expectSeqs(secondPage);
    await page.getByTestId('page-audit').locator('.ant-pagination-item-1').click();
    await expectSeqs(firstPage);
    // Each row says who did what to which object.
    const newest = (await ws.one<{ operator: string; action: string; target: string | null }>(`SELECT operator, action, target FROM audit_log ORDER BY seq DESC LIMIT 1`))!;
    const row = await tableRows().first().innerText();
    expect(row).toContain(newest.operator);
    expect(row).toContain('查询个人信息');
    await screenshot(page, 'audit-list');
  });

  it('filters by action: the entries shown are exactly those of that action', async () => {
    await pickOption(page.getByTestId('audit-filter-action'), '信用评价');
    const evalSeqs = (await ws.all<{ seq: number }>(`SELECT seq FROM audit_log WHERE action = 'evaluate.run' ORDER BY seq DESC LIMIT ${PAGE_SIZE}`)).map((r) => Number(r.seq));
    expect(evalSeqs.length).toBeGreaterThan(0);
    await expectSeqs(evalSeqs);
    expect(await totalShown()).toBe(await count(`SELECT count(*) FROM audit_log WHERE action = 'evaluate.run'`));
    for (const text of await tableRows().allInnerTexts()) expect(text).toContain('信用评价');

    await pickOption(page.getByTestId('audit-filter-action'), '查询个人信息');
    const personalTotal = await count(`SELECT count(*) FROM audit_log WHERE action = 'query.personal'`);
    expect(personalTotal).toBeGreaterThanOrEqual(PERSONAL_QUERIES);
    await expect.poll(totalShown).toBe(personalTotal);
    await expect.poll(() => tableRows().count()).toBe(Math.min(PAGE_SIZE, personalTotal));
    for (const text of await tableRows().allInnerTexts()) expect(text).not.toContain('信用评价');

    await page.getByTestId('audit-filter-action').hover();
    await page.locator('[data-testid="audit-filter-action"] .ant-select-clear').click({ force: true });
    await expect.poll(totalShown).toBe(await count('SELECT count(*) FROM audit_log'));
  });

  it('verifies the hash chain: 校验通过 with the number of entries', async () => {
    const text = await verifyText();
    expect(text).toContain('校验通过');
    expect(text).toContain(`共 ${await count('SELECT count(*) FROM audit_log')} 条`);
  });

  it('unmasks for a stated purpose: the ID number appears in clear on the SQL page and the grant is logged', async () => {
    const person = (await ws.one<{ person_id: string; id_number: string; masked: string }>(
      `SELECT person_id, id_number, mask_id(id_number) AS masked FROM main.persons WHERE id_number IS NOT NULL ORDER BY person_id LIMIT 1`,
    ))!;
    expect(person.masked).not.toBe(person.id_number);
    // Masked by default.
    const before = await sqlFirstRow(PERSON_SQL);
    expect(before.person_id).toBe(person.person_id);
    expect(before.id_number).toBe(person.masked);

    await goTo('审计');
    await page.getByTestId('page-audit').waitFor();
    const grantsBefore = await count(`SELECT count(*) FROM audit_log WHERE action = 'unmask.grant'`);
    await page.getByTestId('unmask-request').click();
    await page.getByTestId('unmask-purpose').fill(PURPOSE);
    await page.locator('.ant-modal:visible .ant-btn-primary').click();
    await waitForGrant(page);
    expect(await count(`SELECT count(*) FROM audit_log WHERE action = 'unmask.grant' AND purpose = ?`, [PURPOSE])).toBe(grantsBefore + 1);
    // The list reloads with the grant on top.
    await expect.poll(async () => tableRows().first().innerText()).toContain('临时查看未脱敏信息');
    expect(await tableRows().first().innerText()).toContain(PURPOSE);
    await screenshot(page, 'audit-unmasked');

    const after = await sqlFirstRow(PERSON_SQL);
    expect(after.person_id).toBe(person.person_id);
    expect(after.id_number).toBe(person.id_number);
    // That query is logged as unmasked, with the grant's purpose.
    const logged = (await ws.one<{ purpose: string; unmasked: boolean }>(
      `SELECT purpose, json_extract(detail, '$.unmasked')::BOOLEAN AS unmasked FROM audit_log WHERE action = 'query.personal' ORDER BY seq DESC LIMIT 1`,
    ))!;
    expect(logged.purpose).toBe(PURPOSE);
    expect(logged.unmasked).toBe(true);

    // Ending the grant masks again.
    await goTo('审计');
    await page.getByTestId('unmask-revoke').click();
    await page.getByTestId('unmask-inactive').waitFor();
    expect(await count(`SELECT count(*) FROM audit_log WHERE action = 'unmask.revoke'`)).toBe(1);
    expect((await sqlFirstRow(PERSON_SQL)).id_number).toBe(person.masked);
    await goTo('审计');
    await page.getByTestId('page-audit').waitFor();
  });

  it('reports an entry edited in the workspace by its sequence number, and passes again once restored', async () => {
    const total = await count('SELECT count(*) FROM audit_log');
    const victim = (await ws.one<{ seq: number; purpose: string | null }>(
      `SELECT seq, purpose FROM audit_log WHERE action = 'query.personal' ORDER BY seq LIMIT 1 OFFSET 10`,
    ))!;
    const seq = Number(victim.seq);
    expect(seq).toBeGreaterThan(1);
    expect(seq).toBeLessThan(total);
    await ws.run(`UPDATE audit_log SET purpose = '改过的事由' WHERE seq = ?`, [seq]);
    const text = await verifyText();
    expect(text).toContain('校验失败');
    expect(text).toContain(`第 ${seq} 条`);
    await screenshot(page, 'audit-tampered');

    await ws.run(`UPDATE audit_log SET purpose = ? WHERE seq = ?`, [victim.purpose, seq]);
    await expect.poll(verifyText).toContain('校验通过');
    expect(errors).toEqual([]);
  });
});
