// Sector risk class per subject: the latest imported market-supervision class (risk_classes) at or before the
// as-of date where present, else the risk model of datasets/matrices/risk-*.json (industry base + event points,
// cut into A–D). Everything runs as SQL on the run's connection into the temp table tr_risk.
import { z } from 'zod';
import type { Conn } from '../workspace/workspace';
import { CoreError } from '../errors';
import { canonicalJson, identSchema, paramLiteral, renderTemplate, sha256, sqlDate, sqlString, sqlTextSchema, windowValues } from './template';
import riskDefault from '../../../datasets/matrices/risk-default.json';

const prefixSchema = z.string().regex(/^[A-Za-z0-9]{1,8}$/, '行业代码前缀只能含字母和数字');

export const riskModelSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/),
    version: z.string().min(1),
    name: z.string().min(1),
    description: z.string().optional(),
    defaultBase: z.number().min(0),
    industryBase: z.array(
      z
        .object({
          label: z.string().min(1),
          points: z.number().min(0),
          codePrefixes: z.array(prefixSchema).optional(),
          nameContains: z.array(z.string().min(1).max(50)).optional(),
        })
        .strict()
        .refine((r) => (r.codePrefixes?.length ?? 0) + (r.nameContains?.length ?? 0) > 0, '每条行业规则至少给出一个代码前缀或名称关键词'),
    ),
    events: z.array(
      z
        .object({
          id: identSchema,
          label: z.string().min(1),
          windowDays: z.number().int().min(1).max(36500).optional(),
          pointsEach: z.number(),
          cap: z.number().min(0),
          sql: sqlTextSchema,
        })
        .strict(),
    ),
    cutoffs: z
      .object({ B: z.number(), C: z.number(), D: z.number() })
      .strict()
      .refine((c) => c.B <= c.C && c.C <= c.D, '分档线须满足 B ≤ C ≤ D'),
  })
  .strict()
  .superRefine((m, ctx) => {
    const ids = new Set<string>();
    m.events.forEach((e, i) => {
      if (ids.has(e.id)) ctx.addIssue({ code: 'custom', path: ['events', i, 'id'], message: `事件标识 ${e.id} 重复` });
      ids.add(e.id);
    });
  });
export type RiskModel = z.infer<typeof riskModelSchema>;

export interface LoadedRiskModel {
  model: RiskModel;
  sha256: string;
}

const BUILTIN_RISK_MODELS: Record<string, unknown> = { 'risk-default': riskDefault };

export function loadRiskModel(id = 'risk-default'): LoadedRiskModel {
  const raw = BUILTIN_RISK_MODELS[id];
  if (!raw) throw new CoreError('NOT_FOUND', `找不到风险模型 ${id}。可用：${Object.keys(BUILTIN_RISK_MODELS).join('、')}`);
  return parseRiskModel(raw, id);
}

export function parseRiskModel(raw: unknown, where = '风险模型'): LoadedRiskModel {
  const parsed = riskModelSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new CoreError('BAD_INPUT', `${where} 文件不正确：${first.path.join('.')} ${first.message}`);
  }
  return { model: parsed.data, sha256: sha256(canonicalJson(raw)) };
}

/** SQL for the event rule's rows, one per event, with window placeholders filled. */
export function eventSql(event: RiskModel['events'][number], asOf: string): string {
  return renderTemplate(event.sql, windowValues(asOf, event.windowDays), `风险事件 ${event.id}`);
}

/** Industry rules as a VALUES list: (label, points, kind, pattern); kind alpha | num | name. */
function industryRulesValues(model: RiskModel): string {
  const rows: string[] = [];
  for (const r of model.industryBase) {
    for (const p of r.codePrefixes ?? []) {
      const up = p.toUpperCase();
      rows.push(`(${sqlString(r.label)}, ${paramLiteral(r.points)}, ${sqlString(/^[A-Z]/.test(up) ? 'alpha' : 'num')}, ${sqlString(up)})`);
    }
    for (const n of r.nameContains ?? []) rows.push(`(${sqlString(r.label)}, ${paramLiteral(r.points)}, 'name', ${sqlString(n)})`);
  }
  return rows.length ? rows.join(',\n') : `(NULL, NULL, NULL, NULL)`;
}

export function riskClassSql(model: RiskModel, pointsExpr: string): string {
  const c = model.cutoffs;
  return `CASE WHEN ${pointsExpr} >= ${paramLiteral(c.D)} THEN 'D' WHEN ${pointsExpr} >= ${paramLiteral(c.C)} THEN 'C' WHEN ${pointsExpr} >= ${paramLiteral(c.B)} THEN 'B' ELSE 'A' END`;
}

