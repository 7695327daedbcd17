// 信用修复: run the disclosure测算 as of a date (Order 36 / Order 58), then the eligibility list with export, the
// 信用管家 outreach list by town, repair efficiency in working days, 三书同达 by department and the commitment loop.
import { useState, type ReactNode } from 'react';
import { Alert, Card, Empty, Tabs } from 'antd';
import { useCall } from '../hooks/useCall';
import type { RepairRunResult } from '../../../shared/contract/repair';
import { RunPanel } from './repair/RunPanel';
import { Eligibility } from './repair/Eligibility';
import { Outreach } from './repair/Outreach';
import { Efficiency } from './repair/Efficiency';
import { Documents } from './repair/Documents';
import { Commitments } from './repair/Commitments';
import { Rules } from './repair/Rules';

export function RepairPage() {
  const latest = useCall('repair.latest', {});
  const [fresh, setFresh] = useState<RepairRunResult | null>(null);
  const [tab, setTab] = useState('eligibility');
  const run = fresh ?? latest.data ?? null;

  const needsRun = (node: ReactNode) =>
    run ? node : <Empty description="还没有测算结果：先在上方选择测算日并点“运行测算”。" />;

  return (
    <div data-testid="page-repair">
      {latest.error && <Alert type="error" showIcon title="无法读取测算结果" description={latest.error.message} style={{ marginBottom: 12 }} />}
      <RunPanel latest={run} onDone={setFresh} />
      <Card size="small" style={{ marginTop: 12 }}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          destroyOnHidden
          items={[
            { key: 'eligibility', label: '修复资格清单', children: needsRun(run && <Eligibility runId={run.runId} />) },
            { key: 'outreach', label: '信用管家走访', children: needsRun(run && <Outreach runId={run.runId} />) },
            { key: 'efficiency', label: '修复效率', children: <Efficiency /> },
            { key: 'documents', label: '三书同达', children: <Documents /> },
            { key: 'commitments', label: '信用承诺闭环', children: <Commitments /> },
            { key: 'rules', label: '规则说明', children: <Rules /> },
          ]}
        />
      </Card>
    </div>
  );
}
