// 信用评价 in a profile: the latest grade, its score and the contributions that add up to it, and the
// supervision tier. Evidence rows per indicator come from the evaluation capability when it is built.
import { useState } from 'react';
import { Alert, Button, Descriptions, Empty, Table, Typography } from 'antd';
import type { ProfileSection, SubjectProfile } from '../../../../shared/contract/profile';
import { GRADE_LABELS } from '../../../../shared/domain/enums';
import { api } from '../../api';
import { errorText } from '../ErrorAlert';
import { isBuilt } from '../../pages/registry';
import { useNav } from '../../hooks/useNav';

export function EvaluationPanel({ profile, section }: { profile: SubjectProfile; section: ProfileSection }) {
  const nav = useNav();
  const e = profile.evaluation;
  const [evidence, setEvidence] = useState<string | null>(null);
  if (!e && !profile.tier) {
    return <Empty description={section.note ?? '尚无评价结果'} data-testid="evaluation-empty" />;
  }
  const sum = e ? e.contributions.reduce((a, c) => a + c.points, 0) : 0;
  return (
    <div data-testid="evaluation-panel">
      {e ? (
        <>
          <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label="信用等级">
              <Typography.Text strong>
                {e.grade} {GRADE_LABELS[e.grade as 'A'] ?? ''}
              </Typography.Text>
              {e.computedGrade && e.computedGrade !== e.grade ? <Typography.Text type="danger">（按得分为 {e.computedGrade}，因否决事由调整）</Typography.Text> : null}
            </Descriptions.Item>
            <Descriptions.Item label="最终得分">{e.finalScore}</Descriptions.Item>
            <Descriptions.Item label="评价日期">{e.asOf}</Descriptions.Item>
            <Descriptions.Item label="综合评价得分">{e.comprehensive ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="行业评价得分">{e.industry ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="否决事由">{e.override ?? '—'}</Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            得分构成：各指标加减分合计 {Math.round(sum * 100) / 100} 分（与基础分一起构成各模型得分）。
          </Typography.Paragraph>
          <Table
            size="small"
            rowKey={(c) => `${c.modelId}/${c.indicatorId}`}
            dataSource={e.contributions}
            pagination={false}
            columns={[
              { title: '指标', dataIndex: 'label' },
              { title: '模型', dataIndex: 'modelId' },
              { title: '得分', dataIndex: 'points', align: 'right', render: (v: number) => <Typography.Text type={v < 0 ? 'danger' : undefined}>{v > 0 ? `+${v}` : v}</Typography.Text> },
              { title: '依据记录', dataIndex: 'evidenceCount', align: 'right' },
            ]}
          />
          {isBuilt('evaluate') ? (
            <Button
              type="link"
              style={{ paddingLeft: 0 }}
              onClick={() =>
                api
                  .call('evaluate.explain', { runId: e.runId, uscc: profile.uscc })
                  .then(() => nav.go('evaluate', { runId: e.runId, uscc: profile.uscc }))
                  .catch((err) => setEvidence(errorText(err)))
              }
            >
              在“信用评价”中查看每项指标的依据记录
            </Button>
          ) : null}
          {evidence ? <Alert type="warning" showIcon title={evidence} /> : null}
        </>
      ) : (
        <Empty description={section.note} />
      )}
      {profile.tier ? (
        <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} style={{ marginTop: 12 }} title={`分级分类监管（${profile.tier.asOf}）`}>
          <Descriptions.Item label="监管层级">{profile.tier.tier}</Descriptions.Item>
          <Descriptions.Item label="风险类别">{profile.tier.riskClass}</Descriptions.Item>
          <Descriptions.Item label="抽查比例">{profile.tier.share === null ? '—' : `${profile.tier.share}%`}</Descriptions.Item>
          <Descriptions.Item label="检查频次">{profile.tier.frequency ?? '—'}</Descriptions.Item>
        </Descriptions>
      ) : null}
    </div>
  );
}
