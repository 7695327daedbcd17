// Calls of the tiering capability (信用+风险 分级分类监管): tier runs, the grade × risk matrix, supervision lists,
// early warnings, migration between runs and 双随机 sampling. The matrix schema lives here (pure zod) so the
// renderer validates an edited matrix with exactly the rules the core applies when saving it.
import { z } from 'zod';
import { defineCall, type Bytes } from './define';
import { GRADES, RISK_CLASSES, type Grade, type RiskClass } from '../domain/enums';

// ---------------------------------------------------------------------------------------------------------------
// Supervision tiers, from the lightest to the strictest.
export const TIERS = ['无感监管', '一般监管', '重点监管', '严格监管'] as const;
export type Tier = (typeof TIERS)[number];

export const WARNING_SEVERITIES = ['高', '中', '低'] as const;
export type WarningSeverity = (typeof WARNING_SEVERITIES)[number];

/** Handling state of a warning; 'open' is the absence of any recorded state. */
export const WARNING_STATES = ['open', 'acknowledged', 'handled'] as const;
export type WarningState = (typeof WARNING_STATES)[number];
export const WARNING_STATE_LABELS: Record<WarningState, string> = { open: '未处理', acknowledged: '已知悉', handled: '已处置' };

export const RISK_SOURCE_LABELS = { imported: '市场监管分类', model: '行业风险模型' } as const;
export type RiskSource = keyof typeof RISK_SOURCE_LABELS;

// ---------------------------------------------------------------------------------------------------------------
// The matrix: credit grade (outer key) × risk class (inner key) → tier, sampling share (%) and frequency.
const tierEnum = z.enum(TIERS, { error: `监管层级只能是：${TIERS.join('、')}` });

export const matrixCellSchema = z
  .object(
    {
      tier: tierEnum,
      share: z
        .number({ error: '抽查比例须为数字（0–100）' })
        .min(0, '抽查比例不能小于 0%')
        .max(100, '抽查比例不能大于 100%'),
      frequency: z.string({ error: '请填写检查频次' }).trim().min(1, '请填写检查频次').max(100, '检查频次不超过 100 字'),
      /** Grade-A subjects may self-check with a commitment instead of an on-site inspection. */
      selfCheck: z.boolean().optional(),
    },
    { error: (iss) => (iss.input === undefined ? '单元格未填写' : '单元格格式不正确') },
  )
  .strict();
export type MatrixCell = z.infer<typeof matrixCellSchema>;

const riskRowSchema = z
  .object(
    Object.fromEntries(RISK_CLASSES.map((r) => [r, matrixCellSchema])) as Record<RiskClass, typeof matrixCellSchema>,
    { error: (iss) => (iss.input === undefined ? '该信用等级的一行未填写' : '该行格式不正确') },
  )
  .strict();

const exemptItemSchema = z
  .object({
    item: z.string().trim().min(1, '请填写事项名称').max(200),
    dept: z.string().trim().max(100).optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict();

export const tierMatrixSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, '矩阵标识只能含字母、数字、点、下划线和连字符'),
    version: z.string().trim().min(1, '请填写版本号').max(40),
    name: z.string().trim().min(1, '请填写矩阵名称').max(200),
    description: z.string().max(4000).optional(),
    cells: z
      .object(
        Object.fromEntries(GRADES.map((g) => [g, riskRowSchema])) as Record<Grade, typeof riskRowSchema>,
        { error: (iss) => (iss.input === undefined ? '矩阵单元格未填写' : '矩阵单元格格式不正确') },
      )
      .strict(),
    lists: z
      .object({
        /** Tiers whose subjects form the 无感监管对象清单. */
        noDisturb: z.array(tierEnum).min(1, '无感监管清单至少包含一个层级'),
        /** Tiers whose subjects form the 重点监管对象清单. */
        key: z.array(tierEnum).min(1, '重点监管清单至少包含一个层级'),
      })
      .strict(),
    /** 无事不扰事项: inspection items not actively checked for subjects of a tier. */
    exemptItems: z.array(z.object({ tier: tierEnum, items: z.array(exemptItemSchema).max(200) }).strict()).max(8),
  })
  .strict()
  .superRefine((m, ctx) => {
    const overlap = m.lists.noDisturb.filter((t) => m.lists.key.includes(t));
    if (overlap.length) {
      ctx.addIssue({ code: 'custom', path: ['lists'], message: `层级 ${overlap.join('、')} 不能同时属于无感监管清单和重点监管清单` });
    }
    const seen = new Set<string>();
    m.exemptItems.forEach((e, i) => {
      if (seen.has(e.tier)) ctx.addIssue({ code: 'custom', path: ['exemptItems', i, 'tier'], message: `层级 ${e.tier} 的无事不扰事项重复列出` });
      seen.add(e.tier);
    });
  });
