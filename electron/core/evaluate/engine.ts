// The scoring engine: runs compiled models on one connection into temporary tables (_ev_*), one set-based
// statement per indicator, then combines model scores into final scores and grades. persistRun() copies the temp
// results into eval_runs / eval_scores / eval_contributions inside the caller's transaction, so a cancelled or
// failed run writes nothing. What-if uses computeScores() alone and never persists.
//
// Combination: a subject in an industry model's scope gets final = round(w_i × industry + w_c × comprehensive, 2)
// with that model's weights (first industry model of the run when several cover it); without an industry model,
// final = comprehensive; with no comprehensive model in the run, final = industry. The grade uses the cut-offs of
// the primary model (industry when it applies, else comprehensive). Overrides (e.g. 严重失信主体名单 in force) make
// the grade no better than theirs; they never change scores.
import type { Conn } from '../workspace';
import { guardUserSql } from '../workspace';
import { CoreError } from '../errors';
import type { EvalModel, LoadedModel } from './model';
import { aggregateSql, compileIndicator, compileOverride, dec, scopeSql, type CompiledIndicator, type CompiledOverride } from './compile';

export const CLAMP_INDICATOR = '__clamp';

export interface GradeCounts {
  A: number;
  B: number;
  C: number;
  D: number;
}

export interface ComputeResult {
  subjects: number;
  grades: GradeCounts;
  /** Milliseconds per step: '<model>.<indicator>', '<model>.override.<id>', and _scope, _scores. */
  timings: Record<string, number>;
}

export type StepProgress = (done: number, total: number, message: string) => void;

const str = (s: string): string => `'${s.replace(/'/g, "''")}'`;

export interface CompiledRun {
  models: LoadedModel[];
  indicators: CompiledIndicator[];
  overrides: CompiledOverride[];
}

export function compileRun(models: LoadedModel[], asOf: string): CompiledRun {
  const indicators: CompiledIndicator[] = [];
  const overrides: CompiledOverride[] = [];
  for (const m of models) {
    for (const ind of m.spec.indicators) if (ind.enabled) indicators.push(compileIndicator(m.spec, ind, asOf));
    for (const o of m.spec.overrides) overrides.push(compileOverride(m.spec, o, asOf));
  }
  return { models, indicators, overrides };
}

/**
 * Every model fragment must compile into a read-only SELECT over workspace tables, checked like user SQL before
 * anything runs: no files, no other databases, no main.<table> holding personal data in clear.
 */
async function checkReadOnly(conn: Conn, run: CompiledRun): Promise<void> {
  for (const step of [...run.indicators, ...run.overrides]) {
    const id = 'indicator' in step ? step.indicator.id : step.override.id;
    try {
      await guardUserSql(conn, aggregateSql(step.source, 'safe'), { masked: true });
    } catch (err) {
      const e = err as CoreError;
      throw new CoreError('BAD_INPUT', `模型 ${step.modelId} 的 ${id} 的 SQL 不可用：${e.message}`, e.detail);
    }
  }
  for (const m of run.models) {
    try {
      await guardUserSql(conn, scopeSql(m.spec, '2000-01-01', 'safe'), { masked: true });
    } catch (err) {
      throw new CoreError('BAD_INPUT', `模型 ${m.spec.id} 的适用范围条件不可用：${(err as Error).message}`);
    }
  }
}

async function timed(timings: Record<string, number>, key: string, fn: () => Promise<unknown>): Promise<void> {
  const t0 = performance.now();
  await fn();
  timings[key] = Math.round(performance.now() - t0);
}

