// KPI cards of 总览: subjects and records per category (for the current filter), grade and tier distribution,
// open warnings and repairable records. Figures that depend on a capability not run yet say so instead.
import { Button, Card, Col, Empty, Row, Statistic, Typography } from 'antd';
import type { OverviewSummary } from '../../../../shared/contract/profile';
import { GRADE_LABELS } from '../../../../shared/domain/enums';
import { Chart } from '../Chart';
import { distributionOption, GRADE_COLORS, TIER_COLORS } from '../../../../shared/charts/overview';
import { useMemo } from 'react';
import { useNav } from '../../hooks/useNav';

export interface CapabilityState {
  evaluate: boolean;
  tiering: boolean;
  repair: boolean;
}

const n = (v: number) => v.toLocaleString('zh-CN');

export function KpiCards({ summary, built }: { summary: OverviewSummary; built: CapabilityState }) {
  const records = summary.records.reduce((a, r) => a + r.rows, 0);
  return (
    <>
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6} xl={4}>
          <Card size="small">
            <Statistic title="主体数" value={summary.subjects} formatter={(v) => n(Number(v))} data-testid="kpi-subjects" />
          </Card>
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Card size="small">
            <Statistic title="信用记录合计" value={records} formatter={(v) => n(Number(v))} data-testid="kpi-records" />
          </Card>
        </Col>
        {summary.records
          .filter((r) => r.rows > 0 || ['licenses', 'penalties', 'credit_lists', 'commitments'].includes(r.table))
          .map((r) => (
            <Col xs={12} md={6} xl={4} key={r.table}>
              <Card size="small">
                <Statistic title={r.label} value={r.rows} formatter={(v) => n(Number(v))} data-testid={`kpi-${r.table}`} />
              </Card>
            </Col>
          ))}
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} md={12} xl={7}>
          <DistributionCard
            title="信用等级分布"
            testId="kpi-grades"
            data={summary.grades}
            order={['A', 'B', 'C', 'D']}
            colors={GRADE_COLORS}
            labels={GRADE_LABELS}
            built={built.evaluate}
            page="evaluate"
            empty="尚无信用评价结果"
          />
        </Col>
        <Col xs={24} md={12} xl={7}>
          <DistributionCard
            title="监管层级分布"
            testId="kpi-tiers"
            data={summary.tiers}
            order={['无感监管', '一般监管', '重点监管', '严格监管']}
            colors={TIER_COLORS}
            built={built.tiering}
            page="tiering"
            empty="尚无分级分类结果"
          />
        </Col>
        <Col xs={12} md={12} xl={5}>
          <CountCard title="未处理预警" value={summary.openWarnings} built={built.tiering} page="tiering" empty="尚未运行预警" testId="kpi-warnings" />
        </Col>
        <Col xs={12} md={12} xl={5}>
          <CountCard title="可申请修复的处罚" value={summary.repairable} built={built.repair} page="repair" empty="尚未测算公示期" testId="kpi-repairable" />
        </Col>
      </Row>
    </>
  );
}

function NotYet({ built, page, text }: { built: boolean; page: string; text: string }) {
  const nav = useNav();
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        built ? (
          <>
            {text}
            <br />
            <Button size="small" type="link" onClick={() => nav.go(page)}>
              去运行
            </Button>
          </>
        ) : (
          `${text}（该功能建设中）`
        )
      }
    />
  );
}

function DistributionCard(props: {
  title: string;
  testId: string;
  data: { runId: string; asOf: string; counts: Record<string, number> } | null;
  order: string[];
  colors: Record<string, string>;
  labels?: Record<string, string>;
  built: boolean;
  page: string;
  empty: string;
}) {
  const option = useMemo(
    () => (props.data ? distributionOption({ order: props.order, counts: props.data.counts, colors: props.colors, labels: props.labels }) : null),
    [props.data, props.order, props.colors, props.labels],
  );
  return (
    <Card size="small" title={props.title} extra={props.data ? <Typography.Text type="secondary">截至 {props.data.asOf}</Typography.Text> : null} data-testid={props.testId}>
      {option ? <Chart option={option} height={200} testId={`${props.testId}-chart`} /> : <NotYet built={props.built} page={props.page} text={props.empty} />}
    </Card>
  );
}

function CountCard(props: { title: string; value: number | null; built: boolean; page: string; empty: string; testId: string }) {
  return (
    <Card size="small" title={props.title} style={{ height: '100%' }} data-testid={props.testId}>
      {props.value === null ? (
        <NotYet built={props.built} page={props.page} text={props.empty} />
      ) : (
        <Statistic value={props.value} formatter={(v) => n(Number(v))} styles={{ content: { fontSize: 32 } }} />
      )}
    </Card>
  );
}
