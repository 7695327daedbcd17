// The metric runner: runs a report definition against the workspace for the period and the comparison period, on
// one dedicated connection (temp tables per period, cancelled through the signal), and merges the two periods
// into plain report data. Set-based SQL does the work; JavaScript only matches the two periods' small result rows.
import { createHash } from 'node:crypto';
import path from 'node:path';
import {
  CAPABILITY_LABELS,
  REPORT_CAPABILITIES,
  type ReportCapability,
  type ReportCell,
  type ReportColumn,
  type ReportData,
  type ReportMetric,
  type ReportPeriod,
  type ReportRequest,
  type ReportRun,
  type ReportSection,
  type ReportTable,
} from '../../../shared/contract/report';
import { deltaKey, priorKey, reportChartOption } from '../../../shared/charts/report';
import type { Conn, Workspace } from '../workspace/workspace';
import { dataFingerprint } from '../workspace/info';
import { CoreError } from '../errors';
import { ensureCommitmentMacro, ensureWorkdayCalendar, loadHolidayCalendar, loadRuleBook } from '../repair/index';
import { loadWarningRules } from '../tiering/index';
import type { LoadedDefinition, SectionDef, TableDef } from './definition';
import { resolvePeriods } from './period';
import { capabilitiesOf, fillSql, type RunRef, type SqlContext } from './sql';
import { missingRunNote, runAsOf } from './runs';

export interface ComputeOptions {
  operator: string;
  purpose?: string;
  signal?: AbortSignal;
  progress?: (phase: string, done: number, total: number | null, message?: string) => void;
  /** Report date (default now): the current year by default, and the cap of "as of the period end". */
  now?: Date;
}

/** One period's results of a section, before the two periods are merged. */
interface PeriodResult {
  runs: Partial<Record<ReportCapability, RunRef>>;
  missing: Partial<Record<ReportCapability, string>>;
  metrics: Map<string, { value: number | null; sql: string; note?: string }>;
  tables: Map<string, { rows: Record<string, ReportCell>[]; sql: string; note?: string; unavailable?: boolean }>;
}

const localIso = (d: Date) => {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
};

function toNumber(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

function cellOf(v: unknown, format: string): ReportCell {
  if (v === null || v === undefined) return null;
  if (format === 'text' || format === 'date') return typeof v === 'string' ? v : String(v);
  return toNumber(v);
}

async function resolveRuns(conn: Conn, end: string, needed: Set<ReportCapability>) {
  const runs: Partial<Record<ReportCapability, RunRef>> = {};
  const missing: Partial<Record<ReportCapability, string>> = {};
  for (const cap of needed) {
    const r = await runAsOf(conn, cap, end);
    if (r) runs[cap] = r;
    else missing[cap] = await missingRunNote(conn, cap, end);
  }
  return { runs, missing };
}

function neededCapabilities(sections: SectionDef[]): Set<ReportCapability> {
  const out = new Set<ReportCapability>();
  for (const s of sections) {
    s.requires.forEach((c) => out.add(c));
    [...s.metrics, ...s.tables].forEach((x) => x.requires.forEach((c) => out.add(c)));
  }
  return out;
}

function runNote(runs: Partial<Record<ReportCapability, RunRef>>, caps: ReportCapability[]): string | undefined {
  const parts = caps.flatMap((c) => (runs[c] ? [`${CAPABILITY_LABELS[c]}运行 ${runs[c]!.runId}（基准日 ${runs[c]!.asOf}）`] : []));
  return parts.length ? `数据取自${parts.join('、')}。` : undefined;
}

/** Runs one statement of the definition; a failure names the section and item (the definition is editable data). */
async function statement<T>(where: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof CoreError && err.code === 'CANCELLED') throw err;
    const msg = err instanceof Error ? err.message : String(err);
    throw new CoreError('SQL_ERROR', `报告定义中“${where}”的 SQL 执行失败：${msg.split('\n')[0]}。请检查 datasets/reports 中的报告定义。`, msg);
  }
}

