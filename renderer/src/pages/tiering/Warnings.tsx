// Early warnings of a run: filters (rule, severity, state, tier, town, search), paged table with the evidence rows,
// and buttons to mark a warning 已知悉 / 已处置 (the state is kept across re-runs) or reopen it.
import { useState } from 'react';
import { Button, Flex, Input, Popover, Select, Space, Table, Tag, Typography, message } from 'antd';
import { api, ApiError } from '../../api';
import { useCall } from '../../hooks/useCall';
import {
  TIERS,
  WARNING_SEVERITIES,
  WARNING_STATE_LABELS,
  WARNING_STATES,
  type WarningFilter,
  type WarningRow,
  type WarningState,
} from '../../../../shared/contract/tiering';
import { ExportButton } from './ExportButton';
import { SEVERITY_COLORS } from './Overview';

const PAGE = 20;
const STATE_COLORS: Record<WarningState, string> = { open: 'red', acknowledged: 'gold', handled: 'green' };

export function Warnings({ runId, onChanged }: { runId: string; onChanged?: () => void }) {
  const [filter, setFilter] = useState<Omit<WarningFilter, 'runId'>>({ state: 'open' });
  const [page, setPage] = useState(1);
  const input = { runId, ...filter, offset: (page - 1) * PAGE, limit: PAGE };
  const list = useCall('tier.warnings', input);
  const set = (patch: Partial<WarningFilter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setPage(1);
  };

  const mark = async (row: WarningRow, state: WarningState, note?: string) => {
    try {
      await api.call('tier.warning.setState', { ruleId: row.ruleId, uscc: row.uscc, evidenceKey: row.evidenceKey, state, ...(note ? { note } : {}) });
      message.success(`已标记为“${WARNING_STATE_LABELS[state]}”`);
      list.reload();
      onChanged?.();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <div data-testid="tier-warnings">
      <Flex gap={8} wrap align="center" style={{ marginBottom: 8 }}>
        <Select
          allowClear
          placeholder="预警规则"
          style={{ width: 220 }}
          value={filter.ruleId}
          onChange={(v) => set({ ruleId: v })}
          options={(list.data?.rules ?? []).map((r) => ({ value: r.id, label: `${r.label}（${r.windowDays} 天）` }))}
          data-testid="warning-rule"
        />
        <Select allowClear placeholder="严重程度" style={{ width: 110 }} value={filter.severity} onChange={(v) => set({ severity: v })} options={WARNING_SEVERITIES.map((s) => ({ value: s, label: s }))} />
        <Select
          allowClear
          placeholder="处理状态"
          style={{ width: 120 }}
          value={filter.state}
          onChange={(v) => set({ state: v })}
          options={WARNING_STATES.map((s) => ({ value: s, label: WARNING_STATE_LABELS[s] }))}
          data-testid="warning-state"
        />
        <Select allowClear placeholder="监管层级" style={{ width: 120 }} value={filter.tier} onChange={(v) => set({ tier: v })} options={TIERS.map((t) => ({ value: t, label: t }))} />
        <Input.Search allowClear placeholder="街镇" style={{ width: 140 }} onSearch={(v) => set({ town: v.trim() || undefined })} />
        <Input.Search allowClear placeholder="名称或代码" style={{ width: 200 }} onSearch={(v) => set({ search: v.trim() || undefined })} data-testid="warning-search" />
        <ExportButton input={{ kind: 'warnings', runId, ...filter }} testId="warning-export" />
      </Flex>
      <Table
        size="small"
        loading={list.loading}
        rowKey={(r) => `${r.ruleId}|${r.uscc}|${r.evidenceKey}`}
        data-testid="warning-table"
        dataSource={list.data?.rows ?? []}
        pagination={{ current: page, pageSize: PAGE, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (t) => `共 ${t.toLocaleString('zh-CN')} 条` }}
        expandable={{ expandedRowRender: (r) => <Evidence row={r} /> }}
        columns={[
          { title: '严重程度', dataIndex: 'severity', width: 80, render: (s: string) => <Tag color={SEVERITY_COLORS[s]}>{s}</Tag> },
          { title: '规则', dataIndex: 'ruleLabel', width: 160 },
          { title: '主体', render: (_: unknown, r: WarningRow) => <span>{r.name ?? '（未登记）'}<br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.uscc}</Typography.Text></span> },
          { title: '街镇', dataIndex: 'town', width: 100 },
          { title: '层级', dataIndex: 'tier', width: 90 },
          { title: '事件日期', dataIndex: 'eventDate', width: 110 },
          { title: '摘要', dataIndex: 'summary' },
          {
            title: '状态',
            dataIndex: 'state',
            width: 90,
            render: (s: WarningState, r: WarningRow) => (
              <Popover content={r.stateBy ? `${r.stateBy} · ${r.stateAt ?? ''}${r.stateNote ? ` · ${r.stateNote}` : ''}` : '尚未处理'}>
                <Tag color={STATE_COLORS[s]}>{WARNING_STATE_LABELS[s]}</Tag>
              </Popover>
            ),
          },
          {
            title: '操作',
            width: 190,
            render: (_: unknown, r: WarningRow) => <StateButtons row={r} onMark={mark} />,
          },
        ]}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        知悉、处置状态按“规则 + 主体 + 证据键”保存，重新分级后仍然有效；同一主体出现新的事件会产生新的预警。
      </Typography.Text>
    </div>
  );
}

