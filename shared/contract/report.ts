// Calls of the report capability (示范区创建 / 城市信用状况监测): the demonstration-zone report for a period against
// the prior period, computed from the definition in datasets/reports/demo-zone.json and written as an XLSX
// workbook, a self-contained printable HTML file or a PDF (Chromium). Results are plain data: the UI previews the
// HTML and downloads the bytes; cws writes them to --out.
import { z } from 'zod';
import { defineCall, type Bytes } from './define';

export const REPORT_FORMATS = ['xlsx', 'html', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** How a number is shown (and its XLSX number format). */
export const VALUE_FORMATS = ['int', 'num1', 'num2', 'pct', 'wan', 'date', 'text'] as const;
export type ValueFormat = (typeof VALUE_FORMATS)[number];

export const REPORT_CAPABILITIES = ['evaluate', 'tiering', 'repair', 'graph'] as const;
export type ReportCapability = (typeof REPORT_CAPABILITIES)[number];
export const CAPABILITY_LABELS: Record<ReportCapability, string> = {
  evaluate: '信用评价',
  tiering: '分级分类',
  repair: '信用修复测算',
  graph: '关联风险分析（关系图谱）',
};

// ---------------------------------------------------------------------------------------------------------------
// Results

export interface ReportPeriod {
  start: string;
  end: string;
  /** 2026年 / 2026-01-01 至 2026-06-30 */
  label: string;
  days: number;
}

/** The run of a capability a period used (latest run whose as-of date is on or before the period end). */
export interface ReportRun {
  capability: ReportCapability;
  runId: string;
  asOf: string;
}

export type ReportCell = string | number | null;

export interface ReportColumn {
  key: string;
  label: string;
  format: ValueFormat;
  /** Part of the row key (department, town …). */
  isKey?: boolean;
  /** Derived comparison column: 'prior' (上期) or 'delta' (变化) of the column `of`. */
  role?: 'prior' | 'delta';
  of?: string;
  definition?: string;
}

export interface ReportTable {
  id: string;
  title: string;
  columns: ReportColumn[];
  rows: Record<string, ReportCell>[];
  /** Key value of the total row (合计), if the table has one. */
  totalKey?: string;
  /** Why the table is empty or partial (e.g. 尚未运行信用修复测算). */
  note?: string;
  /** The SQL as run for the current period (placeholders filled in). */
  sql: string;
  priorSql?: string;
}

export interface ReportMetric {
  id: string;
  label: string;
  format: ValueFormat;
  current: number | null;
  prior: number | null;
  /** current − prior (percentage points for shares). */
  delta: number | null;
  definition: string;
  sql: string;
}

export interface ReportChart {
  id: string;
  title: string;
  /** ECharts option from shared/charts/report.ts (plain data). */
  option: Record<string, unknown>;
  width: number;
  height: number;
}

export interface ReportSection {
  id: string;
  no: number;
  title: string;
  intro: string;
  /** false when a capability it needs has no run for the period: `note` says which (尚未运行信用评价). */
  available: boolean;
  note?: string;
  /** Notes about the comparison period (e.g. 上期尚无信用评价运行). */
  priorNote?: string;
  runs: { current: ReportRun[]; prior: ReportRun[] };
  metrics: ReportMetric[];
  tables: ReportTable[];
  charts: ReportChart[];
}

export interface ReportDefinitionStamp {
  id: string;
  title: string;
  version: string;
  sha256: string;
}

export interface ReportData {
  /** SHA-256 (first 16 hex) over definition hash, periods, sections, data fingerprint and run ids. */
  reportId: string;
  definition: ReportDefinitionStamp;
  title: string;
  subtitle: string;
  district: string;
  period: ReportPeriod;
  comparison: ReportPeriod | null;
  generatedAt: string;
  operator: string;
  purpose: string;
  fingerprint: string;
  workspace: string;
  /** Working-day calendar used for 工作日 counts (hash of datasets/rules/holidays.json). */
  calendar: string;
  sections: ReportSection[];
  timings: Record<string, number>;
}

export interface ReportDefinitionInfo {
  definition: ReportDefinitionStamp;
  sections: { id: string; title: string; intro: string; requires: ReportCapability[] }[];
  /** Calendar years that have 双公示 or other dated records, newest first. */
  years: number[];
  defaultYear: number;
  /** Capabilities with at least one run in the workspace. */
  runs: Record<ReportCapability, { runId: string; asOf: string } | null>;
  pdfAvailable: boolean;
}

export interface ReportPreview {
  reportId: string;
  html: string;
  period: ReportPeriod;
  comparison: ReportPeriod | null;
  sections: { id: string; title: string; available: boolean; note?: string }[];
}

export interface ReportExportResult {
  reportId: string;
  format: ReportFormat;
  fileName: string;
  bytes: Bytes;
  /** XLSX: the sheet names in order. */
  sheets?: string[];
  /** HTML/PDF: the section titles in order. */
  sections?: string[];
  /** PDF: page count. */
  pages?: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Inputs

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const reportRequestSchema = z
  .object({
    /** A calendar year (default: the current year). */
    year: z.number().int().min(2000).max(2100).optional(),
    /** Or a date range (both ends inclusive). */
    start: isoDate.optional(),
    end: isoDate.optional(),
    /** 'prior' (default): the prior period of equal length; 'none': no comparison. */
    comparison: z.enum(['prior', 'none']).optional(),
    /** Section ids to include (default: all, in the definition's order). */
    sections: z.array(z.string().min(1).max(60)).max(50).optional(),
    /** 用途, stamped in the watermark and the audit log. */
    purpose: z.string().trim().max(200).optional(),
  })
  .strict();

export type ReportRequest = z.infer<typeof reportRequestSchema>;

export const reportCalls = {
  'report.definition': defineCall<ReportDefinitionInfo>()(z.object({}).strict(), {
    description: '示范区报告的章节、可选年度和各项运行情况',
  }),
  'report.preview': defineCall<ReportPreview>()(reportRequestSchema, {
    description: '生成示范区报告预览（自包含 HTML）',
    long: true,
  }),
  'report.export': defineCall<ReportExportResult>()(reportRequestSchema.extend({ format: z.enum(REPORT_FORMATS) }).strict(), {
    description: '导出示范区报告（XLSX、HTML 或 PDF），带水印并记入审计日志',
    long: true,
  }),
};
