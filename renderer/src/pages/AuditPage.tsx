// 审计: the hash-chained audit log with filters (操作类型, 操作人, 日期, 关键字), chain verification, the current
// 脱敏 state, and whether this workspace is encrypted.
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Descriptions, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api } from '../api';
import { useCall } from '../hooks/useCall';
import { ErrorAlert, errorText } from '../components/ErrorAlert';
import { UnmaskControl } from '../components/UnmaskControl';
import type { AuditEntryView, AuditVerificationResult } from '../../../shared/contract/audit';

const PAGE_SIZE = 50;

function localTime(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

function detailText(detail: Record<string, unknown> | null): string {
  if (!detail) return '';
  const parts: string[] = [];
  if (typeof detail.rows === 'number') parts.push(`${detail.rows} 行`);
  if (detail.unmasked === true) parts.push('未脱敏');
  if (typeof detail.format === 'string') parts.push(detail.format);
  if (typeof detail.minutes === 'number') parts.push(`${detail.minutes} 分钟`);
  return parts.join('，');
}

export function AuditPage() {
  const [action, setAction] = useState<string | undefined>();
  const [operator, setOperator] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [verifying, setVerifying] = useState(false);
  const [verification, setVerification] = useState<AuditVerificationResult | null>(null);
  const [verifyError, setVerifyError] = useState('');

  const input = useMemo(
    () => ({
      offset: (page - 1) * PAGE_SIZE,
      limit: PAGE_SIZE,
      ...(action ? { action } : {}),
      ...(operator ? { operator } : {}),
      ...(range?.[0] ? { from: range[0].format('YYYY-MM-DD') } : {}),
      ...(range?.[1] ? { to: range[1].format('YYYY-MM-DD') } : {}),
      ...(search.trim() ? { search: search.trim() } : {}),
    }),
    [page, action, operator, range, search],
  );
  const list = useCall('audit.list', input);
  const security = useCall('security.status', {});

  const verify = async () => {
    setVerifying(true);
    setVerifyError('');
    try {
      setVerification(await api.call('audit.verify', {}));
    } catch (e) {
      setVerifyError(errorText(e));
    } finally {
      setVerifying(false);
    }
  };
  const resetPage = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };

  const ws = security.data?.workspace;
  return (
    <div data-testid="page-audit">
      <Row gutter={16}>
        <Col span={14}>
          <Card title="审计日志完整性" size="small">
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text type="secondary">
                每条记录都包含上一条记录的哈希值（哈希链）：任何一条被修改、删除或调换顺序，校验都会失败并指出位置。
              </Typography.Text>
              <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void verify()} data-testid="audit-verify">
                校验审计日志
              </Button>
              {verification ? (
                verification.ok ? (
                  <Alert type="success" showIcon data-testid="audit-verify-result" title={`校验通过：共 ${verification.entries} 条记录，哈希链完整。`} />
                ) : (
                  <Alert
                    type="error"
                    showIcon
                    data-testid="audit-verify-result"
                    title={`校验失败：第 ${verification.brokenAt} 条起的记录不可信`}
                    description={`${verification.reason ?? ''}（共 ${verification.entries} 条）`}
                  />
                )
              ) : null}
              {verifyError ? <Alert type="error" showIcon title={verifyError} /> : null}
            </Space>
          </Card>
        </Col>
        <Col span={10}>
          <Card title="数据保护" size="small">
            <Descriptions column={1} size="small">
              <Descriptions.Item label="工作区加密">
                {ws ? (ws.encrypted ? <Tag color="green">已加密</Tag> : <Tag>未加密</Tag>) : '—'}
                {ws?.readOnlyReason === 'encryption-unavailable' ? <Tag color="orange">只读：本机缺少加密组件</Tag> : null}
              </Descriptions.Item>
              <Descriptions.Item label="本机加密组件">
                {security.data ? (security.data.encryptionAvailable ? <Tag color="green">可用</Tag> : <Tag color="orange">不可用</Tag>) : '—'}
              </Descriptions.Item>
              <Descriptions.Item label="个人信息">
                <UnmaskControl onChange={() => list.reload()} />
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
      </Row>

      <Card title="审计日志" size="small" style={{ marginTop: 16 }}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            allowClear
            placeholder="操作类型"
            style={{ width: 200 }}
            value={action}
            onChange={resetPage(setAction)}
            options={(list.data?.actions ?? []).map((a) => ({ value: a.action, label: a.label }))}
            data-testid="audit-filter-action"
          />
          <Select
            allowClear
            placeholder="操作人"
            style={{ width: 160 }}
            value={operator}
            onChange={resetPage(setOperator)}
            options={(list.data?.operators ?? []).map((o) => ({ value: o, label: o }))}
          />
          <DatePicker.RangePicker value={range} onChange={resetPage(setRange)} placeholder={['开始日期', '结束日期']} allowEmpty={[true, true]} />
          <Input.Search allowClear placeholder="对象、事由或详情中的文字" style={{ width: 240 }} onSearch={resetPage(setSearch)} />
        </Space>
        {list.error ? <ErrorAlert error={list.error} title="无法读取审计日志" onRetry={list.reload} /> : null}
        <Table<AuditEntryView>
          data-testid="audit-table"
          size="small"
          rowKey="seq"
          loading={list.loading}
          dataSource={list.data?.entries ?? []}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: setPage, showTotal: (t) => `共 ${t} 条` }}
          expandable={{
            rowExpandable: (r) => !!r.detail,
            expandedRowRender: (r) => (
              <pre style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap' }}>
                {JSON.stringify(r.detail, null, 2)}
                {'\n'}哈希：{r.hash}
              </pre>
            ),
          }}
          columns={[
            { title: '序号', dataIndex: 'seq', width: 80, align: 'right' },
            { title: '时间', dataIndex: 'loggedAt', width: 170, render: (t: string) => localTime(t) },
            { title: '操作人', dataIndex: 'operator', width: 120 },
            {
              title: '操作',
              dataIndex: 'actionLabel',
              width: 160,
              render: (label: string, r) => <Tag color={r.action.startsWith('unmask') ? 'orange' : r.action.startsWith('export') ? 'blue' : undefined}>{label}</Tag>,
            },
            { title: '对象', dataIndex: 'target', ellipsis: true },
            { title: '查询事由 / 用途', dataIndex: 'purpose', ellipsis: true },
            { title: '说明', dataIndex: 'detail', width: 160, render: (d: Record<string, unknown> | null) => detailText(d) },
          ]}
        />
      </Card>
    </div>
  );
}
