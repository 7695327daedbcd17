// One ECharts instance per option; option objects come from pure builders in shared/charts.
import { useEffect, useRef } from 'react';
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

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return <div ref={el} data-testid={testId} className="cws-chart" style={{ width: '100%', height }} />;
}
