// Early-warning rules (datasets/matrices/warnings.json): each rule is SQL over canonical tables returning one row
// per event (uscc, event_date, evidence_key, evidence JSON, summary) in a window before the as-of date. Hits are
// stored per tier run in warning_hits; the handling state lives in warning_states keyed by (rule, subject,
// evidence key), so acknowledging a warning survives re-runs while a new event raises a new warning.
import { z } from 'zod';
import type { Conn, Workspace } from '../workspace/workspace';
import { CoreError } from '../errors';
import { WARNING_SEVERITIES, type WarningRuleInfo, type WarningState } from '../../../shared/contract/tiering';
import {
  canonicalJson,
  identSchema,
  paramLiteral,
  paramValueSchema,
  renderTemplate,
  sha256,
  sqlTextSchema,
  windowValues,
} from './template';
import warningsDefault from '../../../datasets/matrices/warnings.json';

const RESERVED = new Set(['as_of', 'window_start', 'window_days']);

const variantSchema = z.object({ requires: z.array(z.string().regex(/^[a-z_][a-z0-9_]*$/)).optional(), sql: sqlTextSchema }).strict();

export const warningRuleSchema = z
  .object({
    id: identSchema,
    label: z.string().min(1),
    description: z.string().default(''),
    severity: z.enum(WARNING_SEVERITIES),
    windowDays: z.number().int().min(1).max(3650),
    params: z.record(identSchema, paramValueSchema).optional(),
    sql: sqlTextSchema.optional(),
    variants: z.array(variantSchema).min(1).optional(),
  })
  .strict()
  .refine((r) => (r.sql === undefined) !== (r.variants === undefined), '每条规则须给出 sql 或 variants 之一');
export type WarningRule = z.infer<typeof warningRuleSchema>;

export const warningRulesSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/),
    version: z.string().min(1),
    name: z.string().min(1),
    description: z.string().optional(),
    definitions: z.record(identSchema, sqlTextSchema).default({}),
    /** Inputs several rules share, built once per run as temp tables; {{name}} in a rule names the table. */
    prepare: z.record(identSchema, sqlTextSchema).default({}),
    rules: z.array(warningRuleSchema).min(1),
  })
  .strict()
  .superRefine((f, ctx) => {
    const ids = new Set<string>();
    f.rules.forEach((r, i) => {
      if (ids.has(r.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `规则标识 ${r.id} 重复` });
      ids.add(r.id);
      for (const p of Object.keys(r.params ?? {})) {
        if (RESERVED.has(p) || p in f.definitions || p in f.prepare) {
          ctx.addIssue({ code: 'custom', path: ['rules', i, 'params', p], message: `参数名 ${p} 与保留名或 SQL 片段重名` });
        }
      }
    });
    for (const d of Object.keys(f.definitions)) {
      if (RESERVED.has(d)) ctx.addIssue({ code: 'custom', path: ['definitions', d], message: `片段名 ${d} 是保留名` });
      if (d in f.prepare) ctx.addIssue({ code: 'custom', path: ['prepare', d], message: `预备表 ${d} 与 SQL 片段重名` });
    }
    for (const d of Object.keys(f.prepare)) {
      if (RESERVED.has(d)) ctx.addIssue({ code: 'custom', path: ['prepare', d], message: `预备表名 ${d} 是保留名` });
    }
  });
export type WarningRules = z.infer<typeof warningRulesSchema>;

export interface LoadedWarningRules {
  rules: WarningRules;
  sha256: string;
}

const BUILTIN_WARNING_RULES: Record<string, unknown> = { 'warnings-default': warningsDefault };

export function loadWarningRules(id = 'warnings-default'): LoadedWarningRules {
  const raw = BUILTIN_WARNING_RULES[id];
  if (!raw) throw new CoreError('NOT_FOUND', `找不到预警规则集 ${id}。`);
  return parseWarningRules(raw, id);
}

export function parseWarningRules(raw: unknown, where = '预警规则'): LoadedWarningRules {
  const parsed = warningRulesSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new CoreError('BAD_INPUT', `${where} 文件不正确：${first.path.join('.')} ${first.message}`);
  }
  return { rules: parsed.data, sha256: sha256(canonicalJson(raw)) };
}

export function ruleInfo(r: WarningRule): WarningRuleInfo {
  return { id: r.id, label: r.label, severity: r.severity, windowDays: r.windowDays, description: r.description };
}

type Db = Pick<Conn, 'all' | 'scalar'>;

/** Tables, views and table macros present in the workspace (for variants' requires). */
export async function existingRelations(db: Db): Promise<Set<string>> {
  const rows = await db.all<{ name: string }>(
    `SELECT table_name AS name FROM duckdb_tables() WHERE schema_name = 'main'
     UNION SELECT view_name FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal
     UNION SELECT function_name FROM duckdb_functions() WHERE function_type = 'table_macro' AND schema_name = 'main'`,
  );
  return new Set(rows.map((r) => r.name));
}

const prepTable = (name: string) => `tr_prep_${name}`;

function fileValues(file: WarningRules): Record<string, string> {
  const values: Record<string, string> = { ...file.definitions };
  for (const name of Object.keys(file.prepare)) values[name] = prepTable(name);
  return values;
}

