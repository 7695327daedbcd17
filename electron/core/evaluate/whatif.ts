// What-if: the base run's models with some replaced (weights, points, cut-offs edited), scored on a private
// connection into temporary tables only — nothing is saved — and compared with the base run.
import type { Workspace } from '../workspace';
import type { EvalWhatIf } from '../../../shared/contract/evaluate';
import { checkIsoDate } from './compile';
import { computeScores, type StepProgress } from './engine';
import { checkModelSet, loadModelObject, sortModels, type LoadedModel } from './model';
import { INDUSTRY_KEY, TOWN_KEY, distribution, getRun, migrationMatrix, runModels } from './runs';

export function mergeModels(base: LoadedModel[], changed: LoadedModel[]): LoadedModel[] {
  const byId = new Map(changed.map((m) => [m.spec.id, m]));
  const merged = base.map((m) => byId.get(m.spec.id) ?? m);
  for (const m of changed) if (!base.some((b) => b.spec.id === m.spec.id)) merged.push(m);
  return sortModels(merged);
}

export async function whatIf(
  ws: Workspace,
  input: { baseRunId: string; models: Record<string, unknown>[]; asOf?: string },
  signal?: AbortSignal,
  progress?: StepProgress,
): Promise<EvalWhatIf> {
  const t0 = performance.now();
  const base = await getRun(ws, input.baseRunId);
  const models = mergeModels(await runModels(ws, base), input.models.map((j) => loadModelObject(j)));
  checkModelSet(models);
  const asOf = checkIsoDate(input.asOf ?? base.asOf);
  return ws.withConnection(async (conn) => {
    const result = await computeScores(conn, models, asOf, progress);
    const baseScores = `SELECT uscc, grade FROM eval_scores WHERE run_id = '${base.runId.replace(/'/g, "''")}'`;
    return {
      base,
      asOf,
      models: models.map((m) => ({ id: m.spec.id, name: m.spec.name, version: m.spec.version, kind: m.spec.kind, sha256: m.sha256, origin: m.origin })),
      subjects: result.subjects,
      grades: result.grades,
      migration: await migrationMatrix(conn, baseScores, 'SELECT uscc, grade FROM _ev_scores'),
      byTown: await distribution(conn, '_ev_scores', TOWN_KEY),
      byIndustry: await distribution(conn, '_ev_scores', INDUSTRY_KEY, 40),
      elapsedMs: Math.round(performance.now() - t0),
    };
  }, signal);
}