async function runSectionPeriod(conn: Conn, s: SectionDef, ctx: SqlContext, missing: PeriodResult['missing']): Promise<PeriodResult> {
  const result: PeriodResult = { runs: ctx.runs, missing, metrics: new Map(), tables: new Map() };
  const lacks = (caps: ReportCapability[]) => caps.find((c) => !ctx.runs[c]);
  if (lacks(s.requires)) return result;
  for (const p of s.prepare) {
    await statement(`${s.title} · ${p.name}`, () => conn.run(`CREATE OR REPLACE TEMP TABLE ${p.name} AS ${fillSql(p.sql, ctx)}`));
  }
  for (const m of s.metrics) {
    const lack = lacks(m.requires);
    if (lack) {
      result.metrics.set(m.id, { value: null, sql: m.sql, note: missing[lack] });
      continue;
    }
    const sql = fillSql(m.sql, ctx);
    const row = await statement(`${s.title} · ${m.label}`, () => conn.one<Record<string, unknown>>(sql));
    result.metrics.set(m.id, { value: row ? toNumber(Object.values(row)[0]) : null, sql });
  }
  for (const t of s.tables) {
    const lack = lacks(t.requires);
    if (lack) {
      result.tables.set(t.id, { rows: [], sql: t.sql, note: missing[lack], unavailable: true });
      continue;
    }
    const sql = fillSql(t.sql, ctx);
    const raw = await statement(`${s.title} · ${t.title}`, () => conn.all<Record<string, unknown>>(sql));
    const rows = raw.map((r) => Object.fromEntries(t.columns.map((c) => [c.key, cellOf(r[c.key], c.format)])));
    const note = runNote(ctx.runs, capabilitiesOf(t.sql).filter((c) => !s.requires.includes(c)));
    result.tables.set(t.id, { rows, sql, ...(note ? { note } : {}) });
  }
  for (const p of s.prepare) await conn.run(`DROP TABLE IF EXISTS ${p.name}`);
  return result;
}

const rowKey = (t: TableDef, r: Record<string, ReportCell>) => JSON.stringify(t.columns.filter((c) => c.isKey).map((c) => r[c.key] ?? null));

/** Current rows with 上期/变化 beside each compared column; rows only the prior period has are added (zeros). */
export function mergeTable(t: TableDef, current: Record<string, ReportCell>[], prior: Record<string, ReportCell>[] | null): {
  columns: ReportColumn[];
  rows: Record<string, ReportCell>[];
} {
  const columns: ReportColumn[] = [];
  for (const c of t.columns) {
    columns.push({ key: c.key, label: c.label, format: c.format, ...(c.isKey ? { isKey: true } : {}), ...(c.definition ? { definition: c.definition } : {}) });
    if (c.compare && prior) {
      columns.push({ key: priorKey(c.key), label: `${c.label}（上期）`, format: c.format, role: 'prior', of: c.key });
      columns.push({ key: deltaKey(c.key), label: c.format === 'pct' ? `${c.label}变化（百分点）` : `${c.label}变化`, format: c.format, role: 'delta', of: c.key });
    }
  }
  if (!prior) return { columns, rows: current };
  const priorBy = new Map(prior.map((r) => [rowKey(t, r), r]));
  const blank = (from: Record<string, ReportCell>) =>
    Object.fromEntries(t.columns.map((c) => [c.key, c.isKey ? from[c.key] ?? null : c.format === 'int' || c.format === 'wan' ? 0 : null]));
  const isTotal = (r: Record<string, ReportCell>) => t.totalKey !== undefined && t.columns.some((c) => c.isKey && r[c.key] === t.totalKey);
  const extra = prior.filter((r) => !current.some((c) => rowKey(t, c) === rowKey(t, r))).map(blank);
  const totals = current.filter(isTotal);
  const ordered = [...current.filter((r) => !isTotal(r)), ...extra, ...totals];
  const rows = ordered.map((r) => {
    const p = priorBy.get(rowKey(t, r));
    const out: Record<string, ReportCell> = {};
    for (const c of t.columns) {
      out[c.key] = r[c.key] ?? null;
      if (!c.compare) continue;
      const missingValue = c.format === 'int' || c.format === 'wan' ? 0 : null;
      const pv = p ? (p[c.key] ?? null) : missingValue;
      out[priorKey(c.key)] = pv;
      const cv = out[c.key];
      out[deltaKey(c.key)] = typeof cv === 'number' && typeof pv === 'number' ? cv - pv : null;
    }
    return out;
  });
  return { columns, rows };
}

