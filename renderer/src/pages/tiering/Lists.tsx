// Supervision lists of a run: 无感监管对象清单, 重点监管对象清单 or all results (virtual grid, filters, export), and
// the 无事不扰事项清单 from the run's matrix.
import { useState } from 'react';
import { Card, Flex, Input, Segmented, Select, Table, Typography } from 'antd';
import { DataGrid } from '../../components/DataGrid';
import { useCall } from '../../hooks/useCall';
import { LIST_KIND_LABELS, TIERS, type ListKind, type TierSummary } from '../../../../shared/contract/tiering';
import { ExportButton } from './ExportButton';

const LABELS: Record<string, string> = {
  uscc: '统一社会信用代码',
  name: '主体名称',
  town: '街镇',
  industry_code: '行业代码',
  industry_name: '行业名称',
  grade: '信用等级',
  risk_class: '风险类别',
  risk_source: '风险来源',
  risk_points: '风险分',
  tier: '监管层级',
  share: '抽查比例（%）',
  frequency: '检查频次',
};

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

type Filter = { column: string; op: 'eq' | 'contains' | 'starts'; value: string };

export function Lists({ summary }: { summary: TierSummary }) {
  const runId = summary.run.runId;
  const matrix = summary.matrix.matrix;
  const [kind, setKind] = useState<ListKind>('noDisturb');
  const [tier, setTier] = useState<string | undefined>();
  const [town, setTown] = useState<string | undefined>();
  const [industry, setIndustry] = useState('');
  const [search, setSearch] = useState('');
  const [total, setTotal] = useState<number | null>(null);
  const items = useCall('tier.exemptItems', { runId });

  const tiers = kind === 'all' ? null : matrix.lists[kind];
  const sql = `SELECT t.uscc, s.name, s.town, s.industry_code, s.industry_name, t.grade, t.risk_class,
    CASE t.risk_source WHEN 'imported' THEN '市场监管分类' ELSE '行业风险模型' END AS risk_source, t.risk_points, t.tier, c.share, c.frequency
    FROM tier_results t LEFT JOIN subjects s ON s.uscc = t.uscc
    JOIN tier_run_cells c ON c.run_id = t.run_id AND c.grade = t.grade AND c.risk_class = t.risk_class
    WHERE t.run_id = ${lit(runId)}${tiers ? ` AND t.tier IN (${tiers.map(lit).join(', ')})` : ''}`;
  const filters: Filter[] = [
    ...(tier ? [{ column: 'tier', op: 'eq' as const, value: tier }] : []),
    ...(town ? [{ column: 'town', op: 'eq' as const, value: town }] : []),
    ...(industry.trim() ? [{ column: 'industry_name', op: 'contains' as const, value: industry.trim() }] : []),
    ...(search.trim()
      ? [/^[0-9A-Za-z]{4,}$/.test(search.trim()) ? { column: 'uscc', op: 'starts' as const, value: search.trim().toUpperCase() } : { column: 'name', op: 'contains' as const, value: search.trim() }]
      : []),
  ];
  const towns = [...new Set(summary.byTown.map((t) => t.town))];
  const exportInput = {
    kind,
    runId,
    ...(tier ? { tier: tier as (typeof TIERS)[number] } : {}),
    ...(town ? { town } : {}),
    ...(industry.trim() ? { industry: industry.trim() } : {}),
    ...(search.trim() ? { search: search.trim() } : {}),
  };

  return (
    <div data-testid="tier-lists">
      <Flex gap={8} wrap align="center" style={{ marginBottom: 8 }}>
        <Segmented
          value={kind}
          onChange={(v) => {
            setKind(v as ListKind);
            setTier(undefined);
          }}
          options={(['noDisturb', 'key', 'all'] as const).map((k) => ({ value: k, label: LIST_KIND_LABELS[k] }))}
          data-testid="tier-list-kind"
        />
        <Select allowClear placeholder="层级" style={{ width: 130 }} value={tier} onChange={setTier} options={(tiers ?? TIERS).map((t) => ({ value: t, label: t }))} />
        <Select allowClear showSearch placeholder="街镇" style={{ width: 150 }} value={town} onChange={setTown} options={towns.map((t) => ({ value: t, label: t }))} />
        <Input.Search allowClear placeholder="行业名称" style={{ width: 180 }} onSearch={setIndustry} />
        <Input.Search allowClear placeholder="名称或代码" style={{ width: 220 }} onSearch={setSearch} data-testid="tier-list-search" />
        <ExportButton input={exportInput} label="导出清单（XLSX）" testId="tier-list-export" />
        {total !== null && <Typography.Text type="secondary">共 {total.toLocaleString('zh-CN')} 户</Typography.Text>}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        {kind === 'noDisturb' && `无感监管对象：层级为 ${matrix.lists.noDisturb.join('、')} 的主体，不主动开展检查（投诉举报、预警触发时除外），适用下方“无事不扰”事项。`}
        {kind === 'key' && `重点监管对象：层级为 ${matrix.lists.key.join('、')} 的主体，按矩阵的抽查比例和频次加强检查。`}
        {kind === 'all' && '本次分级的全部主体。'}
      </Typography.Paragraph>
      <DataGrid key={`${runId}-${kind}`} sql={sql} labels={LABELS} filters={filters} height={480} onTotal={setTotal} />
      <Card size="small" style={{ marginTop: 12 }} title={LIST_KIND_LABELS.exemptItems} extra={<ExportButton input={{ kind: 'exemptItems', runId }} testId="tier-items-export" />}>
        <Table
          size="small"
          loading={items.loading}
          rowKey={(r) => `${r.tier}-${r.item}`}
          pagination={false}
          dataSource={items.data ?? []}
          data-testid="tier-exempt-items"
          columns={[
            { title: '监管层级', dataIndex: 'tier' },
            { title: '检查事项', dataIndex: 'item' },
            { title: '实施部门', dataIndex: 'dept' },
            { title: '备注', dataIndex: 'note' },
            { title: '该层级主体数', dataIndex: 'subjects', render: (n: number) => n.toLocaleString('zh-CN') },
          ]}
        />
      </Card>
    </div>
  );
}
