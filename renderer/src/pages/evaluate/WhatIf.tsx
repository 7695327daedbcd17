// 模拟调整: edit a model's base, cut-offs, weights and points, see the grade migration against the chosen run and
// the distribution by town and industry before anything is saved; then optionally run it for real.
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Flex, InputNumber, Row, Segmented, Switch, Table, Tag, Typography } from 'antd';
import { api, ApiError, newJobId } from '../../api';
import { Chart } from '../../components/Chart';
import { gradeByGroupOption, GRADE_KEYS, GRADE_NAMES } from '../../../../shared/charts/evaluate';
import type { EvalModelInfo, EvalRunInfo, EvalRunResult, EvalWhatIf } from '../../../../shared/contract/evaluate';
import { MigrationView } from './Compare';

type Scoring =
  | { kind: 'per_occurrence'; points: number; cap?: number }
  | { kind: 'bands'; bands: { min?: number; max?: number; points: number }[] }
  | { kind: 'flag'; points: number; when: 'present' | 'absent' };

interface EditableIndicator {
  id: string;
  label: string;
  dimension: string;
  direction: 'bonus' | 'deduction';
  scoring: Scoring;
  enabled: boolean;
}

interface EditableModel {
  id: string;
  name: string;
  kind: 'comprehensive' | 'industry';
  base: number;
  grades: { A: number; B: number; C: number };
  combination?: { industry_weight: number; comprehensive_weight: number };
  dimensions: { id: string; label: string }[];
  indicators: EditableIndicator[];
  [k: string]: unknown;
}

const clone = <T,>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const band = (b: { min?: number; max?: number }) => (b.min !== undefined && b.max !== undefined ? `${b.min}–${b.max}` : b.min !== undefined ? `≥${b.min}` : `<${b.max}`);

