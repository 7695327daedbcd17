// ECharts option builders for the 信用评价 page and the report: grade distributions, score histogram, a subject's
// waterfall of contributions and the grade migration matrix. Pure data → option; no functions inside options.

import { pieOption, stackedByGroupOption } from './basic';

export type GradeKey = 'A' | 'B' | 'C' | 'D';
export const GRADE_KEYS: GradeKey[] = ['A', 'B', 'C', 'D'];
export const GRADE_NAMES: Record<GradeKey, string> = { A: 'A 优秀', B: 'B 良好', C: 'C 一般', D: 'D 较差' };
export const GRADE_COLORS: Record<GradeKey, string> = { A: '#2da44e', B: '#1f6feb', C: '#d29922', D: '#cf222e' };

export interface GradeCountsLike {
  A: number;
  B: number;
  C: number;
  D: number;
}

export interface GroupCounts extends GradeCountsLike {
  key: string;
  total: number;
}

const titleOf = (title?: string) => (title ? { text: title, left: 'center', textStyle: { fontSize: 14 } } : undefined);

/** Overall grade distribution as a ring. */
export function gradePieOption(input: { grades: GradeCountsLike; title?: string; animation?: boolean }) {
  return pieOption({
    title: input.title,
    animation: input.animation,
    items: GRADE_KEYS.map((g) => ({ name: GRADE_NAMES[g], value: input.grades[g], color: GRADE_COLORS[g] })),
  });
}

/**
 * Grades per group (town, industry) as stacked bars; `percent` shows each group's shares (0–100) so small and large
 * towns compare, with the counts kept in the tooltip data.
 */
export function gradeByGroupOption(input: { groups: GroupCounts[]; title?: string; percent?: boolean; horizontal?: boolean; animation?: boolean }) {
  return stackedByGroupOption({
    categories: input.groups.map((g) => g.key),
    keys: GRADE_KEYS,
    names: GRADE_NAMES,
    colors: GRADE_COLORS,
    count: (i, k) => input.groups[i]![k],
    stack: 'grade',
    title: input.title,
    percent: input.percent,
    horizontal: input.horizontal,
    animation: input.animation,
  });
}

/** Final-score histogram; bins colored by the grade their lower bound falls in. */
export function scoreHistogramOption(input: {
  bins: { from: number; to: number; count: number }[];
  cutoffs?: { A: number; B: number; C: number };
  title?: string;
  animation?: boolean;
}) {
  const gradeOf = (x: number): GradeKey =>
    !input.cutoffs ? 'B' : x >= input.cutoffs.A ? 'A' : x >= input.cutoffs.B ? 'B' : x >= input.cutoffs.C ? 'C' : 'D';
  return {
    animation: input.animation ?? true,
    title: titleOf(input.title),
    tooltip: { trigger: 'axis' as const },
    grid: { left: 8, right: 16, top: input.title ? 36 : 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category' as const, name: '得分', data: input.bins.map((b) => `${b.from}–${b.to}`) },
    yAxis: { type: 'value' as const, name: '主体数' },
    series: [
      {
        type: 'bar' as const,
        name: '主体数',
        barCategoryGap: '8%',
        data: input.bins.map((b) => ({ value: b.count, itemStyle: { color: GRADE_COLORS[gradeOf(b.from)] } })),
      },
    ],
  };
}

export interface WaterfallStep {
  label: string;
  points: number;
}

export interface WaterfallBars {
  categories: string[];
  /** Invisible bar under each visible one. */
  offsets: number[];
  /** Visible bar heights (always ≥ 0). */
  heights: number[];
  /** 'base' | 'up' | 'down' | 'total' per bar. */
  kinds: ('base' | 'up' | 'down' | 'total')[];
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/** The bars of a waterfall: base, one bar per contribution (rising or falling from the running total), total. */
export function waterfallBars(base: number, steps: WaterfallStep[], totalLabel = '得分'): WaterfallBars {
  const out: WaterfallBars = { categories: ['基础分'], offsets: [0], heights: [base], kinds: ['base'] };
  let running = base;
  for (const s of steps) {
    if (s.points === 0) continue;
    const next = r2(running + s.points);
    out.categories.push(s.label);
    out.offsets.push(Math.min(running, next));
    out.heights.push(r2(Math.abs(s.points)));
    out.kinds.push(s.points > 0 ? 'up' : 'down');
    running = next;
  }
  out.categories.push(totalLabel);
  out.offsets.push(0);
  out.heights.push(running);
  out.kinds.push('total');
  return out;
}

const WATERFALL_COLORS = { base: '#6e7781', up: '#2da44e', down: '#cf222e', total: '#1f6feb' } as const;

/** A subject's score as a waterfall: base → each indicator's points → model score. */
export function waterfallOption(input: { base: number; steps: WaterfallStep[]; totalLabel?: string; title?: string; animation?: boolean }) {
  const bars = waterfallBars(input.base, input.steps, input.totalLabel);
  return {
    animation: input.animation ?? true,
    title: titleOf(input.title),
    tooltip: { trigger: 'axis' as const, axisPointer: { type: 'shadow' as const } },
    grid: { left: 8, right: 16, top: input.title ? 36 : 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category' as const, data: bars.categories, axisLabel: { interval: 0, rotate: bars.categories.length > 6 ? 35 : 0 } },
    yAxis: { type: 'value' as const, name: '分' },
    series: [
      { type: 'bar' as const, name: '起点', stack: 'w', silent: true, itemStyle: { color: 'transparent' }, data: bars.offsets },
      {
        type: 'bar' as const,
        name: '分值',
        stack: 'w',
        barMaxWidth: 40,
        label: { show: true, position: 'top' as const },
        data: bars.heights.map((h, i) => ({
          value: h,
          itemStyle: { color: WATERFALL_COLORS[bars.kinds[i]!] },
          label: { formatter: bars.kinds[i] === 'down' ? `-${h}` : bars.kinds[i] === 'up' ? `+${h}` : `${h}` },
        })),
      },
    ],
  };
}

/** Grade migration (rows: before, columns: after) as a heat map with counts. */
export function migrationOption(input: { labels: string[]; matrix: number[][]; fromName?: string; toName?: string; title?: string; animation?: boolean }) {
  const data: [number, number, number][] = [];
  let max = 0;
  input.matrix.forEach((row, r) =>
    row.forEach((v, c) => {
      data.push([c, r, v]);
      if (r !== c) max = Math.max(max, v);
    }),
  );
  const diagonalMax = Math.max(0, ...input.matrix.map((row, i) => row[i] ?? 0));
  return {
    animation: input.animation ?? true,
    title: titleOf(input.title),
    tooltip: { position: 'top' as const },
    grid: { left: 8, right: 16, top: input.title ? 36 : 24, bottom: 56, containLabel: true },
    xAxis: { type: 'category' as const, name: input.toName ?? '调整后', nameLocation: 'middle' as const, nameGap: 26, data: input.labels, position: 'top' as const, splitArea: { show: true } },
    yAxis: { type: 'category' as const, name: input.fromName ?? '调整前', data: input.labels, inverse: true, splitArea: { show: true } },
    visualMap: {
      min: 0,
      max: Math.max(1, max, diagonalMax),
      calculable: false,
      orient: 'horizontal' as const,
      left: 'center',
      bottom: 0,
      inRange: { color: ['#f6f8fa', '#9ecbff', '#1f6feb'] },
    },
    series: [{ type: 'heatmap' as const, data, label: { show: true } }],
  };
}
