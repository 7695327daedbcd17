// Starts an evaluation: as-of date, models, note; shows progress per indicator and can cancel.
import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Flex, Input, Progress, Typography } from 'antd';
import { ApiError } from '../../api';
import { useLongCall } from '../../hooks/useLongCall';
import type { EvalModelInfo, EvalRunResult } from '../../../../shared/contract/evaluate';

export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function RunPanel({ models, onDone }: { models: EvalModelInfo[]; onDone: (r: EvalRunResult) => void }) {
  const [asOf, setAsOf] = useState(todayIso);
  const [selected, setSelected] = useState<string[] | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const job = useLongCall('evaluate.run');
  const chosen = selected ?? models.map((m) => m.id);

  const start = () => {
    setError(null);
    job
      .run({ models: chosen, asOf, ...(note ? { note } : {}) })
      .then((r) => onDone(r))
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
  };

  return (
    <Card size="small" title="运行评价" data-testid="evaluate-run-panel">
      <Flex gap={16} wrap align="center">
        <span>
          评价基准日{' '}
          <Input type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} style={{ width: 160 }} data-testid="evaluate-asof" />
        </span>
        <Checkbox.Group
          value={chosen}
          onChange={(v) => setSelected(v as string[])}
          options={models.map((m) => ({ value: m.id, label: `${m.name}（${m.kind === 'industry' ? '行业' : '综合'}，v${m.version}）` }))}
        />
        <Input placeholder="备注（可选）" value={note} onChange={(e) => setNote(e.target.value)} style={{ width: 200 }} maxLength={500} />
        {job.state.running ? (
          <Button danger onClick={() => void job.cancel()} data-testid="evaluate-cancel">
            取消
          </Button>
        ) : (
          <Button type="primary" onClick={start} disabled={!chosen.length || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)} data-testid="evaluate-start">
            开始评价
          </Button>
        )}
      </Flex>
      {job.state.running && (
        <div style={{ marginTop: 12 }} data-testid="evaluate-progress">
          <Progress percent={job.state.percent ?? 0} status="active" />
          <Typography.Text type="secondary">正在计算：{job.state.message ?? job.state.phase}</Typography.Text>
        </div>
      )}
      {error && <Alert style={{ marginTop: 12 }} type="error" showIcon title="评价未完成" description={error} />}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
        “综合+行业”：有行业模型的主体，最终得分 = 行业得分 × 行业权重 + 综合得分 × 综合权重（口腔医疗 0.7 / 0.3），按行业模型的分数线定级；其余主体按综合评价。严重失信主体名单在列的主体直接评为 D。模型文件的哈希与数据指纹记入每次评价。
      </Typography.Paragraph>
    </Card>
  );
}
