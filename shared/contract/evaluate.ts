// Calls of the evaluate capability ("综合+行业" credit evaluation): models, runs, results, explanations, what-if.
import { z } from 'zod';
import { defineCall, type Bytes } from './define';
import { filterSchema, sortSchema } from './workspace';

export type EvalGrade = 'A' | 'B' | 'C' | 'D';
export interface GradeCounts {
  A: number;
  B: number;
  C: number;
  D: number;
}

export interface EvalModelRef {
  id: string;
  name: string;
  version: string;
  kind: 'comprehensive' | 'industry';
  /** SHA-256 of the model file bytes (inline models: of their JSON text). */
  sha256: string;
  origin: string;
}

export interface EvalModelInfo extends EvalModelRef {
  indicators: number;
  dimensions: { id: string; label: string }[];
  /** The parsed model (defaults filled in): what the what-if panel edits and sends back. */
  spec: Record<string, unknown>;
}

export interface EvalRunInfo {
  runId: string;
  createdAt: string;
  asOf: string;
  models: EvalModelRef[];
  dataFingerprint: string | null;
  subjects: number;
  grades: GradeCounts;
  /** Milliseconds per step ('<model>.<indicator>', '_scope', '_scores', '_persist', '_fingerprint'). */
  timings: Record<string, number>;
  operator: string | null;
  note: string | null;
}

export interface EvalRunResult {
  runId: string;
  subjects: number;
  grades: GradeCounts;
  asOf: string;
  elapsedMs: number;
}

/**
 * Group labels of a run as SQL over eval_scores columns: the keys of byTown / byIndustry. Blank towns and
 * industries get an 「未知」 label and an industry without a name falls back to its code, so the result list must
 * filter on these same expressions (not on the raw columns) for a chosen group to show exactly its subjects.
 */
export const EVAL_GROUP_SQL = {
  town: `coalesce(nullif(town, ''), '（未知街镇）')`,
  industry: `coalesce(nullif(industry_name, ''), nullif(industry_code, ''), '（未知行业）')`,
} as const;

export interface GroupDistribution extends GradeCounts {
  /** Group label (see EVAL_GROUP_SQL), or 其他行业（N 个） for industries folded together. */
  key: string;
  total: number;
  avgScore: number | null;
}

export interface EvalSummary {
  run: EvalRunInfo;
  overall: GradeCounts;
  byTown: GroupDistribution[];
  /** Largest industries first (at most 40, the rest folded into 其他行业). */
  byIndustry: GroupDistribution[];
  /** Final score histogram in 5-point bins. */
  histogram: { from: number; to: number; count: number }[];
  /** Subjects whose grade an override (e.g. 严重失信) made worse. */
  overridden: number;
  /** Subjects scored by an industry model (final = combination). */
  industryScored: number;
}

export interface EvalScoresPage {
  arrow: Bytes;
  rows: number;
  columns: { name: string; type: string }[];
  total: number | null;
  offset: number;
  elapsedMs: number;
}

export interface EvidenceRows {
  columns: { name: string; label: string }[];
  rows: Record<string, unknown>[];
}

export interface ContributionExplain {
  indicatorId: string;
  label: string;
  dimension: string;
  dimensionLabel: string;
  direction: 'bonus' | 'deduction' | 'clamp';
  /** Rule in words, e.g. “每次扣 3 分，最多 12 分”. */
  rule: string;
  window: { start: string; end: string } | null;
  points: number;
  evidenceCount: number;
  /** Rows matching the indicator now (differs from evidenceCount when data changed since the run). */
  currentEvidenceCount: number;
  evidence: EvidenceRows;
}

export interface ModelExplain {
  modelId: string;
  name: string;
  kind: 'comprehensive' | 'industry';
  base: number;
  score: number;
  contributions: ContributionExplain[];
}

