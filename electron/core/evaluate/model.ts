// Evaluation models as data: the zod schema of datasets/models/*.json, loading (with the SHA-256 of the file bytes)
// and the pure scoring rules shared by the SQL compiler and the what-if panel.
//
// Scoring rules (the whole contract of a model file):
//  - Each indicator yields per subject a value v (its `source.value` aggregate over the rows that match, or
//    `missing_value` (default 0) when no row matches) and an evidence count (rows that match).
//  - v is taken as DECIMAL(18,4). Magnitude by kind:
//      per_occurrence: min(v × points, cap), never below 0;
//      bands:          the points of the first band with min ≤ v < max (absent bound = unbounded), else 0;
//      flag:           points when v > 0 ('present') or when v ≤ 0 ('absent'), else 0.
//  - points = ±round(magnitude, 2) (half away from zero), + for bonus, − for deduction.
//  - model raw score = base + Σ points; the model score is raw clamped to [score_range.min, score_range.max]; when
//    clamping changes it, the difference is recorded as its own contribution (indicator '__clamp'), so
//    base + Σ contributions = model score exactly (in 2-decimal arithmetic).
//  - Windows: {months: N} or {days: N} end at as_of inclusive and start at window_start = as_of − N (+1 day),
//    inclusive; e.g. 12 months as of 2026-03-31 = 2025-04-01 … 2026-03-31. With a date_column, rows outside the
//    window (or, without a window, dated after as_of) never match.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CANONICAL_TABLES, TABLE_BY_NAME } from '../../../shared/domain/tables';
import { CoreError } from '../errors';

const identifier = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, '只能用字母、数字、下划线、短横线，以字母开头');
const sqlFragment = z
  .string()
  .min(1)
  .max(8000)
  .refine((s) => !/;|--|\/\*/.test(s), 'SQL 片段中不能有分号或注释');
const amount = z.number().min(0).max(1e9);
const canonicalTable = z.enum(CANONICAL_TABLES.map((t) => t.name) as [string, ...string[]]);

export const windowSchema = z
  .object({ months: z.number().int().min(1).max(1200).optional(), days: z.number().int().min(1).max(36500).optional() })
  .strict()
  .refine((w) => (w.months === undefined) !== (w.days === undefined), '时间窗口须且只能给出 months 或 days 之一');

export const sourceSchema = z
  .object({
    /** Canonical table read as alias t (one row per event; rows are matched to subjects by t.uscc). */
    table: canonicalTable,
    /** Condition on t (placeholders {as_of}, {window_start}, snippet names). */
    where: sqlFragment.optional(),
    /** Aggregate over the matching rows of one subject; numeric or boolean. */
    value: sqlFragment.default('count(*)'),
    /** Date column of t that places a row in time (window filter and evidence order). */
    date_column: z.string().regex(/^[a-z_][a-z0-9_]*$/).optional(),
  })
  .strict();

const band = z
  .object({ min: z.number().optional(), max: z.number().optional(), points: amount })
  .strict()
  .refine((b) => b.min === undefined || b.max === undefined || b.min < b.max, '档位下限须小于上限');

export const scoringSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('per_occurrence'), points: amount, cap: amount.optional() }).strict(),
  z.object({ kind: z.literal('bands'), bands: z.array(band).min(1).max(50) }).strict(),
  z.object({ kind: z.literal('flag'), points: amount, when: z.enum(['present', 'absent']).default('present') }).strict(),
]);

export const indicatorSchema = z
  .object({
    id: identifier,
    label: z.string().min(1).max(100),
    dimension: identifier,
    description: z.string().max(2000).optional(),
    direction: z.enum(['bonus', 'deduction']),
    source: sourceSchema,
    window: windowSchema.optional(),
    scoring: scoringSchema,
    missing_value: z.number().min(-1e9).max(1e9).default(0),
    enabled: z.boolean().default(true),
  })
  .strict();

