// The demonstration-zone report on a tiny district whose figures are worked out by hand (report.fixture.ts): 双公示
// timeliness over the 2026 holidays, compliance and 重错码率, repairs in working days, 三书同达, commitments,
// lists, financing, the comparison period, sections without runs, the workbook read back, the HTML and the PDF.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import XLSX from 'xlsx';
import type { Workspace } from '../../electron/core/workspace';
import { openWorkspace } from '../../electron/core/workspace';
import { computeReport } from '../../electron/core/report/compute';
import { loadDefinition, parseDefinition } from '../../electron/core/report/definition';
import demoZone from '../../datasets/reports/demo-zone.json';
import { reportWatermark, renderReport } from '../../electron/core/report/build';
import { findChromium } from '../../electron/core/report/pdf';
import type { ReportData, ReportSection } from '../../shared/contract/report';
import { tempDir } from '../helpers/workspace';
import { callOk, testCore } from '../helpers/core';
import { seedReportFixture } from './report.fixture';

let ws: Workspace;
let wsPath: string;
let data: ReportData;
// A report made "on 2027-01-15", so 2026 is a closed year (states are taken at 2026-12-31).
const NOW = new Date(2027, 0, 15, 10, 0, 0);

const section = (id: string): ReportSection => data.sections.find((s) => s.id === id)!;
const metric = (s: string, id: string) => section(s).metrics.find((m) => m.id === id)!;
const table = (s: string, id: string) => section(s).tables.find((t) => t.id === id)!;
const row = (s: string, t: string, key: string) => table(s, t).rows.find((r) => Object.values(r)[0] === key)!;

beforeAll(async () => {
  wsPath = path.join(tempDir('cws-report-'), 'fx.duckdb');
  ws = await openWorkspace(wsPath, { create: true, threads: 2 });
  await seedReportFixture(ws);
  data = await computeReport(ws, loadDefinition(), { year: 2026 }, { operator: '测试员', purpose: '单元测试', now: NOW });
}, 120_000);

afterAll(() => ws?.close());

describe('双公示 (7 working days, field checks, 重错码)', () => {
  it('counts records decided in the period and the share reported within 7 working days', () => {
    // L1 7 wd, L3 3 wd (春节), P1 4 wd (国庆 + 10-10 调休) on time; L2 8, P2 11, P3 not reported, P4 before decision: late.
    expect(metric('sgs', 'records').current).toBe(7);
    expect(metric('sgs', 'on_time_rate').current).toBeCloseTo(3 / 7, 12);
    // 2025: L4 1 wd on time; P5 8 wd (元旦 + 01-04 调休) late.
    expect(metric('sgs', 'records').prior).toBe(2);
    expect(metric('sgs', 'on_time_rate').prior).toBeCloseTo(1 / 2, 12);
    expect(metric('sgs', 'on_time_rate').delta).toBeCloseTo(3 / 7 - 1 / 2, 12);
  });

  it('compliance: every field check passes', () => {
    // L2 bad USCC, P2 person without valid ID, P3 no reported date, P4 decided after reporting.
    expect(metric('sgs', 'compliance_rate').current).toBeCloseTo(3 / 7, 12);
    expect(metric('sgs', 'compliance_rate').prior).toBe(1);
    const failures = table('sgs', 'failures').rows.map((r) => [r.category, r.check_label, r.failures]);
    expect(failures).toHaveLength(4);
    expect(failures.map((f) => f[2])).toEqual([1, 1, 1, 1]);
    expect(failures.filter((f) => f[0] === '行政处罚').map((f) => f[1])).toEqual(
      expect.arrayContaining([expect.stringMatching(/身份证/), expect.stringMatching(/上报日期/), expect.stringMatching(/不晚于上报日期/)]),
    );
  });

  it('重错码率: invalid codes (L2, P2) and one code under two names (L1, P1)', () => {
    expect(metric('sgs', 'wrong_code').current).toBe(2);
    expect(metric('sgs', 'dup_code').current).toBe(2);
    expect(metric('sgs', 'error_code_rate').current).toBeCloseTo(4 / 7, 12);
    expect(metric('sgs', 'error_code_rate').prior).toBe(0);
  });

  it('by department, with the prior period beside', () => {
    const scjg = row('sgs', 'by_dept', '区市场监管局');
    expect(scjg).toMatchObject({ records: 4, on_time_rate: 0.75, compliance_rate: 0.75, error_code_rate: 0.75, wrong_code: 1, dup_code: 2 });
    expect(scjg.on_time_rate__prior).toBe(0.5);
    expect(scjg.on_time_rate__delta).toBeCloseTo(0.25, 12);
    const sthj = row('sgs', 'by_dept', '区生态环境局');
    expect(sthj).toMatchObject({ records: 3, on_time_rate: 0, compliance_rate: 0, wrong_code: 1, dup_code: 0 });
    expect(sthj.error_code_rate).toBeCloseTo(1 / 3, 12);
    // No 2025 records from 生态环境局: its prior rate is unknown, not 0.
    expect(sthj.on_time_rate__prior).toBeNull();
    expect(row('sgs', 'by_dept', '合计').records).toBe(7);
  });

  it('reporting time buckets', () => {
    const b = Object.fromEntries(table('sgs', 'report_days').rows.map((r) => [r.bucket, r.records]));
    expect(b).toMatchObject({ 当日: 0, '1–3 个工作日': 1, '4–7 个工作日': 2, '8–15 个工作日': 2, 未上报或日期有误: 2 });
  });
});

