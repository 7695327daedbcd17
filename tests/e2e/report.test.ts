// 报告 in headless Chromium against the served page, over one small demo workspace: first without any run (the
// 公共信用综合评价 section says 尚未运行), then after an evaluation run as of 2025-12-31. The page lists the
// definition's sections; a year and a subset of sections are chosen; the preview shows exactly those sections with
// inline SVG charts and numbers equal to SQL run directly on the workspace; XLSX, HTML and PDF exports download
// valid files (the workbook read back with exceljs) and each is audited as report.export.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import type { RunningServer } from '../../electron/serve';
import type { Workspace } from '../../electron/core/workspace';
import type { ReportDefinitionInfo } from '../../shared/contract/report';
import { launchBrowser, screenshot } from './browser';
import { servedDemo } from './fixture';
import { callCore, EARLIER_EVAL_AS_OF } from './fixture-runs';
import { openApp } from './ui';

const YEAR = 2025;
const START = `${YEAR}-01-01`;
const END = `${YEAR}-12-31`;
/** The sections chosen for the report with runs (in the definition's order). */
const CHOSEN = ['collection', 'sgs', 'evaluation'] as const;

let browser: Browser;
let server: RunningServer;
let ws: Workspace;
let page: Page;
let errors: string[];
let info: ReportDefinitionInfo;
let evalRunId = '';
/** The report id the preview showed: exports of the same choices carry the same id. */
let previewReportId = '';

const count = async (sql: string, params: (string | number)[] = []) => Number(await ws.scalar(sql, params));
const titleOf = (id: string) => info.sections.find((s) => s.id === id)!.title;
/** 1,234 → 1234 */
const num = (text: string) => Number(text.replace(/,/g, '').trim());

async function openReportPage(): Promise<void> {
  await page.getByTestId('nav').locator('[data-page="report"]').click();
  await page.getByTestId('report-options').waitFor({ timeout: 60_000 });
}

/** Picks the year and ticks exactly the given sections. */
async function choose(year: number, sections: readonly string[]): Promise<void> {
  await page.getByTestId('report-year').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: `${year}年` }).first().click();
  await expect.poll(() => page.getByTestId('report-year').innerText()).toContain(`${year}年`);
  for (const s of info.sections) await page.getByTestId(`report-section-${s.id}`).setChecked(sections.includes(s.id));
}

/** Generates the preview and waits for its frame. */
async function preview(): Promise<FrameLocator> {
  await page.getByTestId('report-preview').click();
  await page.getByTestId('report-preview-frame').waitFor({ timeout: 120_000 });
  const frame = page.frameLocator('[data-testid="report-preview-frame"]');
  await frame.locator('header#cover').waitFor({ timeout: 30_000 });
  return frame;
}

/** data-section of each section in the preview, in order (attributes only: the sandboxed frame runs no page script). */
async function sectionIds(frame: FrameLocator): Promise<(string | null)[]> {
  const sections = frame.locator('section[data-section]');
  const ids: (string | null)[] = [];
  for (let i = 0; i < (await sections.count()); i++) ids.push(await sections.nth(i).getAttribute('data-section'));
  return ids;
}

async function download(testId: string): Promise<{ bytes: Buffer; name: string }> {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId(testId).click()]);
  return { bytes: fs.readFileSync((await dl.path())!), name: dl.suggestedFilename() };
}

const exportAudits = () =>
  ws.all<{ target: string; detail: string }>(`SELECT target, detail FROM audit_log WHERE action = 'report.export' ORDER BY seq`);

