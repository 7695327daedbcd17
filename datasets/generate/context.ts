// Shared state of one generation run and small SQL-building helpers used by every table module.
import type { Conn } from '../../electron/core/workspace/workspace';

/** Generated activity (penalties, inspections, loans …) runs from DATA_START to DATA_END ("today" of the demo). */
export const DATA_START = '2023-01-01';
export const DATA_END = '2026-11-20';
/** NDRC Order No. 36 replaces Order No. 58 on this date; penalties are generated on both sides of it. */
export const RULES_SWITCH = '2026-04-01';
/** Monthly obligations cover the 12 complete months before DATA_END. */
export const OBLIGATION_FIRST_MONTH = '2025-11-01';
export const OBLIGATION_MONTHS = 12;
/** Market-supervision risk classes: the last 3 months. */
export const RISK_CLASS_MONTHS = ['2026-09-01', '2026-10-01', '2026-11-01'];

export const BATCH_ID = 'demo';

/** Pool sizes derived from the scale (number of subjects); see README for the proportions. */
export interface Sizes {
  subjects: number;
  /** Persons [0, multiRepPool) are legal representatives of several firms each (about 6 on average). */
  multiRepPool: number;
  /** Address clusters (园区注册地址) with 10–40 firms each; persons [multiRepPool, +clusters) are their agents. */
  clusters: number;
  /** First index of the "own" representatives: subject i's own representative is person singleRepBase + i. */
  singleRepBase: number;
  /** Persons in total (≈ 1.2 × subjects); the tail after the own representatives are employees and investors. */
  persons: number;
}

export function computeSizes(scale: number): Sizes {
  const subjects = Math.max(1, Math.floor(scale));
  const multiRepPool = Math.max(2, Math.ceil(subjects * 0.025));
  const clusters = Math.max(1, Math.round((subjects * 0.06) / 25));
  const singleRepBase = multiRepPool + clusters;
  const persons = Math.max(singleRepBase + subjects + 1, Math.round(subjects * 1.2));
  return { subjects, multiRepPool, clusters, singleRepBase, persons };
}

export interface GenContext {
  conn: Conn;
  seed: number;
  sizes: Sizes;
}

/** SQL string literal. */
export function q(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** SQL list literal of strings: ['a', 'b']. */
export function sqlList(xs: readonly string[]): string {
  return `[${xs.map(q).join(', ')}]`;
}

export type Cell = string | number | boolean | null | readonly string[];

function cell(v: Cell): string {
  if (v === null) return 'NULL';
  if (typeof v === 'string') return q(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  return sqlList(v);
}

/** CREATE TEMP TABLE name AS a VALUES list (reference data only: a few hundred rows at most). */
export function tempTableSql(name: string, columns: string[], rows: Cell[][]): string {
  if (!rows.length) throw new Error(`empty reference table ${name}`);
  const values = rows.map((r) => `(${r.map(cell).join(', ')})`).join(',\n  ');
  return `CREATE OR REPLACE TEMP TABLE ${name} AS SELECT * FROM (VALUES\n  ${values}\n) t(${columns.join(', ')})`;
}

/**
 * Splits `slots` equally likely slots among weighted entries (largest remainder) and returns each entry's slot
 * range [lo, hi]; SQL expands them so a weighted draw is an equality join on `hash % slots`.
 */
export function weightedSlots<T>(entries: { weight: number; value: T }[], slots: number): { lo: number; hi: number; value: T }[] {
  const total = entries.reduce((s, e) => s + e.weight, 0);
  const exact = entries.map((e) => (e.weight / total) * slots);
  const counts = exact.map(Math.floor);
  let left = slots - counts.reduce((s, c) => s + c, 0);
  const order = exact.map((x, k) => ({ k, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.k - b.k);
  for (const { k } of order) {
    if (left <= 0) break;
    counts[k]!++;
    left--;
  }
  let next = 0;
  return entries
    .map((e, k) => ({ lo: next, hi: (next += counts[k]!) - 1, value: e.value }))
    .filter((r) => r.hi >= r.lo);
}

/** CREATE TEMP TABLE name with one row per slot from weighted-slot ranges (columns: key columns, slot, value columns). */
export function slotTableSql(name: string, columns: string[], rows: { lo: number; hi: number; cells: Cell[] }[]): string {
  const ranged = tempTableSql(`${name}_ranges`, ['lo', 'hi', ...columns], rows.map((r) => [r.lo, r.hi, ...r.cells]));
  return `${ranged};
CREATE OR REPLACE TEMP TABLE ${name} AS SELECT ${columns.join(', ')}, unnest(generate_series(lo, hi)) AS slot FROM ${name}_ranges;
DROP TABLE ${name}_ranges`;
}
