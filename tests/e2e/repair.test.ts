// 信用修复 in headless Chromium against the served page, over a demo workspace with a disclosure run (测算日
// 2026-06-30): counts by status equal to SQL on penalty_disclosure, eligibility filters with SQL row counts and an
// XLSX export, the 信用管家 outreach list, repair efficiency, 三书同达 and the commitment loop against SQL written
// from the rules, the rule sets, and a new run started from the page.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, STEP_TIMEOUT, watchErrors, inkedPixels } from './browser';
import { servedDemoWithRuns, type DemoRuns } from './fixture-runs';
import { openApp } from './ui';
import type { Workspace } from '../../electron/core/workspace';

const STATUSES = ['不予公示', '公示中', '可申请修复', '已修复', '公示期满'] as const;

let browser: Browser;
let runs: DemoRuns;
let ws: Workspace;
let page: Page;
let errors: string[];

const count = async (sql: string, params: (string | number)[] = []) => Number(await ws.scalar(sql, params));
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const pct = (n: number, d: number) => `${((n / d) * 100).toFixed(1)}%`;

async function statText(testId: string): Promise<string> {
  return page.getByTestId(testId).locator('.ant-statistic-content-value').innerText();
}
const statValue = async (testId: string) => Number((await statText(testId)).replace(/[^\d]/g, ''));

async function openTab(name: string): Promise<void> {
  await page.getByTestId('page-repair').getByRole('tab', { name }).click();
}

/** Waits for the 共 N 条 of a table's pagination (antd puts the test id on the inner table, the pagination beside it). */
async function waitPaginationTotal(testId: string, n: number): Promise<void> {
  await page.waitForFunction(
    ({ id, n }) => {
      const wrapper = document.querySelector(`[data-testid="${id}"]`)?.closest('.ant-table-wrapper');
      const t = wrapper?.querySelector('.ant-pagination-total-text')?.textContent ?? '';
      return t.includes('共') && Number(t.replace(/[^\d]/g, '')) === n;
    },
    { id: testId, n },
    { timeout: 30_000 },
  );
}

async function chooseOptions(selectTestId: string, labels: string[]): Promise<void> {
  await page.getByTestId(selectTestId).click();
  for (const label of labels) {
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label }).first().click();
  }
  await page.keyboard.press('Escape');
}

const input = (testId: string) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();


/** Status counts shown in the run panel equal penalty_disclosure's, and the run is the one SQL holds. */
async function expectRunPanelMatchesSql(asOf: string): Promise<void> {
  await page.getByTestId('repair-latest').filter({ hasText: `测算日 ${asOf}` }).waitFor({ timeout: 30_000 });
  expect(await ws.all(`SELECT DISTINCT CAST(as_of_date AS VARCHAR) AS d FROM penalty_disclosure`)).toEqual([{ d: asOf }]);
  for (const s of STATUSES) {
    expect(await statValue(`repair-status-${s}`), s).toBe(await count(`SELECT count(*) FROM penalty_disclosure WHERE status = ?`, [s]));
  }
  const total = await count(`SELECT count(*) FROM penalty_disclosure`);
  const excluded = await count(`SELECT count(*) FROM penalties WHERE decision_date > ?::DATE`, [asOf]);
  const text = await page.getByTestId('repair-latest').innerText();
  expect(text).toContain(`共 ${total.toLocaleString('zh-CN')} 条`);
  if (excluded) expect(text).toContain(`${excluded.toLocaleString('zh-CN')} 条决定晚于测算日`);
}

