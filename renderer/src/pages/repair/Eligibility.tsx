// 修复资格清单: every penalty of the latest run with its tier, periods and status; filters, server paging and sort,
// export of the filtered list to XLSX.
import { useState } from 'react';
import { Alert, Button, Flex, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { api, ApiError, downloadBytes } from '../../api';
import { useCall } from '../../hooks/useCall';
import { TOWNS, SUBJECT_KINDS } from '../../../../shared/domain/enums';
import {
  DISCLOSURE_STATUSES,
  PENALTY_TIERS,
  RULE_SET_LABELS,
  type DisclosureFilter,
  type DisclosureRow,
  type DisclosureStatus,
  type PenaltyTier,
} from '../../../../shared/contract/repair';
import { STATUS_COLORS } from '../../../../shared/charts/repair';

export const NO_TOWN = '（未匹配街镇）';
const TIER_COLORS: Record<PenaltyTier, string> = { 轻微: 'default', 一般: 'orange', 严重: 'red' };
const SORTABLE = new Set(['decision_date', 'earliest_repair', 'disclosure_end', 'tier', 'status', 'dept', 'town', 'fine_wan']);
type SortColumn = 'decision_date' | 'earliest_repair' | 'disclosure_end' | 'tier' | 'status' | 'dept' | 'town' | 'fine_wan';

export function StatusTag({ status }: { status: DisclosureStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{status}</Tag>;
}

export function TierTag({ tier }: { tier: PenaltyTier }) {
  return <Tag color={TIER_COLORS[tier]}>{tier}</Tag>;
}

const columns: TableProps<DisclosureRow>['columns'] = [
  { title: '决定书文号', dataIndex: 'decision_no', width: 200, ellipsis: true, fixed: 'left' },
  {
    title: '行政相对人',
    dataIndex: 'subject_name',
    width: 200,
    ellipsis: true,
    render: (v: string | null, r) => (
      <Tooltip title={r.uscc ?? '自然人'}>
        <span>{v ?? r.uscc ?? '—'}</span>
      </Tooltip>
    ),
  },
  { title: '类别', dataIndex: 'subject_kind', width: 140 },
  { title: '街镇', dataIndex: 'town', width: 110, sorter: true, render: (v: string | null) => v ?? '—' },
  { title: '处罚机关', dataIndex: 'dept', width: 180, ellipsis: true, sorter: true },
  { title: '决定日期', dataIndex: 'decision_date', width: 110, sorter: true },
  { title: '处罚类别', dataIndex: 'penalty_types', width: 160, ellipsis: true },
  { title: '罚款（万元）', dataIndex: 'fine_wan', width: 110, align: 'right', sorter: true, render: (v: number | null) => (v === null ? '' : v) },
  {
    title: '等级',
    dataIndex: 'tier',
    width: 80,
    sorter: true,
    render: (t: PenaltyTier, r) => (
      <Tooltip title={`定级依据：${r.tier_basis}`}>
        <span>
          <TierTag tier={t} />
        </span>
      </Tooltip>
    ),
  },
  {
    title: '规则',
    dataIndex: 'rule_set',
    width: 150,
    render: (v: 'order36' | 'order58', r) => (
      <span>
        {RULE_SET_LABELS[v]}
        {r.special_domain ? <Tag style={{ marginLeft: 4 }}>{r.special_domain}</Tag> : null}
      </span>
    ),
  },
  { title: '公示期（月）', key: 'months', width: 100, render: (_: unknown, r) => (r.max_months ? `${r.min_months}–${r.max_months}` : '不公示') },
  { title: '可申请修复', dataIndex: 'earliest_repair', width: 110, sorter: true },
  { title: '公示截止', dataIndex: 'disclosure_end', width: 110, sorter: true, render: (v: string | null) => v ?? '—' },
  { title: '状态', dataIndex: 'status', width: 110, fixed: 'right', sorter: true, render: (s: DisclosureStatus) => <StatusTag status={s} /> },
];

export function Eligibility({ runId }: { runId: string }) {
  const [filter, setFilter] = useState<DisclosureFilter>({});
  const [page, setPage] = useState({ current: 1, pageSize: 50 });
  const [sort, setSort] = useState<{ column: SortColumn; desc?: boolean } | undefined>();
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const [exportPurpose, setExportPurpose] = useState('');
  const list = useCall(
    'repair.disclosure',
    { filter, offset: (page.current - 1) * page.pageSize, limit: page.pageSize, ...(sort ? { sort } : {}) },
    [runId],
  );

  const update = (patch: Partial<DisclosureFilter>) => {
    const next: DisclosureFilter = { ...filter, ...patch };
    for (const k of Object.keys(next) as (keyof DisclosureFilter)[]) {
      const v = next[k];
      if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) delete next[k];
    }
    setFilter(next);
    setPage((p) => ({ ...p, current: 1 }));
  };

  const doExport = () => {
    setExporting(true);
    setExportError(null);
    api
      .call('repair.export', { filter, ...(exportPurpose.trim() ? { purpose: exportPurpose.trim() } : {}) })
      .then((r) => downloadBytes(r.bytes, r.fileName, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'))
      .catch((e) => setExportError(e instanceof ApiError ? e.message : String(e)))
      .finally(() => setExporting(false));
  };

  const onChange: TableProps<DisclosureRow>['onChange'] = (pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = s?.field ? String(s.field) : undefined;
    setSort(field && s?.order && SORTABLE.has(field) ? { column: field as SortColumn, desc: s.order === 'descend' } : undefined);
    setPage({ current: pagination.current ?? 1, pageSize: pagination.pageSize ?? 50 });
  };

  return (
    <div data-testid="repair-eligibility">
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select
          mode="multiple"
          allowClear
          placeholder="状态"
          style={{ minWidth: 200 }}
          value={filter.status ?? []}
          onChange={(v) => update({ status: v })}
          options={DISCLOSURE_STATUSES.map((s) => ({ value: s, label: s }))}
          data-testid="repair-filter-status"
        />
        <Select
          mode="multiple"
          allowClear
          placeholder="等级"
          style={{ minWidth: 140 }}
          value={filter.tier ?? []}
          onChange={(v) => update({ tier: v })}
          data-testid="repair-filter-tier"
          options={PENALTY_TIERS.map((t) => ({ value: t, label: t }))}
        />
        <Select
          allowClear
          placeholder="适用规则"
          style={{ width: 160 }}
          value={filter.ruleSet}
          onChange={(v) => update({ ruleSet: v })}
          options={(['order36', 'order58'] as const).map((id) => ({ value: id, label: RULE_SET_LABELS[id] }))}
        />
        <Select
          allowClear
          showSearch
          placeholder="街镇"
          style={{ width: 150 }}
          value={filter.town}
          onChange={(v) => update({ town: v })}
          options={[...TOWNS, NO_TOWN].map((t) => ({ value: t, label: t }))}
        />
        <Select
          allowClear
          placeholder="主体类别"
          style={{ width: 160 }}
          value={filter.subjectKind}
          onChange={(v) => update({ subjectKind: v })}
          options={SUBJECT_KINDS.map((k) => ({ value: k, label: k }))}
        />
        <Input
          allowClear
          placeholder="处罚机关（完整名称）"
          style={{ width: 200 }}
          defaultValue={filter.dept}
          onBlur={(e) => update({ dept: e.target.value.trim() || undefined })}
          onPressEnter={(e) => update({ dept: (e.target as HTMLInputElement).value.trim() || undefined })}
        />
        <span>
          可修复日不晚于{' '}
          <Input type="date" style={{ width: 150 }} value={filter.eligibleBy ?? ''} onChange={(e) => update({ eligibleBy: e.target.value || undefined })} />
        </span>
        <Input.Search
          allowClear
          placeholder="文号 / 代码 / 名称"
          style={{ width: 220 }}
          onSearch={(v) => update({ search: v.trim() || undefined })}
          data-testid="repair-search"
        />
        <Space.Compact>
          <Input
            placeholder="导出用途（可选）"
            maxLength={200}
            style={{ width: 160 }}
            value={exportPurpose}
            onChange={(e) => setExportPurpose(e.target.value)}
            data-testid="repair-export-purpose"
          />
          <Button onClick={doExport} loading={exporting} data-testid="repair-export">
            导出 XLSX
          </Button>
        </Space.Compact>
      </Flex>
      {exportError && <Alert type="error" showIcon title="导出失败" description={exportError} style={{ marginBottom: 12 }} />}
      {list.error && <Alert type="error" showIcon title="无法读取清单" description={list.error.message} style={{ marginBottom: 12 }} />}
      <Table<DisclosureRow>
        size="small"
        rowKey={(r) => `${r.decision_no}|${r.uscc ?? ''}|${r.person_id ?? ''}`}
        columns={columns}
        dataSource={list.data?.rows ?? []}
        loading={list.loading}
        scroll={{ x: 1900 }}
        onChange={onChange}
        pagination={{
          current: page.current,
          pageSize: page.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (t) => `共 ${t.toLocaleString('zh-CN')} 条`,
        }}
        data-testid="repair-eligibility-table"
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
        自然人姓名默认脱敏；导出的清单同样脱敏，导出操作记入审计日志。
      </Typography.Paragraph>
    </div>
  );
}