describe('repairs and 三书同达', () => {
  it('applications, finished cases, working days and 受理即办结', () => {
    expect(metric('repairs', 'applied').current).toBe(4);
    expect(metric('repairs', 'finished').current).toBe(4); // R1, R2, R3 and R5 (applied 2025)
    expect(metric('repairs', 'succeeded').current).toBe(3); // R3 不予修复
    expect(metric('repairs', 'avg_workdays').current).toBeCloseTo((0 + 3 + 8 + 3) / 4, 12);
    expect(metric('repairs', 'same_day_share').current).toBe(0.25);
    expect(metric('repairs', 'over_limit').current).toBe(1);
    expect(metric('repairs', 'applied').prior).toBe(1);
    expect(metric('repairs', 'finished').prior).toBe(0);
    expect(metric('repairs', 'avg_workdays').prior).toBeNull();
    const days = Object.fromEntries(table('repairs', 'days').rows.map((r) => [r.bucket, r.finished]));
    expect(days).toMatchObject({ '0（受理即办结）': 1, '3': 2, 超过7: 1, '1': 0 });
  });

  it('三书同达 (四书 in key sectors) and 两书同达', () => {
    // P1 four documents on the day; P2 three but no 法治体检书 (生态环境 is a key sector); P4 decision + notice only.
    expect(metric('repairs', 'all_docs_share').current).toBe(0.25);
    expect(metric('repairs', 'two_docs_share').current).toBe(0.75);
  });

  it('the graph exposure table says the analysis has not been run', () => {
    expect(table('lists', 'exposure').rows).toEqual([]);
    expect(table('lists', 'exposure').note).toMatch(/尚未运行关联风险分析/);
  });

  it('the disclosure table says the repair测算 has not been run', () => {
    expect(table('repairs', 'disclosure').rows).toEqual([]);
    expect(table('repairs', 'disclosure').note).toMatch(/^尚未运行信用修复测算/);
  });
});

