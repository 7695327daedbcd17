// Disclosure periods, tiers and statuses as of a date, with every expected date worked out by hand from the rules:
// Order 36 (from 2026-04-01): 轻微 不予公示, 一般 3 months / 1 year, 严重 1 year / 3 years;
// Order 58 (before): 3 months / 3 years, 特种设备·安全生产·消防 at least 1 year. Months clamp to month end.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../electron/core/workspace';
import { loadRuleBook, parseRuleSet, runDisclosure, type RuleBook } from '../../electron/core/repair';
import { emptyWorkspace } from '../helpers/workspace';

const CO = '91310120MA1H000001';

interface P {
  no: string;
  date: string;
  types: string;
  fine?: number | null;
  kind?: string;
  uscc?: string | null;
  person?: string | null;
  authority?: string;
  violation?: string;
}

async function addPenalties(ws: Workspace, rows: P[]): Promise<void> {
  for (const r of rows) {
    await ws.run(
      `INSERT INTO penalties (decision_no, uscc, person_id, subject_name, subject_kind, penalty_types, fine_wan, decision_date, authority, violation_type)
       VALUES (?, ?, ?, ?, ?, ?, CAST(? AS DECIMAL(18,4)), CAST(? AS DATE), ?, ?)`,
      [
        r.no,
        r.uscc === undefined ? CO : r.uscc,
        r.person ?? null,
        r.kind === '自然人' ? '王小明' : '某某公司',
        r.kind ?? '法人及非法人组织',
        r.types,
        r.fine ?? null,
        r.date,
        r.authority ?? '上海市奉贤区市场监督管理局',
        r.violation ?? '其他违法行为',
      ],
    );
  }
}

interface Row {
  decision_no: string;
  tier: string;
  rule_set: string;
  rule_set_source: string;
  earliest_repair: string;
  disclosure_end: string | null;
  status: string;
  min_months: number;
  max_months: number;
  special_domain: string | null;
  tier_basis: string;
  subject_name: string;
  repair_id: string | null;
}

async function rowsAsOf(ws: Workspace, asOf: string, options: { ruleSet?: 'auto' | 'order36' | 'order58'; book?: RuleBook } = {}) {
  const result = await runDisclosure(ws, { asOf, ...options });
  const rows = await ws.all<Row>('SELECT * FROM penalty_disclosure ORDER BY decision_no');
  return { result, by: Object.fromEntries(rows.map((r) => [r.decision_no, r])) as Record<string, Row> };
}

let ws: Workspace;
beforeEach(async () => {
  ws = await emptyWorkspace();
});
afterEach(() => ws?.close());

describe('tier of a penalty', () => {
  it('takes the most severe part of a multi-type decision and the fine by subject kind', async () => {
    await addPenalties(ws, [
      { no: 'T01', date: '2026-05-01', types: '警告；没收违法所得' },
      { no: 'T02', date: '2026-05-01', types: '警告、通报批评' },
      { no: 'T03', date: '2026-05-01', types: '罚款/吊销营业执照', fine: 0.2 },
      { no: 'T04', date: '2026-05-01', types: '罚款', fine: 150 },
      { no: 'T05', date: '2026-05-01', types: '罚款', fine: 0.05, kind: '自然人', uscc: null, person: 'P1' },
      { no: 'T06', date: '2026-05-01', types: '罚款', fine: 0.5, kind: '自然人', uscc: null, person: 'P2' },
      { no: 'T07', date: '2026-05-01', types: '罚款', fine: 12, kind: '自然人', uscc: null, person: 'P3' },
      { no: 'T08', date: '2026-05-01', types: '罚款', fine: 0.5, kind: '个体工商户' },
      { no: 'T09', date: '2026-05-01', types: '罚款', fine: 1, kind: '个体工商户' },
      { no: 'T10', date: '2026-05-01', types: '罚款', fine: 100 },
      { no: 'T11', date: '2026-05-01', types: '责令停产停业,罚款', fine: 0.5 },
      { no: 'T12', date: '2026-05-01', types: '暂扣许可证件；警告' },
      { no: 'T13', date: '2026-05-01', types: '限制开展生产经营活动' },
      { no: 'T14', date: '2026-05-01', types: '警告，罚款', fine: 0.1, kind: '自然人', uscc: null, person: 'P4' },
      { no: 'T15', date: '2026-05-01', types: '' },
    ]);
    const { by } = await rowsAsOf(ws, '2026-06-01');
    const tiers = Object.fromEntries(Object.entries(by).map(([k, r]) => [k, r.tier]));
    expect(tiers).toEqual({
      T01: '一般', // 没收 → 一般 beats 警告
      T02: '轻微',
      T03: '严重', // 吊销 beats a small fine
      T04: '严重', // 150 万 ≥ 100 万 (巨额) for a legal person
      T05: '轻微', // 自然人 0.05 < 0.1
      T06: '一般', // 自然人 0.1 ≤ 0.5 < 10
      T07: '严重', // 自然人 12 ≥ 10
      T08: '轻微', // 个体工商户 0.5 < 1
      T09: '一般', // exactly 1 万 is not 较小
      T10: '严重', // exactly 100 万 is 巨额
      T11: '一般', // 责令停产停业
      T12: '一般', // 暂扣
      T13: '严重',
      T14: '一般', // 自然人 exactly 0.1 万 is not 较小
      T15: '轻微', // nothing known → default
    });
    expect(by.T01!.tier_basis).toBe('没收违法所得');
    expect(by.T04!.tier_basis).toBe('罚款 150 万元（≥ 巨额 100 万元）');
    expect(by.T05!.tier_basis).toBe('罚款 0.05 万元（< 较小数额上限 0.1 万元）');
    // natural persons' names never sit unmasked in the result table
    expect(by.T05!.subject_name).toBe('王**');
  });

  it('applies per-department thresholds when the rule set has an override', async () => {
    const edited = structuredClone(loadRuleBook().order36) as Record<string, unknown> & { fineThresholds: { departmentOverrides: unknown[] } };
    edited.fineThresholds.departmentOverrides = [
      { dept: '上海市奉贤区生态环境局', subjectKinds: ['法人及非法人组织'], smallBelowWan: 5, hugeFromWan: 200 },
    ];
    const book: RuleBook = { ...loadRuleBook(), order36: parseRuleSet(edited) };
    await addPenalties(ws, [
      { no: 'E1', date: '2026-05-01', types: '罚款', fine: 3, authority: '上海市奉贤区生态环境局' },
      { no: 'E2', date: '2026-05-01', types: '罚款', fine: 150, authority: '上海市奉贤区生态环境局' },
      { no: 'E3', date: '2026-05-01', types: '罚款', fine: 3 },
    ]);
    const { by } = await rowsAsOf(ws, '2026-06-01', { book });
    expect(by.E1!.tier).toBe('轻微'); // 3 < 5 under the override
    expect(by.E2!.tier).toBe('一般'); // 150 < 200 under the override
    expect(by.E3!.tier).toBe('一般'); // district default: 1 ≤ 3 < 100
  });
});