export type TierMatrix = z.infer<typeof tierMatrixSchema>;

export interface MatrixIssue {
  path: string;
  message: string;
}

/** Validates an edited matrix; errors carry a Chinese location such as "信用B × 风险C · 抽查比例". */
export function validateMatrix(raw: unknown): { ok: true; matrix: TierMatrix } | { ok: false; errors: MatrixIssue[] } {
  const parsed = tierMatrixSchema.safeParse(raw);
  if (parsed.success) return { ok: true, matrix: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((i) => ({ path: describeMatrixPath(i.path as (string | number)[]), message: i.message })),
  };
}

const FIELD_LABELS: Record<string, string> = {
  tier: '监管层级', share: '抽查比例', frequency: '检查频次', selfCheck: '自查承诺', id: '矩阵标识', version: '版本',
  name: '名称', description: '说明', lists: '清单定义', noDisturb: '无感监管清单', key: '重点监管清单',
  exemptItems: '无事不扰事项', items: '事项', item: '事项名称', dept: '部门', note: '备注', cells: '矩阵',
};

export function describeMatrixPath(path: (string | number)[]): string {
  if (path[0] === 'cells') {
    const [, grade, risk, field] = path;
    const where = grade === undefined ? '矩阵' : risk === undefined ? `信用${String(grade)}` : `信用${String(grade)} × 风险${String(risk)}`;
    return field === undefined ? where : `${where} · ${FIELD_LABELS[String(field)] ?? String(field)}`;
  }
  return path.map((p) => (typeof p === 'number' ? `第${p + 1}项` : FIELD_LABELS[p] ?? p)).join(' · ') || '(矩阵)';
}

// ---------------------------------------------------------------------------------------------------------------
// Results.

export type TierCounts = Record<Tier, number>;

export interface TierRunInfo {
  runId: string;
  evalRunId: string;
  asOf: string;
  createdAt: string;
  matrixId: string;
  matrixSha256: string;
  riskModelId: string;
  riskModelSha256: string;
  warningRulesId: string;
  warningRulesSha256: string;
  subjects: number;
  tiers: TierCounts;
  warnings: number;
  riskSources: { imported: number; model: number };
  timings: Record<string, number>;
  operator: string | null;
}

export interface TierRunResult {
  runId: string;
  evalRunId: string;
  asOf: string;
  subjects: number;
  tiers: TierCounts;
  warnings: number;
  warningsByRule: Record<string, number>;
  riskSources: { imported: number; model: number };
  timings: Record<string, number>;
}

export interface MatrixEntry {
  id: string;
  source: 'builtin' | 'workspace';
  sha256: string;
  matrix: TierMatrix;
  createdAt: string | null;
  operator: string | null;
  note: string | null;
}

export interface MatrixVersionInfo {
  id: string;
  source: 'builtin' | 'workspace';
  name: string;
  version: string;
  sha256: string;
  createdAt: string | null;
  operator: string | null;
  note: string | null;
}

export interface HeatCell {
  grade: Grade;
  risk: RiskClass;
  tier: Tier;
  share: number;
  frequency: string;
  subjects: number;
}

export interface TierSummary {
  run: TierRunInfo;
  matrix: MatrixEntry;
  heat: HeatCell[];
  byTown: { town: string; tier: Tier; subjects: number }[];
  byIndustry: { industry: string; tier: Tier; subjects: number }[];
  warningsByRule: { ruleId: string; label: string; severity: WarningSeverity; hits: number; open: number }[];
}

export interface TierListRow {
  uscc: string;
  name: string | null;
  town: string | null;
  industryCode: string | null;
  industryName: string | null;
  grade: Grade;
  riskClass: RiskClass;
  riskSource: RiskSource;
  riskPoints: number | null;
  tier: Tier;
  share: number;
  frequency: string;
  warnings: number;
}

export interface ExemptItemRow {
  tier: Tier;
  item: string;
  dept: string | null;
  note: string | null;
  subjects: number;
}