function toRuns(runs: Partial<Record<ReportCapability, RunRef>>, caps: ReportCapability[]): ReportRun[] {
  return caps.flatMap((c) => (runs[c] ? [{ capability: c, runId: runs[c]!.runId, asOf: runs[c]!.asOf }] : []));
}

function sectionCaps(s: SectionDef): ReportCapability[] {
  const caps = new Set<ReportCapability>(s.requires);
  [...s.metrics, ...s.tables].forEach((x) => x.requires.forEach((c) => caps.add(c)));
  return REPORT_CAPABILITIES.filter((c) => caps.has(c));
}

function assemble(
  s: SectionDef,
  no: number,
  cur: PeriodResult,
  prior: PeriodResult | null,
  period: ReportPeriod,
  comparison: ReportPeriod | null,
): ReportSection {
  const caps = sectionCaps(s);
  const lack = s.requires.find((c) => !cur.runs[c]);
  const base = { id: s.id, no, title: s.title, intro: s.intro, runs: { current: toRuns(cur.runs, caps), prior: prior ? toRuns(prior.runs, caps) : [] } };
  if (lack) return { ...base, available: false, note: cur.missing[lack]!, metrics: [], tables: [], charts: [] };
  const priorLack = prior ? s.requires.find((c) => !prior.runs[c]) : undefined;
  const priorNote = prior && priorLack ? `上期（${comparison!.label}）无法比较：${prior.missing[priorLack]}` : undefined;
  const priorUsable = prior && !priorLack ? prior : null;

  const metrics: ReportMetric[] = s.metrics.map((m) => {
    const c = cur.metrics.get(m.id)!;
    const p = priorUsable?.metrics.get(m.id);
    const pv = p?.value ?? null;
    return {
      id: m.id,
      label: m.label,
      format: m.format,
      current: c.value,
      prior: pv,
      delta: c.value !== null && pv !== null ? c.value - pv : null,
      definition: c.note ? `${m.definition}（${c.note}）` : m.definition,
      sql: c.sql,
    };
  });
  const tables: ReportTable[] = s.tables.map((t) => {
    const c = cur.tables.get(t.id)!;
    const p = priorUsable?.tables.get(t.id);
    const priorRows = p && !p.unavailable ? p.rows : null;
    const merged = mergeTable(t, c.rows, c.unavailable ? null : priorRows);
    const notes = [
      t.definition,
      c.note,
      !c.unavailable && !c.rows.length ? t.emptyNote ?? '本期无数据。' : undefined,
      !c.unavailable && comparison && p?.unavailable ? `上期（${comparison.label}）无法比较：${p.note}` : undefined,
    ].filter(Boolean);
    return {
      id: t.id,
      title: t.title,
      columns: merged.columns,
      rows: merged.rows,
      ...(t.totalKey !== undefined ? { totalKey: t.totalKey } : {}),
      ...(notes.length ? { note: notes.join(' ') } : {}),
      sql: c.sql,
      ...(p ? { priorSql: p.sql } : {}),
    };
  });
  const charts = s.charts.flatMap((ch) => {
    const t = tables.find((x) => x.id === ch.table)!;
    if (!t.rows.length) return [];
    const labels = { current: period.label, prior: comparison && priorUsable ? comparison.label : null, totalKey: t.totalKey };
    const option = reportChartOption({ ...ch }, t, labels);
    const bars = Math.min(t.rows.length, ch.max ?? 20);
    const horizontal = ch.builder === 'stackedBar' || ch.builder === 'compareBar' ? (ch.horizontal ?? bars > 8) : false;
    const height = ch.height ?? (horizontal ? Math.max(220, Math.min(620, 60 + bars * (ch.builder === 'compareBar' && comparison ? 30 : 22))) : 280);
    return [{ id: ch.id, title: ch.title, option: option as Record<string, unknown>, width: ch.width ?? 680, height }];
  });
  return { ...base, available: true, ...(priorNote ? { priorNote } : {}), metrics, tables, charts };
}

