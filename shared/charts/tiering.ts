// ECharts option builders for the 风险分级 page and the report: the grade × risk matrix as a heat map coloured by
// tier, tier distributions per town / industry, the tier migration matrix. Pure data → option; no functions.

import { pieOption, stackedByGroupOption } from './basic';

export const TIER_KEYS = ['无感监管', '一般监管', '重点监管', '严格监管'] as const;
export type TierKey = (typeof TIER_KEYS)[number];
export const TIER_COLORS: Record<TierKey, string> = { 无感监管: '#2da44e', 一般监管: '#1f6feb', 重点监管: '#d29922', 严格监管: '#cf222e' };

const GRADE_AXIS = ['A 优秀', 'B 良好', 'C 一般', 'D 较差'];
const RISK_AXIS = ['A 低风险', 'B 一般风险', 'C 较高风险', 'D 高风险'];
const KEYS = ['A', 'B', 'C', 'D'];

const titleOf = (title?: string) => (title ? { text: title, left: 'center', textStyle: { fontSize: 14 } } : undefined);

export interface HeatCellLike {
  grade: string;
  risk: string;
  tier: TierKey;
  share: number;
  subjects: number;
}

/**
 * The matrix: rows = credit grade, columns = risk class; each cell coloured by its tier and labelled with the
 * tier, the sampling share and the number of subjects in it.
 */
export function tierMatrixOption(input: { cells: HeatCellLike[]; title?: string; animation?: boolean }) {
  const data = input.cells.map((c) => ({
    value: [KEYS.indexOf(c.risk), KEYS.indexOf(c.grade), TIER_KEYS.indexOf(c.tier)],
    name: `信用${c.grade} × 风险${c.risk}`,
    label: { formatter: `${c.tier}\n抽查 ${c.share}%\n${c.subjects.toLocaleString('zh-CN')} 户` },
  }));
  return {
    animation: input.animation ?? true,
    title: titleOf(input.title),
    tooltip: { position: 'top' as const },
    grid: { left: 8, right: 16, top: input.title ? 36 : 16, bottom: 48, containLabel: true },
    xAxis: { type: 'category' as const, data: RISK_AXIS, name: '风险类别', position: 'top' as const, splitArea: { show: true } },
    yAxis: { type: 'category' as const, data: GRADE_AXIS, name: '信用等级', inverse: true, splitArea: { show: true } },
    visualMap: {
      type: 'piecewise' as const,
      dimension: 2,
      orient: 'horizontal' as const,
      left: 'center',
      bottom: 0,
      pieces: TIER_KEYS.map((t, i) => ({ value: i, label: t, color: TIER_COLORS[t] })),
    },
    series: [{ type: 'heatmap' as const, data, label: { show: true, color: '#fff', fontSize: 12, lineHeight: 16 }, itemStyle: { borderColor: '#fff', borderWidth: 2 } }],
  };
}

export interface TierGroup {
  key: string;
  counts: Record<TierKey, number>;
}

/** Rows {group, tier, subjects} → groups with counts per tier, in first-seen order. */
export function groupTierRows(rows: { group: string; tier: string; subjects: number }[]): TierGroup[] {
  const byKey = new Map<string, TierGroup>();
  for (const r of rows) {
    let g = byKey.get(r.group);
    if (!g) {
      g = { key: r.group, counts: { 无感监管: 0, 一般监管: 0, 重点监管: 0, 严格监管: 0 } };
      byKey.set(r.group, g);
    }
    if ((TIER_KEYS as readonly string[]).includes(r.tier)) g.counts[r.tier as TierKey] += r.subjects;
  }
  return [...byKey.values()];
}

/** Tiers per group (town, industry) as stacked bars; `percent` shows each group's shares. */
export function tierByGroupOption(input: { groups: TierGroup[]; title?: string; percent?: boolean; horizontal?: boolean; animation?: boolean }) {
  return stackedByGroupOption({
    categories: input.groups.map((g) => g.key),
    keys: TIER_KEYS,
    colors: TIER_COLORS,
    count: (i, t) => input.groups[i]!.counts[t],
    stack: 'tier',
    title: input.title,
    percent: input.percent,
    horizontal: input.horizontal,
    animation: input.animation,
  });
}

/** Tier totals as a ring. */
export function tierPieOption(input: { tiers: Record<TierKey, number>; title?: string; animation?: boolean }) {
  return pieOption({
    title: input.title,
    animation: input.animation,
    items: TIER_KEYS.map((t) => ({ name: t, value: input.tiers[t] ?? 0, color: TIER_COLORS[t] })),
  });
}

export const OUTSIDE_LABEL = { from: '新纳入', to: '退出' } as const;

/**
 * Migration between two runs: rows = tier in the earlier run (plus 新纳入), columns = tier in the later run (plus
 * 退出); cells on the diagonal are unchanged. Data items carry [column, row, count].
 */
export function tierMigrationOption(input: { cells: { from: string | null; to: string | null; subjects: number }[]; title?: string; animation?: boolean }) {
  const rows = [...TIER_KEYS, OUTSIDE_LABEL.from];
  const columns = [...TIER_KEYS, OUTSIDE_LABEL.to];
  let max = 0;
  const data = input.cells.map((c) => {
    const r = c.from === null ? rows.length - 1 : rows.indexOf(c.from as TierKey);
    const col = c.to === null ? columns.length - 1 : columns.indexOf(c.to as TierKey);
    max = Math.max(max, c.subjects);
    return [col, r, c.subjects] as [number, number, number];
  });
  return {
    animation: input.animation ?? true,
    title: titleOf(input.title),
    tooltip: { position: 'top' as const },
    grid: { left: 8, right: 16, top: input.title ? 56 : 32, bottom: 48, containLabel: true },
    xAxis: { type: 'category' as const, data: columns, name: '本期', position: 'top' as const, splitArea: { show: true } },
    yAxis: { type: 'category' as const, data: rows, name: '上期', inverse: true, splitArea: { show: true } },
    visualMap: { min: 0, max: Math.max(1, max), calculable: false, orient: 'horizontal' as const, left: 'center', bottom: 0, inRange: { color: ['#f6f8fa', '#8250df'] } },
    series: [{ type: 'heatmap' as const, data, label: { show: true } }],
  };
}

/** Axis position of a migration chart click → the cell's (from, to) tiers (null = outside the run). */
export function migrationCellAt(column: number, row: number): { from: TierKey | null; to: TierKey | null } {
  return { from: row >= TIER_KEYS.length ? null : TIER_KEYS[row]!, to: column >= TIER_KEYS.length ? null : TIER_KEYS[column]! };
}
