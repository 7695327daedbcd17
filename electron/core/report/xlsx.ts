// The report as an XLSX workbook (SheetJS, write only): 封面, 目录, one sheet per section, 指标说明 (every metric and
// column in words, with the SQL as run) and 运行信息 (data fingerprint, run ids, generation time). Numbers are
// number cells with number formats (0.0% for shares), dates are date serials with a date format, headers are
// Chinese, column widths are set, and every sheet carries the watermark line (operator, time, purpose).
import XLSX from 'xlsx';
import type { CellObject, WorkSheet } from 'xlsx';
import { CAPABILITY_LABELS, type ReportData, type ReportSection, type ValueFormat } from '../../../shared/contract/report';
import { applyXlsxWatermark, type Watermark } from '../security/watermark';
import type { ReportDefinition } from './definition';
import { excelDate, excelDateTime, numberFormat, textWidth } from './format';

type Cell = CellObject | null;

const SPAN = 8;

/** Builds one sheet row by row; remembers which rows are free text (merged across, left out of widths). */
class SheetBuilder {
  private rows: Cell[][] = [];
  private wide = new Set<number>();
  readonly merges: XLSX.Range[] = [];

  get rowCount(): number {
    return this.rows.length;
  }

  row(cells: Cell[]): number {
    this.rows.push(cells);
    return this.rows.length - 1;
  }

  /** A line of text merged across the first SPAN columns. */
  text(s: string, span = SPAN): number {
    const r = this.row([str(s)]);
    this.wide.add(r);
    if (span > 1) this.merges.push({ s: { r, c: 0 }, e: { r, c: span - 1 } });
    return r;
  }

  blank(): void {
    this.row([]);
  }

  build(minWidth = 8, maxWidth = 60): WorkSheet {
    const sheet: WorkSheet = {};
    let maxC = 0;
    const widths: number[] = [];
    this.rows.forEach((cells, r) => {
      cells.forEach((cell, c) => {
        if (!cell) return;
        sheet[XLSX.utils.encode_cell({ r, c })] = cell;
        maxC = Math.max(maxC, c);
        if (this.wide.has(r)) return;
        const shown = cell.t === 'n' ? 12 : textWidth(String(cell.v ?? ''));
        widths[c] = Math.max(widths[c] ?? 0, shown + 2);
      });
    });
    sheet['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(0, this.rows.length - 1), c: Math.max(maxC, SPAN - 1) } });
    sheet['!cols'] = Array.from({ length: Math.max(maxC + 1, SPAN) }, (_, c) => ({ wch: Math.max(minWidth, Math.min(maxWidth, widths[c] ?? minWidth)) }));
    if (this.merges.length) sheet['!merges'] = this.merges;
    return sheet;
  }
}

const str = (s: string): CellObject => ({ t: 's', v: s });
const date = (iso: string): CellObject => ({ t: 'n', v: excelDate(iso), z: 'yyyy-mm-dd' });

function value(v: unknown, format: ValueFormat, delta = false): Cell {
  if (v === null || v === undefined || v === '') return null;
  if (format === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) return date(v);
  if (typeof v === 'number') return { t: 'n', v, ...(numberFormat(format, delta) ? { z: numberFormat(format, delta)! } : {}) };
  return str(String(v));
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ], unique. */
export function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[:\\/?*[\]]/g, ' ').trim().slice(0, 31) || '工作表';
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base.slice(0, 28)}(${i})`;
  used.add(name);
  return name;
}

function coverSheet(d: ReportData, w: Watermark): WorkSheet {
  const b = new SheetBuilder();
  b.text(`${d.district}${d.title}`, 4);
  if (d.subtitle) b.text(d.subtitle, 4);
  b.blank();
  b.row([str('项目'), str('内容')]);
  const kv = (k: string, v: Cell) => b.row([str(k), v]);
  kv('行政区域', str(d.district));
  kv('报告期', str(d.period.label));
  kv('报告期起', date(d.period.start));
  kv('报告期止', date(d.period.end));
  kv('比较期（上期）', str(d.comparison ? d.comparison.label : '不比较'));
  if (d.comparison) {
    kv('比较期起', date(d.comparison.start));
    kv('比较期止', date(d.comparison.end));
  }
  kv('生成时间', { t: 'n', v: excelDateTime(new Date(d.generatedAt)), z: 'yyyy-mm-dd hh:mm:ss' });
  kv('导出人', str(w.operator));
  kv('用途', str(w.purpose));
  kv('报告编号', str(d.reportId));
  kv('报告定义', str(`${d.definition.id} ${d.definition.version}`));
  kv('报告定义 SHA-256', str(d.definition.sha256));
  kv('数据指纹（SHA-256）', str(d.fingerprint));
  kv('工作区', str(d.workspace));
  kv('工作日历版本', str(d.calendar));
  b.blank();
  b.row([str('所用运行'), str('期间'), str('运行编号'), str('基准日')]);
  for (const r of uniqueRuns(d)) b.row([str(CAPABILITY_LABELS[r.capability]), str(r.period), str(r.runId), date(r.asOf)]);
  if (!uniqueRuns(d).length) b.row([str('（本报告所选章节不依赖评价、分级或修复测算运行）')]);
  return b.build(12, 70);
}

function uniqueRuns(d: ReportData) {
  const seen = new Map<string, { capability: keyof typeof CAPABILITY_LABELS; runId: string; asOf: string; period: string }>();
  for (const s of d.sections) {
    for (const [which, runs] of [['本期', s.runs.current], ['上期', s.runs.prior]] as const) {
      for (const r of runs) {
        const key = `${r.capability}:${r.runId}:${which}`;
        if (!seen.has(key)) seen.set(key, { ...r, period: which === '本期' ? d.period.label : d.comparison?.label ?? '' });
      }
    }
  }
  return [...seen.values()];
}

function contentsSheet(d: ReportData, names: Map<string, string>): WorkSheet {
  const b = new SheetBuilder();
  b.text('目录', 5);
  b.blank();
  b.row([str('序号'), str('章节'), str('工作表'), str('状态'), str('说明')]);
  for (const s of d.sections) {
    const name = names.get(s.id)!;
    const link: CellObject = { t: 's', v: name, l: { Target: `#'${name.replace(/'/g, "''")}'!A1`, Tooltip: `转到 ${name}` } };
    b.row([{ t: 'n', v: s.no }, str(s.title), link, str(s.available ? '已生成' : '无数据'), str(s.available ? s.priorNote ?? '' : s.note ?? '')]);
  }
  b.row([null, str('指标说明'), { t: 's', v: '指标说明', l: { Target: `#'指标说明'!A1` } }, str('口径与 SQL')]);
  b.row([null, str('运行信息'), { t: 's', v: '运行信息', l: { Target: `#'运行信息'!A1` } }, str('数据指纹、运行编号、生成时间')]);
  return b.build(6, 80);
}