export async function computeReport(ws: Workspace, loaded: LoadedDefinition, req: ReportRequest, o: ComputeOptions): Promise<ReportData> {
  const timings: Record<string, number> = {};
  const t0 = performance.now();
  const mark = (k: string, since: number) => (timings[k] = Math.round(performance.now() - since));
  const now = o.now ?? new Date();
  const def = loaded.def;
  const wanted = req.sections?.length ? req.sections : def.sections.map((s) => s.id);
  const unknown = wanted.filter((id) => !def.sections.some((s) => s.id === id));
  if (unknown.length) {
    throw new CoreError('BAD_INPUT', `报告中没有这些章节：${unknown.join('、')}。可选：${def.sections.map((s) => `${s.id}（${s.title}）`).join('、')}`);
  }
  const sections = def.sections.filter((s) => wanted.includes(s.id));
  const { period, comparison } = resolvePeriods(req, now);
  const today = localIso(now);

  // Repair's calendar and commitment macro are rebuilt when their rule files changed (no-op when read-only).
  const calendar = loadHolidayCalendar();
  await ensureWorkdayCalendar(ws, calendar);
  const book = loadRuleBook();
  await ensureCommitmentMacro(ws, book.district);

  o.progress?.('数据指纹', 0, null);
  let since = performance.now();
  const fingerprint = await dataFingerprint(ws);
  mark('fingerprint', since);

  const needed = neededCapabilities(sections);
  const periods = comparison ? [period, comparison] : [period];
  const total = sections.length * periods.length;
  let done = 0;
  const results: PeriodResult[][] = await ws.withConnection(async (conn) => {
    const out: PeriodResult[][] = [];
    for (const p of periods) {
      const { runs, missing } = await resolveRuns(conn, p.end, needed);
      let warningRules: SqlContext['warningRules'] = [];
      if (runs.tiering) {
        const id = await conn.scalar<string | null>(`SELECT warning_rules_id FROM tier_runs WHERE run_id = ?`, [runs.tiering.runId]);
        try {
          warningRules = loadWarningRules(id ?? undefined).rules.rules.map((r) => ({ id: r.id, label: r.label, severity: r.severity }));
        } catch {
          warningRules = loadWarningRules().rules.rules.map((r) => ({ id: r.id, label: r.label, severity: r.severity }));
        }
      }
      const ctx: SqlContext = { def, start: p.start, end: p.end, days: p.days, asOf: p.end < today ? p.end : today, runs, book, warningRules };
      const perSection: PeriodResult[] = [];
      for (const s of sections) {
        o.progress?.(p === period ? '计算本期指标' : '计算上期指标', done, total, s.title);
        since = performance.now();
        perSection.push(await runSectionPeriod(conn, s, ctx, missing));
        mark(`${s.id}${p === period ? '' : '.prior'}`, since);
        done++;
      }
      out.push(perSection);
    }
    return out;
  }, o.signal);
  o.progress?.('计算指标', total, total);

  const built = sections.map((s, i) => assemble(s, i + 1, results[0]![i]!, comparison ? results[1]![i]! : null, period, comparison));
  const runIds = built.flatMap((s) => [...s.runs.current, ...s.runs.prior].map((r) => `${r.capability}:${r.runId}`));
  const reportId = createHash('sha256')
    .update(JSON.stringify([loaded.sha256, period, comparison, wanted, fingerprint, [...new Set(runIds)].sort(), calendar.hash]))
    .digest('hex')
    .slice(0, 16);
  mark('total', t0);
  return {
    reportId,
    definition: { id: def.id, title: def.title, version: def.version, sha256: loaded.sha256 },
    title: def.title,
    subtitle: def.subtitle,
    district: def.district,
    period,
    comparison,
    generatedAt: now.toISOString(),
    operator: o.operator,
    purpose: (o.purpose ?? '').trim() || '未说明',
    fingerprint,
    workspace: path.basename(ws.path),
    calendar: calendar.hash,
    sections: built,
    timings,
  };
}
