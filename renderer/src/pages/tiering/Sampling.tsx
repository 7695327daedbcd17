// 双随机抽查: sector and number of inspections → a reproducible sample following the matrix's sampling shares; the
// seed is shown and printed on the export, so anyone can redraw the same list.
import { useState } from 'react';
import { Alert, Button, Card, Flex, Input, InputNumber, Table, Typography } from 'antd';
import { api, ApiError } from '../../api';
import { TIERS, type SampleInput, type SampleResult, type SectorFilter } from '../../../../shared/contract/tiering';
import { ExportButton } from './ExportButton';

const randomSeed = () => String(Math.floor(100_000_000 + Math.random() * 900_000_000));

export function Sampling({ runId }: { runId: string }) {
  const [sector, setSector] = useState<SectorFilter>({});
  const [total, setTotal] = useState<number>(100);
  const [seed, setSeed] = useState<string>(randomSeed);
  // The result with the exact input it was drawn with: the export redraws that, not whatever the form says now.
  const [drawn, setDrawn] = useState<{ result: SampleResult; input: SampleInput } | null>(null);
  const result = drawn?.result ?? null;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const cleanSector = Object.fromEntries(Object.entries(sector).filter(([, v]) => typeof v === 'string' && v.trim())) as SectorFilter;
  const input: SampleInput = { runId, total, seed: seed.trim() || undefined, ...(Object.keys(cleanSector).length ? { sector: cleanSector } : {}) };

  const formChanged = drawn !== null && JSON.stringify({ ...input, seed: input.seed ?? drawn.input.seed }) !== JSON.stringify(drawn.input);

  const draw = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.call('tier.sample', input);
      // The core picks the seed when none was given; record the one it used.
      setDrawn({ result: r, input: { ...input, runId: r.runId, seed: r.seed } });
      setSeed(r.seed);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="tier-sampling">
      <Card size="small" title="抽查条件">
        <Flex gap={12} wrap align="center">
          <Input placeholder="行业代码前缀，如 C27 或 84" style={{ width: 200 }} value={sector.codePrefix ?? ''} onChange={(e) => setSector({ ...sector, codePrefix: e.target.value })} data-testid="sample-code" />
          <Input placeholder="行业名称包含，如 口腔" style={{ width: 180 }} value={sector.nameContains ?? ''} onChange={(e) => setSector({ ...sector, nameContains: e.target.value })} />
          <Input placeholder="街镇" style={{ width: 140 }} value={sector.town ?? ''} onChange={(e) => setSector({ ...sector, town: e.target.value })} />
          <span>
            抽查户数 <InputNumber min={1} max={50000} value={total} onChange={(v) => setTotal(Number(v) || 1)} data-testid="sample-total" />
          </span>
          <span>
            随机种子 <Input style={{ width: 160 }} value={seed} onChange={(e) => setSeed(e.target.value)} maxLength={64} data-testid="sample-seed" />
          </span>
          <Button onClick={() => setSeed(randomSeed())}>换一个种子</Button>
          <Button type="primary" loading={busy} onClick={() => void draw()} data-testid="sample-draw">
            抽取
          </Button>
          {drawn && <ExportButton input={{ kind: 'sample', ...drawn.input }} label="导出抽查名单" testId="sample-export" />}
          {drawn && formChanged && (
            <Typography.Text type="warning" data-testid="sample-stale">
              条件已修改：导出的仍是下方已抽取的名单，点“抽取”后才按新条件抽取。
            </Typography.Text>
          )}
        </Flex>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
          抽查总数按“抽查比例 × 主体数”在矩阵各格之间分配（最大余数法取整，比例为 0 的格不抽）；格内按 md5(种子:统一社会信用代码) 排序取前 N 户。
          同一分级、同一条件、同一种子，抽取结果完全相同。
        </Typography.Paragraph>
      </Card>
      {error && <Alert style={{ marginTop: 12 }} type="error" showIcon title="抽取失败" description={error} />}
      {result && (
        <>
          <Card size="small" style={{ marginTop: 12 }} title={`分配（种子 ${result.seed}，计划 ${result.requested} 户，实际 ${result.drawn} 户）`}>
            <Table
              size="small"
              pagination={false}
              rowKey="tier"
              dataSource={TIERS.map((t) => ({ tier: t, ...result.byTier[t] }))}
              columns={[
                { title: '监管层级', dataIndex: 'tier' },
                { title: '符合条件的主体', dataIndex: 'population' },
                { title: '抽取户数', dataIndex: 'quota' },
              ]}
              data-testid="sample-allocation"
            />
          </Card>
          <Table
            style={{ marginTop: 12 }}
            size="small"
            rowKey="uscc"
            dataSource={result.rows}
            pagination={{ pageSize: 50, showSizeChanger: false }}
            columns={[
              { title: '层级', dataIndex: 'tier', width: 90 },
              { title: '信用/风险', render: (_: unknown, r) => `${r.grade} / ${r.riskClass}`, width: 90 },
              { title: '格内顺位', dataIndex: 'drawOrder', width: 80 },
              { title: '统一社会信用代码', dataIndex: 'uscc' },
              { title: '主体名称', dataIndex: 'name' },
              { title: '街镇', dataIndex: 'town' },
              { title: '行业', dataIndex: 'industryName' },
            ]}
            data-testid="sample-rows"
          />
        </>
      )}
    </div>
  );
}
