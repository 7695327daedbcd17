// The subject's direct relations as a small graph: people (circles) and firms (squares), blacklisted ones in red.
// Clicking a firm opens its profile.
import { useMemo } from 'react';
import { Card, Empty, Typography } from 'antd';
import type { SubjectProfile } from '../../../../shared/contract/profile';
import { relationGraphOption } from '../../../../shared/charts/profile';
import { Chart } from '../Chart';
import { useNav } from '../../hooks/useNav';

export function RelationsGraph({ relations }: { relations: SubjectProfile['relations'] }) {
  const nav = useNav();
  const option = useMemo(() => relationGraphOption({ nodes: relations.nodes, edges: relations.edges }), [relations]);
  const others = relations.nodes.length - 1;
  return (
    <Card
      size="small"
      title={`直接关联关系（${others} 个关联方）`}
      extra={relations.truncated ? <Typography.Text type="secondary">仅显示部分</Typography.Text> : null}
      data-testid="profile-relations"
    >
      {others > 0 ? (
        <Chart
          option={option}
          height={360}
          testId="chart-relations"
          onClick={(p) => {
            const d = p.data as { id?: string; symbol?: string } | undefined;
            if (p.dataType === 'node' && d?.id && d.symbol === 'rect') nav.go('profile', { uscc: d.id });
          }}
        />
      ) : (
        <Empty description="没有登记的关联关系" />
      )}
    </Card>
  );
}
