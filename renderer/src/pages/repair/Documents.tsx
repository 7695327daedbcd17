// 三书同达 / 四书同达 by department: documents delivered on the decision date.
import { useMemo, useState } from 'react';
import { Alert, Card, Col, Row, Statistic, Table, Typography } from 'antd';
import { useCall } from '../../hooks/useCall';
import { Chart } from '../../components/Chart';
import { documentsByDeptOption } from '../../../../shared/charts/repair';
import type { DocumentsDeptRow } from '../../../../shared/contract/repair';
import { PeriodInputs } from './Efficiency';

const share = (n: number, d: number) => (d ? `${((n / d) * 100).toFixed(1)}%` : '—');

export function Documents() {
  const [period, setPeriod] = useState({ from: '', to: '' });
  const r = useCall('repair.documents', { ...(period.from ? { from: period.from } : {}), ...(period.to ? { to: period.to } : {}) });
  const chart = useMemo(() => (r.data ? documentsByDeptOption({ byDept: r.data.byDept }) : null), [r.data]);
  const t = r.data?.total;
  return (
    <div data-testid="repair-documents">
      <div style={{ marginBottom: 12 }}>
        <PeriodInputs from={period.from} to={period.to} onChange={setPeriod} />
      </div>
      {r.error && <Alert type="error" showIcon title="无法统计三书同达" description={r.error.message} />}
      {t && (
        <>
          <Row gutter={24}>
            <Col><Statistic title="行政处罚" value={t.penalties} /></Col>
            <Col><Statistic title="三书/四书同达率" value={share(t.allDocs, t.penalties)} data-testid="repair-docs-share" /></Col>
            <Col><Statistic title="两书同达率" value={share(t.twoDocs, t.penalties)} /></Col>
            <Col><Statistic title="重点领域（需四书）" value={t.keySector} /></Col>
          </Row>
          <Card size="small" title="各部门同日送达率" style={{ marginTop: 12 }}>
            {chart && <Chart option={chart} height={Math.max(220, r.data!.byDept.length * 28 + 40)} testId="repair-docs-chart" />}
          </Card>
          <Table<DocumentsDeptRow>
            style={{ marginTop: 12 }}
            size="small"
            rowKey="dept"
            pagination={false}
            dataSource={[...r.data!.byDept, t]}
            data-testid="repair-docs-table"
            columns={[
              { title: '处罚机关', dataIndex: 'dept' },
              { title: '处罚', dataIndex: 'penalties', align: 'right' },
              { title: '重点领域', dataIndex: 'keySector', align: 'right' },
              { title: '全部同日送达', dataIndex: 'allDocs', align: 'right' },
              { title: '同达率', key: 'share', align: 'right', render: (_: unknown, x) => share(x.allDocs, x.penalties) },
              { title: '决定书', key: 'd', align: 'right', render: (_: unknown, x) => share(x.decisionOnTime, x.penalties) },
              { title: '合规建议书', key: 'c', align: 'right', render: (_: unknown, x) => share(x.complianceOnTime, x.penalties) },
              { title: '修复告知书', key: 'n', align: 'right', render: (_: unknown, x) => share(x.repairNoticeOnTime, x.penalties) },
              { title: '法治体检书（重点领域）', key: 'k', align: 'right', render: (_: unknown, x) => share(x.checkupOnTime, x.keySector) },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
            三书同达：决定书、行政合规建议书、信用修复告知书的送达日期都等于处罚决定日期；重点领域（{r.data!.keySectors.join('、')}）还需法治体检书（四书同达）。
            两书同达（决定书 + 信用修复告知书）为国办发〔2025〕22号要求。未记录送达日期的视为未同日送达。
          </Typography.Paragraph>
        </>
      )}
    </div>
  );
}