export interface WarningRow {
  runId: string;
  ruleId: string;
  ruleLabel: string;
  uscc: string;
  name: string | null;
  town: string | null;
  tier: Tier | null;
  severity: WarningSeverity;
  eventDate: string;
  evidenceKey: string;
  evidence: unknown;
  summary: string;
  state: WarningState;
  stateNote: string | null;
  stateBy: string | null;
  stateAt: string | null;
}

export interface WarningRuleInfo {
  id: string;
  label: string;
  severity: WarningSeverity;
  windowDays: number;
  description: string;
}

export interface MigrationCell {
  /** null: the subject is not in that run (new to, or gone from, the tiered population). */
  from: Tier | null;
  to: Tier | null;
  subjects: number;
}

export interface MigrationResult {
  fromRun: { runId: string; asOf: string };
  toRun: { runId: string; asOf: string };
  cells: MigrationCell[];
  /** Subjects behind the requested cell (when from/to were given). */
  members?: { rows: { uscc: string; name: string | null; town: string | null; fromTier: Tier | null; toTier: Tier | null; fromGrade: string | null; toGrade: string | null; fromRisk: string | null; toRisk: string | null }[]; total: number };
}

export interface SampleAllocation {
  grade: Grade;
  risk: RiskClass;
  tier: Tier;
  share: number;
  population: number;
  quota: number;
}

export interface SampleRow {
  tier: Tier;
  grade: Grade;
  riskClass: RiskClass;
  drawOrder: number;
  uscc: string;
  name: string | null;
  town: string | null;
  industryCode: string | null;
  industryName: string | null;
  drawKey: string;
}

export interface SampleResult {
  runId: string;
  seed: string;
  requested: number;
  drawn: number;
  method: string;
  allocation: SampleAllocation[];
  byTier: Record<Tier, { population: number; quota: number }>;
  rows: SampleRow[];
}

