// The matrix editor: credit grade × risk class → tier, sampling share and frequency, the two lists and the 无事不扰
// items. Validated live with the same zod schema the core applies; saving stores a new version in the workspace,
// which later runs use by default.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Checkbox, Flex, Input, InputNumber, Select, Space, Table, Tag, Typography, message } from 'antd';
import { api, ApiError } from '../../api';
import { useCall } from '../../hooks/useCall';
import { GRADES, GRADE_LABELS, RISK_CLASSES, RISK_CLASS_LABELS, type Grade, type RiskClass } from '../../../../shared/domain/enums';
import { TIERS, validateMatrix, type Tier, type TierMatrix } from '../../../../shared/contract/tiering';
import { TIER_COLORS } from '../../../../shared/charts/tiering';

const clone = <T,>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** 无事不扰 items as text: one item per line, optionally "事项｜部门｜备注". */
function itemsToText(m: TierMatrix, tier: Tier): string {
  return (m.exemptItems.find((e) => e.tier === tier)?.items ?? []).map((i) => [i.item, i.dept ?? '', i.note ?? ''].join('｜').replace(/｜+$/, '')).join('\n');
}

function textToItems(text: string) {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [item, dept, note] = l.split(/[｜|]/).map((x) => x.trim());
      return { item: item ?? '', ...(dept ? { dept } : {}), ...(note ? { note } : {}) };
    });
}

