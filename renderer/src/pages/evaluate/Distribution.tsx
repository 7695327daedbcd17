// Grade distribution of one run: overall, score histogram, by town and by industry.
import { useState } from 'react';
import { Card, Col, Row, Segmented, Statistic } from 'antd';
import { Chart } from '../../components/Chart';
import { GRADE_COLORS, GRADE_KEYS, GRADE_NAMES, gradeByGroupOption, gradePieOption, scoreHistogramOption } from '../../../../shared/charts/evaluate';
import type { EvalSummary } from '../../../../shared/contract/evaluate';

export function Distribution({ summary }: { summary: EvalSummary }) {
  const [mode, setMode] = useState<'percent' | 'count'>('percent');
  const percent = mode === 'percent';
  const total = summary.run.subjects;
  return (
    <div data-testid="evaluate-distribution">
      <Row gutter={12}>
        <Col span={4}>
          <Card size="small">
            <Statistic title="评价主体" value={total} />
          </Card>
        </Col>
        {GRADE_KEYS.map((g) => (
          <Col span={4} key={g}>
            <Card size="small">
              <Statistic
                title={GRADE_NAMES[g]}
                value={summary.overall[g]}
                styles={{ content: { color: GRADE_COLORS[g] } }}
                suffix={<span style={{ fontSize: 12 }}>{total ? `${((summary.overall[g] / total) * 100).toFixed(1)}%` : ''}</span>}
                data-testid={`evaluate-grade-${g}`}
              />
            </Card>
          </Col>
        ))}
        <Col span={4}>
          <Card size="small">
            <Statistic title="行业评价主体 / 否决规则降级" value={`${summary.industryScored} / ${summary.overridden}`} />
          </Card>
        </Col>
      </Row>
      <Row gutter={12} style={{ marginTop: 12 }}>
        <Col span={8}>
          <Card size="small" title="等级分布">
            <Chart option={gradePieOption({ grades: summary.overall })} height={280} testId="chart-grades" />
          </Card>
        </Col>
        <Col span={16}>
          <Card size="small" title="最终得分分布">
            <Chart option={scoreHistogramOption({ bins: summary.histogram })} height={280} testId="chart-histogram" />
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        style={{ marginTop: 12 }}
        title="按街镇"
        extra={<Segmented size="small" value={mode} onChange={(v) => setMode(v as 'percent' | 'count')} options={[{ value: 'percent', label: '占比' }, { value: 'count', label: '数量' }]} />}
      >
        <Chart option={gradeByGroupOption({ groups: summary.byTown, percent })} height={320} testId="chart-town" />
      </Card>
      <Card size="small" style={{ marginTop: 12 }} title="按行业（主体数最多的 20 个）">
        <Chart option={gradeByGroupOption({ groups: summary.byIndustry.slice(0, 20), percent, horizontal: true })} height={520} testId="chart-industry" />
      </Card>
    </div>
  );
}
