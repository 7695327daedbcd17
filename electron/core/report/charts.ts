// Server-side rendering of the report's charts: the ECharts option built by shared/charts/report.ts → an SVG string
// for inline use in the HTML (no canvas, no DOM, no network). Namespace URIs are dropped: an inline <svg> inside
// HTML needs none, and the report must carry no http(s) reference at all.
import * as echarts from 'echarts';
import type { ReportChart } from '../../../shared/contract/report';

const FONT = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Source Han Sans SC", sans-serif';

export function chartSvg(chart: Pick<ReportChart, 'option' | 'width' | 'height'>): string {
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width: chart.width, height: chart.height });
  try {
    instance.setOption({ ...chart.option, animation: false, textStyle: { fontFamily: FONT } });
    return stripNamespaces(instance.renderToSVGString());
  } finally {
    instance.dispose();
  }
}

export function stripNamespaces(svg: string): string {
  return svg.replace(/\s+xmlns(:\w+)?="http:\/\/www\.w3\.org\/[^"]*"/g, '');
}
