// The pieces that turn report data into files: merging the two periods, the chart option, value formats, the HTML
// (self-contained, escaped) and the XLSX cells, checked on small hand-made data.
import { describe, expect, it } from 'vitest';
import XLSX from 'xlsx';
import ExcelJS from 'exceljs';
import { mergeTable } from '../../electron/core/report/compute';
import { tableSchema } from '../../electron/core/report/definition';
import { excelDate, formatValue, numberFormat } from '../../electron/core/report/format';
import { cssString, reportHtml } from '../../electron/core/report/html';
import { reportXlsx, sheetName } from '../../electron/core/report/xlsx';
import { pdfPageCount } from '../../electron/core/report/pdf';
import { chartSvg, stripNamespaces } from '../../electron/core/report/charts';
import { loadDefinition } from '../../electron/core/report/definition';
import { reportChartOption } from '../../shared/charts/report';
import { createWatermark } from '../../electron/core/security/watermark';
import type { ReportData } from '../../shared/contract/report';

const table = tableSchema.parse({
  id: 'by_dept',
  title: '按部门',
  sql: 'SELECT 1',
  totalKey: '合计',
  columns: [
    { key: 'dept', label: '部门', format: 'text', isKey: true },
    { key: 'records', label: '记录数', format: 'int', compare: true },
    { key: 'rate', label: '及时率', format: 'pct', compare: true },
    { key: 'note', label: '备注', format: 'text' },
  ],
});

describe('merging the two periods', () => {
  const current = [
    { dept: '甲', records: 10, rate: 0.9, note: 'x' },
    { dept: '乙', records: 4, rate: 0.5, note: null },
    { dept: '合计', records: 14, rate: 0.8, note: null },
  ];
  const prior = [
    { dept: '甲', records: 8, rate: 0.75, note: 'y' },
    { dept: '丙', records: 3, rate: 1, note: null },
    { dept: '合计', records: 11, rate: 0.8181, note: null },
  ];

  it('adds 上期 and 变化 beside compared columns only', () => {
    const m = mergeTable(table, current, prior);
    expect(m.columns.map((c) => c.key)).toEqual(['dept', 'records', 'records__prior', 'records__delta', 'rate', 'rate__prior', 'rate__delta', 'note']);
    expect(m.columns.find((c) => c.key === 'rate__delta')!.label).toBe('及时率变化（百分点）');
  });

  it('matches rows on the key, keeps prior-only rows (zero counts, empty rates) before the total', () => {
    const m = mergeTable(table, current, prior);
    expect(m.rows.map((r) => r.dept)).toEqual(['甲', '乙', '丙', '合计']);
    const [a, b, c, total] = m.rows;
    expect(a).toMatchObject({ records: 10, records__prior: 8, records__delta: 2, rate__prior: 0.75 });
    expect(a!.rate__delta).toBeCloseTo(0.15, 10);
    expect(b).toMatchObject({ records__prior: 0, records__delta: 4, rate__prior: null, rate__delta: null });
    expect(c).toMatchObject({ records: 0, records__prior: 3, records__delta: -3, rate: null, rate__prior: 1, rate__delta: null });
    expect(total).toMatchObject({ records: 14, records__prior: 11, records__delta: 3 });
  });

  it('without a comparison period the table is unchanged', () => {
    const m = mergeTable(table, current, null);
    expect(m.columns.map((c) => c.key)).toEqual(['dept', 'records', 'rate', 'note']);
    expect(m.rows).toBe(current);
  });
});

