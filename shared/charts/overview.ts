// Option builders for the 总览 dashboard: clickable bars with the selected one highlighted (cross-filtering),
// monthly trends and distributions. Pure data → option, no functions inside.

const BLUE = '#1f6feb';
const ORANGE = '#d29922';
const FADED = '#c9d6ea';
const PALETTE = ['#1f6feb', '#2da44e', '#d29922', '#cf222e', '#8250df', '#0a7ea4', '#bf3989', '#6e7781'];

export interface GroupBarInput {
  categories: string[];
  /** One or two series; the first is the one whose bars are clicked. */
  series: { name: string; data: number[] }[];
  /** The selected category: its bars keep their colour, the others fade. */
  selected?: string | null;
  horizontal?: boolean;
  animation?: boolean;
}

export function groupBarOption(input: GroupBarInput) {
  const colors = [BLUE, ORANGE];
  const category = {
    type: 'category' as const,
    data: input.categories,
    axisLabel: { interval: 0, rotate: input.horizontal ? 0 : input.categories.length > 8 ? 30 : 0, width: input.horizontal ? 150 : undefined, overflow: 'truncate' as const },
    triggerEvent: true,
  };
  const value = { type: 'value' as const };
  return {
    animation: input.animation ?? false,
    tooltip: { trigger: 'axis' as const, axisPointer: { type: 'shadow' as const } },
    legend: input.series.length > 1 ? { bottom: 0 } : undefined,
    grid: { left: 8, right: 16, top: 16, bottom: input.series.length > 1 ? 32 : 8, containLabel: true },
    xAxis: input.horizontal ? value : category,
    yAxis: input.horizontal ? { ...category, inverse: true } : value,
    series: input.series.map((s, si) => ({
      type: 'bar' as const,
      name: s.name,
      barMaxWidth: 28,
      cursor: 'pointer',
      // Series colour for the legend; each bar below may fade when another category is selected.
      itemStyle: { color: colors[si % colors.length] },
      data: s.data.map((v, i) => ({
        value: v,
        itemStyle: { color: input.selected && input.categories[i] !== input.selected ? FADED : colors[si % colors.length] },
      })),
    })),
  };
}

export interface MonthInput {
  months: string[];
  series: { name: string; data: number[] }[];
  animation?: boolean;
}

export function monthTrendOption(input: MonthInput) {
  return {
    color: [ORANGE, BLUE, ...PALETTE],
    animation: input.animation ?? false,
    tooltip: { trigger: 'axis' as const },
    legend: { bottom: 0 },
    grid: { left: 8, right: 16, top: 16, bottom: 56, containLabel: true },
    xAxis: { type: 'category' as const, data: input.months, boundaryGap: false },
    yAxis: { type: 'value' as const },
    dataZoom: input.months.length > 24 ? [{ type: 'inside' as const, startValue: input.months[input.months.length - 24] }, { type: 'slider' as const, height: 14, bottom: 26 }] : undefined,
    series: input.series.map((s) => ({ type: 'line' as const, name: s.name, data: s.data, showSymbol: false, smooth: false })),
  };
}

/** Grade (A–D) or tier distribution as a doughnut, in the given order, with fixed colours per key. */
export function distributionOption(input: { order: string[]; counts: Record<string, number>; colors?: Record<string, string>; labels?: Record<string, string>; animation?: boolean }) {
  const keys = [...input.order.filter((k) => k in input.counts), ...Object.keys(input.counts).filter((k) => !input.order.includes(k)).sort()];
  return {
    animation: input.animation ?? false,
    tooltip: { trigger: 'item' as const, formatter: '{b}：{c}（{d}%）' },
    legend: { bottom: 0, type: 'scroll' as const },
    series: [
      {
        type: 'pie' as const,
        radius: ['40%', '68%'],
        center: ['50%', '45%'],
        label: { formatter: '{b}\n{d}%' },
        data: keys.map((k, i) => ({
          name: input.labels?.[k] ? `${k} ${input.labels[k]}` : k,
          value: input.counts[k] ?? 0,
          itemStyle: { color: input.colors?.[k] ?? PALETTE[i % PALETTE.length] },
        })),
      },
    ],
  };
}

export const GRADE_COLORS: Record<string, string> = { A: '#2da44e', B: '#1f6feb', C: '#d29922', D: '#cf222e' };
export const TIER_COLORS: Record<string, string> = { 无感监管: '#2da44e', 一般监管: '#1f6feb', 重点监管: '#d29922', 严格监管: '#cf222e' };