/**
 * Prepares the model's inputs as small temp tables: tr_imported(uscc, risk_class, risk_period) — the latest valid
 * imported class at or before the as-of date; tr_industry_base(code, name, points) — the base per distinct
 * industry; tr_risk_events(uscc, event_id, events, points) — each event's capped points. riskSelectSql() then
 * classes every subject of an evaluation run in one pass (no per-subject temp tables: a million rows each).
 */
export async function prepareRisk(conn: Conn, model: RiskModel, asOf: string, onPhase?: (phase: string) => void): Promise<void> {
  const asOfLit = sqlDate(asOf);
  onPhase?.('导入的风险分类');
  await conn.run(`CREATE OR REPLACE TEMP TABLE tr_imported AS
    SELECT r.uscc, arg_max(upper(trim(r.risk_class)), r.period) AS risk_class, max(r.period) AS risk_period
    FROM risk_classes r
    WHERE r.period <= ${asOfLit} AND upper(trim(r.risk_class)) IN ('A', 'B', 'C', 'D') AND r.uscc IS NOT NULL
    GROUP BY r.uscc`);

  onPhase?.('行业基础风险');
  // Distinct industries are few: match the rules against them, then join back by equality.
  await conn.run(`CREATE OR REPLACE TEMP TABLE tr_industry_base AS
    SELECT i.code, i.name, coalesce(max(r.points), ${paramLiteral(model.defaultBase)})::DOUBLE AS points
    FROM (SELECT DISTINCT ${INDUSTRY_CODE_EXPR('s')} AS code, ${INDUSTRY_NAME_EXPR('s')} AS name FROM subjects s) i
    LEFT JOIN (VALUES ${industryRulesValues(model)}) r(label, points, kind, pattern)
      ON CASE r.kind
           WHEN 'alpha' THEN starts_with(i.code, r.pattern)
           WHEN 'num' THEN starts_with(regexp_replace(i.code, '^[A-Z]+', ''), r.pattern)
           WHEN 'name' THEN contains(i.name, r.pattern)
           ELSE FALSE END
    GROUP BY i.code, i.name`);

  await conn.run(`CREATE OR REPLACE TEMP TABLE tr_risk_events (uscc VARCHAR, event_id VARCHAR, events BIGINT, points DOUBLE)`);
  for (const e of model.events) {
    onPhase?.(`风险事件：${e.label}`);
    await conn.run(`INSERT INTO tr_risk_events
      SELECT ev.uscc, ${sqlString(e.id)}, count(*) AS events, least(${paramLiteral(e.cap)}, ${paramLiteral(e.pointsEach)} * count(*))::DOUBLE
      FROM (${eventSql(e, asOf)}) ev WHERE ev.uscc IS NOT NULL
      GROUP BY ev.uscc`);
  }
}

const INDUSTRY_CODE_EXPR = (a: string) => `upper(trim(coalesce(${a}.industry_code, '')))`;
const INDUSTRY_NAME_EXPR = (a: string) => `coalesce(${a}.industry_name, '')`;

/**
 * One SELECT over the evaluation run's scores (alias-free columns: uscc, grade, risk_class, risk_source,
 * risk_period, risk_base, risk_points), using the temp tables of prepareRisk. The evaluation run id is the only
 * parameter (?).
 */
export function riskSelectSql(model: RiskModel): string {
  const base = `coalesce(b.points, ${paramLiteral(model.defaultBase)})`;
  return `
    WITH ev AS (SELECT uscc, sum(points) AS points FROM tr_risk_events GROUP BY uscc),
    scored AS (
      SELECT e.uscc, upper(trim(e.grade)) AS grade, i.risk_class AS imported_class, i.risk_period,
        CASE WHEN i.uscc IS NULL THEN ${base} END AS risk_base,
        CASE WHEN i.uscc IS NULL THEN ${base} + coalesce(ev.points, 0) END AS risk_points
      FROM eval_scores e
      LEFT JOIN tr_imported i ON i.uscc = e.uscc
      LEFT JOIN subjects s ON s.uscc = e.uscc
      LEFT JOIN tr_industry_base b ON b.code = ${INDUSTRY_CODE_EXPR('s')} AND b.name = ${INDUSTRY_NAME_EXPR('s')}
      LEFT JOIN ev ON ev.uscc = e.uscc
      WHERE e.run_id = ? AND e.uscc IS NOT NULL
    )
    SELECT uscc, grade, coalesce(imported_class, ${riskClassSql(model, 'risk_points')}) AS risk_class,
      CASE WHEN imported_class IS NOT NULL THEN 'imported' ELSE 'model' END AS risk_source,
      risk_period, risk_base, risk_points
    FROM scored`;
}