describe('report charts', () => {
  const merged = mergeTable(
    table,
    [
      { dept: '甲', records: 10, rate: 0.9, note: null },
      { dept: '合计', records: 10, rate: 0.9, note: null },
    ],
    [{ dept: '甲', records: 8, rate: 0.755, note: null }],
  );

  it('compareBar draws this period and the prior one, shares in percent, without the total row', () => {
    const o = reportChartOption({ builder: 'compareBar', category: 'dept', values: ['rate'], horizontal: false }, merged, {
      current: '2026年',
      prior: '2025年',
      totalKey: '合计',
    }) as { series: { name: string; data: number[] }[]; xAxis: { data: string[] } };
    expect(o.xAxis.data).toEqual(['甲']);
    expect(o.series.map((s) => s.name)).toEqual(['2026年（%）', '2025年（%）']);
    expect(o.series[0]!.data).toEqual([90]);
    expect(o.series[1]!.data).toEqual([75.5]);
  });

  it('heatmap lays the rows out by category × series', () => {
    const t = {
      columns: [
        { key: 'g', label: 'g', format: 'text' },
        { key: 'r', label: 'r', format: 'text' },
        { key: 'n', label: 'n', format: 'int' },
      ],
      rows: [
        { g: 'A', r: 'x', n: 1 },
        { g: 'A', r: 'y', n: 2 },
        { g: 'B', r: 'x', n: 3 },
      ],
    };
    const o = reportChartOption({ builder: 'heatmap', category: 'g', series: 'r', values: ['n'] }, t, { current: 'c', prior: null }) as {
      series: { data: [number, number, number][] }[];
    };
    // B × y is absent → 0.
    expect(o.series[0]!.data).toEqual([[0, 0, 1], [1, 0, 2], [0, 1, 3], [1, 1, 0]]);
  });

  it('renders to inline SVG with no namespace URL left', () => {
    const o = reportChartOption({ builder: 'compareBar', category: 'dept', values: ['records'] }, merged, { current: '本期', prior: '上期', totalKey: '合计' });
    const svg = chartSvg({ option: o as Record<string, unknown>, width: 400, height: 200 });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).not.toMatch(/https?:/);
    expect(svg).toContain('本期');
    expect(stripNamespaces('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" a="1">')).toBe('<svg a="1">');
  });
});

describe('value formats', () => {
  it('shows shares in percent and their changes in percentage points', () => {
    expect(formatValue(0.9087, 'pct')).toBe('90.9%');
    expect(formatValue(0.0197, 'pct', true)).toBe('+2.0 个百分点');
    expect(formatValue(-0.1, 'pct', true)).toBe('-10.0 个百分点');
    expect(formatValue(12345, 'int')).toBe('12,345');
    expect(formatValue(143, 'int', true)).toBe('+143');
    expect(formatValue(7489.5, 'wan')).toBe('7,489.50');
    expect(formatValue(null, 'int')).toBe('—');
  });

  it('Excel formats and date serials', () => {
    expect(numberFormat('pct')).toBe('0.0%');
    expect(numberFormat('int', true)).toBe('+#,##0;-#,##0;#,##0');
    // 1900 date system: 2024-01-01 is day 45292, 2026-01-01 is 730 days (2024 leap year + 2025) later.
    expect(excelDate('2024-01-01')).toBe(45292);
    expect(excelDate('2026-01-01')).toBe(45292 + 366 + 365);
  });

  it('sheet names stay within Excel rules', () => {
    const used = new Set<string>(['封面']);
    expect(sheetName('封面', used)).toBe('封面(2)');
    expect(sheetName('a/b:c?d*e[f]', used)).toBe('a b c d e f');
    expect(sheetName('很'.repeat(40), used)).toHaveLength(31);
  });

  it('CSS strings cannot end the style element', () => {
    expect(cssString('a"b\\c</style><script>')).toBe('"a\\"b\\\\c\\3C /style\\3E \\3C script\\3E "');
  });

  it('counts PDF pages by page objects, not the page tree', () => {
    const fake = new TextEncoder().encode('1 0 obj << /Type /Pages /Count 2 >> 2 0 obj << /Type /Page >> 3 0 obj <</Type/Page/Parent 1 0 R>>');
    expect(pdfPageCount(fake)).toBe(2);
  });
});

