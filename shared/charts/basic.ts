// Pure ECharts option builders (data → option) shared by the renderer (canvas) and reports (server-side SVG).
// Options carry no functions, so they serialise and test as plain objects.

export interface Series {
  name: string;
  data: number[];
  stack?: string;
}

const PALETTE = ['#1f6feb', '#2da44e', '#d29922', '#cf222e', '#8250df', '#0a7ea4', '#bf3989', '#6e7781'];

export function barOption(input: {
  title?: string;
  categories: string[];
  series: Series[];
  horizontal?: boolean;
  animation?: boolean;
}) {
  const category = { type: 'category' as const, data: input.categories, axisLabel: { interval: 0, rotate: input.horizontal ? 0 : input.categories.length > 8 ? 30 : 0 } };
  const value = { type: 'value' as const };
  return {
    color: PALETTE,
    animation: input.animation ?? true,
    title: input.title ? { text: input.title, left: 'center', textStyle: { fontSize: 14 } } : undefined,
    tooltip: { trigger: 'axis' as const },
    legend: input.series.length > 1 ? { bottom: 0 } : undefined,
    grid: { left: 8, right: 16, top: input.title ? 36 : 16, bottom: input.series.length > 1 ? 32 : 8, containLabel: true },
    xAxis: input.horizontal ? value : category,
    yAxis: input.horizontal ? { ...category, inverse: true } : value,
    series: input.series.map((s) => ({ type: 'bar' as const, name: s.name, data: s.data, stack: s.stack, barMaxWidth: 36 })),
  };
}

export function lineOption(input: { title?: string; categories: string[]; series: Series[]; animation?: boolean }) {
  return {
    color: PALETTE,
    animation: input.animation ?? true,
    title: input.title ? { text: input.title, left: 'center', textStyle: { fontSize: 14 } } : undefined,
    tooltip: { trigger: 'axis' as const },
    legend: input.series.length > 1 ? { bottom: 0 } : undefined,
    grid: { left: 8, right: 16, top: input.title ? 36 : 16, bottom: input.series.length > 1 ? 32 : 8, containLabel: true },
    xAxis: { type: 'category' as const, data: input.categories },
    yAxis: { type: 'value' as const },
    series: input.series.map((s) => ({ type: 'line' as const, name: s.name, data: s.data, smooth: true })),
  };
}

/** A ring chart; items may carry their own colour (grades, tiers). */
export function pieOption(input: { title?: string; items: { name: string; value: number; color?: string }[]; animation?: boolean }) {
  return {
    color: PALETTE,
    animation: input.animation ?? true,
    title: input.title ? { text: input.title, left: 'center', textStyle: { fontSize: 14 } } : undefined,
    tooltip: { trigger: 'item' as const, formatter: '{b}：{c}（{d}%）' },
    legend: { bottom: 0, type: 'scroll' as const },
    series: [
      {
        type: 'pie' as const,
        radius: ['35%', '65%'],
        label: { formatter: '{b}: {d}%' },
        data: input.items.map((i) => ({ name: i.name, value: i.value, ...(i.color ? { itemStyle: { color: i.color } } : {}) })),
      },
    ],
  };
}

export function scatterOption(input: { title?: string; xName: string; yName: string; points: [number, number][]; animation?: boolean }) {
  return {
    color: PALETTE,
    animation: input.animation ?? true,
    title: input.title ? { text: input.title, left: 'center', textStyle: { fontSize: 14 } } : undefined,
    tooltip: { trigger: 'item' as const },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value' as const, name: input.xName },
    yAxis: { type: 'value' as const, name: input.yName },
    series: [{ type: 'scatter' as const, data: input.points, symbolSize: 6 }],
  };
}

/** Rows × columns matrix (e.g. grade migration, tier matrix) as a heat map with the numbers printed. */
export function heatmapOption(input: { title?: string; rows: string[]; columns: string[]; values: number[][]; animation?: boolean }) {
  const data: [number, number, number][] = [];
  let max = 0;
  input.values.forEach((row, r) =>
    row.forEach((v, c) => {
      data.push([c, r, v]);
      max = Math.max(max, v);
    }),
  );
  return {
    animation: input.animation ?? true,
    title: input.title ? { text: input.title, left: 'center', textStyle: { fontSize: 14 } } : undefined,
    tooltip: { position: 'top' as const },
    grid: { left: 8, right: 16, top: input.title ? 36 : 16, bottom: 48, containLabel: true },
    xAxis: { type: 'category' as const, data: input.columns, splitArea: { show: true } },
    yAxis: { type: 'category' as const, data: input.rows, splitArea: { show: true }, inverse: true },
    visualMap: { min: 0, max: Math.max(1, max), calculable: false, orient: 'horizontal' as const, left: 'center', bottom: 0, inRange: { color: ['#f0f6ff', '#1f6feb'] } },
    series: [{ type: 'heatmap' as const, data, label: { show: true } }],
  };
}

/**
 * Counts per group (town, industry) split by a fixed set of keys (grades, tiers) as stacked bars; `percent` shows
 * each group's shares (0–100, two decimals) so small and large groups compare.
 */
export function stackedByGroupOption<K extends string>(input: {
  categories: string[];
  keys: readonly K[];
  names?: Partial<Record<K, string>>;
  colors: Record<K, string>;
  count: (groupIndex: number, key: K) => number;
  stack: string;
  title?: string;
  percent?: boolean;
  horizontal?: boolean;
  animation?: boolean;
}) {
  const total = (i: number) => input.keys.reduce((n, k) => n + input.count(i, k), 0);
  const value = (i: number, k: K) => {
    if (!input.percent) return input.count(i, k);
    const t = total(i);
    return t ? Math.round((input.count(i, k) / t) * 10000) / 100 : 0;
  };
  const category = {
    type: 'category' as const,
    data: input.categories,
    axisLabel: { interval: 0, rotate: input.horizontal ? 0 : input.categories.length > 8 ? 30 : 0 },
  };
  const valueAxis = { type: 'value' as const, ...(input.percent ? { max: 100, axisLabel: { formatter: '{value}%' } } : {}) };
  return {
    animation: input.animation ?? true,
    title: input.title ? { text: input.title, left: 'center', textStyle: { fontSize: 14 } } : undefined,
    color: input.keys.map((k) => input.colors[k]),
    tooltip: { trigger: 'axis' as const, axisPointer: { type: 'shadow' as const } },
    legend: { bottom: 0 },
    grid: { left: 8, right: 16, top: input.title ? 36 : 16, bottom: 32, containLabel: true },
    xAxis: input.horizontal ? valueAxis : category,
    yAxis: input.horizontal ? { ...category, inverse: true } : valueAxis,
    series: input.keys.map((k) => ({
      type: 'bar' as const,
      name: input.names?.[k] ?? k,
      stack: input.stack,
      barMaxWidth: 36,
      data: input.categories.map((_, i) => value(i, k)),
    })),
  };
}
