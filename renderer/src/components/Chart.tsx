// One ECharts instance per option; option objects come from pure builders in shared/charts.
import { useEffect, useRef, useState } from 'react';
import * as echarts from 'echarts';

export interface ChartProps {
  option: echarts.EChartsCoreOption;
  height?: number | string;
  onClick?: (params: echarts.ECElementEvent) => void;
  onReady?: (chart: echarts.ECharts) => void;
  testId?: string;
}

export function Chart({ option, height = 320, onClick, onReady, testId }: ChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    if (!el.current) return;
    const instance = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    // Lets UI tests and the benchmark find the instance (to click a given bar by its pixel position).
    (el.current as HTMLDivElement & { __cwsChart?: echarts.ECharts }).__cwsChart = instance;
    instance.on('click', (p) => clickRef.current?.(p as echarts.ECElementEvent));
    onReady?.(instance);
    const ro = new ResizeObserver(() => instance.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      instance.dispose();
      chart.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!chart.current) return;
    chart.current.setOption(option, true);
    setVersion((v) => v + 1);
  }, [option]);

  // data-version counts the options drawn, so tests and the benchmark can wait for a refresh.
  return <div ref={el} data-testid={testId} data-version={version} className="cws-chart" style={{ width: '100%', height }} />;
}
