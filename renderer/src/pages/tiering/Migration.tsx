// Tier migration between two runs (two periods): the 4×4 matrix plus 新纳入 / 退出, click a cell for its subjects.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Flex, Select, Table, Typography } from 'antd';
import { useCall } from '../../hooks/useCall';
import { Chart } from '../../components/Chart';
import { OUTSIDE_LABEL, migrationCellAt, tierMigrationOption } from '../../../../shared/charts/tiering';
import type { Tier, TierRunInfo } from '../../../../shared/contract/tiering';
import { tierRunLabel } from './labels';

export function Migration({ runs, current }: { runs: TierRunInfo[]; current: string | null }) {
  const [to, setTo] = useState<string | undefined>(current ?? undefined);
  const [from, setFrom] = useState<string | undefined>(runs.find((r) => r.runId !== current)?.runId);
  const [cell, setCell] = useState<{ from: Tier | null; to: Tier | null } | null>(null);
  const [page, setPage] = useState(1);
  useEffect(() => setCell(null), [from, to]);
  const ready = from && to && from !== to;
  const counts = useCall('tier.migration', ready ? { fromRunId: from, toRunId: to } : null);
  const members = useCall('tier.migration', ready && cell ? { fromRunId: from, toRunId: to, from: cell.from, to: cell.to, offset: (page - 1) * 50, limit: 50 } : null);
  const cells = counts.data?.cells;
  // Rebuilt only when the counts change, so picking a cell or a page does not redraw the chart.
  const chartOption = useMemo(() => (cells ? tierMigrationOption({ cells }) : null), [cells]);
  const options = runs.map((r) => ({ value: r.runId, label: tierRunLabel(r) }));
  const moved = counts.data?.cells.filter((c) => c.from !== c.to).reduce((n, c) => n + c.subjects, 0) ?? 0;

  return (
    <div data-testid="tier-migration">
      <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
        上期 <Select style={{ width: 520 }} value={from} onChange={setFrom} options={options} placeholder="选择一次分级" />
        本期 <Select style={{ width: 520 }} value={to} onChange={setTo} options={options} placeholder="选择一次分级" />
      </Flex>
      {runs.length < 2 && <Alert type="info" title="至少需要两次分级才能比较（例如两个基准日的评价各分级一次）。" />}
      {from && to && from === to && <Alert type="warning" title="请选择两次不同的分级。" />}
      {counts.error && <Alert type="error" showIcon title="迁移统计失败" description={counts.error.message} />}
      {counts.data && chartOption && (
        <>
          <Typography.Text data-testid="migration-moved">
            上期基准日 {counts.data.fromRun.asOf} → 本期基准日 {counts.data.toRun.asOf}：层级变化（含新纳入、退出）{moved.toLocaleString('zh-CN')} 户。点击格子查看主体。
          </Typography.Text>
          <Chart
            option={chartOption}
            height={380}
            testId="chart-tier-migration"
            onClick={(p) => {
              const v = p.value as [number, number, number];
              setCell(migrationCellAt(v[0], v[1]));
              setPage(1);
            }}
          />
        </>
      )}
      {cell && members.data?.members && (
        <>
          <Typography.Title level={5} data-testid="migration-members-title">
            {cell.from ?? OUTSIDE_LABEL.from} → {cell.to ?? OUTSIDE_LABEL.to}（{members.data.members.total.toLocaleString('zh-CN')} 户）
          </Typography.Title>
          <Table
            size="small"
            rowKey="uscc"
            data-testid="migration-members"
            loading={members.loading}
            dataSource={members.data.members.rows}
            pagination={{ current: page, pageSize: 50, total: members.data.members.total, onChange: setPage, showSizeChanger: false }}
            columns={[
              { title: '统一社会信用代码', dataIndex: 'uscc' },
              { title: '主体名称', dataIndex: 'name' },
              { title: '街镇', dataIndex: 'town' },
              { title: '上期等级/风险', render: (_: unknown, r) => (r.fromGrade ? `${r.fromGrade} / ${r.fromRisk}` : '—') },
              { title: '本期等级/风险', render: (_: unknown, r) => (r.toGrade ? `${r.toGrade} / ${r.toRisk}` : '—') },
            ]}
          />
        </>
      )}
    </div>
  );
}