export async function computeScores(conn: Conn, models: LoadedModel[], asOf: string, progress?: StepProgress): Promise<ComputeResult> {
  const run = compileRun(models, asOf);
  // Tables a model names without a schema resolve to the masked views: a model's SQL cannot read natural persons'
  // identifiers in clear (the engine's own references say main. explicitly).
  await conn.run(`SET search_path = 'safe,main'`);
  await checkReadOnly(conn, run);
  const timings: Record<string, number> = {};
  const total = 2 + run.indicators.length + run.overrides.length;
  let done = 0;
  const step = (message: string) => progress?.(++done, total, message);

  await conn.run(`
CREATE OR REPLACE TEMP TABLE _ev_models (model_id VARCHAR, ord INTEGER, kind VARCHAR, base DECIMAL(18,2), lo DECIMAL(18,2),
  hi DECIMAL(18,2), wi DECIMAL(18,4), wc DECIMAL(18,4), ga DECIMAL(18,4), gb DECIMAL(18,4), gc DECIMAL(18,4));
CREATE OR REPLACE TEMP TABLE _ev_scope (model_id VARCHAR, uscc VARCHAR);
CREATE OR REPLACE TEMP TABLE _ev_contrib (model_id VARCHAR, indicator_id VARCHAR, uscc VARCHAR, points DECIMAL(18,2), evidence BIGINT);
CREATE OR REPLACE TEMP TABLE _ev_override (model_id VARCHAR, override_id VARCHAR, uscc VARCHAR, evidence BIGINT);
CREATE OR REPLACE TEMP TABLE _ev_override_defs (model_id VARCHAR, override_id VARCHAR, label VARCHAR, grade VARCHAR);`);
  await conn.run(`INSERT INTO _ev_models VALUES ${models.map((m, i) => modelRow(m.spec, i)).join(', ')}`);
  if (run.overrides.length) {
    await conn.run(
      `INSERT INTO _ev_override_defs VALUES ${run.overrides.map((o) => `(${str(o.modelId)}, ${str(o.override.id)}, ${str(o.override.label)}, ${str(o.override.grade)})`).join(', ')}`,
    );
  }

  await timed(timings, '_scope', async () => {
    for (const m of models) await conn.run(`INSERT INTO _ev_scope SELECT ${str(m.spec.id)}, uscc FROM (${scopeSql(m.spec, asOf)})`);
  });
  step('确定评价范围');

  for (const ci of run.indicators) {
    await timed(timings, `${ci.modelId}.${ci.indicator.id}`, () => conn.run(ci.insertSql));
    step(`${ci.indicator.label}`);
  }
  for (const co of run.overrides) {
    await timed(timings, `${co.modelId}.override.${co.override.id}`, () => conn.run(co.insertSql));
    step(`${co.override.label}`);
  }

  await timed(timings, '_scores', () => conn.run(SCORES_SQL));
  step('汇总得分与等级');

  const counts = await conn.all<{ grade: string; n: number }>(`SELECT grade, count(*)::BIGINT AS n FROM _ev_scores GROUP BY grade`);
  const grades: GradeCounts = { A: 0, B: 0, C: 0, D: 0 };
  for (const c of counts) grades[c.grade as keyof GradeCounts] = Number(c.n);
  return { subjects: grades.A + grades.B + grades.C + grades.D, grades, timings };
}

function modelRow(m: EvalModel, ord: number): string {
  const w = m.combination;
  return `(${str(m.id)}, ${ord}, ${str(m.kind)}, ${dec(m.base)}, ${dec(m.score_range.min)}, ${dec(m.score_range.max)}, ${
    w ? dec(w.industry_weight) : 'NULL'
  }, ${w ? dec(w.comprehensive_weight) : 'NULL'}, ${dec(m.grades.A)}, ${dec(m.grades.B)}, ${dec(m.grades.C)})`;
}

