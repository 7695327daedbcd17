// 风险分级 (信用+风险 分级分类监管): run the tiering on an evaluation, see the matrix heat map and distributions, the
// supervision lists, early warnings (with 知悉/处置), migration between runs, 双随机 sampling and the matrix editor.
import { useEffect, useState } from 'react';
import { Alert, Card, Empty, Flex, Select, Tabs, Typography } from 'antd';
import { useCall } from '../hooks/useCall';
import type { TierRunResult } from '../../../shared/contract/tiering';
import { RunPanel } from './tiering/RunPanel';
import { Overview } from './tiering/Overview';
import { Lists } from './tiering/Lists';
import { Warnings } from './tiering/Warnings';
import { Migration } from './tiering/Migration';
import { Sampling } from './tiering/Sampling';
import { MatrixEditor } from './tiering/MatrixEditor';
import { tierRunLabel } from './tiering/labels';

export function TieringPage() {
  const runs = useCall('tier.runs', {});
  const [runId, setRunId] = useState<string | null>(null);
  const [tab, setTab] = useState('overview');
  const current = runId ?? runs.data?.[0]?.runId ?? null;
  const summary = useCall('tier.summary', current ? { runId: current } : null);

  useEffect(() => {
    if (runId && runs.data && !runs.data.some((r) => r.runId === runId)) setRunId(null);
  }, [runs.data, runId]);

  const onRun = (r: TierRunResult) => {
    setRunId(r.runId);
    runs.reload();
  };

  return (
    <div data-testid="page-tiering">
      <RunPanel onDone={onRun} />
      <Card
        size="small"
        style={{ marginTop: 12 }}
        title={
          <Flex gap={8} align="center">
            分级记录
            <Select
              style={{ minWidth: 560 }}
              value={current ?? undefined}
              placeholder="尚无分级"
              onChange={setRunId}
              options={(runs.data ?? []).map((r) => ({ value: r.runId, label: tierRunLabel(r) }))}
              data-testid="tier-run-select"
            />
          </Flex>
        }
        extra={current && <Typography.Text type="secondary" copyable={{ text: current }}>{current}</Typography.Text>}
      >
        {runs.error && <Alert type="error" showIcon title="无法读取分级记录" description={runs.error.message} />}
        {summary.error && <Alert type="error" showIcon title="无法读取分级结果" description={summary.error.message} />}
        <Tabs
          activeKey={tab}
          onChange={setTab}
          destroyOnHidden
          items={[
            {
              key: 'overview',
              label: '分级概览',
              children: summary.data && summary.data.run.runId === current ? <Overview summary={summary.data} /> : <NoRun loading={summary.loading} />,
            },
            { key: 'lists', label: '监管清单', children: current && summary.data ? <Lists summary={summary.data} /> : <NoRun loading={summary.loading} /> },
            { key: 'warnings', label: '风险预警', children: current ? <Warnings runId={current} onChanged={summary.reload} /> : <NoRun loading={false} /> },
            { key: 'migration', label: '层级迁移', children: <Migration runs={runs.data ?? []} current={current} /> },
            { key: 'sampling', label: '双随机抽查', children: current ? <Sampling runId={current} /> : <NoRun loading={false} /> },
            { key: 'matrix', label: '分级矩阵', children: <MatrixEditor /> },
          ]}
        />
      </Card>
    </div>
  );
}

function NoRun({ loading }: { loading: boolean }) {
  if (loading) return null;
  return <Empty description="还没有分级结果：先在“信用评价”页完成评价，再点上方“运行分级”。" />;
}
