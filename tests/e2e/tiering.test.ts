// 风险分级 in headless Chromium against the served page, over a demo workspace with two tier runs (an earlier
// evaluation and today's): tier counts, heat map and distributions equal to SQL on tier_results, supervision lists
// with XLSX export, a warning acknowledged and still acknowledged after a reload, migration between the two runs,
// a seeded 双随机 sample drawn twice with the same list, the matrix editor's validation, and a run from the page.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, STEP_TIMEOUT, inkedPixels } from './browser';
import { servedDemoWithRuns, type DemoRuns } from './fixture-runs';
import { openApp, pageMessages } from './ui';
import type { Workspace } from '../../electron/core/workspace';

const TIERS = ['无感监管', '一般监管', '重点监管', '严格监管'] as const;
const KEYS = ['A', 'B', 'C', 'D'];

let browser: Browser;
let runs: DemoRuns;
let ws: Workspace;
let page: Page;
let errors: string[];

const count = async (sql: string, params: (string | number)[] = []) => Number(await ws.scalar(sql, params));
/** A SQL list literal of strings. */
const sqlList = (xs: readonly string[]) => `[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(', ')}]`;

/** The number a Statistic shows (its value part only: the tier cards carry a percentage suffix). */
async function statValue(testId: string): Promise<number> {
  const text = await page.getByTestId(testId).locator('.ant-statistic-content-value').innerText();
  return Number(text.replace(/[^\d]/g, ''));
}


interface ChartData {
  series: { name?: string; data: unknown[] }[];
  xAxis: { data?: string[] }[];
  yAxis: { data?: string[] }[];
}

async function chartData(testId: string): Promise<ChartData> {
  return page.evaluate((id) => {
    const el = document.querySelector(`[data-testid="${id}"]`) as HTMLElement & { __cwsChart?: any };
    const opt = el.__cwsChart.getOption();
    return JSON.parse(
      JSON.stringify({
        series: opt.series.map((s: any) => ({ name: s.name, data: s.data })),
        xAxis: (opt.xAxis ?? []).map((a: any) => ({ data: a.data })),
        yAxis: (opt.yAxis ?? []).map((a: any) => ({ data: a.data })),
      }),
    );
  }, testId);
}

async function openTab(name: string): Promise<void> {
  await page.getByTestId('page-tiering').getByRole('tab', { name }).click();
}

/** Clicks an export button, returns the downloaded file's bytes and name. */
async function download(testId: string): Promise<{ bytes: Buffer; name: string }> {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId(testId).click()]);
  const file = await dl.path();
  return { bytes: fs.readFileSync(file), name: dl.suggestedFilename() };
}

/** Data rows of a tiering export: the rows after the header row (whose first cell is 序号), and the lines above it. */
async function xlsxDataRows(bytes: Buffer): Promise<{ lines: string[]; rows: unknown[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0]!;
  const all: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => all.push((row.values as unknown[]).slice(1)));
  const header = all.findIndex((r) => r[0] === '序号');
  expect(header).toBeGreaterThan(0);
  // The data block ends at the first empty row (a watermark footer may follow it).
  const body = all.slice(header + 1);
  const end = body.findIndex((r) => r.every((x) => x === null || x === undefined || x === ''));
  return { lines: all.slice(0, header).map((r) => r.filter((x) => x !== null && x !== undefined).join(' ')), rows: end < 0 ? body : body.slice(0, end) };
}

const isXlsx = (bytes: Buffer) => bytes.subarray(0, 2).toString('latin1') === 'PK';

/** The 共 N 条 of a table's pagination (antd puts the test id on the inner table, the pagination beside it). */
async function waitPaginationTotal(testId: string, n: number): Promise<void> {
  const shownTotal = (id: string) =>
    document.querySelector(`[data-testid="${id}"]`)?.closest('.ant-table-wrapper')?.querySelector('.ant-pagination-total-text')?.textContent ?? '';
  try {
    await expect.poll(() => page.evaluate(shownTotal, testId), { timeout: STEP_TIMEOUT }).toSatisfy(
      (t: string) => t.includes('共') && Number(t.replace(/[^\d]/g, '')) === n,
    );
  } catch (err) {
    const shown = await page.evaluate(shownTotal, testId).catch(() => '?');
    throw new Error(`${testId}: expected 共 ${n} 条, the page shows “${shown}”; messages: ${(await pageMessages(page)).join(' / ') || 'none'}`, { cause: err });
  }
}

