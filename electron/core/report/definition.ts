// The report definition (datasets/reports/*.json), validated with zod: sections, each with temp tables prepared per
// period, scalar metrics, tables and charts, all SQL over the workspace with placeholders (see sql.ts). Metric and
// column definitions in words feed the 指标说明 sheet. The file is rules-as-data: analysts can change a metric's
// SQL or wording without touching code.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import demoZoneJson from '../../../datasets/reports/demo-zone.json';
import { REPORT_CAPABILITIES, VALUE_FORMATS } from '../../../shared/contract/report';
import { REPORT_CHART_BUILDERS } from '../../../shared/charts/report';
import { CoreError } from '../errors';
import { placeholdersIn, RUN_PLACEHOLDERS, checkPlaceholder } from './sql';

/** SQL as one string or as lines (joined with newlines), so long statements stay readable in JSON. */
const sqlText = z
  .union([z.string().min(1), z.array(z.string()).min(1)])
  .transform((s) => (Array.isArray(s) ? s.join('\n') : s));

const ident = z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, '只能用小写字母、数字和下划线，以字母开头');
const text = z.string().min(1).max(2000);

export const columnSchema = z
  .object({
    key: ident,
    label: z.string().min(1).max(60),
    format: z.enum(VALUE_FORMATS).default('int'),
    /** Part of the row key: rows of the two periods are matched on the key columns. */
    isKey: z.boolean().optional(),
    /** Show 上期 and 变化 beside it. */
    compare: z.boolean().optional(),
    definition: z.string().max(2000).optional(),
  })
  .strict();

export const metricSchema = z
  .object({
    id: ident,
    label: z.string().min(1).max(60),
    format: z.enum(VALUE_FORMATS).default('int'),
    /** One row, first column = the value. */
    sql: sqlText,
    definition: text,
    /** Runs this metric needs beyond the section's (no run → the value is left empty with a note). */
    requires: z.array(z.enum(REPORT_CAPABILITIES)).default([]),
  })
  .strict();

export const tableSchema = z
  .object({
    id: ident,
    title: z.string().min(1).max(80),
    sql: sqlText,
    columns: z.array(columnSchema).min(1).max(30),
    /** Key value of the total row (kept last when prior-only rows are added). */
    totalKey: z.string().optional(),
    definition: z.string().max(2000).optional(),
    /** Shown when the period has no rows. */
    emptyNote: z.string().max(200).optional(),
    /** Runs this table needs beyond the section's (no run → the table says so). */
    requires: z.array(z.enum(REPORT_CAPABILITIES)).default([]),
  })
  .strict();

export const chartSchema = z
  .object({
    id: ident,
    title: z.string().min(1).max(80),
    table: ident,
    builder: z.enum(REPORT_CHART_BUILDERS),
    /** Category column (heatmap: the row column). */
    category: ident,
    /** Value columns (compareBar/pie/heatmap/line: the first; stackedBar: all). */
    values: z.array(ident).min(1).max(10),
    /** Heatmap: the column whose values become the x axis. */
    series: ident.optional(),
    horizontal: z.boolean().optional(),
    /** Most categories drawn (in table order). */
    max: z.number().int().min(1).max(60).optional(),
    width: z.number().int().min(200).max(1200).optional(),
    height: z.number().int().min(150).max(900).optional(),
  })
  .strict();

export const sectionSchema = z
  .object({
    id: ident,
    title: z.string().min(1).max(40),
    intro: text,
    /** Capabilities whose run the whole section needs (no run → the section says so and shows no numbers). */
    requires: z.array(z.enum(REPORT_CAPABILITIES)).default([]),
    /** Temp tables built per period before the metrics and tables (names start with _r_). */
    prepare: z
      .array(z.object({ name: z.string().regex(/^_r_[a-z0-9_]{1,40}$/, '预备表名须以 _r_ 开头'), sql: sqlText }).strict())
      .default([]),
    metrics: z.array(metricSchema).default([]),
    tables: z.array(tableSchema).default([]),
    charts: z.array(chartSchema).default([]),
  })
  .strict();

const fieldCheckSchema = z
  .object({
    id: z.string().regex(/^[A-Z][A-Z0-9_]{0,39}$/),
    label: z.string().min(1).max(80),
    /** SQL condition over the record's columns (unqualified) that holds when the field passes. */
    pass: z.string().min(1).max(2000),
  })
  .strict();

const lookupRow = z.array(z.union([z.string(), z.number(), z.null()]));

