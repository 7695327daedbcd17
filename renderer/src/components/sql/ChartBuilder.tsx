// Chart from a query result: pick the kind, the category (x) column and the value columns.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Empty, Segmented, Select, Space, Typography } from 'antd';
import { builderOption, numericColumns, BUILDER_MAX_POINTS, type BuilderKind } from '../../../../shared/charts/builder';
import { Chart } from '../Chart';

const KINDS: { value: BuilderKind; label: string }[] = [
  { value: 'bar', label: '柱状图' },
  { value: 'line', label: '折线图' },
  { value: 'pie', label: '饼图' },
  { value: 'scatter', label: '散点图' },
];

export function ChartBuilder({ columns, rows, total }: { columns: string[]; rows: Record<string, unknown>[]; total: number }) {
  const numeric = useMemo(() => numericColumns(rows, columns), [rows, columns]);
  const [kind, setKind] = useState<BuilderKind>('bar');
  const [x, setX] = useState<string | undefined>();
  const [y, setY] = useState<string[]>([]);
  useEffect(() => {
    const firstText = columns.find((c) => !numeric.includes(c)) ?? columns[0];
    setX(firstText);
    setY(numeric.filter((c) => c !== firstText).slice(0, 1));
  }, [columns.join(), numeric.join()]);
  const option = useMemo(() => {
    if (!x || !y.length || !rows.length) return null;
    try {
      return builderOption({ kind, rows, x, y: kind === 'pie' || kind === 'scatter' ? y.slice(0, 1) : y });
    } catch {
      return null;
    }
  }, [kind, rows, x, y]);
  if (!rows.length) return <Empty description="先执行一条查询" />;
  return (
    <div data-testid="chart-builder">
      <Space wrap style={{ marginBottom: 8 }}>
        <Segmented options={KINDS} value={kind} onChange={(v) => setKind(v as BuilderKind)} data-testid="chart-kind" />
        <span>{kind === 'scatter' ? 'X 轴' : '分类'}</span>
        <Select size="small" style={{ width: 160 }} value={x} onChange={setX} options={columns.map((c) => ({ value: c, label: c }))} data-testid="chart-x" />
        <span>{kind === 'scatter' ? 'Y 轴' : '数值'}</span>
        <Select
          size="small"
          style={{ minWidth: 200 }}
          mode={kind === 'bar' || kind === 'line' ? 'multiple' : undefined}
          value={kind === 'bar' || kind === 'line' ? y : y[0]}
          onChange={(v: string | string[]) => setY(Array.isArray(v) ? v : [v])}
          options={numeric.map((c) => ({ value: c, label: c }))}
          data-testid="chart-y"
        />
      </Space>
      {!numeric.length ? <Alert type="info" showIcon title="结果中没有数值列：可在 SQL 中用 count(*)、sum(…) 等汇总后再作图。" /> : null}
      {total > rows.length || rows.length >= BUILDER_MAX_POINTS ? (
        <Typography.Paragraph type="secondary">只用前 {Math.min(rows.length, BUILDER_MAX_POINTS).toLocaleString('zh-CN')} 行作图；数据多时请先在 SQL 中分组汇总。</Typography.Paragraph>
      ) : null}
      {option ? <Chart option={option} height={420} testId="chart-result" /> : null}
    </div>
  );
}
