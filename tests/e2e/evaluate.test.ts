// 信用评价 in headless Chromium against the served page: a run started from the page (progress bar, then its
// grade distribution equal to SQL on eval_scores), the result list sorted and filtered as SQL says, one subject's
// waterfall adding up to the score shown, two runs compared (migration matrix over the subjects of both runs), and a
// what-if with a raised cut-off that moves subjects between grades without saving a run.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './browser';
import { servedDemo } from './fixture';
import { callCore } from './fixture-runs';
import { gridTotal, openApp } from './ui';
import type { RunningServer } from '../../electron/serve';
import type { Workspace } from '../../electron/core/workspace';

const GRADES = ['A', 'B', 'C', 'D'] as const;
const EARLIER_AS_OF = '2025-12-31';
const PAGE_AS_OF = '2026-03-31';

let browser: Browser;
let server: RunningServer;
let ws: Workspace;
let page: Page;
let errors: string[];
let earlierRunId = '';
/** The run started from the page (set by the first test). */
let runId = '';

const count = async (sql: string, params: (string | number)[] = []) => Number(await ws.scalar(sql, params));

beforeAll(async () => {
  server = (await servedDemo(2000)).server;
  ws = await server.core.session.workspace();
  // An earlier run made through the core, so the page has something to compare its own run with.
  earlierRunId = (await callCore(server, 'evaluate.run', { asOf: EARLIER_AS_OF })).runId;
  browser = await launchBrowser();
  ({ page, errors } = await openApp(browser, server));
  await page.getByTestId('nav').getByText('信用评价').click();
  await page.getByTestId('page-evaluate').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The number a Statistic shows (its value part only: the grade cards carry a percentage suffix). */
async function statValue(scope: Locator): Promise<number> {
  return Number((await scope.locator('.ant-statistic-content-value').first().innerText()).replace(/[^\d.-]/g, ''));
}

/** The Statistic card with the given title inside a container. */
function statByTitle(container: Locator, title: string): Locator {
  return container.locator('.ant-statistic').filter({ has: page.locator('.ant-statistic-title', { hasText: new RegExp(`^${title}$`) }) });
}

async function chartOption(testId: string, within = '[data-testid="page-evaluate"]'): Promise<any> {
  // Scoped: other pages stay mounted (hidden) with charts of the same test id.
  const selector = `${within} [data-testid="${testId}"]`;
  await page.locator(`${selector} canvas`).first().waitFor();
  return page.evaluate((sel) => {
    const el = document.querySelector(sel) as HTMLElement & { __cwsChart?: any };
    return JSON.parse(JSON.stringify(el.__cwsChart.getOption()));
  }, selector);
}

/** Heat map cells [col, row, value] of a migration chart → matrix[row][col]. */
function heatmapMatrix(option: any): { labels: string[]; matrix: number[][] } {
  const labels: string[] = option.yAxis[0].data;
  const matrix = labels.map(() => labels.map(() => 0));
  for (const [c, r, v] of option.series[0].data as [number, number, number][]) matrix[r]![c] = v;
  return { labels, matrix };
}

/** Column names of the data grid in display order, and the cells of the rows drawn. */
async function gridRows(): Promise<{ columns: string[]; rows: string[][] }> {
  return page.evaluate(() => {
    const grid = document.querySelector('[data-testid="evaluate-scores"] [data-testid="data-grid"]')!;
    const columns = [...grid.querySelectorAll('.cws-grid-th')].map((th) => th.getAttribute('data-column') ?? '');
    const rows = [...grid.querySelectorAll('.cws-grid-row')]
      .sort((a, b) => parseFloat((a as HTMLElement).style.top) - parseFloat((b as HTMLElement).style.top))
      .map((r) => [...r.querySelectorAll('.cws-grid-td')].map((td) => td.textContent ?? ''));
    return { columns, rows };
  });
}

async function firstRowCell(column: string): Promise<string> {
  const { columns, rows } = await gridRows();
  return rows[0]?.[columns.indexOf(column)] ?? '';
}

async function pickOption(select: Locator, text: string): Promise<void> {
  // Under load a dropdown still closing from the previous pick can overlap the next one: wait until none is shown.
  const openDropdowns = page.locator('.ant-select-dropdown:visible');
  await expect.poll(() => openDropdowns.count(), { timeout: 15_000 }).toBe(0);
  await select.click();
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first();
  await option.waitFor();
  await option.click();
  await page.keyboard.press('Escape');
  await expect.poll(() => openDropdowns.count(), { timeout: 15_000 }).toBe(0);
}

describe('信用评价 page', () => {
  it('runs an evaluation from the page with a progress bar and shows the grade distribution of that run', async () => {
    const runsBefore = await count('SELECT count(*) FROM eval_runs');
    // The bar may be shown briefly at this scale: record that it appeared (and its percentages) as it happens.
    await page.evaluate(() => {
      const w = window as unknown as { __progressSeen: string[] };
      w.__progressSeen = [];
      new MutationObserver(() => {
        const el = document.querySelector('[data-testid="evaluate-progress"]');
        if (el) w.__progressSeen.push(el.textContent ?? '');
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByTestId('evaluate-asof').fill(PAGE_AS_OF);
    await page.getByTestId('evaluate-start').click();
    await page.getByTestId('evaluate-progress').waitFor({ state: 'detached', timeout: 120_000 });
    await page.getByTestId('evaluate-start').waitFor();
    const seen = await page.evaluate(() => (window as unknown as { __progressSeen: string[] }).__progressSeen);
    // The bar appeared and moved on from 0 % as the indicators were computed (progress events from the core).
    expect(seen.length).toBeGreaterThan(0);
    const percents = seen.map((t) => Number(t.match(/^(\d+)%/)?.[1] ?? -1));
    expect(Math.max(...percents)).toBeGreaterThan(0);
    expect(seen.some((t) => t.includes('正在计算：') && !t.includes('准备中'))).toBe(true);

    expect(await count('SELECT count(*) FROM eval_runs')).toBe(runsBefore + 1);
    const latest = await ws.one<{ run_id: string; as_of: string; subjects: number }>(
      'SELECT run_id, as_of, subjects FROM eval_runs ORDER BY created_at DESC LIMIT 1',
    );
    runId = latest!.run_id;
    expect(latest!.as_of).toBe(PAGE_AS_OF);
    // The page switched to the new run.
    await page.locator('[data-testid="page-evaluate"] .ant-card-extra', { hasText: runId }).waitFor();
    const dist = page.getByTestId('evaluate-distribution');
    await dist.waitFor();

    const byGrade = await ws.all<{ grade: string; n: number }>('SELECT grade, count(*) AS n FROM eval_scores WHERE run_id = ? GROUP BY grade', [runId]);
    const expected = Object.fromEntries(GRADES.map((g) => [g, Number(byGrade.find((r) => r.grade === g)?.n ?? 0)]));
    const subjects = await count('SELECT count(*) FROM eval_scores WHERE run_id = ?', [runId]);
    expect(subjects).toBeGreaterThan(0);
    expect(GRADES.reduce((s, g) => s + expected[g]!, 0)).toBe(subjects);
    for (const g of GRADES) expect(await statValue(page.getByTestId(`evaluate-grade-${g}`)), `grade ${g}`).toBe(expected[g]);
    expect(await statValue(statByTitle(dist, '评价主体'))).toBe(subjects);

    // The pie draws the same numbers; town and industry charts are there.
    const pie = await chartOption('chart-grades');
    expect((pie.series[0].data as { value: number }[]).map((d) => d.value)).toEqual(GRADES.map((g) => expected[g]));
    const town = await chartOption('chart-town');
    const towns = await count('SELECT count(DISTINCT coalesce(town, \'\')) FROM eval_scores WHERE run_id = ?', [runId]);
    expect((town.xAxis[0].data as string[]).length).toBe(towns);
    await page.locator('[data-testid="page-evaluate"] [data-testid="chart-industry"] canvas').first().waitFor();
    await page.waitForTimeout(500);
    const file = await screenshot(page, 'evaluate-distribution');
    expect(fs.statSync(file).size).toBeGreaterThan(20_000);
  });

  it('lists the run’s subjects, sorted and filtered as SQL on eval_scores says', async () => {
    await page.getByRole('tab', { name: '评价结果' }).click();
    await page.getByTestId('evaluate-scores').waitFor();
    const total = await count('SELECT count(*) FROM eval_scores WHERE run_id = ?', [runId]);
    await gridTotal(page, total);
    expect((await gridRows()).rows.length).toBeGreaterThan(10);

    const header = page.locator('[data-testid="evaluate-scores"] .cws-grid-th[data-column="final_score"] .cws-grid-th-label');
    const min = Number(await ws.scalar('SELECT min(final_score) FROM eval_scores WHERE run_id = ?', [runId]));
    const max = Number(await ws.scalar('SELECT max(final_score) FROM eval_scores WHERE run_id = ?', [runId]));
    expect(max).toBeGreaterThan(min);
    await header.click();
    await expect.poll(async () => Number(await firstRowCell('final_score')), { timeout: 30_000 }).toBeCloseTo(min, 4);
    await header.click();
    await expect.poll(async () => Number(await firstRowCell('final_score')), { timeout: 30_000 }).toBeCloseTo(max, 4);
    // Descending: the scores drawn never rise from one row to the next.
    const desc = await gridRows();
    const scores = desc.rows.filter((r) => r[0] !== '…').map((r) => Number(r[desc.columns.indexOf('final_score')]));
    expect(scores.length).toBeGreaterThan(5);
    for (let i = 1; i < scores.length; i++) expect(scores[i]!).toBeLessThanOrEqual(scores[i - 1]!);

    // Filter by grade: the total is the SQL count and every row drawn has that grade.
    const grade = (await ws.one<{ grade: string }>(
      `SELECT grade FROM eval_scores WHERE run_id = ? GROUP BY grade HAVING count(*) > 0 ORDER BY count(*) ASC, grade LIMIT 1`,
      [runId],
    ))!.grade;
    await pickOption(page.getByTestId('scores-grade'), { A: 'A 优秀', B: 'B 良好', C: 'C 一般', D: 'D 较差' }[grade]!);
    const inGrade = await count('SELECT count(*) FROM eval_scores WHERE run_id = ? AND grade = ?', [runId, grade]);
    await gridTotal(page, inGrade);
    await expect.poll(async () => {
      const { columns, rows } = await gridRows();
      return [...new Set(rows.map((r) => r[columns.indexOf('grade')]))];
    }).toEqual([grade]);
    // With the descending sort kept: the first row is the best score within the grade.
    const maxInGrade = Number(await ws.scalar('SELECT max(final_score) FROM eval_scores WHERE run_id = ? AND grade = ?', [runId, grade]));
    await expect.poll(async () => Number(await firstRowCell('final_score'))).toBeCloseTo(maxInGrade, 4);

    // Search by name within the grade.
    const someone = (await ws.one<{ name: string }>(`SELECT name FROM eval_scores WHERE run_id = ? AND grade = ? AND name IS NOT NULL ORDER BY uscc LIMIT 1`, [runId, grade]))!;
    const fragment = someone.name.slice(0, Math.min(4, someone.name.length));
    await searchBox().fill(fragment);
    await searchBox().press('Enter');
    await gridTotal(page, await count('SELECT count(*) FROM eval_scores WHERE run_id = ? AND grade = ? AND contains(name, ?)', [runId, grade, fragment]));
    await screenshot(page, 'evaluate-list-filtered');
    await searchBox().fill('');
    await searchBox().press('Enter');
    await gridTotal(page, inGrade);

    // Grade and town together (the town with the most subjects of that grade).
    const town = (await ws.one<{ town: string }>(
      `SELECT town FROM eval_scores WHERE run_id = ? AND grade = ? GROUP BY town ORDER BY count(*) DESC, town LIMIT 1`,
      [runId, grade],
    ))!.town;
    await pickOption(page.locator('[data-testid="evaluate-scores"] .ant-select', { hasText: '街镇' }), `${town}（`);
    await gridTotal(page, await count('SELECT count(*) FROM eval_scores WHERE run_id = ? AND grade = ? AND town = ?', [runId, grade, town]));
    await expect.poll(async () => {
      const { columns, rows } = await gridRows();
      return [...new Set(rows.map((r) => `${r[columns.indexOf('grade')]} ${r[columns.indexOf('town')]}`))];
    }).toEqual([`${grade} ${town}`]);

    // The list is rebuilt when its tab is shown again: every subject, no filter.
    await page.getByRole('tab', { name: '等级分布' }).click();
    await page.getByRole('tab', { name: '评价结果' }).click();
    await gridTotal(page, total);
  });

  it('explains one subject: the waterfall adds up to the score shown, with the evidence behind an indicator', async () => {
    // A subject scored by the comprehensive model only, with the most non-zero contributions (a busy waterfall).
    const subject = (await ws.one<{ uscc: string; final_score: number; n: number }>(
      `SELECT s.uscc, s.final_score, count(*) AS n FROM eval_scores s JOIN eval_contributions c USING (run_id, uscc)
       WHERE s.run_id = ? AND s.industry_model IS NULL AND c.points <> 0 GROUP BY s.uscc, s.final_score ORDER BY n DESC, s.uscc LIMIT 1`,
      [runId],
    ))!;
    expect(subject.n).toBeGreaterThan(1);
    await openSubject(subject.uscc);
    const drawer = page.locator('.ant-drawer-open');
    const modelCard = drawer.locator('[data-testid^="explain-model-"]');
    await expect.poll(() => modelCard.count()).toBe(1);
    const modelId = (await modelCard.first().getAttribute('data-testid'))!.replace('explain-model-', '');
    const shown = await waterfall(modelId);
    // base + Σ contributions = the total bar = the score in the card title = the final score in SQL.
    const sum = Math.round((shown.base + shown.steps.reduce((s, x) => s + x, 0)) * 100) / 100;
    expect(sum).toBeCloseTo(shown.total, 2);
    expect(sum).toBeCloseTo(Number(subject.final_score), 2);
    expect(shown.steps.length).toBe(Number(subject.n));
    const title = await modelCard.first().locator('.ant-card-head-title').innerText();
    expect(Number(title.match(/：([\d.-]+) 分/)![1])).toBeCloseTo(Number(subject.final_score), 2);
    const finalCell = drawer.locator('.ant-descriptions-item-label', { hasText: '最终得分' }).locator('xpath=following-sibling::td[1]');
    expect(Number(await finalCell.innerText())).toBeCloseTo(Number(subject.final_score), 2);
    // The stored contributions agree with the bars drawn.
    const stored = await ws.all<{ points: number }>(
      `SELECT points FROM eval_contributions WHERE run_id = ? AND uscc = ? AND model_id = ? AND points <> 0`,
      [runId, subject.uscc, modelId],
    );
    expect(shown.steps.map(Math.abs).sort((a, b) => a - b)).toEqual(stored.map((r) => Math.abs(Number(r.points))).sort((a, b) => a - b));

    // The evidence rows behind the indicator with the most evidence.
    const top = (await ws.one<{ indicator_id: string; evidence_count: number }>(
      `SELECT indicator_id, evidence_count FROM eval_contributions WHERE run_id = ? AND uscc = ? AND model_id = ? AND points <> 0 AND evidence_count > 0
       ORDER BY evidence_count DESC, indicator_id LIMIT 1`,
      [runId, subject.uscc, modelId],
    ))!;
    const row = modelCard.first().locator(`tr[data-row-key="${top.indicator_id}"]`);
    await row.locator('.ant-table-row-expand-icon').click();
    const evidence = row.locator('xpath=following-sibling::tr[1]').locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => evidence.count()).toBe(Math.min(Number(top.evidence_count), 20));
    await page.waitForTimeout(500);
    await screenshot(page, 'evaluate-explain');
    await closeDrawer();
  });

  it('explains a subject under the dental industry model with both waterfalls and the combination', async () => {
    const subject = await ws.one<{ uscc: string; final_score: number; comprehensive: number; industry: number; industry_model: string }>(
      `SELECT uscc, final_score, comprehensive, industry, industry_model FROM eval_scores
       WHERE run_id = ? AND industry_model IS NOT NULL ORDER BY uscc LIMIT 1`,
      [runId],
    );
    expect(subject, 'the demo district has subjects under an industry model').toBeTruthy();
    await openSubject(subject!.uscc);
    const drawer = page.locator('.ant-drawer-open');
    await expect.poll(() => drawer.locator('[data-testid^="explain-model-"]').count()).toBe(2);
    const industry = await waterfall(subject!.industry_model);
    const industrySum = industry.base + industry.steps.reduce((s, x) => s + x, 0);
    expect(industrySum).toBeCloseTo(Number(subject!.industry), 2);
    const comprehensiveId = (await drawer.locator('[data-testid^="explain-model-"]').evaluateAll((els, ind) =>
      els.map((e) => e.getAttribute('data-testid')!.replace('explain-model-', '')).find((id) => id !== ind),
    subject!.industry_model))!;
    const comp = await waterfall(comprehensiveId);
    expect(comp.base + comp.steps.reduce((s, x) => s + x, 0)).toBeCloseTo(Number(subject!.comprehensive), 2);
    const combination = await drawer.locator('.ant-alert-info').innerText();
    expect(combination).toContain('综合+行业');
    expect(combination).toContain(`= ${Number(subject!.final_score)}`);
    await closeDrawer();
  });

  it('compares the page’s run with the earlier one: the migration matrix covers the subjects of both runs', async () => {
    await page.getByRole('tab', { name: '两次比较' }).click();
    const compare = page.getByTestId('evaluate-compare');
    await compare.waitFor();
    const option = await chartOption('chart-migration', '[data-testid="evaluate-compare"]');
    const { labels, matrix } = heatmapMatrix(option);
    expect(labels.slice(0, 4)).toEqual([...GRADES]);
    const cells = matrix.flat().reduce((a, b) => a + b, 0);
    const union = await count(
      `SELECT count(DISTINCT uscc) FROM eval_scores WHERE run_id IN (?, ?)`,
      [earlierRunId, runId],
    );
    const both = await count(
      `SELECT count(*) FROM eval_scores a JOIN eval_scores b ON a.uscc = b.uscc AND a.run_id = ? AND b.run_id = ?`,
      [earlierRunId, runId],
    );
    expect(both).toBeGreaterThan(0);
    expect(cells).toBe(union);
    expect(await statValue(statByTitle(compare, '主体'))).toBe(union);
    // The A–D block counts the subjects evaluated in both runs, cell by cell as SQL pairs them.
    const pairs = await ws.all<{ g1: string; g2: string; n: number }>(
      `SELECT a.grade AS g1, b.grade AS g2, count(*) AS n FROM eval_scores a JOIN eval_scores b ON a.uscc = b.uscc
       WHERE a.run_id = ? AND b.run_id = ? GROUP BY 1, 2`,
      [earlierRunId, runId],
    );
    let block = 0;
    for (let r = 0; r < 4; r++) {
      for (let c = 0; c < 4; c++) {
        block += matrix[r]![c]!;
        expect(matrix[r]![c], `${GRADES[r]} → ${GRADES[c]}`).toBe(Number(pairs.find((p) => p.g1 === GRADES[r] && p.g2 === GRADES[c])?.n ?? 0));
      }
    }
    expect(block).toBe(both);
    const unchanged = await count(
      `SELECT count(*) FROM eval_scores a JOIN eval_scores b ON a.uscc = b.uscc AND a.grade = b.grade WHERE a.run_id = ? AND b.run_id = ?`,
      [earlierRunId, runId],
    );
    expect(await statValue(statByTitle(compare, '等级不变'))).toBe(unchanged);
    await page.waitForTimeout(500);
    await screenshot(page, 'evaluate-compare');
  });

  it('simulates a raised B cut-off: B subjects below it move to C, nothing is saved', async () => {
    const runsBefore = await count('SELECT count(*) FROM eval_runs');
    const models = await callCore(server, 'evaluate.models', {});
    const comprehensive = models.models.find((m) => m.kind === 'comprehensive')!;
    const oldCut = (comprehensive.spec.grades as { B: number }).B;
    const newCut = oldCut + 5;
    await page.getByRole('tab', { name: '模拟调整' }).click();
    const whatif = page.getByTestId('evaluate-whatif');
    await whatif.waitFor();
    await whatif.locator('.ant-segmented-item', { hasText: comprehensive.name }).click();
    const input = page.getByTestId('whatif-cut-B').locator('input');
    await input.fill(String(newCut));
    await input.blur();
    await page.getByTestId('whatif-run').click();
    const result = page.getByTestId('whatif-result');
    await result.waitFor({ timeout: 120_000 });

    // Only comprehensive-graded subjects without an override can move, and only from B to C.
    const moved = await count(
      `SELECT count(*) FROM eval_scores WHERE run_id = ? AND grade = 'B' AND industry_model IS NULL AND override IS NULL AND final_score < ?`,
      [runId, newCut],
    );
    expect(moved).toBeGreaterThan(0);
    const { labels, matrix } = heatmapMatrix(await chartOption('chart-migration', '[data-testid="whatif-result"]'));
    const off = matrix.flatMap((row, r) => row.filter((_, c) => c !== r)).reduce((a, b) => a + b, 0);
    expect(off).toBeGreaterThan(0);
    expect(matrix[labels.indexOf('B')]![labels.indexOf('C')]).toBe(moved);
    expect(off).toBe(moved);
    expect(await statValue(statByTitle(result, '下降'))).toBe(moved);
    expect(await statValue(statByTitle(result, '上升'))).toBe(0);
    expect(await count('SELECT count(*) FROM eval_runs')).toBe(runsBefore);
    await page.waitForTimeout(500);
    await screenshot(page, 'evaluate-whatif');
    expect(errors).toEqual([]);
  });
});

function searchBox(): Locator {
  const box = page.getByTestId('scores-search');
  return box.locator('input').or(page.locator('input[data-testid="scores-search"]')).first();
}

async function openSubject(uscc: string): Promise<void> {
  await page.getByRole('tab', { name: '评价结果' }).click();
  await page.getByTestId('evaluate-scores').waitFor();
  await searchBox().fill(uscc);
  await searchBox().press('Enter');
  await gridTotal(page, 1);
  await page.locator('[data-testid="evaluate-scores"] .cws-grid-row', { hasText: uscc }).first().click();
  await page.getByTestId('explain-grade').waitFor({ timeout: 60_000 });
}

async function closeDrawer(): Promise<void> {
  await page.keyboard.press('Escape');
  await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });
}

/** A waterfall's base, signed steps and total bar, read from the chart drawn. */
async function waterfall(modelId: string): Promise<{ base: number; steps: number[]; total: number }> {
  const opt = await chartOption(`chart-waterfall-${modelId}`, ".ant-drawer-open");
  const bars = opt.series[1].data as { value: number; label: { formatter: string } }[];
  const signed = bars.map((b) => (b.label.formatter.startsWith('-') ? -b.value : b.value));
  return { base: signed[0]!, steps: signed.slice(1, -1), total: signed[signed.length - 1]! };
}
