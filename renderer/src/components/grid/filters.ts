// Per-column filters of the grid: which operators a column type offers, how a typed value becomes a filter
// value, and how a filter reads in Chinese. Pure.
import type { FilterSpec } from '../../../../shared/contract';

export type FilterOp = FilterSpec['op'];
export type ColumnKind = 'number' | 'date' | 'bool' | 'text';

export const OP_LABELS: Record<FilterOp, string> = {
  contains: '包含',
  starts: '开头是',
  eq: '等于',
  ne: '不等于',
  gt: '大于',
  gte: '大于等于',
  lt: '小于',
  lte: '小于等于',
  null: '为空',
  notnull: '不为空',
};

export function columnKind(duckdbType: string): ColumnKind {
  const t = duckdbType.toUpperCase();
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL)/.test(t)) return 'number';
  if (t === 'DATE' || t.startsWith('TIMESTAMP')) return 'date';
  if (t === 'BOOLEAN') return 'bool';
  return 'text';
}

export function opsFor(kind: ColumnKind): FilterOp[] {
  switch (kind) {
    case 'number':
    case 'date':
      return ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'null', 'notnull'];
    case 'bool':
      return ['eq', 'null', 'notnull'];
    default:
      return ['contains', 'starts', 'eq', 'ne', 'null', 'notnull'];
  }
}

export const needsValue = (op: FilterOp) => op !== 'null' && op !== 'notnull';

/** The filter for a typed value, or an error message in Chinese. */
export function makeFilter(column: string, kind: ColumnKind, op: FilterOp, raw: string): FilterSpec | { error: string } {
  if (!needsValue(op)) return { column, op };
  const text = raw.trim();
  if (!text) return { error: '请输入筛选值' };
  if (kind === 'number') {
    const v = Number(text.replace(/,/g, ''));
    return Number.isFinite(v) ? { column, op, value: v } : { error: '请输入数字' };
  }
  if (kind === 'date') {
    return /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$/.test(text) ? { column, op, value: text } : { error: '日期格式应为 2026-03-31' };
  }
  if (kind === 'bool') {
    if (['是', 'true', '1', 'TRUE'].includes(text)) return { column, op, value: true };
    if (['否', 'false', '0', 'FALSE'].includes(text)) return { column, op, value: false };
    return { error: '请输入“是”或“否”' };
  }
  return { column, op, value: text };
}

export function describeFilter(f: FilterSpec, label: string): string {
  if (!needsValue(f.op)) return `${label}${OP_LABELS[f.op]}`;
  const v = typeof f.value === 'boolean' ? (f.value ? '是' : '否') : String(f.value ?? '');
  return `${label} ${OP_LABELS[f.op]} ${v}`;
}
