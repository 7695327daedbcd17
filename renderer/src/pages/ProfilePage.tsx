// 主体画像 (一户一档): find a subject by name or code, then its profile — header with grade and lists, timeline,
// direct relations and every record in the sections of the national public credit report; exports and views
// are audited.
import { Card, Col, Row, Spin, Typography } from 'antd';
import { useCall } from '../hooks/useCall';
import { useNav } from '../hooks/useNav';
import { SubjectSearch } from '../components/SubjectSearch';
import { ErrorAlert } from '../components/ErrorAlert';
import { ProfileHeader } from '../components/profile/ProfileHeader';
import { ProfileSections } from '../components/profile/ProfileSections';
import { ProfileTimeline } from '../components/profile/ProfileTimeline';
import { RelationsGraph } from '../components/profile/RelationsGraph';

export function ProfilePage() {
  const nav = useNav();
  const uscc = nav.params.uscc;
  const profile = useCall('profile.get', uscc ? { uscc } : null);
  const data = profile.data && profile.data.uscc === uscc?.trim().toUpperCase() ? profile.data : null;

  return (
    <div data-testid="page-profile" data-state={uscc && !data ? 'loading' : 'ready'}>
      <Card size="small" style={{ marginBottom: 12 }}>
        <SubjectSearch onPick={(hit) => nav.go('profile', { uscc: hit.uscc })} autoFocus={!uscc} />
      </Card>
      {!uscc ? (
        <Typography.Paragraph type="secondary" style={{ padding: 24, textAlign: 'center' }}>
          输入主体名称中的几个字或统一社会信用代码的前几位即可查找；任何页面按 Ctrl+K 也能直接查找。
        </Typography.Paragraph>
      ) : null}
      {profile.error ? <ErrorAlert error={profile.error} title="无法打开主体画像" onRetry={profile.reload} /> : null}
      {uscc && !data && !profile.error ? <Spin style={{ display: 'block', padding: 60 }} description="正在汇集该主体的全部信用记录……" /> : null}
      {data ? (
        <>
          <ProfileHeader profile={data} onReload={profile.reload} />
          <Row gutter={12} style={{ marginTop: 12 }}>
            <Col xs={24} xl={14}>
              <ProfileTimeline events={data.timeline} />
            </Col>
            <Col xs={24} xl={10}>
              <RelationsGraph relations={data.relations} />
            </Col>
          </Row>
          <Card size="small" style={{ marginTop: 12 }}>
            <ProfileSections profile={data} />
          </Card>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            汇集用时 {data.elapsedMs} 毫秒
          </Typography.Text>
        </>
      ) : null}
    </div>
  );
}
