// Why a subject got its score: every indicator of the models that scored it, the points stored by the run, and the
// rows behind each (recomputed from the run's own model text and as_of, read through the masked views).
import type { Conn, Workspace } from '../workspace';
import { CoreError } from '../errors';
import { columnLabel } from '../../../shared/domain/tables';
import type { ContributionExplain, EvalExplain, EvalGrade, EvidenceRows, ModelExplain } from '../../../shared/contract/evaluate';
import { compileSource, evidenceCountSql, evidenceSql, type CompiledSource } from './compile';
import { CLAMP_INDICATOR } from './engine';
import type { Indicator, Scoring } from './model';
import { getRun, runModels } from './runs';

const fmt = (n: number) => String(Math.round(n * 10000) / 10000);

export function describeScoring(scoring: Scoring, direction: 'bonus' | 'deduction'): string {
  const verb = direction === 'bonus' ? '加' : '扣';
  switch (scoring.kind) {
    case 'per_occurrence':
      return `每项${verb} ${fmt(scoring.points)} 分${scoring.cap !== undefined ? `，最多${verb} ${fmt(scoring.cap)} 分` : ''}`;
    case 'bands':
      return scoring.bands
        .map((b) => {
          const range =
            b.min !== undefined && b.max !== undefined
              ? `${fmt(b.min)} ≤ 值 < ${fmt(b.max)}`
              : b.min !== undefined
                ? `值 ≥ ${fmt(b.min)}`
                : b.max !== undefined
                  ? `值 < ${fmt(b.max)}`
                  : '任意值';
          return `${range}：${verb} ${fmt(b.points)} 分`;
        })
        .join('；');
    case 'flag':
      return `${scoring.when === 'present' ? '有' : '无'}符合条件的记录：${verb} ${fmt(scoring.points)} 分`;
  }
}

async function evidence(db: Conn, cs: CompiledSource, uscc: string, limit: number): Promise<EvidenceRows> {
  const rows = await db.all<Record<string, unknown>>(evidenceSql(cs, limit), [uscc]);
  const names = rows.length ? Object.keys(rows[0]!) : [];
  return { columns: names.map((name) => ({ name, label: columnLabel(cs.table, name) })), rows };
}

interface ScoreRow {
  uscc: string;
  name: string | null;
  town: string | null;
  industry_code: string | null;
  industry_name: string | null;
  comprehensive: number | null;
  industry: number | null;
  industry_model: string | null;
  final_score: number;
  computed_grade: string | null;
  grade: string;
  override: string | null;
}

export async function explainSubject(ws: Workspace, runId: string, uscc: string, evidenceLimit = 20): Promise<EvalExplain> {
  // Same name resolution as the run (unqualified tables → masked views), on a connection of its own.
  return ws.withConnection(async (conn) => {
    await conn.run(`SET search_path = 'safe,main'`);
    return explainOn(conn, runId, uscc, evidenceLimit);
  });
}