export const overrideSchema = z
  .object({
    id: identifier,
    label: z.string().min(1).max(100),
    description: z.string().max(2000).optional(),
    source: sourceSchema,
    window: windowSchema.optional(),
    /** The final grade is no better than this one while the source has rows for the subject. */
    grade: z.enum(['B', 'C', 'D']),
  })
  .strict();

export const scopeSchema = z
  .object({
    /** subjects.status values in scope; subjects with no status count as 存续. */
    statuses: z.array(z.string().min(1).max(20)).max(20).default(['存续']),
    industry_names: z.array(z.string().min(1).max(100)).max(200).optional(),
    industry_codes: z.array(z.string().min(1).max(10)).max(500).optional(),
    industry_code_prefixes: z.array(z.string().min(1).max(10)).max(100).optional(),
    /** Extra condition on subjects s. */
    where: sqlFragment.optional(),
  })
  .strict();

export const modelSchema = z
  .object({
    format: z.literal(1),
    id: identifier,
    name: z.string().min(1).max(100),
    version: z.string().min(1).max(40),
    kind: z.enum(['comprehensive', 'industry']),
    description: z.string().max(4000).optional(),
    scope: scopeSchema.default({ statuses: ['存续'] }),
    base: z.number().min(0).max(1000),
    score_range: z.object({ min: z.number(), max: z.number() }).strict().default({ min: 0, max: 100 }),
    dimensions: z.array(z.object({ id: identifier, label: z.string().min(1).max(50) }).strict()).min(1).max(30),
    snippets: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), sqlFragment).default({}),
    indicators: z.array(indicatorSchema).min(1).max(300),
    /** Minimum score of each grade: A ≥ grades.A > B ≥ grades.B > C ≥ grades.C > D. */
    grades: z.object({ A: z.number(), B: z.number(), C: z.number() }).strict(),
    /** Industry models only: final = industry_weight × industry + comprehensive_weight × comprehensive. */
    combination: z.object({ industry_weight: z.number().min(0).max(1), comprehensive_weight: z.number().min(0).max(1) }).strict().optional(),
    overrides: z.array(overrideSchema).max(50).default([]),
  })
  .strict()
  .superRefine((m, ctx) => {
    const issue = (message: string, p: (string | number)[] = []) => ctx.addIssue({ code: 'custom', message, path: p });
    const dims = new Set(m.dimensions.map((d) => d.id));
    const ids = new Set<string>();
    m.indicators.forEach((ind, i) => {
      if (ids.has(ind.id)) issue(`指标编号重复：${ind.id}`, ['indicators', i, 'id']);
      ids.add(ind.id);
      if (!dims.has(ind.dimension)) issue(`指标 ${ind.id} 的维度 ${ind.dimension} 未在 dimensions 中定义`, ['indicators', i, 'dimension']);
      checkSource(ind.source, ind.window, m.snippets, (msg) => issue(`指标 ${ind.id}：${msg}`, ['indicators', i, 'source']));
      if (ind.scoring.kind === 'bands') {
        const sorted = [...ind.scoring.bands].sort((a, b) => (a.min ?? -Infinity) - (b.min ?? -Infinity));
        for (let k = 1; k < sorted.length; k++) {
          if ((sorted[k - 1]!.max ?? Infinity) > (sorted[k]!.min ?? -Infinity)) issue(`指标 ${ind.id} 的档位区间重叠`, ['indicators', i, 'scoring']);
        }
      }
    });
    m.overrides.forEach((o, i) => checkSource(o.source, o.window, m.snippets, (msg) => issue(`规则 ${o.id}：${msg}`, ['overrides', i, 'source'])));
    if (!(m.grades.A > m.grades.B && m.grades.B > m.grades.C)) issue('等级分数线须满足 A > B > C', ['grades']);
    if (m.score_range.min >= m.score_range.max) issue('score_range.min 须小于 max', ['score_range']);
    if (m.kind === 'industry') {
      if (!m.combination) issue('行业评价模型须给出 combination（行业与综合评价的权重）', ['combination']);
      else if (Math.abs(m.combination.industry_weight + m.combination.comprehensive_weight - 1) > 1e-9) {
        issue('combination 的两个权重之和须为 1', ['combination']);
      }
      const s = m.scope;
      if (!s.industry_names?.length && !s.industry_codes?.length && !s.industry_code_prefixes?.length && !s.where) {
        issue('行业评价模型须在 scope 中给出行业名称、行业代码或条件', ['scope']);
      }
    } else if (m.combination) {
      issue('综合评价模型不能有 combination', ['combination']);
    }
  });

