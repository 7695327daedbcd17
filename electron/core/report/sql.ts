// Placeholders in the report definition's SQL, filled per period before a statement runs:
//   {period_start} {period_end}      DATE literals of the period (both inclusive); {period_days} its length in days
//   {as_of}                          the earlier of the period end and the report date: states "at the period end"
//                                    (lists in force, commitment status) never look into the future
//   {eval_run} {eval_as_of}          the evaluation run used for the period and its as-of date   (requires evaluate)
//   {tier_run} {tier_as_of}          the tiering run                                              (requires tiering)
//   {repair_run} {repair_as_of}      the disclosure run of the repair capability (penalty_disclosure) (requires repair)
//   {graph_run} {graph_as_of}        the graph capability's exposure run (graph_exposure)            (requires graph)
//   {settings:NAME}                  a value from the definition's settings (a string list becomes 'a', 'b')
//   {field_checks:TABLE}             list of the ids of the TABLE's field checks a row fails (unqualified columns)
//   {lookup:NAME}                    the definition's lookup table as (SELECT … FROM (VALUES …) t(columns))
//   {key_sector}                     repair's 重点领域 condition over penalties p and s.industry_code
//   {repair_success}                 repair's "successfully repaired by the period end" condition over repairs r
//   {repair_limit_workdays}          repair's working-day limit (超时) from datasets/rules/repair-district.json
//   {warning_rules}                  (SELECT rule_id, rule_label, rule_severity …) of the tier run's warning rule set
//   {table_labels}                   (SELECT name, label) of the canonical tables (shared/domain/tables.ts)
//   {reject_reasons}                 (SELECT code, label) of the import's reject reason codes
//   {field_check_labels}             (SELECT data_table, check_id, check_label) of the definition's field checks
// Values are written as SQL literals (quoted); nothing from a user reaches the SQL except the period dates, which
// are validated as YYYY-MM-DD.
import type { ReportCapability } from '../../../shared/contract/report';
import { quoteLiteral } from '../workspace/query';
import { keySectorSql, successfulRepairSql, type RuleBook } from '../repair/index';
import { CoreError } from '../errors';
import { CANONICAL_TABLES } from '../../../shared/domain/tables';
import { REJECT_REASON_LABELS } from '../../../shared/contract/import';
import type { ReportDefinition } from './definition';

export interface Placeholder {
  /** The text matched, braces included. */
  raw: string;
  name: string;
  arg?: string;
}

const PLACEHOLDER = /\{([a-z_]+)(?::([A-Za-z0-9_]+))?\}/g;

export function placeholdersIn(sql: string): Placeholder[] {
  return [...sql.matchAll(PLACEHOLDER)].map((m) => ({ raw: m[0], name: m[1]!, ...(m[2] ? { arg: m[2] } : {}) }));
}

/** Placeholders that need a capability's run, and which. */
export const RUN_PLACEHOLDERS: Record<string, ReportCapability> = {
  eval_run: 'evaluate',
  eval_as_of: 'evaluate',
  tier_run: 'tiering',
  tier_as_of: 'tiering',
  warning_rules: 'tiering',
  repair_run: 'repair',
  repair_as_of: 'repair',
  graph_run: 'graph',
  graph_as_of: 'graph',
};

const SIMPLE = new Set([
  'period_start', 'period_end', 'period_days', 'as_of', 'key_sector', 'repair_success', 'repair_limit_workdays',
  'table_labels', 'reject_reasons', 'field_check_labels',
  ...Object.keys(RUN_PLACEHOLDERS),
]);

/** A problem with a placeholder in the definition (unknown name, missing setting …), or null. */
export function checkPlaceholder(p: Placeholder, def: Pick<ReportDefinition, 'settings' | 'fieldChecks' | 'lookups'>): string | null {
  if (SIMPLE.has(p.name)) return p.arg ? `占位符 {${p.name}} 不带参数` : null;
  if (p.name === 'settings') return p.arg && p.arg in def.settings ? null : `设置 ${p.arg ?? ''} 未在 settings 中定义`;
  if (p.name === 'field_checks') return p.arg && p.arg in def.fieldChecks ? null : `字段校验 ${p.arg ?? ''} 未在 fieldChecks 中定义`;
  if (p.name === 'lookup') return p.arg && p.arg in def.lookups ? null : `对照表 ${p.arg ?? ''} 未在 lookups 中定义`;
  return `未知的占位符 ${p.raw}`;
}

export interface RunRef {
  runId: string;
  asOf: string;
}

