// One subject's score explained: per model a waterfall of contributions and the table of indicators with the
// evidence rows behind each; overrides and the "综合+行业" combination stated in words.
import { Alert, Card, Descriptions, Drawer, Empty, Spin, Table, Tag, Typography } from 'antd';
import { useCall } from '../../hooks/useCall';
import { Chart } from '../../components/Chart';
import { GRADE_COLORS, GRADE_NAMES, waterfallOption, type GradeKey } from '../../../../shared/charts/evaluate';
import type { ContributionExplain, EvidenceRows, ModelExplain } from '../../../../shared/contract/evaluate';

function EvidenceTable({ evidence }: { evidence: EvidenceRows }) {
  if (!evidence.rows.length) return <Typography.Text type="secondary">没有符合条件的记录。</Typography.Text>;
  return (
    <Table
      size="small"
      pagination={false}
      scroll={{ x: true }}
      rowKey={(_, i) => String(i)}
      dataSource={evidence.rows}
      columns={evidence.columns.map((c) => ({
        title: c.label,
        dataIndex: c.name,
        ellipsis: true,
        render: (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)),
      }))}
    />
  );
}

const pts = (n: number) => (n > 0 ? `+${n}` : String(n));

function ModelCard({ m }: { m: ModelExplain }) {
  const scored = m.contributions.filter((c) => c.points !== 0);
  return (
    <Card size="small" style={{ marginTop: 12 }} title={`${m.name}：${m.score} 分`} data-testid={`explain-model-${m.modelId}`}>
      <Chart
        height={300}
        option={waterfallOption({ base: m.base, steps: scored.map((c) => ({ label: c.label, points: c.points })), totalLabel: `${m.kind === 'industry' ? '行业' : '综合'}得分` })}
        testId={`chart-waterfall-${m.modelId}`}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        基础分 {m.base} {scored.map((c) => `${c.points > 0 ? '+' : '−'} ${Math.abs(c.points)}`).join(' ')} = {m.score}
      </Typography.Paragraph>
      <Table<ContributionExplain>
        size="small"
        rowKey="indicatorId"
        pagination={false}
        dataSource={m.contributions}
        expandable={{
          rowExpandable: (c) => c.evidence.rows.length > 0 || c.evidenceCount > 0,
          expandedRowRender: (c) => <EvidenceTable evidence={c.evidence} />,
        }}
        columns={[
          { title: '维度', dataIndex: 'dimensionLabel', width: 90 },
          { title: '指标', dataIndex: 'label' },
          { title: '规则', dataIndex: 'rule', ellipsis: true },
          { title: '时间范围', dataIndex: 'window', width: 200, render: (w: ContributionExplain['window']) => (w ? `${w.start} 至 ${w.end}` : '截至基准日') },
          {
            title: '依据记录',
            dataIndex: 'evidenceCount',
            width: 90,
            align: 'right',
            render: (n: number, c) => (c.currentEvidenceCount !== n ? <Typography.Text type="warning">{`${n}（现 ${c.currentEvidenceCount}）`}</Typography.Text> : n),
          },
          {
            title: '得分',
            dataIndex: 'points',
            width: 80,
            align: 'right',
            render: (p: number) => <Typography.Text style={{ color: p > 0 ? '#2da44e' : p < 0 ? '#cf222e' : undefined }}>{pts(p)}</Typography.Text>,
          },
        ]}
      />
    </Card>
  );
}

export function ExplainDrawer({ runId, uscc, onClose }: { runId: string; uscc: string | null; onClose: () => void }) {
  const { data, error, loading } = useCall('evaluate.explain', uscc ? { runId, uscc } : null);
  const e = uscc ? data : null;
  return (
    <Drawer open={!!uscc} onClose={onClose} size={960} title={e ? `${e.subject.name ?? ''}（${e.subject.uscc}）` : uscc ?? ''} data-testid="explain-drawer">
      {loading && <Spin />}
      {error && <Alert type="error" showIcon title="无法解释该主体" description={error.message} />}
      {e && e.subject.uscc === uscc && (
        <>
          <Descriptions size="small" bordered column={3}>
            <Descriptions.Item label="最终得分">{e.scores.final}</Descriptions.Item>
            <Descriptions.Item label="等级">
              <Tag color={GRADE_COLORS[e.scores.grade as GradeKey]} data-testid="explain-grade">
                {GRADE_NAMES[e.scores.grade as GradeKey]}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label="街镇 / 行业">{`${e.subject.town ?? '—'} / ${e.subject.industryName ?? e.subject.industryCode ?? '—'}`}</Descriptions.Item>
            <Descriptions.Item label="综合评价">{e.scores.comprehensive ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="行业评价">{e.scores.industry ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="评价基准日">{e.run.asOf}</Descriptions.Item>
          </Descriptions>
          {e.combination && (
            <Alert
              style={{ marginTop: 12 }}
              type="info"
              title={`综合+行业：${e.scores.industry} × ${e.combination.industryWeight} + ${e.scores.comprehensive} × ${e.combination.comprehensiveWeight} = ${e.scores.final}（按行业模型分数线定级）`}
            />
          )}
          {e.overrides.map((o) => (
            <Alert key={`${o.modelId}.${o.id}`} style={{ marginTop: 12 }} type="error" showIcon title={`${o.label}（等级不高于 ${o.grade}）`} description={<EvidenceTable evidence={o.evidence} />} />
          ))}
          {e.scores.grade !== e.scores.computedGrade && !e.overrides.length && (
            <Alert style={{ marginTop: 12 }} type="warning" showIcon title={`评价时按否决规则定为 ${e.scores.grade}：${e.scores.override ?? ''}`} />
          )}
          {e.dataChanged && <Alert style={{ marginTop: 12 }} type="warning" showIcon title="评价之后数据有变化：依据记录按现有数据显示，括号内为现有条数。" />}
          {e.models.length ? e.models.map((m) => <ModelCard key={m.modelId} m={m} />) : <Empty />}
        </>
      )}
    </Drawer>
  );
}