export type EvalModel = z.output<typeof modelSchema>;
export type ModelInput = z.input<typeof modelSchema>;
export type Indicator = EvalModel['indicators'][number];
export type Override = EvalModel['overrides'][number];
export type Scoring = Indicator['scoring'];
export type Source = z.output<typeof sourceSchema>;
export type Window = z.output<typeof windowSchema>;

const BUILTIN_PLACEHOLDERS = new Set(['as_of', 'window_start']);

function checkSource(source: Source, window: Window | undefined, snippets: Record<string, string>, issue: (m: string) => void): void {
  const table = TABLE_BY_NAME[source.table]!;
  if (!table.columns.some((c) => c.name === 'uscc')) issue(`表 ${source.table} 没有 uscc 列，不能按主体统计`);
  if (source.date_column && !table.columns.some((c) => c.name === source.date_column && c.type === 'DATE')) {
    issue(`表 ${source.table} 没有日期列 ${source.date_column}`);
  }
  if (window && !source.date_column && !/\{window_start\}/.test(source.where ?? '')) {
    issue('有时间窗口时须给出 date_column，或在 where 中使用 {window_start}');
  }
  const texts = [source.where ?? '', source.value];
  for (const text of texts) {
    for (const name of placeholders(text)) {
      if (name === 'window_start' && !window) issue('使用了 {window_start} 却没有时间窗口');
      else if (!BUILTIN_PLACEHOLDERS.has(name) && !(name in snippets)) issue(`未知占位符 {${name}}`);
    }
  }
}

export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{([a-z_][a-z0-9_]*)\}/g)].map((m) => m[1]!);
}

// ---------------------------------------------------------------------------------------------------------------
// Pure scoring (mirrors the SQL the compiler emits; used to decide joins and by tests of the rules themselves).

/** Rounds half away from zero to 2 decimals, as DuckDB's round() on DECIMAL does. */
export function round2(x: number): number {
  const s = Math.sign(x);
  return (s * Math.round(Math.abs(x) * 100 + 1e-9)) / 100;
}

export function magnitude(scoring: Scoring, v: number): number {
  switch (scoring.kind) {
    case 'per_occurrence': {
      const raw = v * scoring.points;
      return Math.max(0, scoring.cap === undefined ? raw : Math.min(raw, scoring.cap));
    }
    case 'bands': {
      const hit = scoring.bands.find((b) => (b.min === undefined || v >= b.min) && (b.max === undefined || v < b.max));
      return hit ? hit.points : 0;
    }
    case 'flag':
      return (scoring.when === 'present') === v > 0 ? scoring.points : 0;
  }
}

export function indicatorPoints(ind: Pick<Indicator, 'scoring' | 'direction'>, v: number): number {
  const m = round2(magnitude(ind.scoring, v));
  return m === 0 ? 0 : ind.direction === 'bonus' ? m : -m;
}

// ---------------------------------------------------------------------------------------------------------------
// Loading

export interface LoadedModel {
  spec: EvalModel;
  /** SHA-256 (hex) of the file bytes, or of the JSON text for models given inline. */
  sha256: string;
  /** The exact text that was hashed (kept with each run so it can be explained and repeated later). */
  text: string;
  /** Where it came from: 'shipped:<file>', a file path, or 'inline'. */
  origin: string;
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

export function parseModelText(text: string, origin: string): EvalModel {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new CoreError('BAD_INPUT', `评价模型 ${origin} 不是有效的 JSON：${(err as Error).message}`);
  }
  return validateModel(json, origin);
}

