// Calls of the analyst's workstation: 总览 (KPIs, cross-filtered charts, data freshness), 主体画像 (一户一档:
// search, profile, export) and the data grid (column statistics, export of a filtered view to CSV / XLSX).
import { z } from 'zod';
import { defineCall, type Bytes } from './define';
import { filterSchema, sortSchema } from './workspace';

// ---------------------------------------------------------------------------------------------------------------
// 总览

export interface OverviewFilter {
  town?: string;
  industry?: string;
}

export interface CategoryCount {
  table: string;
  label: string;
  rows: number;
}

export interface GroupCount {
  key: string;
  subjects: number;
  penalties: number;
}

export interface MonthCount {
  /** YYYY-MM */
  month: string;
  penalties: number;
  licenses: number;
}

export interface OverviewSummary {
  filter: OverviewFilter;
  subjects: number;
  /** Records per canonical category, restricted to the filtered subjects. */
  records: CategoryCount[];
  /** Grade distribution of the latest evaluation run (null: no evaluation yet). */
  grades: { runId: string; asOf: string; counts: Record<string, number> } | null;
  /** Tier distribution of the latest tiering run (null: no tiering yet). */
  tiers: { runId: string; asOf: string; counts: Record<string, number> } | null;
  /** Warning hits of the latest tiering run nobody has acknowledged or handled (null: no tiering yet). */
  openWarnings: number | null;
  /** Penalties whose disclosure may now be repaired (null: no repair run yet). */
  repairable: number | null;
  /** Subjects per town, filtered by the industry only (so the chart still shows every town). */
  byTown: GroupCount[];
  /** Subjects per industry (largest 20), filtered by the town only. */
  byIndustry: GroupCount[];
  byMonth: MonthCount[];
  elapsedMs: number;
}

export interface DeptFreshness {
  dept: string;
  /** Canonical table the rows are in. */
  table: string;
  label: string;
  rows: number;
  lastDecision: string | null;
  lastReported: string | null;
}

export interface ImportFreshness {
  table: string;
  label: string;
  batches: number;
  lastImport: string;
  fileName: string | null;
  loadedRows: number | null;
  operator: string | null;
}

export interface FreshnessSummary {
  departments: DeptFreshness[];
  imports: ImportFreshness[];
}

// ---------------------------------------------------------------------------------------------------------------
// 主体画像

export interface SubjectHit {
  uscc: string;
  name: string;
  town: string | null;
  industryName: string | null;
  status: string | null;
  /** 0 exact code, 1 code prefix, 2 exact name, 3 name prefix, 4 name contains, 5 characters in order, 6 similar. */
  match: number;
  similarity: number;
}

export interface ProfileColumn {
  name: string;
  label: string;
}

export interface ProfileTable {
  key: string;
  label: string;
  table: string;
  columns: ProfileColumn[];
  rows: Record<string, unknown>[];
  /** All matching rows (rows holds at most the first 500). */
  total: number;
}

export interface ProfileSection {
  key: string;
  title: string;
  tables: ProfileTable[];
  /** Why a section has nothing to show (e.g. no evaluation run yet). */
  note?: string;
}

export interface TimelineEvent {
  date: string;
  category: string;
  title: string;
  tone: 'good' | 'bad' | 'neutral';
}

export interface RelationNode {
  id: string;
  kind: 'subject' | 'person';
  label: string;
  center: boolean;
  /** Black lists in force (严重失信主体名单 / 经营异常名录 / 失信被执行人). */
  lists: string[];
}

export interface RelationEdge {
  source: string;
  target: string;
  role: string;
  label: string;
}

export interface ProfileEvaluation {
  runId: string;
  asOf: string;
  finalScore: number;
  grade: string;
  computedGrade: string | null;
  comprehensive: number | null;
  industry: number | null;
  industryModel: string | null;
  override: string | null;
  contributions: { modelId: string; indicatorId: string; label: string; points: number; evidenceCount: number }[];
}

