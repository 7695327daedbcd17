// 信用管家走访清单: subjects that may apply for repair now (as of the latest run), grouped by town, earliest first.
import { useMemo, useState } from 'react';
import { Alert, Collapse, Empty, Flex, InputNumber, Table, Typography } from 'antd';
import { useCall } from '../../hooks/useCall';
import { Chart } from '../../components/Chart';
import { outreachByTownOption } from '../../../../shared/charts/repair';
import type { OutreachItem } from '../../../../shared/contract/repair';
import { TierTag } from './Eligibility';

const itemColumns = [
  { title: '行政相对人', dataIndex: 'subject_name', width: 220, ellipsis: true },
  { title: '统一社会信用代码', dataIndex: 'uscc', width: 190, render: (v: string | null) => v ?? '自然人' },
  { title: '联系电话', dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
  { title: '决定书文号', dataIndex: 'decision_no', width: 200, ellipsis: true },
  { title: '处罚机关', dataIndex: 'dept', width: 180, ellipsis: true },
  { title: '等级', dataIndex: 'tier', width: 70, render: (t: OutreachItem['tier']) => <TierTag tier={t} /> },
  { title: '决定日期', dataIndex: 'decision_date', width: 110 },
  { title: '可申请修复', dataIndex: 'earliest_repair', width: 110 },
  { title: '公示截止', dataIndex: 'disclosure_end', width: 110, render: (v: string | null) => v ?? '—' },
];

export function Outreach({ runId }: { runId: string }) {
  const [limit, setLimit] = useState(200);
  const r = useCall('repair.outreach', { limitPerTown: limit }, [runId]);
  const chart = useMemo(() => (r.data ? outreachByTownOption({ towns: r.data.towns }) : null), [r.data]);

  if (r.error) return <Alert type="error" showIcon title="无法读取走访清单" description={r.error.message} />;
  if (!r.data) return null;
  if (!r.data.total) return <Empty description={`测算日 ${r.data.run?.asOf ?? ''} 没有可申请修复的记录。`} />;
  return (
    <div data-testid="repair-outreach">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text>
          测算日 {r.data.run?.asOf} 可申请修复 <b data-testid="repair-outreach-total">{r.data.total.toLocaleString('zh-CN')}</b> 条，分布在 {r.data.towns.length} 个街镇。
          信用管家可据此上门告知修复条件（履行义务、作出信用承诺）。
        </Typography.Text>
        <span>
          每个街镇最多列出 <InputNumber min={10} max={5000} step={50} value={limit} onChange={(v) => v && setLimit(v)} /> 条
        </span>
      </Flex>
      {chart && <Chart option={chart} height={Math.max(200, r.data.towns.length * 28 + 40)} testId="repair-outreach-chart" />}
      <Collapse
        size="small"
        destroyOnHidden
        items={r.data.towns.map((t) => ({
          key: t.town,
          label: `${t.town}（${t.count.toLocaleString('zh-CN')} 条${t.count > t.items.length ? `，列出前 ${t.items.length} 条` : ''}）`,
          children: (
            <Table<OutreachItem>
              size="small"
              rowKey={(i) => `${i.decision_no}|${i.uscc ?? ''}`}
              columns={itemColumns}
              dataSource={t.items}
              pagination={t.items.length > 20 ? { pageSize: 20 } : false}
              scroll={{ x: 1300 }}
            />
          ),
        }))}
        data-testid="repair-outreach-towns"
      />
    </div>
  );
}