async function explainOn(ws: Conn, runId: string, uscc: string, evidenceLimit: number): Promise<EvalExplain> {
  const run = await getRun(ws, runId);
  const models = await runModels(ws, run);
  const score = await ws.one<ScoreRow>(
    `SELECT uscc, name, town, industry_code, industry_name, comprehensive, industry, industry_model, final_score, computed_grade, grade, override
     FROM eval_scores WHERE run_id = ? AND uscc = ?`,
    [runId, uscc],
  );
  if (!score) throw new CoreError('NOT_FOUND', `主体 ${uscc} 不在评价 ${runId} 的范围内（可能已注销、尚未成立或不在模型适用范围）。`);
  const stored = await ws.all<{ model_id: string; indicator_id: string; points: number; evidence_count: number }>(
    `SELECT model_id, indicator_id, points, evidence_count FROM eval_contributions WHERE run_id = ? AND uscc = ?`,
    [runId, uscc],
  );
  const storedBy = new Map(stored.map((r) => [`${r.model_id}\u0000${r.indicator_id}`, r]));

  const scoring = models.filter(
    (m) => (m.spec.kind === 'comprehensive' && score.comprehensive !== null) || m.spec.id === score.industry_model,
  );
  // Sources of every indicator, then one query for all current counts.
  const items: { modelId: string; ind: Indicator; cs: CompiledSource }[] = [];
  for (const m of scoring) {
    for (const ind of m.spec.indicators) {
      if (ind.enabled) items.push({ modelId: m.spec.id, ind, cs: compileSource(m.spec, ind.source, ind.window, run.asOf) });
    }
  }
  const counts = items.length
    ? await ws.all<{ i: number; n: number }>(items.map((it, i) => `SELECT ${i} AS i, (${evidenceCountSql(it.cs)}) AS n`).join(' UNION ALL '), [uscc])
    : [];
  const countOf = new Map(counts.map((c) => [Number(c.i), Number(c.n)]));

  let dataChanged = false;
  const explained: ModelExplain[] = [];
  for (const m of scoring) {
    const dims = new Map(m.spec.dimensions.map((d) => [d.id, d.label]));
    const contributions: ContributionExplain[] = [];
    for (const [i, it] of items.entries()) {
      if (it.modelId !== m.spec.id) continue;
      const s = storedBy.get(`${m.spec.id}\u0000${it.ind.id}`);
      const current = countOf.get(i) ?? 0;
      const evidenceCount = Number(s?.evidence_count ?? 0);
      if (current !== evidenceCount) dataChanged = true;
      const points = Number(s?.points ?? 0);
      contributions.push({
        indicatorId: it.ind.id,
        label: it.ind.label,
        dimension: it.ind.dimension,
        dimensionLabel: dims.get(it.ind.dimension) ?? it.ind.dimension,
        direction: it.ind.direction,
        rule: describeScoring(it.ind.scoring, it.ind.direction),
        window: it.cs.windowStart ? { start: it.cs.windowStart, end: run.asOf } : null,
        points,
        evidenceCount,
        currentEvidenceCount: current,
        evidence: points !== 0 || evidenceCount > 0 || current > 0 ? await evidence(ws, it.cs, uscc, evidenceLimit) : { columns: [], rows: [] },
      });
    }
    const clamp = storedBy.get(`${m.spec.id}\u0000${CLAMP_INDICATOR}`);
    if (clamp) {
      contributions.push({
        indicatorId: CLAMP_INDICATOR,
        label: `分数限定在 ${m.spec.score_range.min}–${m.spec.score_range.max} 分`,
        dimension: CLAMP_INDICATOR,
        dimensionLabel: '分数范围',
        direction: 'clamp',
        rule: '超出分数范围的部分不计',
        window: null,
        points: Number(clamp.points),
        evidenceCount: 0,
        currentEvidenceCount: 0,
        evidence: { columns: [], rows: [] },
      });
    }
    explained.push({
      modelId: m.spec.id,
      name: m.spec.name,
      kind: m.spec.kind,
      base: m.spec.base,
      score: Number(m.spec.kind === 'comprehensive' ? score.comprehensive : score.industry),
      contributions,
    });
  }

  const overrides: EvalExplain['overrides'] = [];
  for (const m of models) {
    const inScope = scoring.includes(m);
    if (!inScope) continue;
    for (const o of m.spec.overrides) {
      const cs = compileSource(m.spec, o.source, o.window, run.asOf);
      const n = Number(await ws.scalar(evidenceCountSql(cs), [uscc]));
      if (n > 0) overrides.push({ modelId: m.spec.id, id: o.id, label: o.label, grade: o.grade, evidenceCount: n, evidence: await evidence(ws, cs, uscc, evidenceLimit) });
    }
  }

  const industryModel = models.find((m) => m.spec.id === score.industry_model);
  const combination =
    industryModel?.spec.combination && score.comprehensive !== null
      ? { industryWeight: industryModel.spec.combination.industry_weight, comprehensiveWeight: industryModel.spec.combination.comprehensive_weight }
      : null;
  return {
    run,
    subject: { uscc: score.uscc, name: score.name, town: score.town, industryName: score.industry_name, industryCode: score.industry_code },
    scores: {
      comprehensive: score.comprehensive,
      industry: score.industry,
      industryModel: score.industry_model,
      final: score.final_score,
      computedGrade: (score.computed_grade ?? score.grade) as EvalGrade,
      grade: score.grade as EvalGrade,
      override: score.override,
    },
    combination,
    models: explained,
    overrides,
    dataChanged,
  };
}