describe('files from report data', () => {
  const data: ReportData = {
    reportId: 'r1',
    definition: { id: 'demo-zone', title: 't', version: '1', sha256: 'abc' },
    title: '示范区报告',
    subtitle: '副标题',
    district: '奉贤区',
    period: { start: '2026-01-01', end: '2026-12-31', label: '2026年', days: 365 },
    comparison: { start: '2025-01-01', end: '2025-12-31', label: '2025年', days: 365 },
    generatedAt: '2026-11-26T06:00:00.000Z',
    operator: '张三',
    purpose: '示范区<材料>',
    fingerprint: 'f'.repeat(64),
    workspace: 'w.duckdb',
    calendar: 'cal',
    timings: {},
    sections: [
      {
        id: 's1',
        no: 1,
        title: '双公示',
        intro: '说明 <b>不是标签</b>',
        available: true,
        runs: { current: [], prior: [] },
        metrics: [{ id: 'm', label: '及时率', format: 'pct', current: 0.5, prior: 0.25, delta: 0.25, definition: '口径', sql: 'SELECT 0.5' }],
        tables: [
          {
            id: 't',
            title: '按部门',
            columns: mergeTable(table, [], []).columns,
            rows: mergeTable(table, [{ dept: '甲', records: 3, rate: 0.5, note: null }], [{ dept: '甲', records: 1, rate: 0.25, note: null }]).rows,
            sql: 'SELECT …',
          },
        ],
        charts: [],
      },
      { id: 's2', no: 2, title: '信用评价', intro: 'i', available: false, note: '尚未运行信用评价：请先运行信用评价。', runs: { current: [], prior: [] }, metrics: [], tables: [], charts: [] },
    ],
  };
  const w = createWatermark({ operator: '张三', purpose: '示范区<材料>', now: new Date(data.generatedAt) });

  it('HTML is self-contained, escaped, one section per page, and says when a section has no run', () => {
    const html = reportHtml(data, w);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/<script|<link|@import|url\(/i);
    expect(html).toContain('说明 &lt;b&gt;不是标签&lt;/b&gt;');
    expect(html).toContain('尚未运行信用评价');
    expect(html.match(/class="report-section/g)).toHaveLength(2);
    expect(html).toMatch(/@page\s*\{[^]*size: A4/);
    expect(html).toMatch(/counter\(page\)/);
    expect(html).toContain('用途：示范区&lt;材料&gt;');
  });

  it('XLSX cells are numbers with formats, dates are dates, headers are Chinese', () => {
    const { bytes, sheets } = reportXlsx(data, loadDefinition().def, w);
    expect(sheets).toEqual(['封面', '目录', '1 双公示', '2 信用评价', '指标说明', '运行信息']);
    // Reading back our own file is fine in a test (never user files in product code).
    const wb = XLSX.read(bytes, { type: 'array', cellNF: true, cellStyles: true });
    const sheet = wb.Sheets['1 双公示']!;
    const cells = Object.entries(sheet).filter(([k]) => !k.startsWith('!')) as [string, XLSX.CellObject][];
    const rate = cells.find(([, c]) => c.t === 'n' && c.v === 0.5 && c.z === '0.0%');
    expect(rate, 'a share stored as 0.5 with 0.0%').toBeDefined();
    const header = cells.filter(([, c]) => c.v === '及时率（上期）');
    expect(header.length).toBe(1);
    expect(sheet['!cols']!.length).toBeGreaterThan(3);
    const cover = wb.Sheets['封面']!;
    const start = Object.values(cover).find((c) => (c as XLSX.CellObject).v === 46023) as XLSX.CellObject | undefined;
    expect(start?.t).toBe('n');
    expect(String(start?.z)).toMatch(/yyyy-mm-dd/);
    const second = wb.Sheets['2 信用评价']!;
    expect(Object.values(second).some((c) => typeof (c as XLSX.CellObject).v === 'string' && String((c as XLSX.CellObject).v).startsWith('尚未运行信用评价'))).toBe(true);
    expect(wb.Props?.Author).toBe('张三');
  });

  it('a second, stricter reader (exceljs) opens the workbook too', async () => {
    const { bytes } = reportXlsx(data, loadDefinition().def, w);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['封面', '目录', '1 双公示', '2 信用评价', '指标说明', '运行信息']);
    const sheet = book.getWorksheet('1 双公示')!;
    let found = false;
    sheet.eachRow((row) => row.eachCell((cell) => {
      if (cell.value === 0.5 && cell.numFmt === '0.0%') found = true;
    }));
    expect(found).toBe(true);
  });
});
