// Model → SQL. Every indicator becomes one set-based aggregate over its canonical table (one row per subject with
// rows: value v and evidence count n) and a points expression over v; the scope becomes one SELECT over subjects.
// Pure string building: the engine runs the SQL, explain reuses the same conditions for the evidence rows.
import { CoreError } from '../errors';
import { TABLE_BY_NAME } from '../../../shared/domain/tables';
import type { EvalModel, Indicator, Override, Scoring, Source, Window } from './model';
import { magnitude } from './model';

export const AS_OF_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Validates an ISO date (YYYY-MM-DD, a real calendar day). */
export function checkIsoDate(value: string, what = '评价基准日'): string {
  const ok = AS_OF_RE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
  if (!ok) throw new CoreError('BAD_INPUT', `${what}格式不正确：${value}（应为 YYYY-MM-DD，例如 2026-03-31）`);
  return value;
}

export const dateLiteral = (iso: string): string => `DATE '${checkIsoDate(iso)}'`;
const str = (s: string): string => `'${s.replace(/'/g, "''")}'`;
/** A number as an exact DECIMAL literal (4 decimals, the precision of model numbers). */
export const dec = (n: number): string => {
  if (!Number.isFinite(n)) throw new CoreError('BAD_INPUT', `模型中的数值无效：${n}`);
  return `${n.toFixed(4)}::DECIMAL(18,4)`;
};

/**
 * First day inside a window ending at as_of (inclusive on both ends): as_of − N months + 1 day (month arithmetic
 * clamps to the month's last day, as DuckDB's date − INTERVAL does), or as_of − N + 1 days.
 */
export function windowStart(asOf: string, window: Window): string {
  const [y, m, d] = checkIsoDate(asOf).split('-').map(Number) as [number, number, number];
  let date: Date;
  if (window.months !== undefined) {
    const total = y * 12 + (m - 1) - window.months;
    const ny = Math.floor(total / 12);
    const nm = total - ny * 12; // 0-based
    const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
    date = new Date(Date.UTC(ny, nm, Math.min(d, last) + 1));
  } else {
    date = new Date(Date.UTC(y, m - 1, d - window.days! + 1));
  }
  const iso = date.toISOString().slice(0, 10);
  return iso;
}

/** Replaces {snippet} (recursively, snippets may use each other) and {as_of}/{window_start}. */
export function substitute(text: string, snippets: Record<string, string>, values: Record<string, string>, depth = 0): string {
  if (depth > 5) throw new CoreError('BAD_INPUT', '模型的 snippets 互相引用过深（可能有循环）。');
  return text.replace(/\{([a-z_][a-z0-9_]*)\}/g, (whole, name: string) => {
    if (name in values) return values[name]!;
    if (name in snippets) return `(${substitute(snippets[name]!, snippets, values, depth + 1)})`;
    throw new CoreError('BAD_INPUT', `模型中有未知占位符 ${whole}`);
  });
}

export interface CompiledSource {
  table: string;
  /** Full condition on alias t (window and placeholders applied), never empty. */
  condition: string;
  /** Aggregate value expression over t. */
  value: string;
  dateColumn?: string;
  windowStart?: string;
}

export function compileSource(model: EvalModel, source: Source, window: Window | undefined, asOf: string): CompiledSource {
  const start = window ? windowStart(asOf, window) : undefined;
  const values: Record<string, string> = { as_of: dateLiteral(asOf) };
  if (start) values.window_start = dateLiteral(start);
  const parts = ['t.uscc IS NOT NULL'];
  if (source.date_column) {
    const col = `t."${source.date_column}"`;
    parts.push(start ? `${col} BETWEEN ${values.window_start} AND ${values.as_of}` : `${col} <= ${values.as_of}`);
  }
  if (source.where) parts.push(`(${substitute(source.where, model.snippets, values)})`);
  return {
    table: source.table,
    condition: parts.join(' AND '),
    value: substitute(source.value, model.snippets, values),
    ...(source.date_column ? { dateColumn: source.date_column } : {}),
    ...(start ? { windowStart: start } : {}),
  };
}

/**
 * One row per subject with matching rows: uscc, v (DECIMAL(18,4)), n (evidence rows). The engine reads main
 * tables; the read-only check compiles the same statement over the masked views (schema 'safe').
 */
export function aggregateSql(cs: CompiledSource, schema: 'main' | 'safe' = 'main'): string {
  return `SELECT t.uscc AS uscc, CAST(CAST((${cs.value}) AS DOUBLE) AS DECIMAL(18,4)) AS v, count(*)::BIGINT AS n
FROM ${schema}."${cs.table}" t
WHERE ${cs.condition}
GROUP BY t.uscc`;
}

/** The rows behind one subject's indicator, from the masked views; $1 is the subject code. */
export function evidenceSql(cs: CompiledSource, limit: number): string {
  const keys = (TABLE_BY_NAME[cs.table]?.key ?? []).map((k) => `t."${k}" NULLS LAST`);
  const order = [...(cs.dateColumn ? [`t."${cs.dateColumn}" DESC NULLS LAST`] : []), ...keys].join(', ');
  return `SELECT t.* EXCLUDE (batch_id, source_row, extra) FROM safe."${cs.table}" t
WHERE ${cs.condition} AND t.uscc = $1
${order ? `ORDER BY ${order}` : ''}
LIMIT ${limit}`;
}

