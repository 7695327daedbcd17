// The result list of one run: virtual grid over eval_scores (sort by clicking a header), filters, click → explain.
import { useState } from 'react';
import { Flex, Input, Select } from 'antd';
import { DataGrid } from '../../components/DataGrid';
import { GRADE_KEYS, GRADE_NAMES } from '../../../../shared/charts/evaluate';
import type { EvalSummary } from '../../../../shared/contract/evaluate';
import { ExplainDrawer } from './Explain';
import { scoresFilters, scoresSql } from './scoresQuery';

const LABELS: Record<string, string> = {
  uscc: '统一社会信用代码',
  name: '主体名称',
  town: '街镇', // the group label (（未知街镇） when blank), as in the distribution and the filter
  industry_name: '行业', // name, else code, else （未知行业）
  final_score: '最终得分',
  grade: '等级',
  comprehensive: '综合评价得分',
  industry: '行业评价得分',
  industry_model: '行业模型',
  override: '否决规则',
};

export function Scores({ summary }: { summary: EvalSummary }) {
  const runId = summary.run.runId;
  const [grade, setGrade] = useState<string | undefined>();
  const [town, setTown] = useState<string | undefined>();
  const [industry, setIndustry] = useState<string | undefined>();
  const [name, setName] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const filters = scoresFilters({ grade, town, industry, text: name });
  const sql = scoresSql(runId);
  return (
    <div data-testid="evaluate-scores">
      <Flex gap={8} wrap style={{ marginBottom: 8 }}>
        <Select allowClear placeholder="等级" style={{ width: 120 }} value={grade} onChange={setGrade} options={GRADE_KEYS.map((g) => ({ value: g, label: GRADE_NAMES[g] }))} data-testid="scores-grade" />
        <Select allowClear showSearch placeholder="街镇" style={{ width: 160 }} value={town} onChange={setTown} options={summary.byTown.map((t) => ({ value: t.key, label: `${t.key}（${t.total}）` }))} />
        <Select
          allowClear
          showSearch
          placeholder="行业"
          style={{ width: 220 }}
          value={industry}
          onChange={setIndustry}
          options={summary.byIndustry.filter((g) => !g.key.startsWith('其他行业')).map((t) => ({ value: t.key, label: `${t.key}（${t.total}）` }))}
        />
        <Input.Search allowClear placeholder="名称或代码" style={{ width: 240 }} onSearch={setName} data-testid="scores-search" />
      </Flex>
      <DataGrid sql={sql} labels={LABELS} filters={filters} height={560} onRowClick={(r) => setOpen(String(r.uscc))} />
      <ExplainDrawer runId={runId} uscc={open} onClose={() => setOpen(null)} />
    </div>
  );
}
