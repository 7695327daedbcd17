// 修复效率: processing time in working days (holiday calendar), 受理即办结 share, cases over 7 working days.
import { useMemo, useState } from 'react';
import { Alert, Card, Col, Flex, Input, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useCall } from '../../hooks/useCall';
import { Chart } from '../../components/Chart';
import { repairDaysOption, repairTrendOption } from '../../../../shared/charts/repair';
import type { EfficiencyCase, EfficiencyResult } from '../../../../shared/contract/repair';

const share = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const num = (x: number | null) => (x === null ? '—' : x.toFixed(1));

export function PeriodInputs({ from, to, onChange }: { from: string; to: string; onChange: (p: { from: string; to: string }) => void }) {
  return (
    <Flex gap={8} align="center">
      期间
      <Input type="date" style={{ width: 150 }} value={from} onChange={(e) => onChange({ from: e.target.value, to })} />
      至
      <Input type="date" style={{ width: 150 }} value={to} onChange={(e) => onChange({ from, to: e.target.value })} />
    </Flex>
  );
}

export function Efficiency() {
  const [period, setPeriod] = useState({ from: '', to: '' });
  const [dept, setDept] = useState('');
  const input = { ...(period.from ? { from: period.from } : {}), ...(period.to ? { to: period.to } : {}), ...(dept ? { dept } : {}) };
  const r = useCall('repair.efficiency', input);

  return (
    <div data-testid="repair-efficiency">
      <Flex gap={16} wrap style={{ marginBottom: 12 }}>
        <PeriodInputs from={period.from} to={period.to} onChange={setPeriod} />
        <Input allowClear placeholder="办理部门（完整名称）" style={{ width: 220 }} onPressEnter={(e) => setDept((e.target as HTMLInputElement).value.trim())} onBlur={(e) => setDept(e.target.value.trim())} />
      </Flex>
      {r.error && <Alert type="error" showIcon title="无法统计修复效率" description={r.error.message} />}
      {r.data && <EfficiencyView data={r.data} />}
    </div>
  );
}

function EfficiencyView({ data }: { data: EfficiencyResult }) {
  const days = useMemo(() => repairDaysOption({ distribution: data.distribution, limitWorkdays: data.limitWorkdays }), [data]);
  const trend = useMemo(() => repairTrendOption({ byMonth: data.byMonth }), [data]);
  return (
    <>
      <Row gutter={16}>
        <Col><Statistic title="申请" value={data.applied} data-testid="repair-applied" /></Col>
        <Col><Statistic title="办结" value={data.finished} data-testid="repair-finished" /></Col>
        <Col><Statistic title="修复成功" value={data.succeeded} /></Col>
        <Col><Statistic title="受理即办结率" value={share(data.sameDayShare)} data-testid="repair-sameday-share" /></Col>
        <Col><Statistic title="平均用时（工作日）" value={num(data.avgWorkdays)} /></Col>
        <Col><Statistic title="中位用时（工作日）" value={num(data.medianWorkdays)} /></Col>
        <Col><Statistic title={`超过 ${data.limitWorkdays} 个工作日`} value={data.overLimit} styles={{ content: { color: data.overLimit ? '#cf222e' : undefined } }} /></Col>
        <Col><Statistic title="3 个工作日内受理" value={data.accepted ? share(data.acceptedInTime / data.accepted) : '—'} /></Col>
      </Row>
      <Row gutter={16} style={{ marginTop: 12 }}>
        <Col xs={24} lg={10}>
          <Card size="small" title="办结用时分布（工作日）"><Chart option={days} height={260} testId="repair-days-chart" /></Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title="按月办结与受理即办结率"><Chart option={trend} height={260} testId="repair-trend-chart" /></Card>
        </Col>
      </Row>
      <Card size="small" title="按部门" style={{ marginTop: 12 }}>
        <Table
          size="small"
          rowKey="dept"
          pagination={false}
          dataSource={data.byDept}
          columns={[
            { title: '部门', dataIndex: 'dept' },
            { title: '办结', dataIndex: 'finished', align: 'right' },
            { title: '受理即办结', dataIndex: 'sameDay', align: 'right' },
            { title: '受理即办结率', key: 'share', align: 'right', render: (_: unknown, r: EfficiencyResult['byDept'][number]) => share(r.finished ? r.sameDay / r.finished : null) },
            { title: '平均工作日', dataIndex: 'avgWorkdays', align: 'right', render: num },
            { title: '超时', dataIndex: 'overLimit', align: 'right' },
          ]}
        />
      </Card>
      <Card size="small" title={`超过 ${data.limitWorkdays} 个工作日的案件（${data.overLimit}）`} style={{ marginTop: 12 }}>
        <Table<EfficiencyCase>
          size="small"
          rowKey="repair_id"
          dataSource={data.overLimitCases}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: '修复编号', dataIndex: 'repair_id' },
            { title: '主体', dataIndex: 'subject_name', render: (v: string | null, r) => v ?? r.uscc },
            { title: '决定书文号', dataIndex: 'decision_no' },
            { title: '部门', dataIndex: 'dept' },
            { title: '申请', dataIndex: 'applied_date' },
            { title: '受理', dataIndex: 'accepted_date' },
            { title: '办结', dataIndex: 'finished_date', render: (v: string | null, r) => v ?? <Tag color="orange">未办结</Tag> },
            { title: '工作日', dataIndex: 'workdays', align: 'right', render: (v: number, r) => (r.open ? `${v}（至 ${data.asOf}）` : v) },
          ]}
          data-testid="repair-overdue-table"
        />
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
          用时 = 受理日（缺失时用申请日）之后至办结日的工作日数，按国务院公布的放假和调休安排计算；受理当日办结为 0。
        </Typography.Paragraph>
      </Card>
    </>
  );
}