export function MatrixEditor() {
  const got = useCall('tier.matrix.get', {});
  const [draft, setDraft] = useState<TierMatrix | null>(null);
  const [itemText, setItemText] = useState<Record<Tier, string>>({ 无感监管: '', 一般监管: '', 重点监管: '', 严格监管: '' });
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);

  const reset = (m: TierMatrix) => {
    setDraft(clone(m));
    setItemText(Object.fromEntries(TIERS.map((t) => [t, itemsToText(m, t)])) as Record<Tier, string>);
  };
  useEffect(() => {
    if (got.data && !draft) reset(got.data.active.matrix);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [got.data]);

  const candidate = useMemo(() => {
    if (!draft) return null;
    const exemptItems = TIERS.map((t) => ({ tier: t, items: textToItems(itemText[t]) })).filter((e) => e.items.length);
    return { ...draft, exemptItems };
  }, [draft, itemText]);
  const validation = candidate ? validateMatrix(candidate) : null;

  if (got.error) return <Alert type="error" showIcon title="无法读取分级矩阵" description={got.error.message} />;
  if (!draft || !got.data) return null;

  const setCell = (g: Grade, r: RiskClass, patch: Partial<TierMatrix['cells'][Grade][RiskClass]>) => {
    const next = clone(draft);
    next.cells[g][r] = { ...next.cells[g][r], ...patch };
    setDraft(next);
  };

  const save = async () => {
    if (!candidate) return;
    setSaving(true);
    try {
      const saved = await api.call('tier.matrix.save', { matrix: candidate, ...(note.trim() ? { note: note.trim() } : {}) });
      message.success(`已保存为新版本 ${saved.id}，之后的分级默认使用它。`);
      setNote('');
      got.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  const active = got.data.active;
  return (
    <div data-testid="tier-matrix-editor">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        当前生效：{active.matrix.name} {active.matrix.version}（{active.id}，{active.source === 'builtin' ? '随软件提供' : `${active.operator ?? ''} ${active.createdAt ?? ''} 保存`}），SHA-256 {active.sha256.slice(0, 16)}…
      </Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: 8 }}>
        <span>名称 <Input style={{ width: 360 }} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} /></span>
        <span>版本 <Input style={{ width: 120 }} value={draft.version} onChange={(e) => setDraft({ ...draft, version: e.target.value })} /></span>
        <Select
          style={{ width: 320 }}
          placeholder="载入其他版本"
          options={got.data.versions.map((v) => ({ value: v.id, label: `${v.id} · ${v.name} ${v.version}` }))}
          onChange={(id: string) => void api.call('tier.matrix.get', { id }).then((r) => reset(r.active.matrix))}
        />
      </Flex>
      <Table
        size="small"
        bordered
        pagination={false}
        rowKey="grade"
        dataSource={GRADES.map((g) => ({ grade: g }))}
        columns={[
          { title: '信用等级 \\ 风险类别', dataIndex: 'grade', width: 120, render: (g: Grade) => `${g} ${GRADE_LABELS[g]}` },
          ...RISK_CLASSES.map((r) => ({
            title: `${r} ${RISK_CLASS_LABELS[r]}`,
            key: r,
            render: (_: unknown, row: { grade: Grade }) => {
              const c = draft.cells[row.grade][r];
              return (
                <Space direction="vertical" size={4} style={{ width: '100%' }} data-testid={`matrix-cell-${row.grade}${r}`}>
                  <Select
                    size="small"
                    style={{ width: '100%' }}
                    value={c.tier}
                    onChange={(t: Tier) => setCell(row.grade, r, { tier: t })}
                    options={TIERS.map((t) => ({ value: t, label: <Tag color={TIER_COLORS[t]}>{t}</Tag> }))}
                  />
                  <InputNumber size="small" style={{ width: '100%' }} addonBefore="抽查" addonAfter="%" value={c.share} onChange={(v) => setCell(row.grade, r, { share: v as number })} />
                  <Input size="small" placeholder="检查频次" value={c.frequency} onChange={(e) => setCell(row.grade, r, { frequency: e.target.value })} />
                  <Checkbox checked={!!c.selfCheck} onChange={(e) => setCell(row.grade, r, { selfCheck: e.target.checked || undefined })}>
                    可承诺自查
                  </Checkbox>
                </Space>
              );
            },
          })),
        ]}
      />
      <Card size="small" style={{ marginTop: 12 }} title="清单定义">
        <Flex gap={24} wrap>
          <span>
            无感监管对象清单包含{' '}
            <Select mode="multiple" style={{ minWidth: 260 }} value={draft.lists.noDisturb} onChange={(v: Tier[]) => setDraft({ ...draft, lists: { ...draft.lists, noDisturb: v } })} options={TIERS.map((t) => ({ value: t, label: t }))} />
          </span>
          <span>
            重点监管对象清单包含{' '}
            <Select mode="multiple" style={{ minWidth: 260 }} value={draft.lists.key} onChange={(v: Tier[]) => setDraft({ ...draft, lists: { ...draft.lists, key: v } })} options={TIERS.map((t) => ({ value: t, label: t }))} />
          </span>
        </Flex>
      </Card>
      <Card size="small" style={{ marginTop: 12 }} title="无事不扰事项（每行一项，可写作“事项｜部门｜备注”）">
        <Flex gap={12} wrap>
          {TIERS.map((t) => (
            <div key={t} style={{ flex: '1 1 260px' }}>
              <Typography.Text strong>{t}</Typography.Text>
              <Input.TextArea rows={6} value={itemText[t]} onChange={(e) => setItemText({ ...itemText, [t]: e.target.value })} />
            </div>
          ))}
        </Flex>
      </Card>
      {validation && !validation.ok && (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          showIcon
          title={`有 ${validation.errors.length} 处需要修改后才能保存`}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="matrix-errors">
              {validation.errors.slice(0, 20).map((e, i) => (
                <li key={i}>
                  {e.path}：{e.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Flex gap={8} align="center" style={{ marginTop: 12 }}>
        <Input placeholder="修改说明（记入审计）" style={{ width: 360 }} value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
        <Button type="primary" disabled={!validation?.ok} loading={saving} onClick={() => void save()} data-testid="matrix-save">
          保存为新版本
        </Button>
        <Button onClick={() => reset(active.matrix)}>撤销修改</Button>
      </Flex>
    </div>
  );
}
