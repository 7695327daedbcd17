// Supervision lists of a run: 无感监管对象清单, 重点监管对象清单 or all results (paged table, filters, export), and
// the 无事不扰事项清单 from the run's matrix. The table (tier.list) and the export (tier.export) get the same filter
// object, so the core applies one rule to both and what is shown is exactly what is exported.
import { useEffect, useState } from 'react';
import { Alert, Card, Flex, Input, Segmented, Select, Table, Tag, Typography } from 'antd';
import { useCall } from '../../hooks/useCall';
import { LIST_KIND_LABELS, RISK_SOURCE_LABELS, TIERS, type ListKind, type Tier, type TierListRow, type TierSummary } from '../../../../shared/contract/tiering';
import { TIER_COLORS } from '../../../../shared/charts/tiering';
import { ExportButton } from './ExportButton';

const PAGE_SIZES = [20, 50, 100, 200];

/** The list filters besides the kind, exactly as tier.list and tier.export take them. */
interface ListFilter {
  tier?: Tier;
  town?: string;
  industry?: string;
  search?: string;
}

const COLUMNS = [
  { title: '统一社会信用代码', dataIndex: 'uscc', width: 180 },
  { title: '主体名称', dataIndex: 'name' },
  { title: '街镇', dataIndex: 'town', width: 100 },
  { title: '行业代码', dataIndex: 'industryCode', width: 80 },
  { title: '行业名称', dataIndex: 'industryName' },
  { title: '信用等级', dataIndex: 'grade', width: 70 },
  { title: '风险类别', dataIndex: 'riskClass', width: 70 },
  { title: '风险来源', dataIndex: 'riskSource', width: 110, render: (s: TierListRow['riskSource']) => RISK_SOURCE_LABELS[s] ?? s },
  { title: '风险分', dataIndex: 'riskPoints', width: 70 },
  { title: '监管层级', dataIndex: 'tier', width: 90, render: (t: Tier) => <Tag color={TIER_COLORS[t]}>{t}</Tag> },
  { title: '抽查比例（%）', dataIndex: 'share', width: 100 },
  { title: '检查频次', dataIndex: 'frequency' },
  { title: '预警', dataIndex: 'warnings', width: 60 },
];

export function Lists({ summary }: { summary: TierSummary }) {
  const runId = summary.run.runId;
  const matrix = summary.matrix.matrix;
  const [kind, setKind] = useState<ListKind>('noDisturb');
  const [filter, setFilter] = useState<ListFilter>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const set = (patch: Partial<ListFilter>) => {
    // A cleared field drops its key, so the table and the export get the same minimal filter.
    setFilter((f) => Object.fromEntries(Object.entries({ ...f, ...patch }).filter(([, v]) => v !== undefined && v !== '')) as ListFilter);
    setPage(1);
  };
  useEffect(() => setPage(1), [runId]);
  const query = { kind, runId, ...filter };
  const list = useCall('tier.list', { ...query, offset: (page - 1) * pageSize, limit: pageSize });
  const items = useCall('tier.exemptItems', { runId });

  const tiers = kind === 'all' ? null : matrix.lists[kind];
  // Towns as the summary groups them, 未登记街镇 included (the core matches it to subjects without a town).
  const towns = [...new Set(summary.byTown.map((t) => t.town))];
  const total = list.data?.total ?? null;

  return (
    <div data-testid="tier-lists">
      <Flex gap={8} wrap align="center" style={{ marginBottom: 8 }}>
        <Segmented
          value={kind}
          onChange={(v) => {
            setKind(v as ListKind);
            set({ tier: undefined });
          }}
          options={(['noDisturb', 'key', 'all'] as const).map((k) => ({ value: k, label: LIST_KIND_LABELS[k] }))}
          data-testid="tier-list-kind"
        />
        <Select
          allowClear
          placeholder="层级"
          style={{ width: 130 }}
          value={filter.tier}
          onChange={(v?: Tier) => set({ tier: v })}
          options={(tiers ?? TIERS).map((t) => ({ value: t, label: t }))}
          data-testid="tier-list-tier"
        />
        <Select
          allowClear
          showSearch
          placeholder="街镇"
          style={{ width: 150 }}
          value={filter.town}
          onChange={(v?: string) => set({ town: v })}
          options={towns.map((t) => ({ value: t, label: t }))}
          data-testid="tier-list-town"
        />
        <Input.Search
          allowClear
          placeholder="行业代码前缀或名称，如 C27、口腔"
          style={{ width: 240 }}
          onSearch={(v) => set({ industry: v.trim() })}
          data-testid="tier-list-industry"
        />
        <Input.Search allowClear placeholder="名称或代码" style={{ width: 220 }} onSearch={(v) => set({ search: v.trim() })} data-testid="tier-list-search" />
        <ExportButton input={query} label="导出清单（XLSX）" testId="tier-list-export" />
        {total !== null && (
          <Typography.Text type="secondary" data-testid="tier-list-total">
            共 {total.toLocaleString('zh-CN')} 户
          </Typography.Text>
        )}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        {kind === 'noDisturb' && `无感监管对象：层级为 ${matrix.lists.noDisturb.join('、')} 的主体，不主动开展检查（投诉举报、预警触发时除外），适用下方“无事不扰”事项。`}
        {kind === 'key' && `重点监管对象：层级为 ${matrix.lists.key.join('、')} 的主体，按矩阵的抽查比例和频次加强检查。`}
        {kind === 'all' && '本次分级的全部主体。'}
        {' 行业：行业代码以所填内容开头，或行业名称包含所填内容；名称或代码：统一社会信用代码以所填内容开头，或主体名称包含所填内容。'}
      </Typography.Paragraph>
      {list.error && <Alert type="error" showIcon style={{ marginBottom: 8 }} title="读取清单失败" description={list.error.message} />}
      <Table
        size="small"
        rowKey="uscc"
        loading={list.loading}
        dataSource={list.data?.rows ?? []}
        columns={COLUMNS}
        scroll={{ x: 1400, y: 480 }}
        data-testid="tier-list-table"
        pagination={{
          current: page,
          pageSize,
          total: total ?? 0,
          pageSizeOptions: PAGE_SIZES,
          showSizeChanger: true,
          onChange: (p, size) => {
            setPage(size === pageSize ? p : 1);
            setPageSize(size);
          },
          showTotal: (t) => `共 ${t.toLocaleString('zh-CN')} 户`,
        }}
      />
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
