// One saved evaluation: resolve models, fingerprint the data, score everything in one transaction, keep the result.
import crypto from 'node:crypto';
import { dataFingerprint, type Workspace } from '../workspace';
import { CoreError } from '../errors';
import type { EvalRunResult } from '../../../shared/contract/evaluate';
import { checkIsoDate } from './compile';
import { assertSubjects, computeScores, persistRun, type StepProgress } from './engine';
import { checkModelSet, loadModelObject, resolveModelRef, shippedModels, sortModels, type LoadedModel } from './model';

export interface RunOptions {
  /** Shipped model ids or model file paths; default every shipped model (when modelSpecs is empty too). */
  models?: string[];
  modelSpecs?: Record<string, unknown>[];
  asOf?: string;
  note?: string;
  operator: string;
  signal?: AbortSignal;
  progress?: StepProgress;
}

export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function newRunId(asOf: string): string {
  const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `EV${asOf.replace(/-/g, '')}-${stamp}-${crypto.randomBytes(3).toString('hex')}`;
}

export function resolveModels(refs: string[] | undefined, specs: Record<string, unknown>[] | undefined): LoadedModel[] {
  const inline = (specs ?? []).map((j) => loadModelObject(j));
  const named = refs?.length ? (() => { const shipped = shippedModels(); return refs.map((r) => resolveModelRef(r, shipped)); })() : inline.length ? [] : shippedModels();
  const models = sortModels([...named, ...inline]);
  checkModelSet(models);
  return models;
}

export async function runEvaluation(ws: Workspace, options: RunOptions): Promise<EvalRunResult & { timings: Record<string, number> }> {
  if (ws.readOnly) throw new CoreError('READ_ONLY', '工作区以只读方式打开，无法保存评价结果。');
  const t0 = performance.now();
  const asOf = checkIsoDate(options.asOf ?? todayIso());
  const models = resolveModels(options.models, options.modelSpecs);
  const f0 = performance.now();
  const fingerprint = await dataFingerprint(ws);
  const fingerprintMs = Math.round(performance.now() - f0);
  if (options.signal?.aborted) throw CoreError.cancelled();
  const runId = newRunId(asOf);
  const result = await ws.transaction(async (conn) => {
    const r = await computeScores(conn, models, asOf, options.progress);
    assertSubjects(r);
    r.timings._fingerprint = fingerprintMs;
    const persistMs = await persistRun(conn, { runId, asOf, models, dataFingerprint: fingerprint, operator: options.operator, note: options.note, result: r });
    r.timings._persist = persistMs;
    return r;
  }, options.signal);
  return { runId, subjects: result.subjects, grades: result.grades, asOf, elapsedMs: Math.round(performance.now() - t0), timings: result.timings };
}