beforeAll(async () => {
  runs = await servedDemoWithRuns(2000, { tier: false });
  ws = runs.ws;
  browser = await launchBrowser();
  ({ page, errors } = await openApp(browser, runs.server));
  await page.getByTestId('nav').getByText('信用修复').click();
  await page.getByTestId('repair-eligibility').waitFor({ timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
  await runs?.server.close();
});

describe('信用修复 page', () => {
  it('shows the latest run: counts by status equal to penalty_disclosure, the status chart drawn', async () => {
    expect(await count(`SELECT count(*) FROM penalty_disclosure WHERE status = '可申请修复'`)).toBeGreaterThan(0);
    await expectRunPanelMatchesSql(runs.repairAsOf);
    expect(await input('repair-asof').inputValue()).toBe(runs.repairAsOf);
    await expect.poll(() => inkedPixels(page, 'repair-status-chart')).toBeGreaterThan(2000);
    await page.waitForTimeout(300);
    await screenshot(page, 'repair-eligibility');
  });

  it('filters the eligibility list with row counts equal to SQL, and exports the filtered list as XLSX', async () => {
    const all = await count(`SELECT count(*) FROM penalty_disclosure`);
    await waitPaginationTotal('repair-eligibility-table', all);

    await chooseOptions('repair-filter-status', ['可申请修复']);
    const eligible = await count(`SELECT count(*) FROM penalty_disclosure WHERE status = '可申请修复'`);
    expect(eligible).toBeLessThan(all);
    await waitPaginationTotal('repair-eligibility-table', eligible);
    // Every row on the page says 可申请修复.
    const statuses = await page.locator('[data-testid="repair-eligibility-table"] tbody tr[data-row-key] td:last-child').allInnerTexts();
    expect(statuses.length).toBe(Math.min(50, eligible));
    expect(new Set(statuses.map((s) => s.trim()))).toEqual(new Set(['可申请修复']));

    await chooseOptions('repair-filter-tier', ['严重', '一般']);
    const filtered = await count(`SELECT count(*) FROM penalty_disclosure WHERE status = '可申请修复' AND tier IN ('严重', '一般')`);
    expect(filtered).toBeLessThan(eligible);
    await waitPaginationTotal('repair-eligibility-table', filtered);

    const file = await (async () => {
      const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('repair-export').click()]);
      return { bytes: fs.readFileSync(await dl.path()), name: dl.suggestedFilename() };
    })();
    expect(file.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(file.name).toBe(`信用修复资格清单_${runs.repairAsOf}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]![0]).toBe('行政处罚决定书文号');
    const statusCol = (rows[0] as string[]).indexOf('状态');
    const tierCol = (rows[0] as string[]).indexOf('失信等级');
    const body = rows.slice(1).filter((r) => typeof r[0] === 'string' && r[statusCol] !== undefined);
    expect(body).toHaveLength(filtered);
    expect(new Set(body.map((r) => r[statusCol]))).toEqual(new Set(['可申请修复']));
    expect(new Set(body.map((r) => r[tierCol])).has('轻微')).toBe(false);

    // 可修复日不晚于: a date picked from the data narrows to what SQL counts.
    const by = String(await ws.scalar(
      `SELECT CAST(quantile_disc(earliest_repair, 0.5) AS VARCHAR) FROM penalty_disclosure WHERE status = '可申请修复' AND tier IN ('严重', '一般')`,
    ));
    await page.getByTestId('repair-eligibility').locator('input[type="date"]').fill(by);
    const byCount = await count(
      `SELECT count(*) FROM penalty_disclosure WHERE status = '可申请修复' AND tier IN ('严重', '一般') AND earliest_repair <= ?::DATE`,
      [by],
    );
    expect(byCount).toBeLessThan(filtered);
    await waitPaginationTotal('repair-eligibility-table', byCount);

    // A decision number in the search box finds exactly its rows.
    const decision = String(await ws.scalar(
      `SELECT decision_no FROM penalty_disclosure WHERE status = '可申请修复' AND tier IN ('严重', '一般') ORDER BY decision_no LIMIT 1`,
    ));
    await page.getByTestId('repair-eligibility').locator('input[type="date"]').fill('');
    await page.getByTestId('repair-search').locator('input').fill(decision);
    await page.getByTestId('repair-search').locator('input').press('Enter');
    await waitPaginationTotal(
      'repair-eligibility-table',
      await count(
        `SELECT count(*) FROM penalty_disclosure WHERE status = '可申请修复' AND tier IN ('严重', '一般')
           AND (contains(decision_no, ?) OR contains(coalesce(uscc, ''), ?) OR contains(coalesce(subject_name, ''), ?))`,
        [decision, decision, decision],
      ),
    );
    await screenshot(page, 'repair-eligibility-filtered');
  });

  it('lists the 可申请修复 records by town for the 信用管家 outreach, as SQL groups them', async () => {
    await openTab('信用管家走访');
    await page.getByTestId('repair-outreach').waitFor();
    expect(await page.getByTestId('repair-outreach-total').innerText()).toBe(
      (await count(`SELECT count(*) FROM penalty_disclosure WHERE status = '可申请修复'`)).toLocaleString('zh-CN'),
    );
    const towns = await ws.all<{ town: string; n: number }>(
      `SELECT coalesce(town, '（未匹配街镇）') AS town, count(*) AS n FROM penalty_disclosure WHERE status = '可申请修复' GROUP BY 1`,
    );
    const headers = await page.getByTestId('repair-outreach-towns').locator('.ant-collapse-header').allInnerTexts();
    expect(headers).toHaveLength(towns.length);
    for (const t of towns) expect(headers.some((h) => h.startsWith(`${t.town}（${Number(t.n).toLocaleString('zh-CN')} 条`)), t.town).toBe(true);
    await expect.poll(() => inkedPixels(page, 'repair-outreach-chart')).toBeGreaterThan(1000);

    // Opening a town lists its records, earliest first.
    const top = [...towns].sort((a, b) => Number(b.n) - Number(a.n))[0]!;
    await page.getByTestId('repair-outreach-towns').locator('.ant-collapse-header', { hasText: `${top.town}（` }).first().click();
    const firstDecision = String(await ws.scalar(
      `SELECT decision_no FROM penalty_disclosure WHERE status = '可申请修复' AND coalesce(town, '（未匹配街镇）') = ? ORDER BY earliest_repair, decision_no, uscc LIMIT 1`,
      [top.town],
    ));
    await page.getByTestId('repair-outreach-towns').locator('tbody tr[data-row-key]').first().waitFor();
    expect(await page.getByTestId('repair-outreach-towns').locator('tbody tr[data-row-key]').first().innerText()).toContain(firstDecision);
    await screenshot(page, 'repair-outreach');
  });

  it('shows repair efficiency: applications, finished cases and the 受理即办结 share equal to SQL', async () => {
    await openTab('修复效率');
    await page.getByTestId('repair-sameday-share').waitFor();
    const now = new Date(); // the core's default as-of date: the local date
    const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    const row = (await ws.one<{ applied: number; finished: number; same: number }>(
      `SELECT count(*) AS applied,
         count(*) FILTER (WHERE finished_date <= ?::DATE) AS finished,
         count(*) FILTER (WHERE finished_date <= ?::DATE AND finished_date = coalesce(accepted_date, applied_date)) AS same
       FROM repairs WHERE applied_date IS NOT NULL AND coalesce(accepted_date, applied_date) <= ?::DATE`,
      [today, today, today],
    ))!;
    expect(Number(row.finished)).toBeGreaterThan(0);
    expect(await statValue('repair-applied')).toBe(Number(row.applied));
    expect(await statValue('repair-finished')).toBe(Number(row.finished));
    expect(await statText('repair-sameday-share')).toBe(pct(Number(row.same), Number(row.finished)));
    await expect.poll(() => inkedPixels(page, 'repair-days-chart')).toBeGreaterThan(1000);
    await expect.poll(() => inkedPixels(page, 'repair-trend-chart')).toBeGreaterThan(1000);
    await screenshot(page, 'repair-efficiency');
  });

  it('shows the 三书同达 share overall and per department as SQL computes it from the delivery dates', async () => {
    await openTab('三书同达');
    await page.getByTestId('repair-docs-share').waitFor();
    // Key sectors per the district settings: their penalties also need the 法治体检书 (四书同达).
    const district = JSON.parse(fs.readFileSync(path.resolve('datasets/rules/repair-district.json'), 'utf8')) as {
      documents: { keySectors: { authorityKeywords: string[]; industryPrefixes: string[] }[] };
    };
    const keyConds = district.documents.keySectors.flatMap((s) => [
      ...s.authorityKeywords.map((k) => `contains(coalesce(p.authority, ''), ${lit(k)})`),
      ...s.industryPrefixes.map((x) => `starts_with(coalesce(s.industry_code, ''), ${lit(x)})`),
    ]);
    const rows = await ws.all<{ dept: string; penalties: number; all_docs: number }>(
      `SELECT coalesce(nullif(trim(p.authority), ''), '（未填）') AS dept, count(*) AS penalties,
         count(*) FILTER (WHERE p.doc_decision_date = p.decision_date AND p.doc_compliance_date = p.decision_date
           AND p.doc_repair_notice_date = p.decision_date
           AND (NOT (${keyConds.join(' OR ') || 'false'}) OR p.doc_checkup_date = p.decision_date)) AS all_docs
       FROM penalties p LEFT JOIN (SELECT uscc, any_value(industry_code) AS industry_code FROM subjects GROUP BY uscc) s ON s.uscc = p.uscc
       WHERE p.decision_date IS NOT NULL GROUP BY 1`,
    );
    const penalties = rows.reduce((n, r) => n + Number(r.penalties), 0);
    const allDocs = rows.reduce((n, r) => n + Number(r.all_docs), 0);
    expect(allDocs).toBeGreaterThan(0);
    expect(allDocs).toBeLessThan(penalties);
    expect(await statText('repair-docs-share')).toBe(pct(allDocs, penalties));
    const top = [...rows].sort((a, b) => Number(b.penalties) - Number(a.penalties))[0]!;
    const cells = await page.getByTestId('repair-docs-table').locator(`tbody tr[data-row-key="${top.dept}"] td`).allInnerTexts();
    expect(Number(cells[1])).toBe(Number(top.penalties));
    expect(Number(cells[3])).toBe(Number(top.all_docs));
    expect(cells[4]).toBe(pct(Number(top.all_docs), Number(top.penalties)));
    await expect.poll(() => inkedPixels(page, 'repair-docs-chart')).toBeGreaterThan(1000);
    await screenshot(page, 'repair-documents');
  });

  it('closes the commitment loop as of a date: totals and broken commitments (marked, or penalised for the same matter in term) equal to SQL', async () => {
    await openTab('信用承诺闭环');
    await page.getByTestId('repair-commit-total').waitFor();
    const asOf = runs.repairAsOf;
    await input('repair-commit-asof').fill(asOf);
    const district = JSON.parse(fs.readFileSync(path.resolve('datasets/rules/repair-district.json'), 'utf8')) as {
      commitments: { brokenStatuses: string[] };
    };
    const brokenWords = district.commitments.brokenStatuses.map((w) => lit(w.toLowerCase())).join(', ');
    const made = await count(`SELECT count(DISTINCT commitment_id) FROM commitments WHERE made_date <= ?::DATE`, [asOf]);
    const broken = await count(
      `SELECT count(DISTINCT c.commitment_id) FROM commitments c
       WHERE c.made_date <= ?::DATE AND (
         (c.broken_date IS NOT NULL AND c.broken_date <= ?::DATE)
         OR (c.broken_date IS NULL AND lower(trim(coalesce(c.status, ''))) IN (${brokenWords}))
         OR EXISTS (SELECT 1 FROM penalties p WHERE p.uscc = c.uscc AND trim(p.violation_type) = trim(c.matter)
              AND p.decision_date >= c.made_date AND p.decision_date <= coalesce(c.term_end_date, ?::DATE) AND p.decision_date <= ?::DATE))`,
      [asOf, asOf, asOf, asOf],
    );
    expect(broken).toBeGreaterThan(0);
    await page.waitForFunction(
      ({ n }) => Number(document.querySelector('[data-testid="repair-commit-total"] .ant-statistic-content-value')?.textContent?.replace(/[^\d]/g, '')) === n,
      { n: made },
      { timeout: 30_000 },
    );
    expect(await statValue('repair-commit-broken')).toBe(broken);
    const kept = await statValue('repair-commit-kept');
    expect(await statText('repair-commit-rate')).toBe(pct(kept, kept + broken));
    await expect.poll(() => inkedPixels(page, 'repair-commit-chart')).toBeGreaterThan(1000);
    await screenshot(page, 'repair-commitments');
  });

  it('shows both rule sets and the working-day calendar', async () => {
    await openTab('规则说明');
    const text = await page.getByTestId('repair-rules').innerText();
    for (const file of ['repair-order36-2026.json', 'repair-order58-2023.json']) {
      const rs = JSON.parse(fs.readFileSync(path.resolve('datasets/rules', file), 'utf8')) as { title: string; effectiveFrom: string };
      expect(text).toContain(rs.title);
      expect(text).toContain(`${rs.effectiveFrom} 起`);
    }
    expect(text).toContain('工作日历');
  });

  it('defaults the commitment date to the local date (China), not the UTC one', async () => {
    // 01:30 on 1 July in Shanghai is still 30 June in UTC.
    const context = await browser.newContext({ timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 1000 } });
    try {
      const local = await context.newPage();
      local.setDefaultTimeout(STEP_TIMEOUT);
      const localErrors = watchErrors(local);
      await local.clock.setFixedTime(new Date('2026-06-30T17:30:00Z'));
      await local.goto(runs.server.url);
      await local.getByTestId('nav').getByText('信用修复').click();
      await local.getByTestId('page-repair').getByRole('tab', { name: '信用承诺闭环' }).click();
      await local.getByTestId('repair-commit-total').waitFor({ timeout: 30_000 });
      expect(await local.locator('input[data-testid="repair-commit-asof"], [data-testid="repair-commit-asof"] input').first().inputValue()).toBe('2026-07-01');
      expect(localErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('runs a new 测算 from the page on another date and shows the new SQL counts, without page errors', async () => {
    const asOf = '2026-03-31';
    await input('repair-asof').fill(asOf);
    await page.getByTestId('repair-start').click();
    await expectRunPanelMatchesSql(asOf);
    await openTab('修复资格清单');
    await waitPaginationTotal('repair-eligibility-table', await count(`SELECT count(*) FROM penalty_disclosure`));
    // Before 2026-04-01 every decision falls under Order 58 (auto rule set by decision date).
    expect(await count(`SELECT count(*) FROM penalty_disclosure WHERE rule_set <> 'order58'`)).toBe(0);
    await screenshot(page, 'repair-rerun');
    expect(errors).toEqual([]);
  });
});
