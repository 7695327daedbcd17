// The cross-filtering charts: clicking a town or an industry bar (or its axis label) filters every figure; the
// clicked bar stays coloured, the others fade. Clicking the selected bar again clears that filter.
import { useMemo } from 'react';
import { Card, Col, Row } from 'antd';
import type { ECElementEvent } from 'echarts';
import type { OverviewFilter, OverviewSummary } from '../../../../shared/contract/profile';
import { groupBarOption, monthTrendOption } from '../../../../shared/charts/overview';
import { Chart } from '../Chart';

function clickedName(p: ECElementEvent): string | null {
  if (p.componentType === 'series') return p.name ?? null;
  // Axis label clicks (triggerEvent) carry the label as value.
  const value = (p as unknown as { value?: unknown }).value;
  return typeof value === 'string' ? value : null;
}

export function OverviewCharts({ summary, filter, onFilter }: { summary: OverviewSummary; filter: OverviewFilter; onFilter: (f: OverviewFilter) => void }) {
  const town = useMemo(
    () =>
      groupBarOption({
        categories: summary.byTown.map((r) => r.key),
        series: [
          { name: '主体数', data: summary.byTown.map((r) => r.subjects) },
          { name: '行政处罚', data: summary.byTown.map((r) => r.penalties) },
        ],
        selected: filter.town ?? null,
      }),
    [summary.byTown, filter.town],
  );
  const industry = useMemo(
    () =>
      groupBarOption({
        categories: summary.byIndustry.map((r) => r.key),
        series: [
          { name: '主体数', data: summary.byIndustry.map((r) => r.subjects) },
          { name: '行政处罚', data: summary.byIndustry.map((r) => r.penalties) },
        ],
        selected: filter.industry ?? null,
        horizontal: true,
      }),
    [summary.byIndustry, filter.industry],
  );
  const months = useMemo(
    () =>
      monthTrendOption({
        months: summary.byMonth.map((m) => m.month),
        series: [
          { name: '行政处罚', data: summary.byMonth.map((m) => m.penalties) },
          { name: '行政许可', data: summary.byMonth.map((m) => m.licenses) },
        ],
      }),
    [summary.byMonth],
  );
  const toggle = (key: 'town' | 'industry') => (p: ECElementEvent) => {
    const name = clickedName(p);
    if (!name) return;
    onFilter({ ...filter, [key]: filter[key] === name ? undefined : name });
  };
  return (
    <>
      <Row gutter={12} style={{ marginTop: 12 }}>
        <Col xs={24} xl={12}>
          <Card size="small" title="各街镇主体数与行政处罚（点击柱条筛选）">
            <Chart testId="chart-town" option={town} height={340} onClick={toggle('town')} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title="主要行业主体数与行政处罚（点击柱条筛选）">
            <Chart testId="chart-industry" option={industry} height={340} onClick={toggle('industry')} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title="每月行政处罚与行政许可（按决定日期）" style={{ marginTop: 12 }}>
        <Chart testId="chart-month" option={months} height={280} />
      </Card>
    </>
  );
}