export function evidenceCountSql(cs: CompiledSource): string {
  return `SELECT count(*)::BIGINT AS n FROM main."${cs.table}" t WHERE ${cs.condition} AND t.uscc = $1`;
}

/** Magnitude (before sign and rounding) of a scoring rule over the value expression v. */
export function magnitudeSql(scoring: Scoring, v: string): string {
  switch (scoring.kind) {
    case 'per_occurrence': {
      const raw = `greatest(0::DECIMAL(18,4), ${v} * ${dec(scoring.points)})`;
      return scoring.cap === undefined ? raw : `least(${dec(scoring.cap)}, ${raw})`;
    }
    case 'bands': {
      const whens = scoring.bands.map((b) => {
        const conds = [b.min !== undefined ? `${v} >= ${dec(b.min)}` : null, b.max !== undefined ? `${v} < ${dec(b.max)}` : null].filter(Boolean);
        return `WHEN ${conds.length ? conds.join(' AND ') : 'TRUE'} THEN ${dec(b.points)}`;
      });
      return `CASE ${whens.join(' ')} ELSE 0::DECIMAL(18,4) END`;
    }
    case 'flag':
      return scoring.when === 'present'
        ? `CASE WHEN ${v} > 0 THEN ${dec(scoring.points)} ELSE 0::DECIMAL(18,4) END`
        : `CASE WHEN ${v} > 0 THEN 0::DECIMAL(18,4) ELSE ${dec(scoring.points)} END`;
  }
}

/** Signed points rounded to 2 decimals, DECIMAL(18,2). */
export function pointsSql(ind: Pick<Indicator, 'scoring' | 'direction'>, v: string): string {
  const rounded = `round(${magnitudeSql(ind.scoring, v)}, 2)`;
  return `CAST(${ind.direction === 'deduction' ? '-' : ''}${rounded} AS DECIMAL(18,2))`;
}

/** Whether a subject without any matching row still gets points (then every subject in scope must be visited). */
export function scoresWhenMissing(ind: Indicator): boolean {
  return magnitude(ind.scoring, ind.missing_value) !== 0;
}

export interface CompiledIndicator {
  modelId: string;
  indicator: Indicator;
  source: CompiledSource;
  /** INSERT INTO _ev_contrib … for this indicator. */
  insertSql: string;
  /** The aggregate alone (checked as a read-only SELECT before running). */
  aggregate: string;
}

export function compileIndicator(model: EvalModel, ind: Indicator, asOf: string): CompiledIndicator {
  const source = compileSource(model, ind.source, ind.window, asOf);
  const aggregate = aggregateSql(source);
  const v = `coalesce(a.v, ${dec(ind.missing_value)})`;
  const outer = scoresWhenMissing(ind);
  const insertSql = `INSERT INTO _ev_contrib
SELECT model_id, indicator_id, uscc, points, evidence FROM (
  SELECT ${str(model.id)} AS model_id, ${str(ind.id)} AS indicator_id, s.uscc AS uscc,
         ${pointsSql(ind, v)} AS points, coalesce(a.n, 0)::BIGINT AS evidence
  FROM _ev_scope s ${outer ? 'LEFT JOIN' : 'JOIN'} (
${aggregate}
  ) a ON a.uscc = s.uscc
  WHERE s.model_id = ${str(model.id)}
) WHERE points <> 0 OR evidence > 0`;
  return { modelId: model.id, indicator: ind, source, insertSql, aggregate };
}

export interface CompiledOverride {
  modelId: string;
  override: Override;
  source: CompiledSource;
  insertSql: string;
  aggregate: string;
}

export function compileOverride(model: EvalModel, o: Override, asOf: string): CompiledOverride {
  const source = compileSource(model, o.source, o.window, asOf);
  const aggregate = aggregateSql(source);
  const insertSql = `INSERT INTO _ev_override
SELECT ${str(model.id)}, ${str(o.id)}, s.uscc, a.n
FROM _ev_scope s JOIN (
${aggregate}
) a ON a.uscc = s.uscc
WHERE s.model_id = ${str(model.id)} AND a.v > 0`;
  return { modelId: model.id, override: o, source, insertSql, aggregate };
}

/** Subjects in a model's scope as of the date: status in scope (none = 存续), established by as_of, industry match. */
export function scopeSql(model: EvalModel, asOf: string, schema: 'main' | 'safe' = 'main'): string {
  const s = model.scope;
  const conds = ['s.uscc IS NOT NULL', `(s.established_date IS NULL OR s.established_date <= ${dateLiteral(asOf)})`];
  if (s.statuses.length) conds.push(`(s.status IS NULL OR s.status IN (${s.statuses.map(str).join(', ')}))`);
  const industry: string[] = [];
  if (s.industry_names?.length) industry.push(`s.industry_name IN (${s.industry_names.map(str).join(', ')})`);
  if (s.industry_codes?.length) industry.push(`s.industry_code IN (${s.industry_codes.map(str).join(', ')})`);
  for (const p of s.industry_code_prefixes ?? []) industry.push(`starts_with(s.industry_code, ${str(p)})`);
  if (industry.length) conds.push(`(${industry.join(' OR ')})`);
  if (s.where) conds.push(`(${substitute(s.where, model.snippets, { as_of: dateLiteral(asOf) })})`);
  return `SELECT DISTINCT s.uscc FROM ${schema}.subjects s WHERE ${conds.join(' AND ')}`;
}
