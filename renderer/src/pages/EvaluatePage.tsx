// 信用评价: run the "综合+行业" evaluation, see grade distributions, the result list with each subject's score
// explained, compare two runs and try model changes before saving them.
import { useEffect, useState } from 'react';
import { Alert, Card, Empty, Flex, Select, Spin, Tabs, Typography } from 'antd';
import { useCall } from '../hooks/useCall';
import type { EvalRunResult } from '../../../shared/contract/evaluate';
import { RunPanel } from './evaluate/RunPanel';
import { Distribution } from './evaluate/Distribution';
import { Scores } from './evaluate/Scores';
import { Compare, runLabel } from './evaluate/Compare';
import { WhatIf } from './evaluate/WhatIf';

export function EvaluatePage() {
  const runs = useCall('evaluate.runs', {});
  const models = useCall('evaluate.models', {});
  const [runId, setRunId] = useState<string | null>(null);
  const [tab, setTab] = useState('dist');
  const current = runId ?? runs.data?.[0]?.runId ?? null;
  const summary = useCall('evaluate.summary', current ? { runId: current } : null);

  useEffect(() => {
    if (runId && runs.data && !runs.data.some((r) => r.runId === runId)) setRunId(null);
  }, [runs.data, runId]);

  const onRun = (r: EvalRunResult) => {
    setRunId(r.runId);
    runs.reload();
  };

  if (models.error) return <Alert type="error" showIcon title="无法读取评价模型" description={models.error.message} />;
  return (
    <div data-testid="page-evaluate">
      {models.data ? <RunPanel models={models.data.models} onDone={onRun} /> : <Spin />}
      <Card
        size="small"
        style={{ marginTop: 12 }}
        title={
          <Flex gap={8} align="center">
            评价记录
            <Select
              style={{ minWidth: 520 }}
              value={current ?? undefined}
              placeholder="尚无评价"
              onChange={setRunId}
              options={(runs.data ?? []).map((r) => ({ value: r.runId, label: runLabel(r) }))}
              data-testid="evaluate-run-select"
            />
          </Flex>
        }
        extra={summary.data && <Typography.Text type="secondary" copyable={{ text: summary.data.run.runId }}>{summary.data.run.runId}</Typography.Text>}
      >
        {runs.error && <Alert type="error" showIcon title="无法读取评价记录" description={runs.error.message} />}
        {!current && runs.data && <Empty description="还没有评价记录：选择基准日与模型后点击“开始评价”。" />}
        {summary.error && <Alert type="error" showIcon title="无法读取评价结果" description={summary.error.message} />}
        {summary.data && summary.data.run.runId === current && (
          <Tabs
            destroyOnHidden
            activeKey={tab}
            onChange={setTab}
            items={[
              { key: 'dist', label: '等级分布', children: <Distribution summary={summary.data} /> },
              { key: 'list', label: '评价结果', children: <Scores summary={summary.data} /> },
              { key: 'compare', label: '两次比较', children: <Compare runs={runs.data ?? []} current={current} /> },
              {
                key: 'whatif',
                label: '模拟调整',
                children: models.data ? <WhatIf base={summary.data.run} models={models.data.models} onSaved={onRun} /> : <Spin />,
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