export interface ProfileTier {
  runId: string;
  asOf: string;
  tier: string;
  grade: string;
  riskClass: string;
  /** Sampling share (%) and inspection frequency of the matrix cell (null when the run does not record them). */
  share: number | null;
  frequency: string | null;
}

export interface SubjectProfile {
  uscc: string;
  name: string;
  /** Natural persons' names, IDs and phones are masked (no unmask grant active). */
  masked: boolean;
  basic: ProfileTable;
  evaluation: ProfileEvaluation | null;
  tier: ProfileTier | null;
  sections: ProfileSection[];
  timeline: TimelineEvent[];
  relations: { nodes: RelationNode[]; edges: RelationEdge[]; truncated: boolean };
  generatedAt: string;
  elapsedMs: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Data grid

export interface ColumnStats {
  column: string;
  type: string;
  rows: number;
  nonNull: number;
  nulls: number;
  distinct: number;
  min: string | null;
  max: string | null;
  top: { value: string | null; count: number }[];
  elapsedMs: number;
}

export interface ExportFileResult {
  fileName: string;
  rows: number;
  format: 'csv' | 'xlsx' | 'html';
  /** The file's bytes, unless a path was given (then it was written there). */
  bytes?: Bytes;
  path?: string;
}

/** Excel's sheet limit, header row included. */
export const XLSX_MAX_ROWS = 1_048_576;

const filterInput = z
  .object({
    town: z.string().min(1).max(100).optional(),
    industry: z.string().min(1).max(200).optional(),
    /** Recount from the tables now (the figures are otherwise reused until the data changes). */
    refresh: z.boolean().optional(),
  })
  .strict();
const uscc = z.string().trim().min(1, '请填写统一社会信用代码').max(40);
const outPath = z.string().min(1).max(4096).optional();

export const profileCalls = {
  'overview.summary': defineCall<OverviewSummary>()(filterInput, {
    description: '总览：主体与各类记录数、等级与分级分布、预警、可修复记录，按街镇、行业、月份的分布（可按街镇和行业筛选）',
  }),
  'overview.freshness': defineCall<FreshnessSummary>()(z.object({}).strict(), {
    description: '数据时效：各部门各类记录数与最近日期，各表最近一次导入',
  }),
  'profile.search': defineCall<{ rows: SubjectHit[]; elapsedMs: number }>()(
    z
      .object({
        q: z.string().trim().min(1, '请输入主体名称或统一社会信用代码').max(100),
        limit: z.number().int().min(1).max(200).optional(),
      })
      .strict(),
    { description: '按名称或统一社会信用代码查找主体（前缀与模糊匹配）' },
  ),
  'profile.get': defineCall<SubjectProfile>()(z.object({ uscc }).strict(), {
    description: '主体画像（一户一档）：按公共信用信息报告标准分栏的全部记录、时间轴、直接关联关系',
  }),
  'profile.export': defineCall<ExportFileResult>()(
    z.object({ uscc, format: z.enum(['xlsx', 'html']), path: outPath }).strict(),
    { description: '导出主体画像（XLSX 或可打印的 HTML）' },
  ),
  'grid.columnStats': defineCall<ColumnStats>()(
    z
      .object({
        sql: z.string().min(1).max(100_000),
        filters: z.array(filterSchema).max(50).optional(),
        column: z.string().min(1).max(200),
      })
      .strict(),
    { description: '列统计：行数、空值、不同值、最小最大值、最常见的值', long: true },
  ),
  'grid.export': defineCall<ExportFileResult>()(
    z
      .object({
        sql: z.string().min(1).max(100_000),
        sort: z.array(sortSchema).max(10).optional(),
        filters: z.array(filterSchema).max(50).optional(),
        format: z.enum(['csv', 'xlsx']),
        /** Chinese headers by column name (columns without a label keep their name). */
        labels: z.record(z.string().max(200), z.string().max(200)).optional(),
        /** File name without extension, e.g. 行政处罚. */
        name: z.string().trim().min(1).max(100).optional(),
        path: outPath,
      })
      .strict(),
    { description: '导出当前筛选后的数据为 CSV（带 BOM，Excel 可直接打开）或 XLSX', long: true },
  ),
};