describe('commitments, lists, financing', () => {
  it('commitments made in the period, status at the period end', () => {
    expect(metric('commitments', 'total').current).toBe(4);
    expect(metric('commitments', 'kept').current).toBe(1);
    expect(metric('commitments', 'broken').current).toBe(2);
    expect(metric('commitments', 'rate').current).toBeCloseTo(1 / 3, 12);
    expect(metric('commitments', 'rate').prior).toBe(1);
    const byType = table('commitments', 'by_type').rows.map((r) => [r.commitment_type, r.total, r.rate]);
    expect(byType).toEqual([
      ['审批替代型', 2, 0.5],
      ['主动公示型', 1, null],
      ['行业自律型', 1, 0],
      ['信用修复型', 0, null],
      ['合计', 4, 1 / 3],
    ]);
    expect(row('commitments', 'by_type', '审批替代型').total__prior).toBe(1);
  });

  it('lists: added, removed and in force at the period end', () => {
    expect(row('lists', 'by_type', '严重失信主体名单')).toMatchObject({ added: 1, removed: 0, in_force: 1, in_force__prior: 0 });
    expect(row('lists', 'by_type', '经营异常名录')).toMatchObject({ added: 0, added__prior: 1, removed: 1, in_force: 0, in_force__prior: 1 });
    expect(row('lists', 'by_type', 'A级纳税人')).toMatchObject({ removed: 1, in_force: 0, in_force__prior: 1 });
    expect(metric('lists', 'black_subjects').current).toBe(1);
    expect(metric('lists', 'red_share').current).toBe(0.2);
    expect(metric('lists', 'red_share').prior).toBe(0.2);
  });

  it('financing (信易贷)', () => {
    expect(metric('financing', 'loans').current).toBe(3);
    expect(metric('financing', 'amount').current).toBe(180);
    expect(metric('financing', 'subjects').current).toBe(2);
    expect(metric('financing', 'credit_share').current).toBeCloseTo(2 / 3, 12);
    expect(metric('financing', 'amount').prior).toBe(80);
    expect(row('financing', 'by_lender', '银行甲')).toMatchObject({ loans: 2, amount: 150, loans__prior: 0 });
    expect(row('financing', 'by_lender', '银行甲').credit_amount_share).toBeCloseTo(100 / 150, 12);
  });

  it('data collected by category, against the prior year', () => {
    expect(metric('collection', 'records').current).toBe(20);
    expect(metric('collection', 'records').prior).toBe(6);
    const byCat = Object.fromEntries(table('collection', 'by_category').rows.map((r) => [r.category, [r.records, r.records__prior]]));
    expect(byCat).toMatchObject({ 行政许可: [3, 1], 行政处罚: [4, 1], 红黑名单: [2, 1], 信用承诺: [4, 1], 信用修复: [4, 1], 信易贷融资: [3, 1], 监管检查: [0, 0], 合计: [20, 6] });
  });
});

describe('sections without runs', () => {
  it('say so instead of showing numbers', () => {
    for (const [id, words] of [['evaluation', '尚未运行信用评价'], ['tiering', '尚未运行分级分类'], ['warnings', '尚未运行分级分类']] as const) {
      const s = section(id);
      expect(s.available).toBe(false);
      expect(s.note).toMatch(new RegExp(`^${words}`));
      expect(s.metrics).toEqual([]);
      expect(s.tables).toEqual([]);
    }
  });
});

