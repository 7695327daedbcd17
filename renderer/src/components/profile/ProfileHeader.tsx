// The head of a profile: who the subject is, its grade and tier, lists in force, masking state and exports.
import { Alert, Card, Descriptions, Space, Tag, Typography } from 'antd';
import type { SubjectProfile } from '../../../../shared/contract/profile';
import { GRADE_LABELS, BLACK_LIST_TYPES, RED_LIST_TYPES } from '../../../../shared/domain/enums';
import { GRADE_COLORS, TIER_COLORS } from '../../../../shared/charts/overview';
import { ProfileExport } from './ProfileExport';
import { UnmaskControl } from '../UnmaskControl';

// Local date (the sv-SE locale writes YYYY-MM-DD); toISOString is UTC, which is yesterday in China before 08:00.
const today = () => new Date().toLocaleDateString('sv-SE');

/** List types in force today, from the profile's list sections. */
export function listsInForce(p: SubjectProfile): string[] {
  const types = new Set<string>();
  for (const s of p.sections) {
    for (const t of s.tables) {
      if (t.table !== 'credit_lists') continue;
      for (const r of t.rows) {
        const out = r.out_date as string | null;
        if ((!out || out > today()) && String(r.in_date ?? '') <= today()) types.add(String(r.list_type));
      }
    }
  }
  return [...types];
}

export function ProfileHeader({ profile, onReload }: { profile: SubjectProfile; onReload: () => void }) {
  const b = profile.basic.rows[0] ?? {};
  const lists = listsInForce(profile);
  const black = lists.filter((l) => (BLACK_LIST_TYPES as readonly string[]).includes(l));
  const red = lists.filter((l) => (RED_LIST_TYPES as readonly string[]).includes(l));
  return (
    <Card size="small" data-testid="profile-header">
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <Space orientation="vertical" size={2}>
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="profile-name">
              {profile.name}
            </Typography.Title>
            {b.status ? <Tag color={b.status === '存续' ? 'green' : 'red'}>{String(b.status)}</Tag> : null}
            {profile.evaluation ? (
              <Tag color={GRADE_COLORS[profile.evaluation.grade]} data-testid="profile-grade">
                信用等级 {profile.evaluation.grade} {GRADE_LABELS[profile.evaluation.grade as 'A'] ?? ''}（{profile.evaluation.finalScore} 分）
              </Tag>
            ) : (
              <Tag data-testid="profile-grade">尚无信用评价</Tag>
            )}
            {profile.tier ? <Tag color={TIER_COLORS[profile.tier.tier]}>{profile.tier.tier}</Tag> : null}
            {black.map((l) => (
              <Tag key={l} color="red">
                {l}
              </Tag>
            ))}
            {red.map((l) => (
              <Tag key={l} color="green">
                {l}
              </Tag>
            ))}
          </Space>
          <Typography.Text type="secondary" copyable={{ text: profile.uscc }} data-testid="profile-uscc">
            统一社会信用代码 {profile.uscc}
          </Typography.Text>
        </Space>
        <ProfileExport uscc={profile.uscc} />
      </div>
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} style={{ marginTop: 8 }}>
        {profile.basic.columns
          .filter((c) => !['uscc', 'name'].includes(c.name))
          .map((c) => (
            <Descriptions.Item key={c.name} label={c.label}>
              {b[c.name] === null || b[c.name] === undefined ? '—' : String(b[c.name])}
            </Descriptions.Item>
          ))}
      </Descriptions>
      <Alert
        type={profile.masked ? 'info' : 'warning'}
        showIcon
        style={{ marginTop: 8 }}
        title={profile.masked ? '自然人的姓名、证件号码和电话已脱敏显示。查看和导出本画像均记入审计日志。' : '当前显示未脱敏的个人信息（已说明事由并记入审计），请妥善使用。'}
        action={<UnmaskControl onChange={onReload} />}
      />
    </Card>
  );
}
