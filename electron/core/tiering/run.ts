// A tier run: takes an evaluation run's grades and as-of date, finds each subject's risk class, looks the cell up
// in the matrix and runs every warning rule — all in one transaction, so a cancelled run leaves nothing behind.
import crypto from 'node:crypto';
import type { Conn, Workspace } from '../workspace/workspace';
import { CoreError } from '../errors';
import { TIERS, type Tier, type TierCounts, type TierRunResult } from '../../../shared/contract/tiering';
import { canonicalJson } from './template';
import { matrixCellsValues, resolveMatrix } from './matrix';
import { loadRiskModel, prepareRisk, riskSelectSql } from './risk-model';
import { existingRelations, finishWarnings, loadWarningRules, prepareWarnings, runWarningRule } from './warnings';

export interface TierRunOptions {
  evalRunId?: string;
  matrixId?: string;
  operator?: string | null;
  riskModelId?: string;
  warningRulesId?: string;
}

export interface TierRunHooks {
  signal?: AbortSignal;
  progress?: (phase: string, done: number, total: number | null) => void;
}

export interface EvalRunRef {
  run_id: string;
  as_of: string;
  created_at: string;
}

/** The evaluation run to tier: the given one, else the latest by created_at. */
export async function resolveEvalRun(db: Pick<Workspace, 'one' | 'scalar'>, evalRunId?: string): Promise<EvalRunRef> {
  if (evalRunId) {
    const run = await db.one<EvalRunRef>(`SELECT run_id, as_of, created_at FROM eval_runs WHERE run_id = ?`, [evalRunId]);
    if (!run) throw new CoreError('NOT_FOUND', `找不到信用评价运行 ${evalRunId}。请用 cws query 查看 eval_runs 中已有的运行编号，或省略 --run 使用最近一次评价。`);
    return run;
  }
  const run = await db.one<EvalRunRef>(`SELECT run_id, as_of, created_at FROM eval_runs ORDER BY created_at DESC, run_id DESC LIMIT 1`);
  if (!run) {
    throw new CoreError(
      'NOT_FOUND',
      '工作区中还没有信用评价结果，无法进行风险分级。请先运行信用评价（“信用评价”页，或命令 cws evaluate <工作区>），再运行风险分级。',
    );
  }
  return run;
}

export function newTierRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `tier-${stamp}-${crypto.randomBytes(3).toString('hex')}`;
}

export function emptyTierCounts(): TierCounts {
  return Object.fromEntries(TIERS.map((t) => [t, 0])) as TierCounts;
}