/** Waits until the supervision list shows the given total (共 N 户). */
async function listTotal(n: number): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const t = document.querySelector('[data-testid="tier-list-total"]')?.textContent ?? '';
      return t.includes('共') && Number(t.replace(/[^\d]/g, '')) === n;
    },
    n,
    { timeout: 60_000 },
  );
}

/** Types into an Input.Search (by test id) and submits it. */
async function search(testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).locator('input').fill(text);
  await page.getByTestId(testId).locator('input').press('Enter');
}

async function chooseOption(selectTestId: string, label: string): Promise<void> {
  await page.getByTestId(selectTestId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label }).first().click();
}

async function openTiering(): Promise<void> {
  await page.getByTestId('nav').getByText('风险分级').click();
  await page.getByTestId('tier-overview').waitFor({ timeout: 60_000 });
}

beforeAll(async () => {
  runs = await servedDemoWithRuns(2000, { repair: false });
  ws = runs.ws;
  browser = await launchBrowser();
  ({ page, errors } = await openApp(browser, runs.server));
  await openTiering();
});

afterAll(async () => {
  await browser?.close();
  await runs?.server.close();
});

describe('风险分级 page', () => {
  it('shows the latest run: tier counts, subjects and warnings equal to SQL, the heat map drawn with SQL cell counts', async () => {
    const latest = await ws.scalar<string>(`SELECT run_id FROM tier_runs ORDER BY created_at DESC LIMIT 1`);
    expect(latest).toBe(runs.tierRunId);
    await page.getByTestId('page-tiering').getByText(runs.tierRunId).first().waitFor();

    for (const t of TIERS) {
      expect(await statValue(`tier-count-${t}`), t).toBe(await count(`SELECT count(*) FROM tier_results WHERE run_id = ? AND tier = ?`, [runs.tierRunId, t]));
    }
    const subjects = await count(`SELECT count(*) FROM tier_results WHERE run_id = ?`, [runs.tierRunId]);
    expect(subjects).toBeGreaterThan(1000);
    expect(await statValue('tier-subjects')).toBe(subjects);
    const warnings = await count(`SELECT count(*) FROM warning_hits WHERE run_id = ?`, [runs.tierRunId]);
    expect(warnings).toBeGreaterThan(0);
    expect(await statValue('tier-warning-total')).toBe(warnings);

    // Heat map: 16 cells, each labelled with the cell's tier and its subjects as SQL counts them.
    await expect.poll(() => inkedPixels(page, 'chart-tier-matrix')).toBeGreaterThan(5000);
    const heat = await chartData('chart-tier-matrix');
    const cells = heat.series[0]!.data as { value: [number, number, number]; label: { formatter: string } }[];
    expect(cells).toHaveLength(16);
    const sqlCells = await ws.all<{ grade: string; risk: string; n: number }>(
      `SELECT grade, risk_class AS risk, count(*) AS n FROM tier_results WHERE run_id = ? GROUP BY ALL`,
      [runs.tierRunId],
    );
    const matrixCells = await ws.all<{ grade: string; risk: string; tier: string }>(
      `SELECT grade, risk_class AS risk, tier FROM tier_run_cells WHERE run_id = ?`,
      [runs.tierRunId],
    );
    for (const c of cells) {
      const risk = KEYS[c.value[0]]!;
      const grade = KEYS[c.value[1]]!;
      const n = sqlCells.find((x) => x.grade === grade && x.risk === risk)?.n ?? 0;
      const tier = matrixCells.find((x) => x.grade === grade && x.risk === risk)!.tier;
      expect(c.label.formatter, `${grade}×${risk}`).toContain(`${Number(n).toLocaleString('zh-CN')} 户`);
      expect(c.label.formatter.split('\n')[0]).toBe(tier);
      expect(TIERS[c.value[2]]).toBe(tier);
    }
    await expect.poll(() => inkedPixels(page, 'chart-tier-pie')).toBeGreaterThan(1000);

    // Warning hits per rule as SQL groups them.
    const byRule = await ws.all<{ rule_id: string; n: number }>(`SELECT rule_id, count(*) AS n FROM warning_hits WHERE run_id = ? GROUP BY 1`, [runs.tierRunId]);
    const ruleRows = page.getByTestId('tier-warning-rules').locator('tbody tr[data-row-key]');
    for (const r of byRule) {
      const cellsText = await ruleRows.and(page.locator(`[data-row-key="${r.rule_id}"]`)).locator('td').allInnerTexts();
      expect(Number(cellsText[2]), r.rule_id).toBe(Number(r.n));
      expect(Number(cellsText[3]), r.rule_id).toBe(Number(r.n)); // nothing handled yet
    }
    await page.waitForTimeout(300);
    await screenshot(page, 'tiering-overview');
  });

  it('draws the tier distribution by town with the SQL counts, and by industry summing to every subject', async () => {
    const before = Number(await page.getByTestId('chart-tier-town').getAttribute('data-version'));
    await page.getByTestId('tier-town-mode').getByText('数量').click();
    await page.waitForFunction(
      ({ v }) => Number(document.querySelector('[data-testid="chart-tier-town"]')?.getAttribute('data-version')) > v,
      { v: before },
    );
    const town = await chartData('chart-tier-town');
    const towns = town.xAxis[0]!.data!;
    const sql = await ws.all<{ town: string; tier: string; n: number }>(
      `SELECT coalesce(s.town, '(未登记街镇)') AS town, t.tier, count(*) AS n
       FROM tier_results t LEFT JOIN subjects s ON s.uscc = t.uscc WHERE t.run_id = ? GROUP BY ALL`,
      [runs.tierRunId],
    );
    expect(new Set(towns)).toEqual(new Set(sql.map((r) => r.town)));
    for (const s of town.series) {
      towns.forEach((name, i) => {
        const expected = sql.find((r) => r.town === name && r.tier === s.name)?.n ?? 0;
        expect(s.data[i], `${name} ${s.name}`).toBe(Number(expected));
      });
    }
    const industry = await chartData('chart-tier-industry');
    const industryTotal = industry.series.flatMap((s) => s.data as number[]).reduce((a, b) => a + b, 0);
    expect(industryTotal).toBe(await count(`SELECT count(*) FROM tier_results WHERE run_id = ?`, [runs.tierRunId]));
    await expect.poll(() => inkedPixels(page, 'chart-tier-industry')).toBeGreaterThan(1000);
  });

  it('lists 无感监管 and 重点监管 subjects with SQL totals, the 无事不扰 items, and exports a list as XLSX', async () => {
    await openTab('监管清单');
    await page.getByTestId('tier-lists').waitFor();
    const matrix = JSON.parse(String(await ws.scalar(`SELECT CAST(matrix AS VARCHAR) FROM tier_runs WHERE run_id = ?`, [runs.tierRunId]))) as {
      lists: { noDisturb: string[]; key: string[] };
      exemptItems: { tier: string; items: unknown[] }[];
    };
    const inTiers = (tiers: string[]) =>
      count(`SELECT count(*) FROM tier_results WHERE run_id = ? AND list_contains(${sqlList(tiers)}, tier)`, [runs.tierRunId]);
    const noDisturb = await inTiers(matrix.lists.noDisturb);
    expect(noDisturb).toBeGreaterThan(0);
    await listTotal(noDisturb);

    const exempt = page.getByTestId('tier-exempt-items').locator('tbody tr[data-row-key]');
    await expect.poll(() => exempt.count()).toBe(matrix.exemptItems.reduce((n, e) => n + e.items.length, 0));

    const file = await download('tier-list-export');
    expect(isXlsx(file.bytes)).toBe(true);
    expect(file.name).toMatch(/^无感监管对象清单-.*\.xlsx$/);
    const { rows } = await xlsxDataRows(file.bytes);
    expect(rows).toHaveLength(noDisturb);
    expect(new Set(rows.map((r) => r[10]))).toEqual(new Set(matrix.lists.noDisturb));

    await page.getByTestId('tier-list-kind').getByText('重点监管对象清单').click();
    const key = await inTiers(matrix.lists.key);
    expect(key).not.toBe(noDisturb);
    await listTotal(key);
    // Searching by a code prefix narrows the list to what SQL finds.
    const prefix = String(await ws.scalar(
      `SELECT left(uscc, 12) FROM tier_results WHERE run_id = ? AND list_contains(${sqlList(matrix.lists.key)}, tier) ORDER BY uscc LIMIT 1`,
      [runs.tierRunId],
    ));
    await search('tier-list-search', prefix);
    await listTotal(await count(
      `SELECT count(*) FROM tier_results WHERE run_id = ? AND list_contains(${sqlList(matrix.lists.key)}, tier) AND starts_with(uscc, ?)`,
      [runs.tierRunId, prefix],
    ));
    await screenshot(page, 'tiering-lists');
    await search('tier-list-search', '');
    await listTotal(key);

    // 行业 by an industry code prefix (lower case: codes match case-insensitively): the rule is "code starts with it
    // or name contains it", the same on screen and in the export.
    const codePrefix = String(await ws.scalar(
      `SELECT left(s.industry_code, 3) FROM tier_results t JOIN subjects s ON s.uscc = t.uscc
       WHERE t.run_id = ? AND list_contains(${sqlList(matrix.lists.key)}, t.tier) AND length(s.industry_code) >= 3
       GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
      [runs.tierRunId],
    )).toLowerCase();
    const keyWhere = `t.run_id = ? AND list_contains(${sqlList(matrix.lists.key)}, t.tier)`;
    const byIndustry = await count(
      `SELECT count(*) FROM tier_results t LEFT JOIN subjects s ON s.uscc = t.uscc
       WHERE ${keyWhere} AND (starts_with(upper(coalesce(s.industry_code, '')), upper(?)) OR contains(coalesce(s.industry_name, ''), ?))`,
      [runs.tierRunId, codePrefix, codePrefix],
    );
    const byNameOnly = await count(
      `SELECT count(*) FROM tier_results t LEFT JOIN subjects s ON s.uscc = t.uscc WHERE ${keyWhere} AND contains(coalesce(s.industry_name, ''), ?)`,
      [runs.tierRunId, codePrefix],
    );
    expect(byIndustry).toBeGreaterThan(0);
    expect(byIndustry).toBeLessThan(key);
    expect(byNameOnly).not.toBe(byIndustry); // a name-only filter on screen would show a different list
    await search('tier-list-industry', codePrefix);
    await listTotal(byIndustry);
    const industryRows = (await xlsxDataRows((await download('tier-list-export')).bytes)).rows;
    expect(industryRows).toHaveLength(byIndustry);
    expect(industryRows.every((r) => String(r[4]).toLowerCase().startsWith(codePrefix))).toBe(true);
    await search('tier-list-industry', '');
    await listTotal(key);
  });

  it('offers (未登记街镇) in the list filter and it selects the subjects without a town, on screen and in the export', async () => {
    const matrix = JSON.parse(String(await ws.scalar(`SELECT CAST(matrix AS VARCHAR) FROM tier_runs WHERE run_id = ?`, [runs.tierRunId]))) as {
      lists: { key: string[] };
    };
    const keyWhere = `t.run_id = ? AND list_contains(${sqlList(matrix.lists.key)}, t.tier)`;
    // Three subjects of the 重点监管 list lose their town for this test (restored below).
    const cleared = await ws.all<{ uscc: string; town: string | null }>(
      `SELECT t.uscc, s.town FROM tier_results t JOIN subjects s ON s.uscc = t.uscc WHERE ${keyWhere} AND s.town IS NOT NULL ORDER BY t.uscc LIMIT 3`,
      [runs.tierRunId],
    );
    expect(cleared).toHaveLength(3);
    await ws.run(`UPDATE subjects SET town = NULL WHERE list_contains(${sqlList(cleared.map((c) => c.uscc))}, uscc)`);
    try {
      const noTown = await count(`SELECT count(*) FROM tier_results t LEFT JOIN subjects s ON s.uscc = t.uscc WHERE ${keyWhere} AND s.town IS NULL`, [runs.tierRunId]);
      expect(noTown).toBeGreaterThanOrEqual(3);
      await page.reload(); // the town choices come from the run's summary, read when the page loads
      await page.getByTestId('tier-overview').waitFor({ timeout: 60_000 });
      await openTab('监管清单');
      await page.getByTestId('tier-list-kind').getByText('重点监管对象清单').click();
      await chooseOption('tier-list-town', '(未登记街镇)');
      await listTotal(noTown);
      const rows = (await xlsxDataRows((await download('tier-list-export')).bytes)).rows;
      expect(rows).toHaveLength(noTown);
      expect(rows.map((r) => r[1]).filter((u) => cleared.some((c) => c.uscc === u)).sort()).toEqual(cleared.map((c) => c.uscc).sort());
      expect(rows.every((r) => r[3] === null || r[3] === undefined || r[3] === '')).toBe(true);
    } finally {
      for (const c of cleared) await ws.run(`UPDATE subjects SET town = ? WHERE uscc = ?`, [c.town, c.uscc]);
    }
  });

  it('acknowledges a warning: it leaves the open list, is stored, and is still acknowledged after a reload', async () => {
    await openTab('风险预警');
    const open = await count(
      `SELECT count(*) FROM warning_hits w LEFT JOIN warning_states st USING (rule_id, uscc, evidence_key) WHERE w.run_id = ? AND st.state IS NULL`,
      [runs.tierRunId],
    );
    expect(open).toBeGreaterThan(1);
    await waitPaginationTotal('warning-table', open);
    const first = page.getByTestId('warning-table').locator('tbody tr[data-row-key]').first();
    const key = (await first.getAttribute('data-row-key'))!;
    const [ruleId, uscc, evidenceKey] = key.split('|') as [string, string, string];
    await first.getByTestId('warning-ack').click();
    await page.getByTestId('warning-confirm-acknowledged').filter({ visible: true }).click();
    await waitPaginationTotal('warning-table', open - 1);
    expect(await page.locator(`[data-testid="warning-table"] tr[data-row-key="${key}"]`).count()).toBe(0);
    const stored = await ws.one<{ state: string; operator: string }>(
      `SELECT state, operator FROM warning_states WHERE rule_id = ? AND uscc = ? AND evidence_key = ?`,
      [ruleId, uscc, evidenceKey],
    );
    expect(stored).toEqual({ state: 'acknowledged', operator: 'e2e' });

    const warningExport = await download('warning-export');
    expect(isXlsx(warningExport.bytes)).toBe(true);
    expect((await xlsxDataRows(warningExport.bytes)).rows).toHaveLength(open - 1);

    await page.reload();
    await page.getByTestId('tier-overview').waitFor({ timeout: 60_000 });
    // The overview's 未处理 for that rule dropped by one.
    const ruleHits = await count(`SELECT count(*) FROM warning_hits WHERE run_id = ? AND rule_id = ?`, [runs.tierRunId, ruleId]);
    const ruleCells = await page.getByTestId('tier-warning-rules').locator(`tbody tr[data-row-key="${ruleId}"] td`).allInnerTexts();
    expect(Number(ruleCells[2])).toBe(ruleHits);
    expect(Number(ruleCells[3])).toBe(ruleHits - 1);

    await openTab('风险预警');
    await waitPaginationTotal('warning-table', open - 1);
    await chooseOption('warning-state', '已知悉');
    await waitPaginationTotal('warning-table', 1);
    const row = page.locator(`[data-testid="warning-table"] tr[data-row-key="${key}"]`);
    await row.waitFor();
    expect(await row.locator('.ant-tag', { hasText: '已知悉' }).count()).toBe(1);
    expect(await row.getByTestId('warning-ack').count()).toBe(0);
    expect(await row.getByTestId('warning-reopen').count()).toBe(1);
    await screenshot(page, 'tiering-warnings');
  });

  it('shows the migration from the earlier run with SQL counts, and the subjects behind a clicked cell', async () => {
    await openTab('层级迁移');
    await page.getByTestId('chart-tier-migration').locator('canvas').first().waitFor({ timeout: STEP_TIMEOUT });
    const sql = await ws.all<{ from: string | null; to: string | null; n: number }>(
      `WITH a AS (SELECT uscc, tier FROM tier_results WHERE run_id = ?), b AS (SELECT uscc, tier FROM tier_results WHERE run_id = ?)
       SELECT a.tier AS "from", b.tier AS "to", count(*) AS n FROM a FULL JOIN b ON a.uscc = b.uscc GROUP BY ALL`,
      [runs.earlierTierRunId, runs.tierRunId],
    );
    const idx = (t: string | null) => (t === null ? 4 : TIERS.indexOf(t as (typeof TIERS)[number]));
    const drawn = (await chartData('chart-tier-migration')).series[0]!.data as [number, number, number][];
    const nonZero = (xs: [number, number, number][]) => xs.filter((x) => x[2] > 0).map((x) => x.join(',')).sort();
    expect(nonZero(drawn)).toEqual(nonZero(sql.map((r) => [idx(r.to), idx(r.from), Number(r.n)])));
    const moved = sql.filter((r) => r.from !== r.to).reduce((n, r) => n + Number(r.n), 0);
    const movedText = await page.getByTestId('migration-moved').innerText();
    expect(movedText).toContain(`${moved.toLocaleString('zh-CN')} 户`);
    await expect.poll(() => inkedPixels(page, 'chart-tier-migration')).toBeGreaterThan(3000);

    // Click the biggest cell where the tier changed (else the biggest cell).
    const pick = [...sql].sort((a, b) => Number(a.from === a.to) - Number(b.from === b.to) || Number(b.n) - Number(a.n))[0]!;
    const point = await page.evaluate(
      ({ col, row }) => {
        const el = document.querySelector('[data-testid="chart-tier-migration"]') as HTMLElement & { __cwsChart?: any };
        const [x, y] = el.__cwsChart.convertToPixel({ seriesIndex: 0 }, [col, row]) as [number, number];
        const box = el.getBoundingClientRect();
        return { x: box.left + x, y: box.top + y };
      },
      { col: idx(pick.to), row: idx(pick.from) },
    );
    await page.mouse.click(point.x, point.y);
    const title = page.getByTestId('migration-members-title');
    await title.waitFor();
    const label = (t: string | null, outside: string) => t ?? outside;
    expect(await title.innerText()).toBe(`${label(pick.from, '新纳入')} → ${label(pick.to, '退出')}（${Number(pick.n).toLocaleString('zh-CN')} 户）`);
    const shown = await page.getByTestId('migration-members').locator('tbody tr[data-row-key]').count();
    expect(shown).toBe(Math.min(50, Number(pick.n)));
    await screenshot(page, 'tiering-migration');
  });

  it('draws a seeded 双随机 sample: population per tier from SQL, the md5 order in each cell, the same list twice', async () => {
    await openTab('双随机抽查');
    const field = (id: string) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();
    await field('sample-total').fill('30');
    await field('sample-seed').fill('e2e-seed-1');
    const draw = async (): Promise<string[]> => {
      await page.getByTestId('sample-draw').click();
      await page.locator('[data-testid="sample-rows"] tbody tr[data-row-key]').first().waitFor();
      await page.waitForFunction(() => !document.querySelector('[data-testid="sample-draw"].ant-btn-loading'));
      return page.locator('[data-testid="sample-rows"] tbody tr[data-row-key]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-key')!));
    };
    const once = await draw();
    expect(once).toHaveLength(30);
    expect(new Set(once).size).toBe(30);

    // Population per tier: the run's subjects that are not 注销/吊销.
    const pop = await ws.all<{ tier: string; n: number }>(
      `SELECT t.tier, count(*) AS n FROM tier_results t LEFT JOIN subjects s ON s.uscc = t.uscc
       WHERE t.run_id = ? AND coalesce(s.status, '') NOT IN ('注销', '吊销') GROUP BY 1`,
      [runs.tierRunId],
    );
    const allocation = page.getByTestId('sample-allocation').locator('tbody tr[data-row-key]');
    let quotaSum = 0;
    for (const t of TIERS) {
      const tds = await allocation.and(page.locator(`[data-row-key="${t}"]`)).locator('td').allInnerTexts();
      expect(Number(tds[1]), t).toBe(Number(pop.find((p) => p.tier === t)?.n ?? 0));
      quotaSum += Number(tds[2]);
    }
    expect(quotaSum).toBe(30);

    // Within each matrix cell the drawn subjects are the first by md5(seed:uscc).
    const drawnCells = await ws.all<{ grade: string; risk_class: string; n: number }>(
      `SELECT grade, risk_class, count(*) AS n FROM tier_results WHERE run_id = ? AND list_contains(${sqlList(once)}, uscc) GROUP BY ALL`,
      [runs.tierRunId],
    );
    for (const c of drawnCells) {
      const expected = await ws.all<{ uscc: string }>(
        `SELECT t.uscc FROM tier_results t LEFT JOIN subjects s ON s.uscc = t.uscc
         WHERE t.run_id = ? AND t.grade = ? AND t.risk_class = ? AND coalesce(s.status, '') NOT IN ('注销', '吊销')
         ORDER BY md5('e2e-seed-1:' || t.uscc), t.uscc LIMIT ?`,
        [runs.tierRunId, c.grade, c.risk_class, Number(c.n)],
      );
      const inCell = new Set(expected.map((e) => e.uscc));
      expect(once.filter((u) => inCell.has(u)).sort(), `${c.grade}×${c.risk_class}`).toEqual([...inCell].sort());
    }

    expect(await draw()).toEqual(once);
    await screenshot(page, 'tiering-sampling');

    const file = await download('sample-export');
    expect(isXlsx(file.bytes)).toBe(true);
    expect(file.name).toContain('种子e2e-seed-1');
    const exported = await xlsxDataRows(file.bytes);
    expect(exported.lines.join('\n')).toContain('随机种子：e2e-seed-1');
    expect(exported.rows.map((r) => r[5]).sort()).toEqual([...once].sort());

    await field('sample-seed').fill('e2e-seed-2');
    const other = await draw();
    expect(other).toHaveLength(30);
    expect(other).not.toEqual(once);

    // The export is the list drawn, not the form as it is now: change the count and the sector, do not redraw.
    await field('sample-total').fill('5');
    await field('sample-code').fill('C');
    await page.getByTestId('sample-stale').waitFor();
    const stale = await xlsxDataRows((await download('sample-export')).bytes);
    expect(stale.rows).toHaveLength(30);
    expect(stale.rows.map((r) => r[5]).sort()).toEqual([...other].sort());
    expect(stale.lines.join('\n')).toContain('计划抽查 30 户');
  });

  it('shows the matrix in the editor and refuses a share over 100%', async () => {
    await openTab('分级矩阵');
    await page.getByTestId('tier-matrix-editor').waitFor();
    // No matrix was saved in the workspace, so the runs used the active (built-in) one.
    const cells = await ws.all<{ grade: string; risk_class: string; tier: string }>(
      `SELECT grade, risk_class, tier FROM tier_run_cells WHERE run_id = ?`,
      [runs.tierRunId],
    );
    expect(cells).toHaveLength(16);
    for (const c of cells) {
      expect(await page.getByTestId(`matrix-cell-${c.grade}${c.risk_class}`).locator('.ant-select').innerText()).toContain(c.tier);
    }
    expect(await page.getByTestId('matrix-save').isDisabled()).toBe(false);
    const share = page.getByTestId('matrix-cell-BB').locator('.ant-input-number input');
    await share.fill('150');
    await page.getByTestId('matrix-errors').waitFor();
    expect(await page.getByTestId('matrix-errors').innerText()).toContain('信用B × 风险B · 抽查比例：抽查比例不能大于 100%');
    expect(await page.getByTestId('matrix-save').isDisabled()).toBe(true);
    await screenshot(page, 'tiering-matrix');
    await page.getByTestId('tier-matrix-editor').getByRole('button', { name: '撤销修改' }).click();
    await page.getByTestId('matrix-errors').waitFor({ state: 'detached' });
    expect(await page.getByTestId('matrix-save').isDisabled()).toBe(false);
    expect(await count('SELECT count(*) FROM tier_matrices')).toBe(0);
  });

  it('runs a new tiering from the page and shows its SQL counts, without page errors', async () => {
    const before = await count('SELECT count(*) FROM tier_runs');
    await openTab('分级概览');
    await page.getByTestId('tier-start').click();
    await expect.poll(() => count('SELECT count(*) FROM tier_runs'), { timeout: 60_000 }).toBe(before + 1);
    const newest = String(await ws.scalar(`SELECT run_id FROM tier_runs ORDER BY created_at DESC LIMIT 1`));
    expect(newest).not.toBe(runs.tierRunId);
    await page.getByTestId('page-tiering').getByText(newest).first().waitFor({ timeout: STEP_TIMEOUT });
    await page.getByTestId('tier-overview').waitFor();
    for (const t of TIERS) {
      expect(await statValue(`tier-count-${t}`), t).toBe(await count(`SELECT count(*) FROM tier_results WHERE run_id = ? AND tier = ?`, [newest, t]));
    }
    expect(await statValue('tier-warning-total')).toBe(await count(`SELECT count(*) FROM warning_hits WHERE run_id = ?`, [newest]));
    expect(errors).toEqual([]);
  });
});
