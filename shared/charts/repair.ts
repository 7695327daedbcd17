// ECharts option builders for the 信用修复 page and the report: disclosure status by tier, repair processing time in
// working days, 受理即办结 by month, 三书同达 by department, the commitment loop by type, outreach by town.
// Pure data → option; no functions inside options (the report renders them server-side as SVG).

export const STATUS_KEYS = ['不予公示', '公示中', '可申请修复', '已修复', '公示期满'] as const;
export const STATUS_COLORS: Record<(typeof STATUS_KEYS)[number], string> = {
  不予公示: '#8c959f',
  公示中: '#d29922',
  可申请修复: '#1f6feb',
  已修复: '#2da44e',
  公示期满: '#6e7781',
};
const TIER_KEYS = ['轻微', '一般', '严重'] as const;

const titleOf = (title?: string) => (title ? { text: title, left: 'center', textStyle: { fontSize: 14 } } : undefined);
const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);

/** Penalties by status, stacked by tier (rows of a disclosure run). */
export function disclosureStatusOption(input: {
  rows: { status: string; tier: string; count: number }[];
  title?: string;
  animation?: boolean;
}) {
  const count = (s: string, t: string) => input.rows.find((r) => r.status === s && r.tier === t)?.count ?? 0;
  return {
    animation: input.animation ?? true,
    title: titleOf(input.title),
    tooltip: { trigger: 'axis' as const, axisPointer: { type: 'shadow' as const } },
    legend: { bottom: 0 },
    grid: { left: 8, right: 16, top: input.title ? 36 : 16, bottom: 36, containLabel: true },
    color: ['#8c959f', '#d29922', '#cf222e'],
    xAxis: { type: 'category' as const, data: [...STATUS_KEYS] },
    yAxis: { type: 'value' as const, name: '条' },
    series: TIER_KEYS.map((t) => ({
      name: t,
      type: 'bar' as const,
      stack: 'tier',
      data: STATUS_KEYS.map((s) => count(s, t)),
    })),
  };
}

/** Finished repairs by working days taken; buckets over the limit in red. */
export function repairDaysOption(input: {
  distribution: { bucket: string; count: number }[];
  limitWorkdays: number;
  title?: string;
  animation?: boolean;
}) {
  return {
    animation: input.animation ?? true,
    title: titleOf(input.title),
    tooltip: { trigger: 'axis' as const },
    grid: { left: 8, right: 16, top: input.title ? 36 : 16, bottom: 24, containLabel: true },
    xAxis: { type: 'category' as const, name: '工作日', data: input.distribution.map((d) => d.bucket) },
    yAxis: { type: 'value' as const, name: '件' },
    series: [
      {
        type: 'bar' as const,
        name: '办结件数',
        label: { show: true, position: 'top' as const },
        data: input.distribution.map((d) => ({
          value: d.count,
          itemStyle: { color: d.bucket.startsWith('>') ? '#cf222e' : d.bucket === '0' ? '#2da44e' : '#1f6feb' },
        })),
      },
    ],
  };
}