/** Builds the shared inputs of the rules (prepare section) as temp tables for this run. */
export async function prepareWarnings(conn: Conn, file: WarningRules, asOf: string): Promise<void> {
  for (const [name, sql] of Object.entries(file.prepare)) {
    const body = renderTemplate(sql, { ...fileValues(file), ...windowValues(asOf) }, `预警预备表 ${name}`);
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${prepTable(name)} AS ${body}`);
  }
  await conn.run(`CREATE OR REPLACE TEMP TABLE tr_hits (rule_id VARCHAR, uscc VARCHAR, severity VARCHAR, event_date DATE,
    evidence_key VARCHAR, evidence JSON, summary VARCHAR)`);
}

/** The rule's SQL with every placeholder filled, choosing the first variant whose requirements exist. */
export function ruleSql(file: WarningRules, rule: WarningRule, asOf: string, relations: Set<string>): string {
  let sql = rule.sql;
  if (rule.variants) {
    const v = rule.variants.find((x) => (x.requires ?? []).every((t) => relations.has(t)));
    if (!v) throw new CoreError('BAD_INPUT', `预警规则 ${rule.id}：没有可用的写法（所需的表或视图都不存在）。`);
    sql = v.sql;
  }
  const values: Record<string, string> = { ...fileValues(file), ...windowValues(asOf, rule.windowDays) };
  for (const [k, v] of Object.entries(rule.params ?? {})) values[k] = paramLiteral(v);
  return renderTemplate(sql!, values, `预警规则 ${rule.id}`);
}

/**
 * Runs one rule into the temp table tr_hits (after prepareWarnings). Duplicate events (same subject and evidence
 * key) are kept once; the population filter comes in finishWarnings.
 */
export async function runWarningRule(conn: Conn, file: WarningRules, rule: WarningRule, asOf: string, relations: Set<string>): Promise<void> {
  const sql = ruleSql(file, rule, asOf, relations);
  await conn.run(
    `INSERT INTO tr_hits
     SELECT ?, uscc, ?, event_date, evidence_key, evidence, summary
     FROM (
       SELECT CAST(h.uscc AS VARCHAR) AS uscc, CAST(h.event_date AS DATE) AS event_date,
              CAST(h.evidence_key AS VARCHAR) AS evidence_key, CAST(h.evidence AS JSON) AS evidence,
              CAST(h.summary AS VARCHAR) AS summary
       FROM (${sql}) h
     ) x
     WHERE x.uscc IS NOT NULL AND x.evidence_key IS NOT NULL
     QUALIFY row_number() OVER (PARTITION BY x.uscc, x.evidence_key ORDER BY x.event_date DESC NULLS LAST) = 1`,
    [rule.id, rule.severity],
  );
}

/** Keeps the hits of subjects in the run's tiered population (tier_results) and returns the count per rule. */
export async function finishWarnings(conn: Conn, runId: string): Promise<Record<string, number>> {
  // Hits are few and the population large: join with the hits as the build side.
  await conn.run(
    `INSERT INTO warning_hits (run_id, rule_id, uscc, severity, event_date, evidence_key, evidence, summary)
     SELECT ?, h.rule_id, h.uscc, h.severity, h.event_date, h.evidence_key, h.evidence, h.summary
     FROM tier_results t JOIN tr_hits h ON h.uscc = t.uscc
     WHERE t.run_id = ?`,
    [runId, runId],
  );
  const rows = await conn.all<{ rule_id: string; n: number }>(`SELECT rule_id, count(*) AS n FROM warning_hits WHERE run_id = ? GROUP BY rule_id`, [runId]);
  return Object.fromEntries(rows.map((r) => [r.rule_id, r.n]));
}

/** Sets the handling state of one warning; 'open' removes the recorded state. */
export async function setWarningState(
  ws: Workspace,
  key: { ruleId: string; uscc: string; evidenceKey: string },
  state: WarningState,
  operator: string | null,
  note?: string,
): Promise<void> {
  const exists = await ws.scalar<number>(
    `SELECT count(*) FROM warning_hits WHERE rule_id = ? AND uscc = ? AND evidence_key = ?`,
    [key.ruleId, key.uscc, key.evidenceKey],
  );
  if (!exists) throw new CoreError('NOT_FOUND', '找不到这条预警（规则、主体和证据键不匹配）。请刷新预警清单后重试。');
  if (state === 'open') {
    await ws.run(`DELETE FROM warning_states WHERE rule_id = ? AND uscc = ? AND evidence_key = ?`, [key.ruleId, key.uscc, key.evidenceKey]);
    return;
  }
  await ws.run(
    `INSERT INTO warning_states (rule_id, uscc, evidence_key, state, note, operator, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, now()::TIMESTAMP)
     ON CONFLICT (rule_id, uscc, evidence_key) DO UPDATE SET state = excluded.state, note = excluded.note,
       operator = excluded.operator, updated_at = excluded.updated_at`,
    [key.ruleId, key.uscc, key.evidenceKey, state, note ?? null, operator],
  );
}