export async function runTiering(ws: Workspace, options: TierRunOptions = {}, hooks: TierRunHooks = {}): Promise<TierRunResult> {
  const evalRun = await resolveEvalRun(ws, options.evalRunId);
  const matrix = await resolveMatrix(ws, options.matrixId);
  const risk = loadRiskModel(options.riskModelId);
  const rules = loadWarningRules(options.warningRulesId);
  const runId = newTierRunId();
  const asOf = evalRun.as_of;
  const timings: Record<string, number> = {};
  const totalSteps = 3 + risk.model.events.length + rules.rules.rules.length;
  let step = 0;
  const phase = (name: string) => hooks.progress?.(name, step++, totalSteps);
  const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      timings[name] = Math.round(performance.now() - t0);
    }
  };

  return ws.transaction(async (conn) => {
    phase('读取评价等级');
    await timed('check', () => checkGrades(conn, evalRun.run_id));

    await timed('risk', () => prepareRisk(conn, risk.model, asOf, phase));

    phase('矩阵分级');
    await timed('tiers', async () => {
      await conn.run(
        `INSERT INTO tier_results (run_id, uscc, grade, risk_class, risk_source, risk_period, risk_base, risk_points, tier)
         SELECT ?, r.uscc, r.grade, r.risk_class, r.risk_source, r.risk_period, r.risk_base, r.risk_points, cells.tier
         FROM (${riskSelectSql(risk.model)}) r JOIN ${matrixCellsValues(matrix.matrix)} ON cells.grade = r.grade AND cells.risk = r.risk_class`,
        [runId, evalRun.run_id],
      );
      await conn.run(
        `INSERT INTO tier_run_cells (run_id, grade, risk_class, tier, share, frequency, self_check, subjects)
         SELECT ?, cells.grade, cells.risk, cells.tier, cells.share, cells.frequency, cells.self_check, coalesce(n.subjects, 0)
         FROM ${matrixCellsValues(matrix.matrix)}
         LEFT JOIN (SELECT grade, risk_class, count(*) AS subjects FROM tier_results WHERE run_id = ? GROUP BY ALL) n
           ON n.grade = cells.grade AND n.risk_class = cells.risk`,
        [runId, runId],
      );
    });
    await timed('risk_points', () =>
      conn.run(
        `INSERT INTO tier_risk_points SELECT ?, e.uscc, e.event_id, e.events, e.points
         FROM tier_results t JOIN tr_risk_events e ON e.uscc = t.uscc
         WHERE t.run_id = ? AND t.risk_source = 'model'`,
        [runId, runId],
      ),
    );

    const relations = await existingRelations(conn);
    await timed('warning:prepare', () => prepareWarnings(conn, rules.rules, asOf));
    for (const rule of rules.rules.rules) {
      phase(`预警：${rule.label}`);
      await timed(`warning:${rule.id}`, () => runWarningRule(conn, rules.rules, rule, asOf, relations));
    }
    const counted = await timed('warning:store', () => finishWarnings(conn, runId));
    const warningsByRule = Object.fromEntries(rules.rules.rules.map((r) => [r.id, counted[r.id] ?? 0]));

    const tiers = emptyTierCounts();
    const sources = { imported: 0, model: 0 };
    const counts = await conn.all<{ tier: Tier; s: 'imported' | 'model'; n: number }>(
      `SELECT tier, risk_source AS s, count(*) AS n FROM tier_results WHERE run_id = ? GROUP BY ALL`,
      [runId],
    );
    for (const r of counts) {
      tiers[r.tier] += r.n;
      sources[r.s] += r.n;
    }
    const subjects = Object.values(tiers).reduce((a, b) => a + b, 0);
    const warnings = Object.values(warningsByRule).reduce((a, b) => a + b, 0);
    await conn.run(
      `INSERT INTO tier_runs (run_id, eval_run_id, as_of, matrix_id, matrix_sha256, matrix, risk_model_id, risk_model_sha256,
         warning_rules_id, warning_rules_sha256, created_at, operator, subjects, tiers, warnings, risk_sources, timings)
       VALUES (?, ?, ?::DATE, ?, ?, ?::JSON, ?, ?, ?, ?, now()::TIMESTAMP, ?, ?, ?::JSON, ?, ?::JSON, ?::JSON)`,
      [
        runId, evalRun.run_id, asOf, matrix.id, matrix.sha256, canonicalJson(matrix.matrix), risk.model.id, risk.sha256,
        rules.rules.id, rules.sha256, options.operator ?? null, subjects, JSON.stringify(tiers), warnings,
        JSON.stringify(sources), JSON.stringify(timings),
      ],
    );
    const temps = await conn.all<{ name: string }>(`SELECT table_name AS name FROM duckdb_tables() WHERE temporary AND starts_with(table_name, 'tr_')`);
    for (const t of temps) await conn.run(`DROP TABLE IF EXISTS temp.${t.name}`);
    hooks.progress?.('完成', totalSteps, totalSteps);
    return { runId, evalRunId: evalRun.run_id, asOf, subjects, tiers, warnings, warningsByRule, riskSources: sources, timings };
  }, hooks.signal);
}

/** A grade outside A–D means a broken evaluation run: refuse rather than drop subjects silently. */
async function checkGrades(conn: Conn, evalRunId: string): Promise<void> {
  const bad = await conn.one<{ n: number; example: string | null }>(
    `SELECT count(*) AS n, any_value(grade) AS example FROM eval_scores
     WHERE run_id = ? AND uscc IS NOT NULL AND (grade IS NULL OR upper(trim(grade)) NOT IN ('A', 'B', 'C', 'D'))`,
    [evalRunId],
  );
  if (bad && bad.n > 0) {
    throw new CoreError('BAD_INPUT', `评价运行 ${evalRunId} 中有 ${bad.n} 个主体的等级不是 A–D（例如“${bad.example ?? '空'}”），无法分级。请重新运行信用评价。`);
  }
}
