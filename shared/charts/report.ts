// Charts of the demonstration-zone report: a report table + the chart spec of the definition → ECharts option. The
// same option is drawn on canvas in the app and as inline SVG (server-side rendering) in the HTML/PDF report.
// Shares are drawn in percent; the comparison period appears as a second series where the table has it.
import { barOption, heatmapOption, lineOption, pieOption, type Series } from './basic';

export const REPORT_CHART_BUILDERS = ['compareBar', 'stackedBar', 'pie', 'heatmap', 'line'] as const;
export type ReportChartBuilder = (typeof REPORT_CHART_BUILDERS)[number];

export interface ReportChartSpec {
  builder: ReportChartBuilder;
  category: string;
  values: string[];
  series?: string;
  horizontal?: boolean;
  max?: number;
  title?: string;
}

export interface ChartColumnLike {
  key: string;
  label: string;
  format: string;
  role?: 'prior' | 'delta';
  of?: string;
}

export interface ChartTableLike {
  columns: ChartColumnLike[];
  rows: Record<string, string | number | null>[];
}

export interface ChartLabels {
  current: string;
  prior: string | null;
  /** Key value of total rows, left out of charts. */
  totalKey?: string;
}

export const priorKey = (key: string) => `${key}__prior`;
export const deltaKey = (key: string) => `${key}__delta`;

function num(v: unknown, pct: boolean): number {
  const n = typeof v === 'number' && Number.isFinite(v) ? v : 0;
  return pct ? Math.round(n * 1000) / 10 : Math.round(n * 100) / 100;
}

const cat = (v: unknown) => (v === null || v === undefined || v === '' ? '（空）' : String(v));

export function reportChartOption(spec: ReportChartSpec, table: ChartTableLike, labels: ChartLabels) {
  const col = (k: string) => table.columns.find((c) => c.key === k);
  const rows = table.rows.filter((r) => labels.totalKey === undefined || r[spec.category] !== labels.totalKey).slice(0, spec.max ?? 20);
  const first = spec.values[0]!;
  const pct = col(first)?.format === 'pct';
  const unit = pct ? '（%）' : '';
  const categories = rows.map((r) => cat(r[spec.category]));
  const title = spec.title;
  switch (spec.builder) {
    case 'compareBar':
    case 'line': {
      const series: Series[] = [{ name: `${labels.current}${unit}`, data: rows.map((r) => num(r[first], pct)) }];
      if (labels.prior && col(priorKey(first))) series.push({ name: `${labels.prior}${unit}`, data: rows.map((r) => num(r[priorKey(first)], pct)) });
      if (spec.builder === 'line') return lineOption({ title, categories, series, animation: false });
      const option = barOption({ title, categories, series, horizontal: spec.horizontal ?? categories.length > 8, animation: false });
      return { ...option, legend: { bottom: 0 }, grid: { ...option.grid, bottom: 32 } };
    }
    case 'stackedBar': {
      const series: Series[] = spec.values.map((v) => ({
        name: col(v)?.label ?? v,
        data: rows.map((r) => num(r[v], col(v)?.format === 'pct')),
        stack: 'total',
      }));
      const option = barOption({ title, categories, series, horizontal: spec.horizontal ?? categories.length > 8, animation: false });
      return { ...option, legend: { bottom: 0 }, grid: { ...option.grid, bottom: 32 } };
    }
    case 'pie':
      return pieOption({ title, items: rows.map((r) => ({ name: cat(r[spec.category]), value: num(r[first], pct) })), animation: false });
    case 'heatmap': {
      const seriesKey = spec.series!;
      const rowNames = [...new Set(rows.map((r) => cat(r[spec.category])))];
      const colNames = [...new Set(rows.map((r) => cat(r[seriesKey])))];
      const values = rowNames.map((rn) =>
        colNames.map((cn) => {
          const hit = rows.find((r) => cat(r[spec.category]) === rn && cat(r[seriesKey]) === cn);
          return hit ? num(hit[first], pct) : 0;
        }),
      );
      return heatmapOption({ title, rows: rowNames, columns: colNames, values, animation: false });
    }
  }
}
