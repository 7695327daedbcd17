// 数据浏览: page through any canonical table (virtual rows over Arrow pages), with per-column filters, column
// statistics and export of the filtered view; a row with a subject code opens that subject's profile.
import { useState } from 'react';
import { Card, Select, Space, Typography } from 'antd';
import { DataGrid } from '../components/DataGrid';
import { CANONICAL_TABLES, BOOKKEEPING_COLUMNS } from '../../../shared/domain/tables';
import { useNav } from '../hooks/useNav';
import { useLocalStorage } from '../hooks/useLocalStorage';

export function BrowsePage() {
  const nav = useNav();
  const [table, setTable] = useLocalStorage('cws-browse-table', 'subjects');
  const def = CANONICAL_TABLES.find((t) => t.name === table) ?? CANONICAL_TABLES.find((t) => t.name === 'subjects')!;
  const [labels] = useState(() => new Map<string, Record<string, string>>());
  if (!labels.has(def.name)) labels.set(def.name, Object.fromEntries([...def.columns, ...BOOKKEEPING_COLUMNS].map((c) => [c.name, c.label])));
  const hasUscc = def.columns.some((c) => c.name === 'uscc');
  return (
    <Card
      data-testid="page-browse"
      size="small"
      title={
        <Space>
          数据表
          <Select
            data-testid="browse-table"
            value={def.name}
            onChange={setTable}
            style={{ width: 240 }}
            showSearch
            optionFilterProp="label"
            options={CANONICAL_TABLES.map((t) => ({ value: t.name, label: `${t.label}（${t.name}）` }))}
          />
          {hasUscc ? <Typography.Text type="secondary">点击一行打开该主体的画像</Typography.Text> : null}
        </Space>
      }
    >
      <DataGrid
        key={def.name}
        sql={`SELECT * FROM ${def.name}`}
        labels={labels.get(def.name)}
        height={600}
        name={def.label}
        onRowClick={hasUscc ? (row) => row.uscc && nav.go('profile', { uscc: String(row.uscc) }) : undefined}
      />
    </Card>
  );
}
