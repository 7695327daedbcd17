// Column statistics on demand: count, nulls, distinct values, min / max and the most common values, computed in
// SQL over the grid's current (filtered) view.
import { useEffect, useState } from 'react';
import { Descriptions, List, Spin, Typography } from 'antd';
import { api } from '../../api';
import type { ColumnStats } from '../../../../shared/contract/profile';
import type { FilterSpec } from '../../../../shared/contract';
import { errorText } from '../ErrorAlert';

export function ColumnStatsView({ sql, filters, column, label }: { sql: string; filters: FilterSpec[]; column: string; label: string }) {
  const [stats, setStats] = useState<ColumnStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    api
      .call('grid.columnStats', { sql, filters, column })
      .then((s) => alive && setStats(s))
      .catch((e) => alive && setError(errorText(e)));
    return () => {
      alive = false;
    };
  }, [sql, JSON.stringify(filters), column]);
  const n = (v: number) => v.toLocaleString('zh-CN');
  if (error) return <Typography.Text type="danger">{error}</Typography.Text>;
  if (!stats) return <Spin size="small" description="正在统计……" />;
  return (
    <div style={{ width: 300 }} data-testid={`column-stats-${column}`}>
      <Typography.Text strong>{label}</Typography.Text>
      <Typography.Text type="secondary"> {stats.type}</Typography.Text>
      <Descriptions size="small" column={2} style={{ marginTop: 8 }} bordered>
        <Descriptions.Item label="行数">{n(stats.rows)}</Descriptions.Item>
        <Descriptions.Item label="非空">{n(stats.nonNull)}</Descriptions.Item>
        <Descriptions.Item label="空值">{n(stats.nulls)}</Descriptions.Item>
        <Descriptions.Item label="不同值">
          <span data-testid="stats-distinct">{n(stats.distinct)}</span>
        </Descriptions.Item>
        <Descriptions.Item label="最小值" span={2}>
          {stats.min ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label="最大值" span={2}>
          {stats.max ?? '—'}
        </Descriptions.Item>
      </Descriptions>
      <List
        size="small"
        header={<Typography.Text type="secondary">最常见的值</Typography.Text>}
        dataSource={stats.top}
        renderItem={(t) => (
          <List.Item style={{ padding: '2px 0' }}>
            <Typography.Text ellipsis style={{ maxWidth: 200 }}>
              {t.value ?? '（空）'}
            </Typography.Text>
            <span>{n(t.count)}</span>
          </List.Item>
        )}
      />
    </div>
  );
}