// Model scores (base + Σ points, clamped with the clamp recorded as a contribution), then the combination, grade
// and overrides per subject, with the subject's name, town and industry as they were at run time.
const SCORES_SQL = `
CREATE OR REPLACE TEMP TABLE _ev_model_raw AS
WITH sums AS (SELECT model_id, uscc, sum(points) AS p FROM _ev_contrib GROUP BY model_id, uscc)
SELECT s.model_id, s.uscc, CAST(m.base + coalesce(c.p, 0) AS DECIMAL(18,2)) AS raw, m.lo, m.hi, m.kind, m.ord
FROM _ev_scope s
JOIN _ev_models m ON m.model_id = s.model_id
LEFT JOIN sums c ON c.model_id = s.model_id AND c.uscc = s.uscc;

INSERT INTO _ev_contrib
SELECT model_id, '${CLAMP_INDICATOR}', uscc, CAST(greatest(lo, least(hi, raw)) - raw AS DECIMAL(18,2)), 0
FROM _ev_model_raw WHERE raw < lo OR raw > hi;

CREATE OR REPLACE TEMP TABLE _ev_scores AS
WITH per_subject AS (
  SELECT uscc,
         max(CAST(greatest(lo, least(hi, raw)) AS DECIMAL(18,2))) FILTER (WHERE kind = 'comprehensive') AS comprehensive,
         arg_min(CAST(greatest(lo, least(hi, raw)) AS DECIMAL(18,2)), ord) FILTER (WHERE kind = 'industry') AS industry,
         arg_min(model_id, ord) FILTER (WHERE kind = 'industry') AS industry_model
  FROM _ev_model_raw GROUP BY uscc
),
ov AS (
  SELECT o.uscc, max(d.grade) AS grade, string_agg(DISTINCT d.label, '；' ORDER BY d.label) AS labels
  FROM _ev_override o JOIN _ev_override_defs d USING (model_id, override_id)
  GROUP BY o.uscc
),
subj AS (
  SELECT uscc, min(name) AS name, min(town) AS town, min(industry_code) AS industry_code, min(industry_name) AS industry_name
  FROM main.subjects WHERE uscc IN (SELECT uscc FROM _ev_scope) GROUP BY uscc
),
combined AS (
  SELECT p.uscc, p.comprehensive, p.industry, p.industry_model,
         CAST(round(CASE
           WHEN p.industry IS NOT NULL AND p.comprehensive IS NOT NULL THEN im.wi * p.industry + im.wc * p.comprehensive
           WHEN p.industry IS NOT NULL THEN p.industry
           ELSE p.comprehensive END, 2) AS DECIMAL(18,2)) AS final_score,
         coalesce(im.ga, cm.ga) AS ga, coalesce(im.gb, cm.gb) AS gb, coalesce(im.gc, cm.gc) AS gc
  FROM per_subject p
  LEFT JOIN _ev_models im ON im.model_id = p.industry_model
  LEFT JOIN (SELECT * FROM _ev_models WHERE kind = 'comprehensive') cm ON TRUE
)
SELECT c.uscc, c.comprehensive, c.industry, c.industry_model, c.final_score,
       CASE WHEN c.final_score >= c.ga THEN 'A' WHEN c.final_score >= c.gb THEN 'B' WHEN c.final_score >= c.gc THEN 'C' ELSE 'D' END AS computed_grade,
       greatest(computed_grade, coalesce(ov.grade, 'A')) AS grade,
       ov.labels AS override,
       subj.name, subj.town, subj.industry_code, subj.industry_name
FROM combined c
LEFT JOIN ov ON ov.uscc = c.uscc
LEFT JOIN subj ON subj.uscc = c.uscc;`;

export interface RunRecord {
  runId: string;
  asOf: string;
  models: LoadedModel[];
  dataFingerprint: string;
  operator: string;
  note?: string;
  result: ComputeResult;
}

/** Copies the temp results of computeScores() on the same connection into the result tables. */
export async function persistRun(conn: Conn, rec: RunRecord): Promise<number> {
  const t0 = performance.now();
  const id = str(rec.runId);
  for (const m of rec.models) {
    await conn.run(
      `INSERT INTO eval_model_files (sha256, model_id, version, kind, name, origin, content, stored_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, now()::TIMESTAMP) ON CONFLICT DO NOTHING`,
      [m.sha256, m.spec.id, m.spec.version, m.spec.kind, m.spec.name, m.origin, m.text],
    );
  }
  await conn.run(`
INSERT INTO eval_scores (run_id, uscc, comprehensive, industry, industry_model, final_score, grade, override, computed_grade, name, town, industry_code, industry_name)
SELECT ${id}, uscc, comprehensive::DOUBLE, industry::DOUBLE, industry_model, final_score::DOUBLE, grade, override, computed_grade, name, town, industry_code, industry_name
FROM _ev_scores;
INSERT INTO eval_contributions (run_id, uscc, model_id, indicator_id, points, evidence_count)
SELECT ${id}, uscc, model_id, indicator_id, points::DOUBLE, evidence FROM _ev_contrib;`);
  const persistMs = Math.round(performance.now() - t0);
  const timings = { ...rec.result.timings, _persist: persistMs };
  const models = rec.models.map((m) => ({ id: m.spec.id, name: m.spec.name, version: m.spec.version, kind: m.spec.kind, sha256: m.sha256, origin: m.origin }));
  await conn.run(
    `INSERT INTO eval_runs (run_id, created_at, as_of, models, data_fingerprint, subjects, grades, timings, operator, note)
     VALUES (?, now()::TIMESTAMP, ?::DATE, ?::JSON, ?, ?, ?::JSON, ?::JSON, ?, ?)`,
    [rec.runId, rec.asOf, JSON.stringify(models), rec.dataFingerprint, rec.result.subjects, JSON.stringify(rec.result.grades), JSON.stringify(timings), rec.operator, rec.note ?? null],
  );
  return persistMs;
}

export function assertSubjects(result: ComputeResult): void {
  if (result.subjects === 0) {
    throw new CoreError('NOT_FOUND', '没有符合评价范围的主体：请先导入主体（subjects）数据，或检查模型的适用范围。');
  }
}