export const definitionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/),
    title: z.string().min(1).max(80),
    subtitle: z.string().max(200).default(''),
    version: z.string().min(1).max(40),
    district: z.string().min(1).max(40),
    description: z.string().max(4000).optional(),
    /** Named values used as {settings:NAME}: numbers, strings, or string lists (written as 'a', 'b'). */
    settings: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/), z.union([z.number(), z.string(), z.array(z.string())])).default({}),
    /** 双公示 field checks per table ({field_checks:TABLE} → the list of failed check ids). */
    fieldChecks: z.record(ident, z.array(fieldCheckSchema).min(1)).default({}),
    /** Small lookup tables ({lookup:NAME} → a VALUES subquery with these columns). */
    lookups: z
      .record(ident, z.object({ columns: z.array(ident).min(1), rows: z.array(lookupRow) }).strict())
      .default({}),
    sections: z.array(sectionSchema).min(1),
  })
  .strict()
  .superRefine((d, ctx) => {
    const issue = (p: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path: p, message });
    const sectionIds = new Set<string>();
    const prepared = new Set<string>();
    d.sections.forEach((s, si) => {
      if (sectionIds.has(s.id)) issue(['sections', si, 'id'], `章节标识 ${s.id} 重复`);
      sectionIds.add(s.id);
      const tableIds = new Set<string>();
      const ids = new Set<string>();
      for (const [kind, list] of [['metrics', s.metrics], ['tables', s.tables], ['charts', s.charts]] as const) {
        list.forEach((x, i) => {
          if (ids.has(x.id)) issue(['sections', si, kind, i, 'id'], `标识 ${x.id} 在章节 ${s.id} 中重复`);
          ids.add(x.id);
        });
      }
      s.prepare.forEach((p, i) => {
        if (prepared.has(p.name)) issue(['sections', si, 'prepare', i, 'name'], `预备表 ${p.name} 重复`);
        prepared.add(p.name);
      });
      s.tables.forEach((t, ti) => {
        tableIds.add(t.id);
        const keys = new Set<string>();
        t.columns.forEach((c, ci) => {
          if (keys.has(c.key)) issue(['sections', si, 'tables', ti, 'columns', ci, 'key'], `列 ${c.key} 重复`);
          keys.add(c.key);
        });
        if (!t.columns.some((c) => c.isKey)) issue(['sections', si, 'tables', ti, 'columns'], `表 ${t.id} 没有键列（isKey）`);
      });
      s.charts.forEach((c, ci) => {
        const t = s.tables.find((x) => x.id === c.table);
        if (!t) return issue(['sections', si, 'charts', ci, 'table'], `图表 ${c.id} 引用的表 ${c.table} 不存在`);
        for (const col of [c.category, ...c.values, ...(c.series ? [c.series] : [])]) {
          if (!t.columns.some((x) => x.key === col)) issue(['sections', si, 'charts', ci], `图表 ${c.id} 引用的列 ${col} 不在表 ${t.id} 中`);
        }
        if (c.builder === 'heatmap' && !c.series) issue(['sections', si, 'charts', ci, 'series'], `热力图 ${c.id} 须指定 series 列`);
      });
      // Every placeholder must be known; run placeholders must name a capability the section requires.
      type Stmt = [string, (string | number)[], readonly string[]];
      const sqls: Stmt[] = [
        ...s.prepare.map((p, i): Stmt => [p.sql, ['sections', si, 'prepare', i, 'sql'], []]),
        ...s.metrics.map((m, i): Stmt => [m.sql, ['sections', si, 'metrics', i, 'sql'], m.requires]),
        ...s.tables.map((t, i): Stmt => [t.sql, ['sections', si, 'tables', i, 'sql'], t.requires]),
      ];
      for (const [sql, p, own] of sqls) {
        for (const ph of placeholdersIn(sql)) {
          const problem = checkPlaceholder(ph, d);
          if (problem) issue(p, problem);
          const cap = RUN_PLACEHOLDERS[ph.name];
          if (cap && !s.requires.includes(cap) && !own.includes(cap)) {
            issue(p, `用到 {${ph.name}} 的语句须在章节或本项的 requires 中列出 ${cap}`);
          }
        }
      }
    });
  });

export type ReportDefinition = z.infer<typeof definitionSchema>;
export type SectionDef = ReportDefinition['sections'][number];
export type TableDef = SectionDef['tables'][number];
export type MetricDef = SectionDef['metrics'][number];
export type ChartDef = SectionDef['charts'][number];

export interface LoadedDefinition {
  def: ReportDefinition;
  sha256: string;
  origin: string;
}

export function parseDefinition(raw: unknown, origin = '报告定义'): LoadedDefinition {
  const parsed = definitionSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new CoreError(
      'BAD_INPUT',
      `${origin} 不符合格式：${first.path.join('.') || '(根)'} ${first.message}`,
      JSON.stringify(parsed.error.issues.slice(0, 20)),
    );
  }
  const sha256 = createHash('sha256').update(JSON.stringify(raw)).digest('hex');
  return { def: parsed.data, sha256, origin };
}

let shipped: LoadedDefinition | undefined;

/** The shipped definition (datasets/reports/demo-zone.json), or a JSON file given by path. */
export function loadDefinition(file?: string): LoadedDefinition {
  if (!file) {
    shipped ??= parseDefinition(demoZoneJson, 'datasets/reports/demo-zone.json');
    return shipped;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf-8'));
  } catch (err) {
    throw new CoreError('BAD_INPUT', `无法读取报告定义文件 ${path.basename(file)}：请确认它是 UTF-8 编码的 JSON。`, String(err));
  }
  return parseDefinition(raw, path.basename(file));
}
