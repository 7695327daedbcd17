// 总览: KPI cards, cross-filtering charts by town / industry / month, and data freshness per department.
import { useCallback, useState } from 'react';
import { Spin } from 'antd';
import { useCall } from '../hooks/useCall';
import type { OverviewFilter } from '../../../shared/contract/profile';
import { TOWNS } from '../../../shared/domain/enums';
import { ErrorAlert } from '../components/ErrorAlert';
import { KpiCards } from '../components/overview/KpiCards';
import { FilterTags } from '../components/overview/FilterTags';
import { OverviewCharts } from '../components/overview/OverviewCharts';
import { FreshnessTables } from '../components/overview/FreshnessTables';
import { isBuilt } from './registry';
import { useOnReshow } from '../hooks/usePageActive';

export function OverviewPage() {
  const [filter, setFilter] = useState<OverviewFilter>({});
  const summary = useCall('overview.summary', filter);
  const fresh = useCall('overview.freshness', {});
  // Shown again after another page (an import, a run): recount (the core answers from its cache if nothing changed).
  useOnReshow(() => {
    summary.reload();
    fresh.reload();
  });
  // Industry choices come from the unfiltered-by-industry chart, so the select lists what the data holds.
  const [industries, setIndustries] = useState<string[]>([]);
  const onFilter = useCallback((f: OverviewFilter) => setFilter({ ...(f.town ? { town: f.town } : {}), ...(f.industry ? { industry: f.industry } : {}) }), []);
  const data = summary.data;
  if (data && !filter.industry && industries.join() !== data.byIndustry.map((r) => r.key).join()) {
    setIndustries(data.byIndustry.map((r) => r.key));
  }
  // Ready when the data shown is the data for the current filter (not the previous one still on screen); a
  // refresh of the same figures (the page shown again) happens in the background.
  const ready = !!data && JSON.stringify(data.filter) === JSON.stringify(filter);
  const built = { evaluate: isBuilt('evaluate'), tiering: isBuilt('tiering'), repair: isBuilt('repair') };
  const towns = data ? [...new Set([...data.byTown.map((r) => r.key), ...TOWNS])] : [...TOWNS];

  return (
    <div data-testid="page-overview" data-state={ready ? 'ready' : 'loading'} data-refreshing={summary.loading} data-filter={JSON.stringify(filter)}>
      {summary.error ? <ErrorAlert error={summary.error} title="无法读取总览数据" onRetry={summary.reload} /> : null}
      {!data && !summary.error ? <Spin style={{ display: 'block', padding: 80 }} description="正在汇总全部数据（首次打开百万级工作区需要几秒，之后数据不变时即时显示）……" /> : null}
      {data ? (
        <>
          <div style={{ marginBottom: 12, display: 'flex', alignItems: 'center', gap: 12 }}>
            <FilterTags filter={filter} towns={towns} industries={industries} onChange={onFilter} />
            {summary.loading ? <Spin size="small" /> : null}
          </div>
          <KpiCards summary={data} built={built} />
          <OverviewCharts summary={data} filter={filter} onFilter={onFilter} />
        </>
      ) : null}
      {fresh.error ? <ErrorAlert error={fresh.error} title="无法读取数据时效" onRetry={fresh.reload} /> : null}
      {fresh.data ? <FreshnessTables data={fresh.data} /> : null}
    </div>
  );
}