describe('disclosure periods and status boundaries', () => {
  it('Order 36 一般 from 2026-05-31: repair from 2026-08-31 (inclusive), ends 2027-05-31 (inclusive)', async () => {
    await addPenalties(ws, [{ no: 'A', date: '2026-05-31', types: '警告；没收违法所得' }]);
    const expectRow = { tier: '一般', rule_set: 'order36', earliest_repair: '2026-08-31', disclosure_end: '2027-05-31', min_months: 3, max_months: 12 };
    expect((await rowsAsOf(ws, '2026-08-30')).by.A).toMatchObject({ ...expectRow, status: '公示中' });
    expect((await rowsAsOf(ws, '2026-08-31')).by.A).toMatchObject({ status: '可申请修复' });
    expect((await rowsAsOf(ws, '2027-05-30')).by.A).toMatchObject({ status: '可申请修复' });
    expect((await rowsAsOf(ws, '2027-05-31')).by.A).toMatchObject({ status: '公示期满' });
  });

  it('Order 36 严重 runs 1 year to 3 years; 轻微 is not published and repairable at once', async () => {
    await addPenalties(ws, [
      { no: 'S', date: '2026-04-30', types: '吊销许可证' },
      { no: 'M', date: '2026-04-30', types: '警告' },
    ]);
    const { by } = await rowsAsOf(ws, '2027-04-29');
    expect(by.S).toMatchObject({ tier: '严重', earliest_repair: '2027-04-30', disclosure_end: '2029-04-30', status: '公示中' });
    expect(by.M).toMatchObject({ tier: '轻微', earliest_repair: '2026-04-30', disclosure_end: null, status: '不予公示' });
    expect((await rowsAsOf(ws, '2027-04-30')).by.S!.status).toBe('可申请修复');
    expect((await rowsAsOf(ws, '2029-04-30')).by.S!.status).toBe('公示期满');
  });

  it('clamps to month end: 2025-11-30 + 3 months = 2026-02-28 (Order 58)', async () => {
    await addPenalties(ws, [{ no: 'N', date: '2025-11-30', types: '警告' }]);
    const before = (await rowsAsOf(ws, '2026-02-27')).by.N!;
    expect(before).toMatchObject({ rule_set: 'order58', tier: '轻微', earliest_repair: '2026-02-28', disclosure_end: '2028-11-30', status: '公示中' });
    expect((await rowsAsOf(ws, '2026-02-28')).by.N!.status).toBe('可申请修复');
  });

  it('clamps one-month periods: 2026-01-31 → 2026-02-28, 2024-01-31 → 2024-02-29', async () => {
    const edited = structuredClone(loadRuleBook().order58) as Record<string, unknown> & { periods: Record<string, { minMonths: number }> };
    edited.periods['轻微']!.minMonths = 1;
    const book: RuleBook = { ...loadRuleBook(), order58: parseRuleSet(edited) };
    await addPenalties(ws, [
      { no: 'J26', date: '2026-01-31', types: '警告' },
      { no: 'J24', date: '2024-01-31', types: '警告' },
    ]);
    const { by } = await rowsAsOf(ws, '2026-02-28', { book });
    expect(by.J26).toMatchObject({ earliest_repair: '2026-02-28', status: '可申请修复' });
    expect(by.J24).toMatchObject({ earliest_repair: '2024-02-29', disclosure_end: '2027-01-31' });
  });

  it('switches rule set on 2026-04-01 unless the user picks one', async () => {
    await addPenalties(ws, [
      { no: 'D0331', date: '2026-03-31', types: '警告' },
      { no: 'D0401', date: '2026-04-01', types: '警告' },
    ]);
    const auto = (await rowsAsOf(ws, '2026-05-01')).by;
    expect(auto.D0331).toMatchObject({ rule_set: 'order58', rule_set_source: 'auto', earliest_repair: '2026-06-30', disclosure_end: '2029-03-31', status: '公示中' });
    expect(auto.D0401).toMatchObject({ rule_set: 'order36', earliest_repair: '2026-04-01', disclosure_end: null, status: '不予公示' });
    const forced = await rowsAsOf(ws, '2026-05-01', { ruleSet: 'order36' });
    expect(forced.by.D0331).toMatchObject({ rule_set: 'order36', rule_set_source: 'user', status: '不予公示' });
    expect(forced.result.byRuleSet).toEqual({ order36: 2, order58: 0 });
  });

  it('Order 58 keeps 特种设备, 安全生产 and 消防 penalties for at least one year', async () => {
    await addPenalties(ws, [
      { no: 'SE', date: '2025-06-15', types: '罚款', fine: 0.5, violation: '未按规定进行特种设备定期检验' },
      { no: 'FI', date: '2025-06-15', types: '警告', authority: '上海市奉贤区消防救援支队' },
      { no: 'SP', date: '2025-06-15', types: '罚款', fine: 2, violation: '违反安全生产法规定' },
      { no: 'PL', date: '2025-06-15', types: '罚款', fine: 0.5 },
    ]);
    const { by } = await rowsAsOf(ws, '2026-06-14');
    expect(by.SE).toMatchObject({ special_domain: '特种设备', min_months: 12, earliest_repair: '2026-06-15', disclosure_end: '2028-06-15', status: '公示中' });
    expect(by.FI).toMatchObject({ special_domain: '消防', earliest_repair: '2026-06-15', status: '公示中' });
    expect(by.SP).toMatchObject({ special_domain: '安全生产', earliest_repair: '2026-06-15' });
    expect(by.PL).toMatchObject({ special_domain: null, min_months: 3, earliest_repair: '2025-09-15', status: '可申请修复' });
    // Order 36 has no such minimum
    const forced = (await rowsAsOf(ws, '2026-06-14', { ruleSet: 'order36' })).by;
    expect(forced.SE).toMatchObject({ tier: '轻微', status: '不予公示', special_domain: null });
  });

  it('已修复 needs a finished successful repair on or before the date; later penalties are left out', async () => {
    await addPenalties(ws, [
      { no: 'R1', date: '2026-05-31', types: '没收违法所得' },
      { no: 'R2', date: '2026-05-31', types: '没收违法所得' },
      { no: 'R3', date: '2026-05-31', types: '没收违法所得' },
      { no: 'LATER', date: '2026-10-01', types: '警告' },
      { no: 'RP', date: '2026-05-31', types: '罚款', fine: 0.5, kind: '自然人', uscc: null, person: 'P9' },
    ]);
    await ws.run(`INSERT INTO repairs (repair_id, uscc, decision_no, applied_date, accepted_date, finished_date, result) VALUES
      ('X1', '${CO}', 'R1', DATE '2026-09-01', DATE '2026-09-01', DATE '2026-09-02', '同意修复'),
      ('X2', '${CO}', 'R2', DATE '2026-09-01', DATE '2026-09-01', DATE '2026-09-02', '不予修复'),
      ('X3', '${CO}', 'R3', DATE '2026-09-01', DATE '2026-09-01', DATE '2026-09-20', '同意修复'),
      -- a natural person's penalty has no uscc: the repair of its decision counts whatever code the case carries
      ('X4', '310120000000000000', 'RP', DATE '2026-09-01', DATE '2026-09-01', DATE '2026-09-01', NULL)`);
    const { by, result } = await rowsAsOf(ws, '2026-09-10');
    expect(by.R1).toMatchObject({ status: '已修复', repair_id: 'X1' });
    expect(by.R2).toMatchObject({ status: '可申请修复', repair_id: null });
    expect(by.R3).toMatchObject({ status: '可申请修复' });
    expect(by.RP).toMatchObject({ status: '已修复', repair_id: 'X4', tier: '一般' });
    expect(by.LATER).toBeUndefined();
    expect(result).toMatchObject({ total: 4, excluded: 1 });
    expect(result.byStatus).toEqual({ 不予公示: 0, 公示中: 0, 可申请修复: 2, 已修复: 2, 公示期满: 0 });
    expect(result.byTier).toEqual({ 轻微: 0, 一般: 4, 严重: 0 });
  });
});