beforeAll(async () => {
  ({ server } = await servedDemo(2000));
  ws = await server.core.session.workspace();
  info = await callCore(server, 'report.definition', {});
  browser = await launchBrowser();
  ({ page, errors } = await openApp(browser, server));
  await openReportPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('报告 page', () => {
  it('lists the definition’s sections and years; without a run the evaluation section says 尚未运行', async () => {
    expect(info.years).toContain(YEAR);
    expect(info.runs.evaluate).toBeNull();
    const options = page.getByTestId('report-options');
    await expect.poll(() => options.innerText()).toContain(info.definition.title);
    // Every section of the definition is offered, numbered in order, all ticked by default.
    expect(info.sections.map((s) => s.id)).toEqual(expect.arrayContaining([...CHOSEN, 'tiering', 'repairs']));
    for (const [i, s] of info.sections.entries()) {
      const box = page.getByTestId(`report-section-${s.id}`);
      expect(await box.isChecked(), s.id).toBe(true);
      const label = page.locator('label', { has: box });
      expect(await label.innerText()).toContain(`${i + 1}. ${s.title}`);
    }
    const evalLabel = page.locator('label', { has: page.getByTestId('report-section-evaluation') });
    expect(await evalLabel.innerText()).toContain('尚未运行信用评价');
    expect(await page.locator('label', { has: page.getByTestId('report-section-collection') }).innerText()).not.toContain('尚未运行');

    await choose(YEAR, ['collection', 'evaluation']);
    const frame = await preview();
    const unavailable = frame.locator('section[data-section="evaluation"] [data-unavailable="true"]');
    expect(await unavailable.innerText()).toContain('尚未运行信用评价');
    // The evaluation section has neither numbers nor charts; the collection section is drawn.
    expect(await frame.locator('section[data-section="evaluation"] [data-metric]').count()).toBe(0);
    expect(await frame.locator('section[data-section="collection"] .chart svg').count()).toBeGreaterThan(0);
    expect(await sectionIds(frame)).toEqual(['collection', 'evaluation']);
    expect(await page.getByTestId('page-report').innerText()).toContain(`${titleOf('evaluation')}：无数据`);
    // A preview is not an export: nothing audited.
    expect(await exportAudits()).toEqual([]);
    await screenshot(page, 'report-no-run');
  });

  it('after an evaluation run: previews the chosen year and sections with inline SVG charts and numbers equal to SQL', async () => {
    evalRunId = (await callCore(server, 'evaluate.run', { asOf: EARLIER_EVAL_AS_OF })).runId;
    // The page reads the definition again when shown again.
    await page.getByTestId('nav').locator('[data-page="audit"]').click();
    await openReportPage();
    await expect
      .poll(() => page.locator('label', { has: page.getByTestId('report-section-evaluation') }).innerText())
      .not.toContain('尚未运行');
    // Tiering still has no run.
    expect(await page.locator('label', { has: page.getByTestId('report-section-tiering') }).innerText()).toContain('尚未运行分级分类');

    await choose(YEAR, CHOSEN);
    const frame = await preview();
    const header = page.getByTestId('page-report');
    await expect.poll(async () => (await header.innerText()).replace(/\s+/g, '')).toContain(`预览：${YEAR}年比较期${YEAR - 1}年`);

    // Exactly the chosen sections, numbered 1… in order, each with inline SVG charts.
    expect(await sectionIds(frame)).toEqual([...CHOSEN]);
    for (const [i, id] of CHOSEN.entries()) {
      expect(await frame.locator(`section[data-section="${id}"] h2`).innerText()).toBe(`${i + 1}、${titleOf(id)}`);
      const charts = frame.locator(`section[data-section="${id}"] .chart`);
      expect(await charts.count(), id).toBeGreaterThan(0);
      expect(await frame.locator(`section[data-section="${id}"] .chart > svg`).count(), id).toBe(await charts.count());
    }
    expect(await frame.locator('img, script, link[rel="stylesheet"]').count()).toBe(0);

    // 行政处罚 decided in the year (数据归集 · 按信息类别).
    const penalties = await count(`SELECT count(*) FROM penalties WHERE decision_date BETWEEN ?::DATE AND ?::DATE`, [START, END]);
    const licenses = await count(`SELECT count(*) FROM licenses WHERE decision_date BETWEEN ?::DATE AND ?::DATE`, [START, END]);
    const priorPenalties = await count(`SELECT count(*) FROM penalties WHERE decision_date BETWEEN ?::DATE AND ?::DATE`, [
      `${YEAR - 1}-01-01`,
      `${YEAR - 1}-12-31`,
    ]);
    expect(penalties).toBeGreaterThan(0);
    const penaltyRow = frame.locator('section[data-section="collection"] table[data-table="by_category"] tbody tr', { hasText: '行政处罚' });
    const cells = await penaltyRow.locator('td').allInnerTexts();
    expect(cells[0]).toBe('行政处罚');
    expect(num(cells[1]!)).toBe(penalties);
    expect(num(cells[2]!)).toBe(priorPenalties);
    expect(num(cells[3]!)).toBe(penalties - priorPenalties);
    // 双公示记录数 = licenses + penalties decided in the year.
    expect(num(await frame.locator('section[data-section="sgs"] [data-metric="records"] .value').innerText())).toBe(licenses + penalties);
    // 评价主体数 of the run the year uses (the 2025-12-31 evaluation), named in the section.
    const evaluated = await count(`SELECT count(DISTINCT uscc) FROM eval_scores WHERE run_id = ?`, [evalRunId]);
    expect(evaluated).toBeGreaterThan(0);
    expect(num(await frame.locator('section[data-section="evaluation"] [data-metric="evaluated"] .value').innerText())).toBe(evaluated);
    expect(await frame.locator('section[data-section="evaluation"] .runs').innerText()).toContain(evalRunId);
    // 2024 (the comparison) ends before the only evaluation's as-of date: no comparison, said so.
    expect(await frame.locator('section[data-section="evaluation"] .note').first().innerText()).toContain(`上期（${YEAR - 1}年）无法比较`);
    previewReportId = (await page.getByTestId('page-report').innerText()).match(/报告编号 ([0-9a-f]{16})/)![1]!;
    await screenshot(page, 'report-preview');
  });

  it('exports XLSX: a workbook with 封面 and one sheet per chosen section, numbers equal to SQL, audited', async () => {
    const before = (await exportAudits()).length;
    const file = await download('report-export-xlsx');
    expect(file.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(file.name).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const names = wb.worksheets.map((s) => s.name);
    expect(names).toEqual(['封面', '目录', ...CHOSEN.map((id, i) => `${i + 1} ${titleOf(id)}`), '指标说明', '运行信息']);

    const rowsOf = (name: string) => {
      const rows: unknown[][] = [];
      wb.getWorksheet(name)!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return rows;
    };
    const penalties = await count(`SELECT count(*) FROM penalties WHERE decision_date BETWEEN ?::DATE AND ?::DATE`, [START, END]);
    const licenses = await count(`SELECT count(*) FROM licenses WHERE decision_date BETWEEN ?::DATE AND ?::DATE`, [START, END]);
    const collection = rowsOf(`1 ${titleOf('collection')}`);
    const header = collection.findIndex((r) => r[0] === '信息类别');
    expect(header).toBeGreaterThan(0);
    const penaltyRow = collection.slice(header).find((r) => r[0] === '行政处罚')!;
    expect(penaltyRow[1]).toBe(penalties);
    expect(collection.find((r) => r[0] === '双公示记录数')![1]).toBe(licenses + penalties);
    const evaluation = rowsOf(`3 ${titleOf('evaluation')}`);
    expect(evaluation.find((r) => r[0] === '评价主体数')![1]).toBe(await count(`SELECT count(DISTINCT uscc) FROM eval_scores WHERE run_id = ?`, [evalRunId]));
    // The cover names the period and the run used.
    const cover = rowsOf('封面');
    expect(cover.find((r) => r[0] === '报告期')![1]).toBe(`${YEAR}年`);
    expect(cover.some((r) => r.includes(evalRunId))).toBe(true);

    const audits = await exportAudits();
    expect(audits).toHaveLength(before + 1);
    expect(audits.at(-1)!.target).toBe(file.name);
    const detail = JSON.parse(audits.at(-1)!.detail);
    expect(detail.format).toBe('xlsx');
    expect(detail.sections).toEqual([...CHOSEN]);
    expect(detail.period.start).toBe(START);
    expect(detail.runs).toContain(`evaluate:${evalRunId}`);
    expect(detail.reportId).toBe(previewReportId);
  });

  it('exports HTML: one self-contained file with no http(s) reference and inline SVG charts, audited', async () => {
    const before = (await exportAudits()).length;
    const file = await download('report-export-html');
    expect(file.name).toMatch(/\.html$/);
    const html = file.bytes.toString('utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/<script|<link\b|<img\b|\son[a-z]+\s*=|javascript:/i);
    expect((html.match(/<svg\b/g) ?? []).length).toBeGreaterThan(CHOSEN.length);
    for (const [i, id] of CHOSEN.entries()) expect(html).toContain(`<h2>${i + 1}、${titleOf(id)}</h2>`);
    expect(html).not.toContain(`data-section="tiering"`);
    expect(html).toContain(`<meta name="cws-report-id" content="${previewReportId}">`);
    const audits = await exportAudits();
    expect(audits).toHaveLength(before + 1);
    expect(JSON.parse(audits.at(-1)!.detail).format).toBe('html');
  });

  it('exports PDF through Chromium, audited', async () => {
    expect(info.pdfAvailable).toBe(true);
    const before = (await exportAudits()).length;
    const file = await download('report-export-pdf');
    expect(file.name).toMatch(/\.pdf$/);
    expect(file.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const audits = await exportAudits();
    expect(audits).toHaveLength(before + 1);
    const detail = JSON.parse(audits.at(-1)!.detail);
    expect(detail.format).toBe('pdf');
    // Cover + one page per section at least.
    expect(detail.pages).toBeGreaterThanOrEqual(1 + CHOSEN.length);
    expect((await exportAudits()).map((a) => JSON.parse(a.detail).format)).toEqual(['xlsx', 'html', 'pdf']);
    await screenshot(page, 'report-exported');
  });

  it('a 目录 entry scrolls the preview to its section (the report stays in the frame); no page errors', async () => {
    const frame = page.frameLocator('[data-testid="report-preview-frame"]');
    const sgs = frame.locator('section[data-section="sgs"]');
    // Where the section starts, from the top of the frame (boxes, not script: the sandboxed frame runs none).
    const offset = async () => (await sgs.boundingBox())!.y - (await page.getByTestId('report-preview-frame').boundingBox())!.y;
    expect(await offset()).toBeGreaterThan((await page.getByTestId('report-preview-frame').boundingBox())!.height);
    const link = frame.locator('ol.toc a[href$="#sec-sgs"]');
    expect(await link.innerText()).toBe(titleOf('sgs'));
    await link.click();
    await expect.poll(async () => Math.abs(await offset())).toBeLessThan(5);
    expect(await sectionIds(frame)).toEqual([...CHOSEN]);
    await screenshot(page, 'report-toc');
    // Measuring boxes inside the frame makes Playwright try its own script there, which the sandbox refuses with
    // this message; the report itself has no script at all (see the HTML export test).
    expect(errors.filter((e) => !e.startsWith("Blocked script execution in 'about:srcdoc'"))).toEqual([]);
  });
});
