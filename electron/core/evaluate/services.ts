// Contract handlers of the evaluate capability (names declared in shared/contract/evaluate.ts).
import type { HandlerMap } from '../context';
import { queryToArrow, quoteLiteral, wrapQuery } from '../workspace';
import { CoreError } from '../errors';
import type { EvalSummary } from '../../../shared/contract/evaluate';
import { modelsDir, shippedModels } from './model';
import { runEvaluation } from './run';
import { explainSubject } from './explain';
import { whatIf } from './whatif';
import { INDUSTRY_KEY, TOWN_KEY, distribution, getRun, listRuns, migrationMatrix } from './runs';

type EvaluateCall =
  | 'evaluate.models'
  | 'evaluate.run'
  | 'evaluate.runs'
  | 'evaluate.summary'
  | 'evaluate.scores'
  | 'evaluate.explain'
  | 'evaluate.compare'
  | 'evaluate.whatif';

/** Columns of the result list (sort and filter are limited to these). */
export const SCORE_COLUMNS = [
  'uscc', 'name', 'town', 'industry_name', 'industry_code', 'comprehensive', 'industry', 'industry_model', 'final_score', 'grade',
  'computed_grade', 'override',
] as const;

const runFilter = (runId: string) => `run_id = ${quoteLiteral(runId)}`;

export const evaluateHandlers: HandlerMap<EvaluateCall> = {
  'evaluate.models': async () => {
    const models = shippedModels();
    return {
      dir: modelsDir(),
      models: models.map((m) => ({
        id: m.spec.id,
        name: m.spec.name,
        version: m.spec.version,
        kind: m.spec.kind,
        sha256: m.sha256,
        origin: m.origin,
        indicators: m.spec.indicators.length,
        dimensions: m.spec.dimensions,
        spec: m.spec as unknown as Record<string, unknown>,
      })),
    };
  },

  'evaluate.run': async (input, ctx) => {
    const ws = await ctx.session.workspace();
    const result = await runEvaluation(ws, {
      models: input.models,
      modelSpecs: input.modelSpecs,
      asOf: input.asOf,
      note: input.note,
      operator: ctx.session.operator,
      signal: ctx.signal,
      progress: (done, total, message) => ctx.progress('评价', done, total, message),
    });
    const run = await getRun(ws, result.runId);
    await ctx.session.audit({
      action: 'evaluate.run',
      target: result.runId,
      detail: { asOf: result.asOf, models: run.models.map((m) => ({ id: m.id, version: m.version, sha256: m.sha256 })), subjects: result.subjects, grades: result.grades, dataFingerprint: run.dataFingerprint },
    });
    return { runId: result.runId, subjects: result.subjects, grades: result.grades, asOf: result.asOf, elapsedMs: result.elapsedMs };
  },

  'evaluate.runs': async (input, ctx) => listRuns(await ctx.session.workspace(), input.limit ?? 100),

  'evaluate.summary': async (input, ctx) => {
    const ws = await ctx.session.workspace();
    const run = await getRun(ws, input.runId);
    const rel = `(SELECT * FROM eval_scores WHERE ${runFilter(run.runId)})`;
    const hist = await ws.all<{ bin: number; n: number }>(
      `SELECT least(floor(final_score / 5), 19)::INTEGER AS bin, count(*)::BIGINT AS n FROM ${rel} GROUP BY 1 ORDER BY 1`,
    );
    const counts = await ws.one<{ overridden: number; industry: number }>(
      `SELECT count(*) FILTER (WHERE grade <> computed_grade)::BIGINT AS overridden, count(*) FILTER (WHERE industry IS NOT NULL)::BIGINT AS industry FROM ${rel}`,
    );
    const overall = (await distribution(ws, rel, `'all'`))[0];
    const summary: EvalSummary = {
      run,
      overall: overall ? { A: overall.A, B: overall.B, C: overall.C, D: overall.D } : { A: 0, B: 0, C: 0, D: 0 },
      byTown: await distribution(ws, rel, TOWN_KEY),
      byIndustry: await distribution(ws, rel, INDUSTRY_KEY, 40),
      histogram: hist.map((h) => ({ from: Number(h.bin) * 5, to: Number(h.bin) * 5 + 5, count: Number(h.n) })),
      overridden: Number(counts?.overridden ?? 0),
      industryScored: Number(counts?.industry ?? 0),
    };
    return summary;
  },

  'evaluate.scores': async (input, ctx) => {
    const ws = await ctx.session.workspace();
    await getRun(ws, input.runId);
    const started = performance.now();
    for (const c of [...(input.sort ?? []), ...(input.filters ?? [])]) {
      if (!(SCORE_COLUMNS as readonly string[]).includes(c.column)) throw new CoreError('BAD_INPUT', `评价结果没有列 ${c.column}。`);
    }
    const search = input.search?.trim();
    const where = [runFilter(input.runId)];
    if (search) where.push(`(contains(uscc, ${quoteLiteral(search.toUpperCase())}) OR contains(name, ${quoteLiteral(search)}))`);
    const base = `SELECT ${SCORE_COLUMNS.join(', ')} FROM eval_scores WHERE ${where.join(' AND ')}`;
    const sort = input.sort?.length ? [...input.sort, { column: 'uscc' }] : [{ column: 'final_score', desc: true }, { column: 'uscc' }];
    const offset = input.offset ?? 0;
    const limit = input.limit ?? 1000;
    return ws.withConnection(async (conn) => {
      const page = await queryToArrow(conn.raw, `${wrapQuery(base, sort, input.filters ?? [])} LIMIT ${limit} OFFSET ${offset}`);
      const total = input.withTotal ? Number(await conn.scalar(`SELECT count(*) FROM (${wrapQuery(base, [], input.filters ?? [])})`)) : null;
      return { ...page, total, offset, elapsedMs: Math.round(performance.now() - started) };
    }, ctx.signal);
  },

  'evaluate.explain': async (input, ctx) => explainSubject(await ctx.session.workspace(), input.runId, input.uscc.trim().toUpperCase(), input.evidenceLimit),

  'evaluate.compare': async (input, ctx) => {
    const ws = await ctx.session.workspace();
    const from = await getRun(ws, input.fromRunId);
    const to = await getRun(ws, input.toRunId);
    const sel = (id: string) => `SELECT uscc, grade FROM eval_scores WHERE ${runFilter(id)}`;
    return { from, to, migration: await migrationMatrix(ws, sel(from.runId), sel(to.runId)) };
  },

  'evaluate.whatif': async (input, ctx) =>
    whatIf(await ctx.session.workspace(), input, ctx.signal, (done, total, message) => ctx.progress('模拟', done, total, message)),
};
