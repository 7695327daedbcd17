// Starts a disclosure run (测算日 + rule set) and shows the latest run: counts by status and the status × tier chart.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Flex, Input, Row, Select, Statistic, Typography } from 'antd';
import { ApiError } from '../../api';
import { useLongCall } from '../../hooks/useLongCall';
import { JobProgress } from '../../components/JobProgress';
import { Chart } from '../../components/Chart';
import { disclosureStatusOption, STATUS_COLORS, STATUS_KEYS } from '../../../../shared/charts/repair';
import { RULE_SET_LABELS, type RepairRunResult } from '../../../../shared/contract/repair';

// The local date as YYYY-MM-DD (toISOString gives the UTC date: the day before, until 08:00 in China).
const today = () => new Date().toLocaleDateString('sv-SE');

export function RunPanel({ latest, onDone }: { latest: RepairRunResult | null; onDone: (r: RepairRunResult) => void }) {
  const [asOf, setAsOf] = useState(today());
  const [ruleSet, setRuleSet] = useState<'auto' | 'order36' | 'order58'>('auto');
  const [error, setError] = useState<string | null>(null);
  const job = useLongCall('repair.run');

  useEffect(() => {
    if (latest) setAsOf(latest.asOf);
  }, [latest?.runId]); // eslint-disable-line react-hooks/exhaustive-deps

  const start = () => {
    setError(null);
    job
      .run({ asOf, ruleSet })
      .then(onDone)
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)));
  };

  const chart = useMemo(() => (latest ? disclosureStatusOption({ rows: latest.byStatusTier }) : null), [latest]);

  return (
    <Card size="small" title="信用修复测算" data-testid="repair-run-panel">
      <Flex gap={16} wrap align="center">
        <span>
          测算日{' '}
          <Input type="date" style={{ width: 160 }} value={asOf} onChange={(e) => setAsOf(e.target.value)} data-testid="repair-asof" />
        </span>
        <span>
          适用规则{' '}
          <Select
            style={{ width: 300 }}
            value={ruleSet}
            onChange={setRuleSet}
            options={[
              { value: 'auto', label: '按处罚决定日期（2026-04-01 起第36号令）' },
              { value: 'order36', label: `全部按${RULE_SET_LABELS.order36}` },
              { value: 'order58', label: `全部按${RULE_SET_LABELS.order58}` },
            ]}
            data-testid="repair-ruleset"
          />
        </span>
        {job.state.running ? (
          <JobProgress state={job.state} onCancel={() => void job.cancel()} />
        ) : (
          <Button type="primary" onClick={start} disabled={!/^\d{4}-\d{2}-\d{2}$/.test(asOf)} data-testid="repair-start">
            运行测算
          </Button>
        )}
      </Flex>
      {error && <Alert style={{ marginTop: 12 }} type="error" showIcon title="测算未完成" description={error} />}
      {latest ? (
        <Row gutter={16} style={{ marginTop: 12 }}>
          <Col xs={24} lg={10}>
            <Typography.Text type="secondary" data-testid="repair-latest">
              测算日 {latest.asOf} · {latest.ruleSet === 'auto' ? '按决定日期选规则' : RULE_SET_LABELS[latest.ruleSet]} · 共{' '}
              {latest.total.toLocaleString('zh-CN')} 条
              {latest.excluded ? `（${latest.excluded.toLocaleString('zh-CN')} 条决定晚于测算日，未计入）` : ''}
            </Typography.Text>
            <Flex gap={24} wrap style={{ marginTop: 8 }}>
              {STATUS_KEYS.map((s) => (
                <Statistic key={s} title={s} value={latest.byStatus[s]} data-testid={`repair-status-${s}`} styles={{ content: { color: STATUS_COLORS[s], fontSize: 22 } }} />
              ))}
            </Flex>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
              公示期按自然月从处罚决定日期起算、月末对齐；最短期满当日起“可申请修复”，最长期满当日起“公示期满”。
              第36号令：轻微不予公示，一般 3 个月至 1 年，严重 1 年至 3 年；第58号令：3 个月至 3 年，特种设备、安全生产、消防至少 1 年。
            </Typography.Paragraph>
          </Col>
          <Col xs={24} lg={14}>{chart && <Chart option={chart} height={240} testId="repair-status-chart" />}</Col>
        </Row>
      ) : (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          还没有测算结果：选择测算日后点“运行测算”。
        </Typography.Paragraph>
      )}
    </Card>
  );
}