function sectionSheet(d: ReportData, s: ReportSection): WorkSheet {
  const b = new SheetBuilder();
  b.text(`${s.no}、${s.title}`);
  b.text(`报告期：${d.period.label}（${d.period.start} 至 ${d.period.end}）${d.comparison ? `；比较期：${d.comparison.label}（${d.comparison.start} 至 ${d.comparison.end}）` : ''}`);
  b.text(s.intro);
  if (!s.available) {
    b.blank();
    b.text(s.note ?? '本章节没有数据。');
    return b.build();
  }
  if (s.priorNote) b.text(s.priorNote);
  for (const r of s.runs.current) b.text(`所用${CAPABILITY_LABELS[r.capability]}运行：${r.runId}（基准日 ${r.asOf}）`);
  if (s.metrics.length) {
    b.blank();
    b.text('主要指标');
    b.row([str('指标'), str('本期'), ...(d.comparison ? [str('上期'), str('变化')] : [])]);
    for (const m of s.metrics) {
      b.row([
        str(m.label),
        value(m.current, m.format),
        ...(d.comparison ? [value(m.prior, m.format), value(m.delta, m.format, true)] : []),
      ]);
    }
  }
  for (const t of s.tables) {
    b.blank();
    b.text(t.title);
    if (t.note) b.text(t.note);
    b.row(t.columns.map((c) => str(c.label)));
    for (const row of t.rows) b.row(t.columns.map((c) => value(row[c.key], c.format, c.role === 'delta')));
  }
  if (s.charts.length) {
    b.blank();
    b.text(`图表（见 HTML / PDF 版报告）：${s.charts.map((c) => c.title).join('；')}`);
  }
  return b.build();
}