/** Everything a period's statements may refer to. */
export interface SqlContext {
  def: ReportDefinition;
  start: string;
  end: string;
  days: number;
  /** min(end, report date). */
  asOf: string;
  runs: Partial<Record<ReportCapability, RunRef>>;
  book: RuleBook;
  /** Warning rules of the tier run: id, label, severity. */
  warningRules: { id: string; label: string; severity: string }[];
}

const date = (iso: string) => `DATE ${quoteLiteral(iso)}`;

function settingLiteral(v: number | string | string[]): string {
  if (Array.isArray(v)) return v.length ? v.map((x) => quoteLiteral(x)).join(', ') : 'NULL';
  return quoteLiteral(v);
}

function valuesTable(columns: string[], rows: (string | number | null)[][]): string {
  if (!rows.length) return `(SELECT ${columns.map((c) => `NULL::VARCHAR AS ${c}`).join(', ')} WHERE false)`;
  const body = rows.map((r) => `(${columns.map((_, i) => quoteLiteral(r[i] ?? null)).join(', ')})`).join(', ');
  return `(SELECT * FROM (VALUES ${body}) t(${columns.join(', ')}))`;
}

/** The SQL list of failed check ids for a table's field checks. */
export function fieldChecksSql(checks: { id: string; pass: string }[]): string {
  const parts = checks.map((c) => `CASE WHEN NOT coalesce((${c.pass}), false) THEN ${quoteLiteral(c.id)} END`);
  return `list_filter([${parts.join(', ')}], failed_check -> failed_check IS NOT NULL)`;
}

function run(ctx: SqlContext, cap: ReportCapability): RunRef {
  const r = ctx.runs[cap];
  // The compute step checks requirements first; reaching here without a run is a bug in the definition check.
  if (!r) throw new CoreError('INTERNAL', `报告定义引用了未找到的运行：${cap}`);
  return r;
}

function value(p: Placeholder, ctx: SqlContext): string {
  const d = ctx.def;
  switch (p.name) {
    case 'period_start':
      return date(ctx.start);
    case 'period_end':
      return date(ctx.end);
    case 'period_days':
      return String(ctx.days);
    case 'as_of':
      return date(ctx.asOf);
    case 'table_labels':
      return valuesTable(['name', 'label'], CANONICAL_TABLES.map((t) => [t.name, t.label]));
    case 'reject_reasons':
      return valuesTable(['code', 'label'], Object.entries(REJECT_REASON_LABELS));
    case 'field_check_labels':
      return valuesTable(
        ['data_table', 'check_id', 'check_label'],
        Object.entries(d.fieldChecks).flatMap(([table, checks]) => checks.map((c) => [table, c.id, c.label])),
      );
    case 'eval_run':
      return quoteLiteral(run(ctx, 'evaluate').runId);
    case 'eval_as_of':
      return date(run(ctx, 'evaluate').asOf);
    case 'tier_run':
      return quoteLiteral(run(ctx, 'tiering').runId);
    case 'tier_as_of':
      return date(run(ctx, 'tiering').asOf);
    case 'repair_run':
      return quoteLiteral(run(ctx, 'repair').runId);
    case 'repair_as_of':
      return date(run(ctx, 'repair').asOf);
    case 'graph_run':
      return quoteLiteral(run(ctx, 'graph').runId);
    case 'graph_as_of':
      return date(run(ctx, 'graph').asOf);
    case 'warning_rules':
      return valuesTable(
        ['rule_id', 'rule_label', 'rule_severity'],
        ctx.warningRules.map((r) => [r.id, r.label, r.severity]),
      );
    case 'settings':
      return settingLiteral(d.settings[p.arg!]!);
    case 'field_checks':
      return fieldChecksSql(d.fieldChecks[p.arg!]!);
    case 'lookup': {
      const l = d.lookups[p.arg!]!;
      return valuesTable(l.columns, l.rows);
    }
    case 'key_sector':
      return keySectorSql(ctx.book.district, 'p', 's.industry_code');
    case 'repair_success':
      return `(${successfulRepairSql(ctx.book, ctx.end, 'r')})`;
    case 'repair_limit_workdays':
      return String(ctx.book.district.efficiency.limitWorkdays);
  }
  throw new CoreError('INTERNAL', `未知的占位符 ${p.raw}`);
}

/** Fills every placeholder of a statement for one period. */
export function fillSql(sql: string, ctx: SqlContext): string {
  return sql.replace(PLACEHOLDER, (raw, name: string, arg?: string) => value({ raw, name, ...(arg ? { arg } : {}) }, ctx));
}

/** Capabilities a statement needs (through its run placeholders). */
export function capabilitiesOf(sql: string): ReportCapability[] {
  return [...new Set(placeholdersIn(sql).flatMap((p) => (RUN_PLACEHOLDERS[p.name] ? [RUN_PLACEHOLDERS[p.name]!] : [])))];
}
