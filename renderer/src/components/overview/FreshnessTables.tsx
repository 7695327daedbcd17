// 数据时效: for each department, how many records of each kind it supplied and the latest dates; for each table,
// the latest import batch.
import { useMemo } from 'react';
import { Card, Col, Row, Table, Typography } from 'antd';
import type { FreshnessSummary } from '../../../../shared/contract/profile';

interface DeptRow {
  dept: string;
  total: number;
  lastDecision: string | null;
  lastReported: string | null;
  [table: string]: unknown;
}

export function FreshnessTables({ data }: { data: FreshnessSummary }) {
  const { rows, tables } = useMemo(() => {
    const byDept = new Map<string, DeptRow>();
    const tables = new Map<string, string>();
    for (const r of data.departments) {
      tables.set(r.table, r.label);
      const row = byDept.get(r.dept) ?? { dept: r.dept, total: 0, lastDecision: null, lastReported: null };
      row[r.table] = r.rows;
      row.total += r.rows;
      if (r.lastDecision && (!row.lastDecision || r.lastDecision > row.lastDecision)) row.lastDecision = r.lastDecision;
      if (r.lastReported && (!row.lastReported || r.lastReported > row.lastReported)) row.lastReported = r.lastReported;
      byDept.set(r.dept, row);
    }
    return { rows: [...byDept.values()].sort((a, b) => b.total - a.total), tables: [...tables.entries()] };
  }, [data]);
  const num = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('zh-CN') : '—');
  return (
    <Row gutter={12} style={{ marginTop: 12 }}>
      <Col xs={24} xl={15}>
        <Card size="small" title="各部门数据时效">
          <Table
            data-testid="table-freshness"
            size="small"
            rowKey="dept"
            pagination={false}
            scroll={{ x: true, y: 360 }}
            dataSource={rows}
            columns={[
              { title: '部门', dataIndex: 'dept', fixed: 'left', width: 140 },
              ...tables.map(([t, label]) => ({ title: label, dataIndex: t, align: 'right' as const, render: num })),
              { title: '合计', dataIndex: 'total', align: 'right' as const, render: num },
              { title: '最近业务日期', dataIndex: 'lastDecision', render: (v: string | null) => v ?? '—' },
              { title: '最近上报日期', dataIndex: 'lastReported', render: (v: string | null) => v ?? '—' },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={9}>
        <Card size="small" title="最近导入">
          {data.imports.length ? (
            <Table
              data-testid="table-imports"
              size="small"
              rowKey="table"
              pagination={false}
              scroll={{ y: 360 }}
              dataSource={data.imports}
              columns={[
                { title: '数据表', dataIndex: 'label' },
                { title: '最近导入', dataIndex: 'lastImport' },
                { title: '行数', dataIndex: 'loadedRows', align: 'right', render: num },
                { title: '批次', dataIndex: 'batches', align: 'right' },
              ]}
            />
          ) : (
            <Typography.Text type="secondary">还没有通过“数据导入”导入过文件。</Typography.Text>
          )}
        </Card>
      </Col>
    </Row>
  );
}