export function validateModel(json: unknown, origin: string): EvalModel {
  const parsed = modelSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(模型)'}：${i.message}`)
      .join('；');
    throw new CoreError('BAD_INPUT', `评价模型 ${origin} 格式不正确：${first}`, JSON.stringify(parsed.error.issues).slice(0, 4000));
  }
  return parsed.data;
}

export function loadModelBytes(bytes: Uint8Array, origin: string): LoadedModel {
  const text = Buffer.from(bytes).toString('utf8');
  return { spec: parseModelText(text, origin), sha256: sha256Hex(bytes), text, origin };
}

/** A model given as a JSON object (what-if, UI edits): hashed over its JSON text. */
export function loadModelObject(json: unknown): LoadedModel {
  const text = JSON.stringify(json, null, 2);
  return { spec: validateModel(json, '（界面提交的模型）'), sha256: sha256Hex(text), text, origin: 'inline' };
}

export function loadModelFile(file: string): LoadedModel {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    throw new CoreError('NOT_FOUND', `找不到评价模型文件：${file}`);
  }
  return loadModelBytes(bytes, path.resolve(file));
}

/** datasets/models of this installation: CWS_MODELS_DIR, else found upwards from this module or the cwd. */
export function modelsDir(): string {
  if (process.env.CWS_MODELS_DIR) return process.env.CWS_MODELS_DIR;
  const starts = [path.dirname(fileURLToPath(import.meta.url)), process.cwd()];
  for (const start of starts) {
    let dir = start;
    for (let i = 0; i < 8; i++) {
      const candidate = path.join(dir, 'datasets', 'models');
      if (fs.existsSync(candidate)) return candidate;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new CoreError('NOT_FOUND', '找不到评价模型目录 datasets/models：请检查安装，或用环境变量 CWS_MODELS_DIR 指定。');
}

/** The shipped models, comprehensive first, then by file name. */
export function shippedModels(dir = modelsDir()): LoadedModel[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const models = files.map((f) => ({ ...loadModelBytes(fs.readFileSync(path.join(dir, f)), `shipped:${f}`) }));
  const seen = new Set<string>();
  for (const m of models) {
    if (seen.has(m.spec.id)) throw new CoreError('CONFLICT', `模型目录中有两个编号相同的模型：${m.spec.id}`);
    seen.add(m.spec.id);
  }
  return sortModels(models);
}

export function sortModels(models: LoadedModel[]): LoadedModel[] {
  return [...models].sort((a, b) => (a.spec.kind === b.spec.kind ? 0 : a.spec.kind === 'comprehensive' ? -1 : 1));
}

/** A model reference from cws or the UI: a shipped model id, or a path to a .json file. */
export function resolveModelRef(ref: string, shipped: LoadedModel[] = shippedModels()): LoadedModel {
  const byId = shipped.find((m) => m.spec.id === ref);
  if (byId) return byId;
  if (/\.json$/i.test(ref) || ref.includes('/') || ref.includes('\\')) return loadModelFile(ref);
  throw new CoreError('NOT_FOUND', `没有编号为 ${ref} 的评价模型。可用：${shipped.map((m) => m.spec.id).join('、') || '（无）'}；也可给出模型 JSON 文件路径。`);
}

/** Checks a set of models can run together: ids unique, at most one comprehensive model. */
export function checkModelSet(models: LoadedModel[]): void {
  if (!models.length) throw new CoreError('BAD_INPUT', '请至少选择一个评价模型。');
  const ids = new Set<string>();
  for (const m of models) {
    if (ids.has(m.spec.id)) throw new CoreError('BAD_INPUT', `模型 ${m.spec.id} 被重复选择。`);
    ids.add(m.spec.id);
  }
  if (models.filter((m) => m.spec.kind === 'comprehensive').length > 1) {
    throw new CoreError('BAD_INPUT', '一次评价只能使用一个综合评价模型。');
  }
}
