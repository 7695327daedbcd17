// Starts a tier run: which evaluation (default the latest) and which matrix version; progress per phase, cancel.
import { useState } from 'react';
import { Alert, Button, Card, Flex, Progress, Select, Typography } from 'antd';
import { ApiError } from '../../api';
import { useLongCall } from '../../hooks/useLongCall';
import { useCall } from '../../hooks/useCall';
import type { TierRunResult } from '../../../../shared/contract/tiering';

export function RunPanel({ onDone }: { onDone: (r: TierRunResult) => void }) {
  const evalRuns = useCall('evaluate.runs', { limit: 50 });
  const matrices = useCall('tier.matrix.get', {});
  const [evalRunId, setEvalRunId] = useState<string | undefined>();
  const [matrixId, setMatrixId] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const job = useLongCall('tier.run');

  const start = () => {
    setError(null);
    job
      .run({ ...(evalRunId ? { evalRunId } : {}), ...(matrixId ? { matrixId } : {}) })
      .then(onDone)
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
  };

  const active = matrices.data?.active;
  return (
    <Card size="small" title="运行分级" data-testid="tier-run-panel">
      <Flex gap={16} wrap align="center">
        <span>
          信用评价{' '}
          <Select
            style={{ width: 420 }}
            allowClear
            placeholder="最近一次评价"
            value={evalRunId}
            onChange={setEvalRunId}
            options={(evalRuns.data ?? []).map((r) => ({ value: r.runId, label: `${r.createdAt.replace('T', ' ').slice(0, 16)} · 基准日 ${r.asOf} · ${r.subjects.toLocaleString('zh-CN')} 户` }))}
            data-testid="tier-eval-select"
          />
        </span>
        <span>
          分级矩阵{' '}
          <Select
            style={{ width: 320 }}
            allowClear
            placeholder={active ? `当前：${active.matrix.name}（${active.id}）` : '当前矩阵'}
            value={matrixId}
            onChange={setMatrixId}
            options={(matrices.data?.versions ?? []).map((v) => ({ value: v.id, label: `${v.id} · ${v.name} ${v.version}` }))}
          />
        </span>
        {job.state.running ? (
          <Button danger onClick={() => void job.cancel()} data-testid="tier-cancel">
            取消
          </Button>
        ) : (
          <Button type="primary" onClick={start} data-testid="tier-start">
            运行分级
          </Button>
        )}
      </Flex>
      {job.state.running && (
        <div style={{ marginTop: 12 }} data-testid="tier-progress">
          <Progress percent={job.state.percent ?? 0} status="active" />
          <Typography.Text type="secondary">{job.state.message ?? job.state.phase}</Typography.Text>
        </div>
      )}
      {error && <Alert style={{ marginTop: 12 }} type="error" showIcon title="分级未完成" description={error} />}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
        信用等级取自所选评价；风险类别优先取基准日及以前最近一期导入的市场监管风险分类，没有的按行业风险模型（行业基础风险 + 处罚、检查不合格、投诉、名单、欠缴等事件）计算。
        等级 × 风险类别按分级矩阵确定监管层级、抽查比例和频次；同时按预警规则检查基准日前一段时间内的新事件。矩阵、模型和规则文件的哈希记入每次分级。
      </Typography.Paragraph>
    </Card>
  );
}
