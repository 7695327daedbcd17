// The SQL console's chart builder: a query result (rows of plain values) → bar, line, pie or scatter option.
// Rows beyond the first 2,000 are not plotted (aggregate in SQL for more); non-numeric values count as 0.
import { barOption, lineOption, pieOption, scatterOption } from './basic';

export type BuilderKind = 'bar' | 'line' | 'pie' | 'scatter';

export interface BuilderInput {
  kind: BuilderKind;
  rows: Record<string, unknown>[];
  /** Category (bar, line, pie) or x value (scatter) column. */
  x: string;
  /** Value columns (pie and scatter use the first). */
  y: string[];
  labels?: Record<string, string>;
}

export const BUILDER_MAX_POINTS = 2000;

export function toNumber(v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? v : 0;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return 0;
}

/** Columns whose values are all numbers (or null) in the rows: candidates for the value axis. */
export function numericColumns(rows: Record<string, unknown>[], columns: string[]): string[] {
  return columns.filter((c) => rows.length > 0 && rows.every((r) => r[c] === null || r[c] === undefined || typeof r[c] === 'number' || typeof r[c] === 'bigint'));
}

export function builderOption(input: BuilderInput) {
  const rows = input.rows.slice(0, BUILDER_MAX_POINTS);
  const label = (c: string) => input.labels?.[c] ?? c;
  const cat = (v: unknown) => (v === null || v === undefined ? '（空）' : String(v));
  if (!input.y.length) throw new Error('请至少选择一个数值列');
  switch (input.kind) {
    case 'bar':
      return barOption({
        categories: rows.map((r) => cat(r[input.x])),
        series: input.y.map((c) => ({ name: label(c), data: rows.map((r) => toNumber(r[c])) })),
        horizontal: rows.length > 12,
        animation: false,
      });
    case 'line':
      return lineOption({
        categories: rows.map((r) => cat(r[input.x])),
        series: input.y.map((c) => ({ name: label(c), data: rows.map((r) => toNumber(r[c])) })),
        animation: false,
      });
    case 'pie':
      return pieOption({ items: rows.map((r) => ({ name: cat(r[input.x]), value: toNumber(r[input.y[0]!]) })), animation: false });
    case 'scatter':
      return scatterOption({
        xName: label(input.x),
        yName: label(input.y[0]!),
        points: rows.map((r) => [toNumber(r[input.x]), toNumber(r[input.y[0]!])] as [number, number]),
        animation: false,
      });
  }
}