function definitionsSheet(d: ReportData, def: ReportDefinition): WorkSheet {
  const b = new SheetBuilder();
  b.text('指标说明（口径与计算 SQL）', 6);
  b.text(
    `每项数字都由报告定义 ${d.definition.id} ${d.definition.version}（SHA-256 ${d.definition.sha256.slice(0, 16)}…）中的 SQL 在工作区上计算；报告期与比较期分别代入期间起止日期运行。下表 SQL 为本期实际运行的语句。`,
    6,
  );
  b.blank();
  b.row([str('章节'), str('类型'), str('名称'), str('口径说明'), str('SQL（本期）')]);
  const sql = (s: string) => str(s.length > 32_000 ? `${s.slice(0, 32_000)}…` : s);
  for (const s of d.sections) {
    if (!s.available) {
      b.row([str(s.title), str('章节'), str(s.title), str(s.note ?? '')]);
      continue;
    }
    for (const m of s.metrics) b.row([str(s.title), str('指标'), str(m.label), str(m.definition), sql(m.sql)]);
    for (const t of s.tables) {
      b.row([str(s.title), str('表'), str(t.title), str(t.note ?? ''), sql(t.sql)]);
      for (const c of t.columns) {
        if (c.role) continue;
        if (c.definition) b.row([str(s.title), str('列'), str(`${t.title} · ${c.label}`), str(c.definition)]);
      }
    }
  }
  b.blank();
  b.row([str('比较'), str('说明'), str('上期与变化'), str('上期为与报告期等长、紧邻其前的期间（整年取上一年，整月取之前同样月数）。变化 = 本期 − 上期；占比类指标的变化以百分点计。上期无对应行的计数按 0 计，比率留空。')]);
  b.blank();
  b.row([str('双公示字段校验'), str('数据表'), str('校验编号'), str('校验内容'), str('通过条件（SQL）')]);
  for (const [table, checks] of Object.entries(def.fieldChecks)) {
    for (const c of checks) b.row([str('字段校验'), str(table === 'licenses' ? '行政许可' : table === 'penalties' ? '行政处罚' : table), str(c.id), str(c.label), str(c.pass)]);
  }
  b.blank();
  b.row([str('设置'), str('名称'), str('取值')]);
  for (const [k, v] of Object.entries(def.settings)) b.row([str('设置'), str(k), str(Array.isArray(v) ? v.join('、') : String(v))]);
  return b.build(8, 80);
}

function provenanceSheet(d: ReportData): WorkSheet {
  const b = new SheetBuilder();
  b.text('运行信息', 5);
  b.blank();
  b.row([str('项目'), str('内容')]);
  b.row([str('报告编号'), str(d.reportId)]);
  b.row([str('生成时间'), { t: 'n', v: excelDateTime(new Date(d.generatedAt)), z: 'yyyy-mm-dd hh:mm:ss' }]);
  b.row([str('生成时间（UTC）'), str(d.generatedAt)]);
  b.row([str('数据指纹（SHA-256）'), str(d.fingerprint)]);
  b.row([str('报告定义'), str(`${d.definition.id} ${d.definition.version}`)]);
  b.row([str('报告定义 SHA-256'), str(d.definition.sha256)]);
  b.row([str('工作日历版本'), str(d.calendar)]);
  b.blank();
  b.row([str('章节'), str('能力'), str('期间'), str('运行编号'), str('基准日')]);
  for (const s of d.sections) {
    for (const [which, runs] of [['本期', s.runs.current], ['上期', s.runs.prior]] as const) {
      for (const r of runs) b.row([str(s.title), str(CAPABILITY_LABELS[r.capability]), str(which), str(r.runId), date(r.asOf)]);
    }
  }
  return b.build(10, 80);
}

export function reportXlsx(d: ReportData, def: ReportDefinition, w: Watermark): { bytes: Uint8Array; sheets: string[] } {
  const wb = XLSX.utils.book_new();
  const used = new Set<string>(['封面', '目录', '指标说明', '运行信息']);
  const names = new Map(d.sections.map((s) => [s.id, sheetName(`${s.no} ${s.title}`, used)]));
  XLSX.utils.book_append_sheet(wb, coverSheet(d, w), '封面');
  XLSX.utils.book_append_sheet(wb, contentsSheet(d, names), '目录');
  for (const s of d.sections) XLSX.utils.book_append_sheet(wb, sectionSheet(d, s), names.get(s.id)!);
  XLSX.utils.book_append_sheet(wb, definitionsSheet(d, def), '指标说明');
  XLSX.utils.book_append_sheet(wb, provenanceSheet(d), '运行信息');
  wb.Props = { Title: `${d.district}${d.title}（${d.period.label}）`, Subject: d.subtitle, Company: d.district };
  applyXlsxWatermark(wb, w);
  const buf = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
  return { bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), sheets: [...wb.SheetNames] };
}