function StateButtons({ row, onMark }: { row: WarningRow; onMark: (r: WarningRow, s: WarningState, note?: string) => Promise<void> }) {
  const [note, setNote] = useState('');
  const noteBox = (state: WarningState) => (
    <Space direction="vertical">
      <Input.TextArea rows={2} maxLength={1000} placeholder="处理说明（可选）" value={note} onChange={(e) => setNote(e.target.value)} style={{ width: 240 }} />
      <Button size="small" type="primary" onClick={() => void onMark(row, state, note.trim() || undefined)} data-testid={`warning-confirm-${state}`}>
        确认
      </Button>
    </Space>
  );
  return (
    <Space size={4}>
      {row.state !== 'acknowledged' && (
        <Popover trigger="click" content={noteBox('acknowledged')}>
          <Button size="small" data-testid="warning-ack">知悉</Button>
        </Popover>
      )}
      {row.state !== 'handled' && (
        <Popover trigger="click" content={noteBox('handled')}>
          <Button size="small" data-testid="warning-handled">处置</Button>
        </Popover>
      )}
      {row.state !== 'open' && (
        <Button size="small" type="link" onClick={() => void onMark(row, 'open')} data-testid="warning-reopen">
          恢复
        </Button>
      )}
    </Space>
  );
}

const FIELD_LABELS: Record<string, string> = {
  table: '来源表', decision_no: '决定书文号', uscc: '统一社会信用代码', decision_date: '决定日期', penalty_types: '处罚类别',
  fine_wan: '罚款（万元）', authority: '机关', list_type: '名单', in_date: '列入日期', reason: '事由', kind: '类型',
  period: '月份', arrears_wan: '欠缴（万元）', commitment_id: '承诺编号', commitment_type: '承诺类型', dept: '部门',
  made_date: '承诺日期', broken_date: '违诺日期', broken_by_decision_no: '违诺处罚', matter: '事项', roles: '关系',
  person_id: '自然人标识', related_uscc: '关联主体',
};

function Evidence({ row }: { row: WarningRow }) {
  const items = Array.isArray(row.evidence) ? (row.evidence as Record<string, unknown>[]) : [];
  const keys = [...new Set(items.flatMap((i) => Object.keys(i)))];
  return (
    <div data-testid="warning-evidence">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>证据键：{row.evidenceKey}</Typography.Text>
      <Table
        size="small"
        pagination={false}
        rowKey={(_, i) => String(i)}
        dataSource={items}
        columns={keys.map((k) => ({ title: FIELD_LABELS[k] ?? k, dataIndex: k, render: (v: unknown) => (Array.isArray(v) ? v.join('、') : v === null || v === undefined ? '' : String(v)) }))}
      />
    </div>
  );
}
