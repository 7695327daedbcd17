// One run at a glance: counts per tier, the matrix heat map, tiers by town and by industry, warnings per rule.
import { useMemo, useState } from 'react';
import { Card, Col, Row, Segmented, Statistic, Table, Tag, Typography } from 'antd';
import { Chart } from '../../components/Chart';
import { TIER_COLORS, TIER_KEYS, groupTierRows, tierByGroupOption, tierMatrixOption, tierPieOption } from '../../../../shared/charts/tiering';
import type { TierSummary } from '../../../../shared/contract/tiering';

export const SEVERITY_COLORS: Record<string, string> = { 高: 'red', 中: 'orange', 低: 'blue' };

export function Overview({ summary }: { summary: TierSummary }) {
  const [mode, setMode] = useState<'percent' | 'count'>('percent');
  const percent = mode === 'percent';
  const run = summary.run;
  // Options are rebuilt only when their data changes: a new object makes the chart redraw and animate again.
  const towns = useMemo(() => groupTierRows(summary.byTown.map((r) => ({ group: r.town, tier: r.tier, subjects: r.subjects }))), [summary.byTown]);
  const industries = useMemo(
    () => groupTierRows(summary.byIndustry.map((r) => ({ group: r.industry, tier: r.tier, subjects: r.subjects }))),
    [summary.byIndustry],
  );
  const matrixOption = useMemo(() => tierMatrixOption({ cells: summary.heat }), [summary.heat]);
  const pieOption = useMemo(() => tierPieOption({ tiers: run.tiers }), [run.tiers]);
  const townOption = useMemo(() => tierByGroupOption({ groups: towns, percent }), [towns, percent]);
  const industryOption = useMemo(() => tierByGroupOption({ groups: industries, percent, horizontal: true }), [industries, percent]);
  return (
    <div data-testid="tier-overview">
      <Row gutter={12}>
        <Col span={4}>
          <Card size="small">
            <Statistic title="分级主体" value={run.subjects} data-testid="tier-subjects" />
          </Card>
        </Col>
        {TIER_KEYS.map((t) => (
          <Col span={4} key={t}>
            <Card size="small">
              <Statistic
                title={t}
                value={run.tiers[t]}
                styles={{ content: { color: TIER_COLORS[t] } }}
                suffix={<span style={{ fontSize: 12 }}>{run.subjects ? `${((run.tiers[t] / run.subjects) * 100).toFixed(1)}%` : ''}</span>}
                data-testid={`tier-count-${t}`}
              />
            </Card>
          </Col>
        ))}
        <Col span={4}>
          <Card size="small">
            <Statistic title="预警" value={run.warnings} data-testid="tier-warning-total" />
          </Card>
        </Col>
      </Row>
      <Row gutter={12} style={{ marginTop: 12 }}>
        <Col span={15}>
          <Card size="small" title={`分级矩阵：${summary.matrix.matrix.name}（${run.matrixId}）`}>
            <Chart option={matrixOption} height={380} testId="chart-tier-matrix" />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              行：信用等级；列：风险类别。每格写明监管层级、双随机抽查比例和该格主体数。风险类别来源：导入 {run.riskSources.imported.toLocaleString('zh-CN')} 户，行业风险模型 {run.riskSources.model.toLocaleString('zh-CN')} 户。
            </Typography.Text>
          </Card>
        </Col>
        <Col span={9}>
          <Card size="small" title="层级分布">
            <Chart option={pieOption} height={380} testId="chart-tier-pie" />
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        style={{ marginTop: 12 }}
        title="按街镇"
        extra={<Segmented size="small" data-testid="tier-town-mode" value={mode} onChange={(v) => setMode(v as 'percent' | 'count')} options={[{ value: 'percent', label: '占比' }, { value: 'count', label: '数量' }]} />}
      >
        <Chart option={townOption} height={320} testId="chart-tier-town" />
      </Card>
      <Card size="small" style={{ marginTop: 12 }} title="按行业（主体数最多的 15 个，其余合并）">
        <Chart option={industryOption} height={Math.max(280, industries.length * 28 + 60)} testId="chart-tier-industry" />
      </Card>
      <Card size="small" style={{ marginTop: 12 }} title="预警规则命中">
        <Table
          size="small"
          rowKey="ruleId"
          pagination={false}
          dataSource={summary.warningsByRule}
          data-testid="tier-warning-rules"
          columns={[
            { title: '规则', dataIndex: 'label' },
            { title: '严重程度', dataIndex: 'severity', render: (s: string) => <Tag color={SEVERITY_COLORS[s]}>{s}</Tag> },
            { title: '命中', dataIndex: 'hits' },
            { title: '未处理', dataIndex: 'open' },
          ]}
        />
      </Card>
    </div>
  );
}
