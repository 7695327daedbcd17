// 数据浏览: page through any canonical table (virtual rows over Arrow pages).
import { useState } from 'react';
import { Card, Select, Space } from 'antd';
import { DataGrid } from '../components/DataGrid';
import { CANONICAL_TABLES, BOOKKEEPING_COLUMNS } from '../../../shared/domain/tables';

export function BrowsePage() {
  const [table, setTable] = useState('subjects');
  const def = CANONICAL_TABLES.find((t) => t.name === table)!;
  const labels = Object.fromEntries([...def.columns, ...BOOKKEEPING_COLUMNS].map((c) => [c.name, c.label]));
  return (
    <Card
      data-testid="page-browse"
      title={
        <Space>
          数据表
          <Select
            data-testid="browse-table"
            value={table}
            onChange={setTable}
            style={{ width: 220 }}
            options={CANONICAL_TABLES.map((t) => ({ value: t.name, label: `${t.label}（${t.name}）` }))}
          />
        </Space>
      }
    >
      <DataGrid key={table} sql={`SELECT * FROM ${table}`} labels={labels} height={600} />
    </Card>
  );
}