export interface ExportResult {
  fileName: string;
  rows: number;
  /** The XLSX bytes, unless a path was given (then the file was written there). */
  bytes?: Bytes;
  path?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Inputs.

const runIdSchema = z.string().min(1).max(100);
const tierSchemaInput = z.enum(TIERS);

export const sectorSchema = z
  .object({
    /** Prefix of the GB/T 4754 industry code: 'C', 'C27', '27', '2710'. */
    codePrefix: z.string().trim().min(1).max(10).optional(),
    /** Part of the industry name, e.g. '口腔'. */
    nameContains: z.string().trim().min(1).max(50).optional(),
    featured: z.string().trim().min(1).max(50).optional(),
    town: z.string().trim().min(1).max(50).optional(),
  })
  .strict();
export type SectorFilter = z.infer<typeof sectorSchema>;

export const sampleInputSchema = z
  .object({
    runId: runIdSchema.optional(),
    sector: sectorSchema.optional(),
    /** Number of inspections to draw. */
    total: z.number().int().min(1).max(50_000),
    /** Seed printed on the sample; drawn at random (and returned) when absent. */
    seed: z.union([z.string().trim().min(1).max(64), z.number().int().min(0)]).optional(),
  })
  .strict();
export type SampleInput = z.infer<typeof sampleInputSchema>;

export const warningFilterSchema = z
  .object({
    runId: runIdSchema.optional(),
    ruleId: z.string().max(100).optional(),
    severity: z.enum(WARNING_SEVERITIES).optional(),
    state: z.enum(WARNING_STATES).optional(),
    tier: tierSchemaInput.optional(),
    town: z.string().max(50).optional(),
    uscc: z.string().max(30).optional(),
    /** Part of the subject's name or code. */
    search: z.string().max(100).optional(),
  })
  .strict();
export type WarningFilter = z.infer<typeof warningFilterSchema>;

export const LIST_KINDS = ['noDisturb', 'key', 'all'] as const;
export type ListKind = (typeof LIST_KINDS)[number];
export const LIST_KIND_LABELS: Record<ListKind | 'exemptItems' | 'warnings' | 'sample', string> = {
  noDisturb: '无感监管对象清单',
  key: '重点监管对象清单',
  all: '分级结果',
  exemptItems: '无事不扰事项清单',
  warnings: '预警清单',
  sample: '双随机抽查名单',
};

const listFilterSchema = z
  .object({
    runId: runIdSchema.optional(),
    kind: z.enum(LIST_KINDS),
    tier: tierSchemaInput.optional(),
    town: z.string().max(50).optional(),
    industry: z.string().max(50).optional(),
    search: z.string().max(100).optional(),
  })
  .strict();

const exportPath = z.string().min(1).max(4096).optional();
/** 导出用途, printed in the file's watermark and kept in the audit log (default: the active 查询事由). */
const exportPurpose = z.string().max(200).optional();

export const exportInputSchema = z.discriminatedUnion('kind', [
  listFilterSchema.extend({ path: exportPath, purpose: exportPurpose }).strict(),
  z.object({ kind: z.literal('exemptItems'), runId: runIdSchema.optional(), path: exportPath, purpose: exportPurpose }).strict(),
  warningFilterSchema.extend({ kind: z.literal('warnings'), path: exportPath, purpose: exportPurpose }).strict(),
  sampleInputSchema.extend({ kind: z.literal('sample'), path: exportPath, purpose: exportPurpose }).strict(),
]);

export const tieringCalls = {
  'tier.run': defineCall<TierRunResult>()(
    z
      .object({
        /** Evaluation run whose grades and as-of date are used; default the latest evaluation run. */
        evalRunId: runIdSchema.optional(),
        /** Matrix id ('tiers-default' or a saved workspace matrix); default the latest saved, else the built-in. */
        matrixId: z.string().min(1).max(100).optional(),
      })
      .strict(),
    { description: '运行信用+风险分级分类（含预警规则）', long: true },
  ),
  'tier.runs': defineCall<TierRunInfo[]>()(z.object({ limit: z.number().int().min(1).max(500).optional() }).strict(), {
    description: '分级运行记录（最新在前）',
  }),
  'tier.summary': defineCall<TierSummary>()(z.object({ runId: runIdSchema.optional() }).strict(), {
    description: '分级结果概览：矩阵热力、街镇与行业分布、预警统计',
  }),
  'tier.matrix.get': defineCall<{ active: MatrixEntry; versions: MatrixVersionInfo[] }>()(
    z.object({ id: z.string().min(1).max(100).optional() }).strict(),
    { description: '读取分级矩阵（默认当前生效的矩阵）及全部版本' },
  ),
  'tier.matrix.validate': defineCall<{ ok: boolean; errors: MatrixIssue[] }>()(z.object({ matrix: z.unknown() }).strict(), {
    description: '校验编辑后的分级矩阵',
  }),
  'tier.matrix.save': defineCall<MatrixVersionInfo>()(
    z.object({ matrix: z.unknown(), note: z.string().max(1000).optional() }).strict(),
    { description: '校验并保存分级矩阵为工作区中的新版本' },
  ),
  'tier.list': defineCall<{ rows: TierListRow[]; total: number }>()(
    listFilterSchema
      .extend({ offset: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(5000).optional() })
      .strict(),
    { description: '监管对象清单：无感监管、重点监管或全部分级结果（分页）' },
  ),
  'tier.exemptItems': defineCall<ExemptItemRow[]>()(z.object({ runId: runIdSchema.optional() }).strict(), {
    description: '无事不扰事项清单（按层级，来自分级矩阵）',
  }),
  'tier.export': defineCall<ExportResult>()(exportInputSchema, { description: '导出清单为 XLSX', long: true }),
  'tier.warnings': defineCall<{ rows: WarningRow[]; total: number; rules: WarningRuleInfo[] }>()(
    warningFilterSchema
      .extend({ offset: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(5000).optional() })
      .strict(),
    { description: '预警清单（可筛选）' },
  ),
  'tier.warning.setState': defineCall<{ ruleId: string; uscc: string; evidenceKey: string; state: WarningState }>()(
    z
      .object({
        ruleId: z.string().min(1).max(100),
        uscc: z.string().min(1).max(30),
        evidenceKey: z.string().min(1).max(2000),
        state: z.enum(WARNING_STATES),
        note: z.string().max(1000).optional(),
      })
      .strict(),
    { description: '标记预警为已知悉、已处置或恢复未处理' },
  ),
  'tier.migration': defineCall<MigrationResult>()(
    z
      .object({
        fromRunId: runIdSchema,
        toRunId: runIdSchema,
        /** Cell whose subjects to list; null = not in that run. Omit both to get counts only. */
        from: tierSchemaInput.nullable().optional(),
        to: tierSchemaInput.nullable().optional(),
        offset: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(5000).optional(),
      })
      .strict(),
    { description: '两次分级之间的层级迁移矩阵及每格主体' },
  ),
  'tier.sample': defineCall<SampleResult>()(sampleInputSchema, { description: '双随机抽查：按层级抽查比例的可复现随机抽样' }),
};
