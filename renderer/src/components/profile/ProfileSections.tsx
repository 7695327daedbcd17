// The profile's sections (《公共信用信息报告标准（2022年版）》) as tabs, each with its tables and counts.
import { Badge, Empty, Table, Tabs, Typography } from 'antd';
import type { ProfileSection, ProfileTable, SubjectProfile } from '../../../../shared/contract/profile';
import { COMMITMENT_STATUS_LABELS } from '../../../../shared/domain/enums';
import { EvaluationPanel } from './EvaluationPanel';

function display(column: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (column === 'status' && typeof v === 'string' && COMMITMENT_STATUS_LABELS[v]) return COMMITMENT_STATUS_LABELS[v];
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number') return Number.isInteger(v) ? v.toLocaleString('zh-CN') : v.toLocaleString('zh-CN', { maximumFractionDigits: 4 });
  return String(v);
}

function PartTable({ t }: { t: ProfileTable }) {
  return (
    <div style={{ marginBottom: 16 }} data-testid={`profile-part-${t.key}`} data-total={t.total}>
      <Typography.Text strong>
        {t.label}（{t.total.toLocaleString('zh-CN')} 条）
      </Typography.Text>
      {t.total > t.rows.length ? <Typography.Text type="secondary">　此处列出最近 {t.rows.length} 条，全部记录请在“数据浏览”或导出中查看。</Typography.Text> : null}
      {t.rows.length ? (
        <Table
          size="small"
          style={{ marginTop: 4 }}
          rowKey={(_, i) => String(i)}
          dataSource={t.rows}
          pagination={t.rows.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
          scroll={{ x: 'max-content' }}
          columns={t.columns.map((c) => ({
            title: c.label,
            dataIndex: c.name,
            ellipsis: true,
            render: (v: unknown) => display(c.name, v),
          }))}
        />
      ) : (
        <div className="cws-section-empty">无记录</div>
      )}
    </div>
  );
}

function count(s: ProfileSection): number {
  return s.tables.reduce((n, t) => n + t.total, 0);
}

export function ProfileSections({ profile }: { profile: SubjectProfile }) {
  const items = profile.sections
    .filter((s) => s.key !== 'basic')
    .map((s, i) => ({
      key: s.key,
      label: (
        <span data-testid={`section-tab-${s.key}`}>
          {i + 2}. {s.title} {s.key !== 'evaluation' ? <Badge count={count(s)} overflowCount={999} showZero color={count(s) ? '#1f6feb' : '#ccc'} /> : null}
        </span>
      ),
      children:
        s.key === 'evaluation' ? (
          <EvaluationPanel profile={profile} section={s} />
        ) : s.tables.length ? (
          s.tables.map((t) => <PartTable key={t.key} t={t} />)
        ) : (
          <Empty description={s.note ?? '无记录'} />
        ),
    }));
  return <Tabs items={items} data-testid="profile-sections" />;
}
