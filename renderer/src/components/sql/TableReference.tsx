// Reference of the tables a query can read: canonical tables with Chinese labels and column labels (from
// shared/domain), then the workspace's other tables (results, bookkeeping) with their columns read on demand.
import { useEffect, useMemo, useState } from 'react';
import { Collapse, Input, Tag, Typography } from 'antd';
import { CANONICAL_TABLES, RESULT_TABLE_LABELS, BOOKKEEPING_COLUMNS } from '../../../../shared/domain/tables';
import { useCall } from '../../hooks/useCall';
import { api } from '../../api';
import { arrowRows } from '../../../../shared/arrow';

/** Labels of other capabilities' result tables not (yet) in shared/domain's RESULT_TABLE_LABELS. */
const MORE_LABELS: Record<string, string> = {
  eval_runs: '评价批次', eval_scores: '评价得分', eval_contributions: '得分构成', eval_model_files: '评价模型文件',
  tier_runs: '分级批次', tier_results: '分级结果', tier_risk_points: '风险分构成', tier_matrices: '分级矩阵版本',
  warning_hits: '预警命中', warning_states: '预警处理状态', penalty_disclosure: '处罚公示期测算', repair_runs: '修复测算批次',
  graph_nodes: '图谱节点', graph_adj: '图谱邻接边', graph_edges: '图谱关系（视图）', graph_components: '图谱连通分量',
  graph_component_sizes: '连通分量规模', graph_exposure: '关联风险暴露', graph_exposure_hits: '关联风险依据',
  graph_exposure_runs: '关联风险批次', graph_state: '图谱状态', graph_subject_ties: '主体地址电话', audit_head: '审计链头',
  workspace_meta: '工作区参数',
};

interface RefColumn {
  name: string;
  label?: string;
  type: string;
}

function Columns({ table, known, onInsert }: { table: string; known?: RefColumn[]; onInsert: (text: string) => void }) {
  const [cols, setCols] = useState<RefColumn[] | null>(known ?? null);
  useEffect(() => {
    if (known) return;
    let alive = true;
    api
      .call('query.run', { sql: `SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = '${table.replace(/'/g, "''")}' ORDER BY column_index`, limit: 500 })
      .then((r) => alive && setCols(arrowRows(r.arrow).rows.map((x) => ({ name: String(x.column_name), type: String(x.data_type) }))))
      .catch(() => alive && setCols([]));
    return () => {
      alive = false;
    };
  }, [table, known]);
  if (!cols) return <Typography.Text type="secondary">读取中……</Typography.Text>;
  return (
    <div>
      {cols.map((c) => (
        <div key={c.name} className="cws-ref-table" onClick={() => onInsert(c.name)} title="点击插入列名">
          <Typography.Text code>{c.name}</Typography.Text> <Typography.Text type="secondary">{c.label ?? ''}</Typography.Text>{' '}
          <Typography.Text type="secondary" style={{ fontSize: 11 }}>
            {c.type}
          </Typography.Text>
        </div>
      ))}
    </div>
  );
}

export function TableReference({ onInsert, onQueryTable }: { onInsert: (text: string) => void; onQueryTable: (table: string) => void }) {
  const info = useCall('workspace.info', {});
  const [q, setQ] = useState('');
  const rows = useMemo(() => new Map((info.data?.tables ?? []).map((t) => [t.name, t.rows])), [info.data]);
  const canonical = CANONICAL_TABLES.map((t) => ({
    name: t.name,
    label: t.label,
    columns: [...t.columns, ...BOOKKEEPING_COLUMNS].map((c) => ({ name: c.name, label: c.label, type: c.type })) as RefColumn[] | undefined,
  }));
  const others = (info.data?.tables ?? [])
    .filter((t) => !t.canonical)
    .map((t) => ({ name: t.name, label: RESULT_TABLE_LABELS[t.name] ?? MORE_LABELS[t.name] ?? t.label, columns: undefined as RefColumn[] | undefined }));
  const match = (t: { name: string; label: string; columns?: RefColumn[] }) =>
    !q || t.name.includes(q) || t.label.includes(q) || (t.columns ?? []).some((c) => c.name.includes(q) || (c.label ?? '').includes(q));
  const all = [...canonical, ...others].filter(match);
  return (
    <div data-testid="table-reference">
      <Input.Search size="small" placeholder="查找表或字段（中英文）" allowClear value={q} onChange={(e) => setQ(e.target.value)} style={{ marginBottom: 8 }} />
      <Collapse
        size="small"
        accordion
        items={all.map((t) => ({
          key: t.name,
          label: (
            <span>
              <Typography.Text strong>{t.label}</Typography.Text> <Typography.Text code>{t.name}</Typography.Text>{' '}
              {rows.has(t.name) ? <Tag>{rows.get(t.name)!.toLocaleString('zh-CN')}</Tag> : null}
            </span>
          ),
          extra: (
            <Typography.Link
              onClick={(e) => {
                e.stopPropagation();
                onQueryTable(t.name);
              }}
            >
              查询
            </Typography.Link>
          ),
          children: <Columns table={t.name} known={t.columns} onInsert={onInsert} />,
        }))}
      />
    </div>
  );
}