describe('files', () => {
  it('the workbook holds the same numbers as the report data, as numbers', async () => {
    const out = await renderReport(data, 'xlsx', reportWatermark(data));
    expect(out.sheets).toEqual(['封面', '目录', '1 数据归集', '2 双公示', '3 公共信用综合评价', '4 信用分级分类监管', '5 风险预警', '6 信用修复', '7 信用承诺', '8 红黑名单', '9 信易贷融资', '指标说明', '运行信息']);
    const wb = XLSX.read(out.bytes, { type: 'array', cellNF: true, cellStyles: true });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['2 双公示']!, { header: 1, raw: true, defval: null });
    const kpi = rows.find((r) => r[0] === '及时率')!;
    expect(kpi.slice(1, 4).map(Number)).toEqual([3 / 7, 1 / 2, 3 / 7 - 1 / 2].map((x) => expect.closeTo(x, 12)) as unknown as number[]);
    const dept = rows.find((r) => r[0] === '区市场监管局')!;
    expect(dept[0]).toBe('区市场监管局');
    expect(dept[1]).toBe(4);
    const evalRows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['3 公共信用综合评价']!, { header: 1, raw: true, defval: null });
    expect(evalRows.some((r) => typeof r[0] === 'string' && r[0].startsWith('尚未运行信用评价'))).toBe(true);
    const cover = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['封面']!, { header: 1, raw: true, defval: null });
    expect(cover.find((r) => r[0] === '数据指纹（SHA-256）')![1]).toBe(data.fingerprint);
    expect(cover.find((r) => r[0] === '报告期起')![1]).toBe(46023); // 2026-01-01
    const defs = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['指标说明']!, { header: 1, raw: true, defval: null });
    expect(defs.find((r) => r[2] === '重错码率')![3]).toMatch(/错码[^]*重码/);
  });

  it('the HTML is self-contained with inline SVG charts', async () => {
    const out = await renderReport(data, 'html', reportWatermark(data));
    const html = out.html!;
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(/i);
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(10);
    expect(html).toContain('尚未运行信用评价');
    expect(html).toContain('导出人：测试员');
    expect(out.sections).toHaveLength(9);
  });

  it.runIf(findChromium() !== null)('the PDF has the cover and one page per short section', async () => {
    // Sections without runs are a heading and a note: each fits one page, and each starts a new page.
    const small = await computeReport(ws, loadDefinition(), { year: 2026, sections: ['evaluation', 'tiering', 'warnings'] }, { operator: 't', now: NOW });
    const pdf = await renderReport(small, 'pdf', reportWatermark(small));
    expect(pdf.pages).toBe(1 + 3);
    expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const full = await renderReport(data, 'pdf', reportWatermark(data));
    expect(full.pages!).toBeGreaterThanOrEqual(1 + data.sections.length);
  }, 120_000);
});

describe('errors', () => {
  it('a broken statement in an edited definition names the section and item', async () => {
    const raw = JSON.parse(JSON.stringify(demoZone));
    raw.sections[0].metrics[0].sql = 'SELECT no_such_column FROM _r_collect';
    await expect(computeReport(ws, parseDefinition(raw), { year: 2026, sections: ['collection'] }, { operator: 't', now: NOW })).rejects.toThrow(
      /数据归集 · 归集记录数/,
    );
  });

  it('a cancelled report stops with CANCELLED', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(computeReport(ws, loadDefinition(), { year: 2026 }, { operator: 't', signal: ac.signal, now: NOW })).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('through the contract', () => {
  it('exports, audits the export, and refuses unknown sections', async () => {
    ws.close();
    const core = testCore(wsPath);
    try {
      const r = await callOk(core, 'report.export', { format: 'html', year: 2026, sections: ['sgs', 'financing'], purpose: '示范区申报材料' });
      expect(r.sections).toEqual(['双公示', '信易贷融资']);
      expect(r.fileName).toMatch(/^示范区报告-2026年-\d{8}-\d{6}\.html$/);
      const w = await core.session.workspace();
      const audit = await w.one<{ action: string; purpose: string; detail: string; target: string }>(
        `SELECT action, purpose, detail, target FROM audit_log WHERE action = 'report.export' ORDER BY seq DESC LIMIT 1`,
      );
      expect(audit?.purpose).toBe('示范区申报材料');
      expect(audit?.target).toBe(r.fileName);
      expect(JSON.parse(audit!.detail)).toMatchObject({ format: 'html', reportId: r.reportId, sections: ['sgs', 'financing'] });
      const bad = await core.call({ call: 'report.export', input: { format: 'xlsx', sections: ['nope'] } });
      expect(bad.ok).toBe(false);
      if (!bad.ok) expect(bad.error.message).toMatch(/没有这些章节：nope/);
      const info = await callOk(core, 'report.definition', {});
      expect(info.sections).toHaveLength(9);
      expect(info.runs.evaluate).toBeNull();
      expect(info.years).toEqual([2026, 2025, 2024]);
    } finally {
      core.close();
      ws = await openWorkspace(wsPath);
    }
  }, 120_000);

  it('leaves no file behind in the workspace folder', () => {
    expect(fs.readdirSync(path.dirname(wsPath)).filter((f) => !f.startsWith('fx.duckdb'))).toEqual([]);
  });
});
