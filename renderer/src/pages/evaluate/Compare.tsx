// Two runs side by side: how many subjects moved between grades (migration heat map).
import { useState } from 'react';
import { Alert, Card, Col, Flex, Row, Select, Statistic, Typography } from 'antd';
import { useCall } from '../../hooks/useCall';
import { Chart } from '../../components/Chart';
import { migrationOption } from '../../../../shared/charts/evaluate';
import type { EvalRunInfo, MigrationMatrix } from '../../../../shared/contract/evaluate';

export function runLabel(r: EvalRunInfo): string {
  return `${r.createdAt} · 基准日 ${r.asOf} · ${r.models.map((m) => m.id).join('+')} · ${r.subjects} 户${r.note ? ` · ${r.note}` : ''}`;
}

export function MigrationView({ migration, fromName, toName }: { migration: MigrationMatrix; fromName: string; toName: string }) {
  return (
    <>
      <Row gutter={12}>
        {[
          ['主体', migration.total],
          ['等级不变', migration.unchanged],
          ['上升', migration.upgraded],
          ['下降', migration.downgraded],
        ].map(([t, v]) => (
          <Col span={6} key={t}>
            <Card size="small">
              <Statistic title={t} value={v as number} />
            </Card>
          </Col>
        ))}
      </Row>
      <Chart option={migrationOption({ labels: migration.labels, matrix: migration.matrix, fromName, toName })} height={360} testId="chart-migration" />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        行为{fromName}等级，列为{toName}等级；“未评价”表示该主体只出现在其中一次评价里。
      </Typography.Text>
    </>
  );
}

export function Compare({ runs, current }: { runs: EvalRunInfo[]; current: string }) {
  const [from, setFrom] = useState<string | undefined>(runs.find((r) => r.runId !== current)?.runId);
  const [to, setTo] = useState<string>(current);
  const { data, error } = useCall('evaluate.compare', from && to ? { fromRunId: from, toRunId: to } : null);
  const options = runs.map((r) => ({ value: r.runId, label: runLabel(r) }));
  return (
    <div data-testid="evaluate-compare">
      <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
        之前 <Select style={{ width: 460 }} value={from} onChange={setFrom} options={options} placeholder="选择一次评价" />
        之后 <Select style={{ width: 460 }} value={to} onChange={setTo} options={options} />
      </Flex>
      {runs.length < 2 && <Alert type="info" title="至少需要两次评价才能比较。" />}
      {error && <Alert type="error" showIcon title="比较失败" description={error.message} />}
      {data && <MigrationView migration={data.migration} fromName="之前" toName="之后" />}
    </div>
  );
}
