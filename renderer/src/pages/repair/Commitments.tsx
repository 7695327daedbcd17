// 信用承诺闭环: fulfilment by type and department, and the broken commitments (including those broken by a later
// penalty for the same matter within the term).
import { useMemo, useState } from 'react';
import { Alert, Card, Col, Flex, Input, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useCall } from '../../hooks/useCall';
import { Chart } from '../../components/Chart';
import { commitmentsByTypeOption } from '../../../../shared/charts/repair';
import type { BrokenCommitment, CommitmentCount } from '../../../../shared/contract/repair';

const rate = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const countColumns = (keyTitle: string) => [
  { title: keyTitle, dataIndex: 'key' },
  { title: '承诺', dataIndex: 'total', align: 'right' as const },
  { title: '已履约', dataIndex: 'kept', align: 'right' as const },
  { title: '违诺', dataIndex: 'broken', align: 'right' as const },
  { title: '履约中', dataIndex: 'pending', align: 'right' as const },
  { title: '履约率', dataIndex: 'rate', align: 'right' as const, render: rate },
];

export function Commitments() {
  const [asOf, setAsOf] = useState(() => new Date().toLocaleDateString('sv-SE')); // local date (toISOString gives the UTC one)
  const r = useCall('repair.commitments', /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? { asOf } : null);
  const chart = useMemo(() => (r.data ? commitmentsByTypeOption({ byType: r.data.byType }) : null), [r.data]);
  const d = r.data;
  return (
    <div data-testid="repair-commitments">
      <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
        统计日 <Input type="date" style={{ width: 160 }} data-testid="repair-commit-asof" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
      </Flex>
      {r.error && <Alert type="error" showIcon title="无法统计信用承诺" description={r.error.message} />}
      {d && (
        <>
          <Row gutter={24}>
            <Col><Statistic title="承诺" value={d.total.total} data-testid="repair-commit-total" /></Col>
            <Col><Statistic title="已履约" value={d.total.kept} data-testid="repair-commit-kept" /></Col>
            <Col><Statistic title="违诺" value={d.total.broken} data-testid="repair-commit-broken" styles={{ content: { color: d.total.broken ? '#cf222e' : undefined } }} /></Col>
            <Col><Statistic title="履约中" value={d.total.pending} /></Col>
            <Col><Statistic title="履约率" value={rate(d.total.rate)} data-testid="repair-commit-rate" /></Col>
            <Col><Statistic title="因同一事项受罚而违诺（未登记）" value={d.brokenByPenaltyOnly} /></Col>
          </Row>
          <Row gutter={16} style={{ marginTop: 12 }}>
            <Col xs={24} lg={12}>
              <Card size="small" title="按承诺类型">{chart && <Chart option={chart} height={280} testId="repair-commit-chart" />}</Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title="按部门">
                <Table<CommitmentCount> size="small" rowKey="key" dataSource={d.byDept} columns={countColumns('部门')} pagination={{ pageSize: 8 }} />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={`违诺清单（${d.brokenTotal}）`} style={{ marginTop: 12 }}>
            <Table<BrokenCommitment>
              size="small"
              rowKey="commitment_id"
              dataSource={d.broken}
              pagination={{ pageSize: 20 }}
              columns={[
                { title: '承诺编号', dataIndex: 'commitment_id' },
                { title: '主体', dataIndex: 'subject_name', render: (v: string | null, x) => v ?? x.uscc },
                { title: '类型', dataIndex: 'commitment_type' },
                { title: '承诺事项', dataIndex: 'matter' },
                { title: '部门', dataIndex: 'dept' },
                { title: '承诺期', key: 'term', render: (_: unknown, x) => `${x.made_date} 至 ${x.term_end_date ?? '—'}` },
                { title: '违诺日期', dataIndex: 'broken_date', render: (v: string | null) => v ?? '—' },
                {
                  title: '依据',
                  key: 'why',
                  render: (_: unknown, x) => (
                    <span>
                      {x.marked && <Tag>已登记违诺</Tag>}
                      {x.broken_by_decision_no && <Tag color="red">处罚 {x.broken_by_decision_no}</Tag>}
                    </span>
                  ),
                },
              ]}
              data-testid="repair-broken-table"
            />
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
              违诺：登记为违诺，或承诺期内（承诺日至期限，含两端）主体因同一事项（承诺事项 = 处罚的违法行为类型）受到行政处罚。
              履约率 = 已履约 /（已履约 + 违诺），履约中的不计入。违诺记录同时提供给风险分级的预警规则。
            </Typography.Paragraph>
          </Card>
        </>
      )}
    </div>
  );
}