export interface EvalExplain {
  run: EvalRunInfo;
  subject: { uscc: string; name: string | null; town: string | null; industryName: string | null; industryCode: string | null };
  scores: {
    comprehensive: number | null;
    industry: number | null;
    industryModel: string | null;
    final: number;
    computedGrade: EvalGrade;
    grade: EvalGrade;
    override: string | null;
  };
  combination: { industryWeight: number; comprehensiveWeight: number } | null;
  models: ModelExplain[];
  overrides: { modelId: string; id: string; label: string; grade: EvalGrade; evidenceCount: number; evidence: EvidenceRows }[];
  /** Some indicator now matches a different number of rows than at run time. */
  dataChanged: boolean;
}

/** Rows: grade before (A, B, C, D, 未评价); columns: grade after. */
export interface MigrationMatrix {
  labels: string[];
  matrix: number[][];
  total: number;
  unchanged: number;
  upgraded: number;
  downgraded: number;
}

export interface EvalCompare {
  from: EvalRunInfo;
  to: EvalRunInfo;
  migration: MigrationMatrix;
}

export interface EvalWhatIf {
  base: EvalRunInfo;
  asOf: string;
  models: EvalModelRef[];
  subjects: number;
  grades: GradeCounts;
  migration: MigrationMatrix;
  byTown: GroupDistribution[];
  byIndustry: GroupDistribution[];
  elapsedMs: number;
}

const runId = z.string().min(1).max(100);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const modelJson = z.record(z.string(), z.unknown());

export const evaluateCalls = {
  'evaluate.models': defineCall<{ dir: string; models: EvalModelInfo[] }>()(z.object({}).strict(), {
    description: '列出随软件提供的评价模型（含文件哈希）',
  }),
  'evaluate.run': defineCall<EvalRunResult>()(
    z
      .object({
        /** Shipped model ids or paths of model JSON files; default: every shipped model. */
        models: z.array(z.string().min(1).max(4096)).max(20).optional(),
        /** Models given as JSON (e.g. edited in the what-if panel), run alongside or instead of `models`. */
        modelSpecs: z.array(modelJson).max(20).optional(),
        asOf: isoDate.optional(),
        note: z.string().max(500).optional(),
      })
      .strict(),
    { description: '运行信用评价（综合 + 行业），结果保存为一次评价', long: true },
  ),
  'evaluate.runs': defineCall<EvalRunInfo[]>()(z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict(), {
    description: '历次评价列表（新的在前）',
  }),
  'evaluate.summary': defineCall<EvalSummary>()(z.object({ runId }).strict(), {
    description: '一次评价的等级分布：总体、按街镇、按行业',
  }),
  'evaluate.scores': defineCall<EvalScoresPage>()(
    z
      .object({
        runId,
        offset: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(100_000).optional(),
        sort: z.array(sortSchema).max(5).optional(),
        filters: z.array(filterSchema).max(20).optional(),
        /** Matches code or name (contains). */
        search: z.string().max(200).optional(),
        withTotal: z.boolean().optional(),
      })
      .strict(),
    { description: '评价结果列表（分页、排序、筛选，结果为 Arrow）', long: true },
  ),
  'evaluate.explain': defineCall<EvalExplain>()(
    z.object({ runId, uscc: z.string().min(1).max(40), evidenceLimit: z.number().int().min(1).max(200).optional() }).strict(),
    { description: '一个主体的得分构成：各指标得分与依据记录' },
  ),
  'evaluate.compare': defineCall<EvalCompare>()(z.object({ fromRunId: runId, toRunId: runId }).strict(), {
    description: '比较两次评价：等级迁移矩阵',
  }),
  'evaluate.whatif': defineCall<EvalWhatIf>()(
    z
      .object({
        baseRunId: runId,
        /** Changed models (JSON); models of the base run not given here are reused unchanged. */
        models: z.array(modelJson).min(1).max(20),
        asOf: isoDate.optional(),
      })
      .strict(),
    { description: '模拟调整（权重、分值、分数线）：不保存，返回与基准评价的等级迁移和分布', long: true },
  ),
};
