// 总览: real row counts per table and subjects by town and by industry.
import { useMemo } from 'react';
import { Alert, Card, Col, Row, Statistic, Table } from 'antd';
import { useCall, arrowRows } from '../hooks/useCall';
import { Chart } from '../components/Chart';
import { barOption } from '../../../shared/charts/basic';

function useAggregate(sql: string) {
  const { data, error } = useCall('query.run', { sql, limit: 1000 });
  const rows = useMemo(() => (data ? arrowRows(data.arrow).rows : []), [data]);
  return { rows, error };
}

export function OverviewPage() {
  const info = useCall('workspace.info', {});
  const byTown = useAggregate(`SELECT coalesce(town, '未知') AS town, count(*) AS n FROM subjects GROUP BY 1 ORDER BY n DESC`);
  const byIndustry = useAggregate(
    `SELECT coalesce(industry_name, industry_code, '未知') AS industry, count(*) AS n FROM subjects GROUP BY 1 ORDER BY n DESC LIMIT 15`,
  );
  const canonical = info.data?.tables.filter((t) => t.canonical) ?? [];
  const subjects = canonical.find((t) => t.name === 'subjects')?.rows ?? 0;
  const records = canonical.filter((t) => t.name !== 'subjects').reduce((n, t) => n + t.rows, 0);

  if (info.error) return <Alert type="error" showIcon title="无法读取工作区" description={info.error.message} />;

  return (
    <div data-testid="page-overview">
      <Row gutter={16}>
        <Col span={6}>
          <Card>
            <Statistic title="主体数" value={subjects} data-testid="kpi-subjects" />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic title="信用记录数" value={records} />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic title="行政处罚" value={canonical.find((t) => t.name === 'penalties')?.rows ?? 0} />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic title="行政许可" value={canonical.find((t) => t.name === 'licenses')?.rows ?? 0} />
          </Card>
        </Col>
      </Row>
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col span={12}>
          <Card title="各街镇主体数">
            <Chart
              testId="chart-town"
              option={barOption({ categories: byTown.rows.map((r) => String(r.town)), series: [{ name: '主体数', data: byTown.rows.map((r) => Number(r.n)) }] })}
            />
          </Card>
        </Col>
        <Col span={12}>
          <Card title="主要行业主体数">
            <Chart
              testId="chart-industry"
              option={barOption({
                horizontal: true,
                categories: byIndustry.rows.map((r) => String(r.industry)),
                series: [{ name: '主体数', data: byIndustry.rows.map((r) => Number(r.n)) }],
              })}
            />
          </Card>
        </Col>
      </Row>
      <Card title="各表数据量" style={{ marginTop: 16 }}>
        <Table
          data-testid="table-counts"
          size="small"
          rowKey="name"
          pagination={false}
          dataSource={canonical}
          columns={[
            { title: '数据表', dataIndex: 'label' },
            { title: '表名', dataIndex: 'name' },
            { title: '行数', dataIndex: 'rows', align: 'right', render: (n: number) => n.toLocaleString('zh-CN') },
          ]}
        />
      </Card>
    </div>
  );
}