/** Repairs finished per month with the 受理即办结 share (%) and average working days. */
export function repairTrendOption(input: {
  byMonth: { month: string; finished: number; sameDay: number; avgWorkdays: number | null }[];
  title?: string;
  animation?: boolean;
}) {
  return {
    animation: input.animation ?? true,
    title: titleOf(input.title),
    tooltip: { trigger: 'axis' as const },
    legend: { bottom: 0 },
    grid: { left: 8, right: 16, top: input.title ? 36 : 24, bottom: 36, containLabel: true },
    xAxis: { type: 'category' as const, data: input.byMonth.map((m) => m.month) },
    yAxis: [
      { type: 'value' as const, name: '件' },
      { type: 'value' as const, name: '%', max: 100, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      { type: 'bar' as const, name: '办结', data: input.byMonth.map((m) => m.finished), itemStyle: { color: '#1f6feb' } },
      {
        type: 'line' as const,
        name: '受理即办结率',
        yAxisIndex: 1,
        data: input.byMonth.map((m) => (m.finished ? pct(m.sameDay / m.finished) : null)),
        itemStyle: { color: '#2da44e' },
      },
      {
        type: 'line' as const,
        name: '平均工作日',
        data: input.byMonth.map((m) => (m.avgWorkdays === null ? null : Math.round(m.avgWorkdays * 10) / 10)),
        itemStyle: { color: '#d29922' },
      },
    ],
  };
}

/** 三书同达 (四书 in key sectors) share by department, highest first; labels carry the counts. */
export function documentsByDeptOption(input: {
  byDept: { dept: string; penalties: number; allDocs: number; share: number | null }[];
  title?: string;
  animation?: boolean;
}) {
  const rows = [...input.byDept].filter((d) => d.penalties > 0).sort((a, b) => (a.share ?? 0) - (b.share ?? 0));
  return {
    animation: input.animation ?? true,
    title: titleOf(input.title),
    tooltip: { trigger: 'axis' as const, axisPointer: { type: 'shadow' as const } },
    grid: { left: 8, right: 48, top: input.title ? 36 : 16, bottom: 16, containLabel: true },
    xAxis: { type: 'value' as const, max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category' as const, data: rows.map((r) => r.dept) },
    series: [
      {
        type: 'bar' as const,
        name: '同日送达率',
        data: rows.map((r) => ({
          value: pct(r.share),
          label: { show: true, position: 'right' as const, formatter: `${pct(r.share) ?? 0}%（${r.allDocs}/${r.penalties}）` },
          itemStyle: { color: (r.share ?? 0) >= 0.9 ? '#2da44e' : (r.share ?? 0) >= 0.6 ? '#d29922' : '#cf222e' },
        })),
      },
    ],
  };
}

/** Commitments by type: kept / broken / pending stacked, fulfilment rate (%) as a line. */
export function commitmentsByTypeOption(input: {
  byType: { key: string; kept: number; broken: number; pending: number; rate: number | null }[];
  title?: string;
  animation?: boolean;
}) {
  const keys = input.byType.map((t) => t.key);
  return {
    animation: input.animation ?? true,
    title: titleOf(input.title),
    tooltip: { trigger: 'axis' as const, axisPointer: { type: 'shadow' as const } },
    legend: { bottom: 0 },
    grid: { left: 8, right: 16, top: input.title ? 36 : 24, bottom: 36, containLabel: true },
    xAxis: { type: 'category' as const, data: keys },
    yAxis: [
      { type: 'value' as const, name: '件' },
      { type: 'value' as const, name: '履约率', max: 100, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      { type: 'bar' as const, name: '已履约', stack: 'c', data: input.byType.map((t) => t.kept), itemStyle: { color: '#2da44e' } },
      { type: 'bar' as const, name: '违诺', stack: 'c', data: input.byType.map((t) => t.broken), itemStyle: { color: '#cf222e' } },
      { type: 'bar' as const, name: '履约中', stack: 'c', data: input.byType.map((t) => t.pending), itemStyle: { color: '#8c959f' } },
      {
        type: 'line' as const,
        name: '履约率',
        yAxisIndex: 1,
        data: input.byType.map((t) => pct(t.rate)),
        label: { show: true, formatter: '{c}%' },
        itemStyle: { color: '#1f6feb' },
      },
    ],
  };
}

/** Subjects that may apply for repair now, per town (信用管家 outreach). */
export function outreachByTownOption(input: { towns: { town: string; count: number }[]; title?: string; animation?: boolean }) {
  const rows = [...input.towns].reverse();
  return {
    animation: input.animation ?? true,
    title: titleOf(input.title),
    tooltip: { trigger: 'axis' as const, axisPointer: { type: 'shadow' as const } },
    grid: { left: 8, right: 40, top: input.title ? 36 : 16, bottom: 16, containLabel: true },
    xAxis: { type: 'value' as const, name: '条' },
    yAxis: { type: 'category' as const, data: rows.map((t) => t.town) },
    series: [
      {
        type: 'bar' as const,
        name: '可申请修复',
        data: rows.map((t) => t.count),
        label: { show: true, position: 'right' as const },
        itemStyle: { color: STATUS_COLORS['可申请修复'] },
      },
    ],
  };
}