export function WhatIf({ base, models, onSaved }: { base: EvalRunInfo; models: EvalModelInfo[]; onSaved: (r: EvalRunResult) => void }) {
  const originals = useMemo(() => Object.fromEntries(models.map((m) => [m.id, m.spec as unknown as EditableModel])), [models]);
  const [edited, setEdited] = useState<Record<string, EditableModel>>(() => clone(originals));
  const [modelId, setModelId] = useState(models[0]?.id ?? '');
  const [result, setResult] = useState<EvalWhatIf | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const m = edited[modelId];

  const changedIds = Object.keys(edited).filter((id) => JSON.stringify(edited[id]) !== JSON.stringify(originals[id]));
  const update = (fn: (x: EditableModel) => void) =>
    setEdited((all) => {
      const next = clone(all);
      fn(next[modelId]!);
      return next;
    });
  const setIndicator = (id: string, fn: (i: EditableIndicator) => void) => update((x) => fn(x.indicators.find((i) => i.id === id)!));

  const simulate = () => {
    const job = newJobId();
    setBusy(job);
    setError(null);
    api
      .call('evaluate.whatif', { baseRunId: base.runId, models: changedIds.map((id) => edited[id]!) }, { jobId: job })
      .then(setResult)
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)))
      .finally(() => setBusy(null));
  };

  const saveAsRun = () => {
    const job = newJobId();
    setBusy(job);
    setError(null);
    const unchanged = base.models.map((x) => x.id).filter((id) => !changedIds.includes(id) && originals[id]);
    api
      .call('evaluate.run', { models: unchanged, modelSpecs: changedIds.map((id) => edited[id]!), asOf: base.asOf, note: '模拟调整后正式评价' }, { jobId: job })
      .then(onSaved)
      .catch((e) => setError(e instanceof ApiError ? e.message : String(e)))
      .finally(() => setBusy(null));
  };

  if (!m) return <Alert type="info" title="没有可调整的模型。" />;
  const dims = Object.fromEntries(m.dimensions.map((d) => [d.id, d.label]));
  const num = (v: number | null, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

  return (
    <div data-testid="evaluate-whatif">
      <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
        <Segmented value={modelId} onChange={(v) => setModelId(String(v))} options={models.map((x) => ({ value: x.id, label: `${x.name}${changedIds.includes(x.id) ? ' *' : ''}` }))} />
        <Typography.Text type="secondary">基准：{base.createdAt}（基准日 {base.asOf}）</Typography.Text>
      </Flex>
      <Card size="small" title="基础分、分数线与权重">
        <Flex gap={16} wrap align="center">
          <span>
            基础分 <InputNumber min={0} max={1000} value={m.base} onChange={(v) => update((x) => (x.base = num(v, x.base)))} />
          </span>
          {(['A', 'B', 'C'] as const).map((g) => (
            <span key={g} data-testid={`whatif-cut-${g}`}>
              {GRADE_NAMES[g]} ≥ <InputNumber value={m.grades[g]} step={0.5} onChange={(v) => update((x) => (x.grades[g] = num(v, x.grades[g])))} />
            </span>
          ))}
          {m.combination && (
            <span>
              行业权重{' '}
              <InputNumber
                min={0}
                max={1}
                step={0.05}
                value={m.combination.industry_weight}
                onChange={(v) =>
                  update((x) => {
                    const w = Math.round(num(v, x.combination!.industry_weight) * 100) / 100;
                    x.combination = { industry_weight: w, comprehensive_weight: Math.round((1 - w) * 100) / 100 };
                  })
                }
              />{' '}
              综合权重 {m.combination.comprehensive_weight}
            </span>
          )}
        </Flex>
      </Card>
      <Table<EditableIndicator>
        style={{ marginTop: 12 }}
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={m.indicators}
        scroll={{ y: 360 }}
        columns={[
          { title: '维度', dataIndex: 'dimension', width: 90, render: (d: string) => dims[d] ?? d },
          { title: '指标', dataIndex: 'label' },
          { title: '方向', dataIndex: 'direction', width: 70, render: (d: string) => (d === 'bonus' ? <Tag color="green">加分</Tag> : <Tag color="red">扣分</Tag>) },
          {
            title: '分值',
            width: 340,
            render: (_: unknown, ind) => {
              const s = ind.scoring;
              if (s.kind === 'bands') {
                return (
                  <Flex gap={6} wrap>
                    {s.bands.map((b, k) => (
                      <span key={k}>
                        {band(b)}：
                        <InputNumber size="small" min={0} style={{ width: 64 }} value={b.points} onChange={(v) => setIndicator(ind.id, (i) => ((i.scoring as typeof s).bands[k]!.points = num(v, b.points)))} />
                      </span>
                    ))}
                  </Flex>
                );
              }
              return (
                <Flex gap={6} align="center">
                  {s.kind === 'per_occurrence' ? '每项' : s.when === 'present' ? '有记录' : '无记录'}
                  <InputNumber size="small" min={0} style={{ width: 70 }} value={s.points} onChange={(v) => setIndicator(ind.id, (i) => ((i.scoring as { points: number }).points = num(v, s.points)))} />
                  {s.kind === 'per_occurrence' && (
                    <>
                      上限
                      <InputNumber
                        size="small"
                        min={0}
                        style={{ width: 70 }}
                        value={s.cap ?? null}
                        placeholder="无"
                        onChange={(v) =>
                          setIndicator(ind.id, (i) => {
                            const sc = i.scoring as { cap?: number };
                            if (typeof v === 'number') sc.cap = v;
                            else delete sc.cap;
                          })
                        }
                      />
                    </>
                  )}
                </Flex>
              );
            },
          },
          { title: '启用', dataIndex: 'enabled', width: 60, render: (on: boolean, ind) => <Switch size="small" checked={on !== false} onChange={(v) => setIndicator(ind.id, (i) => (i.enabled = v))} /> },
        ]}
      />
      <Flex gap={8} style={{ marginTop: 12 }}>
        <Button type="primary" onClick={simulate} disabled={!changedIds.length || !!busy} loading={!!busy} data-testid="whatif-run">
          模拟（不保存）
        </Button>
        {busy && <Button onClick={() => void api.cancel(busy)}>取消</Button>}
        <Button onClick={() => (setEdited(clone(originals)), setResult(null))} disabled={!changedIds.length}>
          恢复原模型
        </Button>
        <Button onClick={saveAsRun} disabled={!changedIds.length || !!busy}>
          按此方案正式评价
        </Button>
      </Flex>
      {error && <Alert style={{ marginTop: 12 }} type="error" showIcon title="模拟失败" description={error} />}
      {result && (
        <Card size="small" style={{ marginTop: 12 }} title={`模拟结果（${(result.elapsedMs / 1000).toFixed(1)} 秒，未保存）`} data-testid="whatif-result">
          <Row gutter={12} style={{ marginBottom: 8 }}>
            {GRADE_KEYS.map((g) => (
              <Col span={6} key={g}>
                <Typography.Text>
                  {GRADE_NAMES[g]}：{base.grades[g]} → <b>{result.grades[g]}</b>
                </Typography.Text>
              </Col>
            ))}
          </Row>
          <MigrationView migration={result.migration} fromName="当前评价" toName="调整后" />
          <Chart option={gradeByGroupOption({ groups: result.byTown, percent: true, title: '调整后：按街镇' })} height={300} />
          <Chart option={gradeByGroupOption({ groups: result.byIndustry.slice(0, 15), percent: true, horizontal: true, title: '调整后：按行业（前 15）' })} height={420} />
        </Card>
      )}
    </div>
  );
}
