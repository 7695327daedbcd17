// Repair efficiency in working days, 三书同达 / 四书同达 by department and the commitment loop, on small hand-made
// data whose expected figures are worked out by hand (2025 National Day: 1–8 Oct off, 28 Sep and 11 Oct worked).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../electron/core/workspace';
import { commitmentLoop, documentCompliance, ensureCommitmentMacro, loadRuleBook, repairEfficiency } from '../../electron/core/repair';
import { emptyWorkspace } from '../helpers/workspace';

const A = '91310120MA1H00000A';
const B = '91310120MA1H00000B';

let ws: Workspace;
beforeAll(async () => {
  ws = await emptyWorkspace();
  await ws.run(`INSERT INTO subjects (uscc, name, town, industry_code) VALUES ('${A}', '甲公司', '南桥镇', 'C2710'), ('${B}', '乙公司', '奉城镇', 'F5211')`);
});
afterAll(() => ws?.close());

describe('repair efficiency', () => {
  beforeAll(async () => {
    await ws.run(`INSERT INTO repairs (repair_id, uscc, decision_no, applied_date, accepted_date, finished_date, result, dept) VALUES
      -- after 30 Sep: 1–8 Oct off, 9 Oct → 1 working day; applied Sun 28 Sep (调休), accepted 30 Sep → 2
      ('R1', '${A}', 'P1', DATE '2025-09-28', DATE '2025-09-30', DATE '2025-10-09', '同意修复', '区市场监管局'),
      -- after Fri 26 Sep: 28, 29, 30 Sep, 9, 10, 11 Oct → 6
      ('R2', '${A}', 'P2', DATE '2025-09-26', DATE '2025-09-26', DATE '2025-10-11', '同意修复', '区市场监管局'),
      -- 受理即办结 → 0
      ('R3', '${B}', 'P3', DATE '2025-10-10', DATE '2025-10-10', DATE '2025-10-10', '同意修复', '区生态环境局'),
      -- 2–5 Sep (4) + 8–12 Sep (5) = 9 > 7; applied Mon 25 Aug → accepted after 26–29 Aug (4) + 1 Sep (1) = 5 > 3
      ('R4', '${B}', 'P4', DATE '2025-08-25', DATE '2025-09-01', DATE '2025-09-12', '不予修复', '区生态环境局'),
      -- still open on 15 Dec: 2–5 Dec (4) + 8–12 Dec (5) + 15 Dec (1) = 10
      ('R5', '${B}', 'P5', DATE '2025-12-01', DATE '2025-12-01', NULL, NULL, '区生态环境局')`);
  });

  it('counts working days, the 受理即办结 share and the cases over 7 working days', async () => {
    const r = await repairEfficiency(ws, loadRuleBook(), { asOf: '2025-12-15' });
    expect(r).toMatchObject({
      applied: 5,
      finished: 4,
      succeeded: 3,
      sameDay: 1,
      sameDayShare: 0.25,
      avgWorkdays: 4, // (1 + 6 + 0 + 9) / 4
      medianWorkdays: 3.5, // (1 + 6) / 2
      overLimit: 2,
      accepted: 5,
      acceptedInTime: 4,
      limitWorkdays: 7,
    });
    const dist = Object.fromEntries(r.distribution.map((d) => [d.bucket, d.count]));
    expect(dist).toMatchObject({ '0': 1, '1': 1, '6': 1, '>7': 1, '7': 0 });
    expect(r.overLimitCases.map((c) => [c.repair_id, c.workdays, c.open])).toEqual([
      ['R5', 10, true],
      ['R4', 9, false],
    ]);
    expect(r.byDept.find((d) => d.dept === '区市场监管局')).toMatchObject({ finished: 2, sameDay: 0, avgWorkdays: 3.5, overLimit: 0 });
  });

  it('filters by period of acceptance and department', async () => {
    const r = await repairEfficiency(ws, loadRuleBook(), { asOf: '2025-12-15', from: '2025-09-26', to: '2025-10-31', dept: '区市场监管局' });
    expect(r).toMatchObject({ applied: 2, finished: 2, sameDay: 0, overLimit: 0 });
  });
});

describe('三书同达 / 四书同达', () => {
  beforeAll(async () => {
    const d = `DATE '2026-05-10'`;
    const next = `DATE '2026-05-11'`;
    await ws.run(`INSERT INTO penalties (decision_no, uscc, subject_name, penalty_types, decision_date, authority,
        doc_decision_date, doc_compliance_date, doc_repair_notice_date, doc_checkup_date) VALUES
      ('D1', '${A}', '甲公司', '警告', ${d}, '上海市奉贤区市场监督管理局', ${d}, ${d}, ${d}, ${d}),   -- key sector, four on the day
      ('D2', '${A}', '甲公司', '警告', ${d}, '上海市奉贤区市场监督管理局', ${d}, ${d}, ${d}, NULL), -- key sector, no 法治体检书
      ('D3', '${B}', '乙公司', '警告', ${d}, '上海市奉贤区教育局', ${d}, ${d}, ${d}, NULL),         -- not key: three suffice
      ('D4', '${B}', '乙公司', '警告', ${d}, '上海市奉贤区教育局', ${d}, ${next}, ${d}, NULL)       -- compliance a day late`);
  });

  it('shares by department, with 四书 required in key sectors', async () => {
    const r = await documentCompliance(ws, loadRuleBook().district, { from: '2026-05-01', to: '2026-05-31' });
    expect(r.total).toMatchObject({ penalties: 4, keySector: 2, allDocs: 2, twoDocs: 4, share: 0.5, complianceOnTime: 3, checkupOnTime: 1 });
    const market = r.byDept.find((x) => x.dept === '上海市奉贤区市场监督管理局')!;
    const edu = r.byDept.find((x) => x.dept === '上海市奉贤区教育局')!;
    expect(market).toMatchObject({ penalties: 2, keySector: 2, allDocs: 1, share: 0.5 });
    expect(edu).toMatchObject({ penalties: 2, keySector: 0, allDocs: 1, share: 0.5 });
    const none = await documentCompliance(ws, loadRuleBook().district, { from: '2027-01-01' });
    expect(none.total).toMatchObject({ penalties: 0, share: null });
  });
});

describe('commitment loop', () => {
  beforeAll(async () => {
    await ws.run(`INSERT INTO commitments (commitment_id, uscc, commitment_type, matter, dept, made_date, term_end_date, status, broken_date) VALUES
      ('C1', '${A}', '审批替代型', '虚假宣传', '区市场监管局', DATE '2025-01-01', DATE '2025-12-31', 'pending', NULL),
      ('C2', '${A}', '审批替代型', '虚假宣传', '区市场监管局', DATE '2025-07-01', DATE '2025-12-31', NULL, NULL),
      ('C3', '${A}', '主动公示型', '无证经营', '区市场监管局', DATE '2025-01-01', DATE '2025-12-31', 'kept', NULL),
      ('C4', '${B}', '行业自律型', '超标排放', '区生态环境局', DATE '2025-01-01', DATE '2025-12-31', 'broken', DATE '2025-03-01'),
      ('C5', '${B}', '信用修复型', '超标排放', '区生态环境局', DATE '2025-06-01', DATE '2026-12-31', NULL, NULL),
      ('C6', '${B}', '审批替代型', '虚假宣传', '区市场监管局', DATE '2025-01-01', DATE '2025-12-31', NULL, NULL),
      ('C7', '${B}', '主动公示型', '无照经营', '区市场监管局', DATE '2025-01-01', DATE '2025-10-31', NULL, NULL)`);
    await ws.run(`INSERT INTO penalties (decision_no, uscc, subject_name, penalty_types, violation_type, decision_date, authority) VALUES
      ('Q1', '${A}', '甲公司', '罚款', '虚假宣传', DATE '2025-06-10', '区市场监管局'),   -- breaks C1 (in term), before C2 was made
      ('Q2', '${A}', '甲公司', '罚款', '无证经营', DATE '2026-01-10', '区市场监管局'),   -- after C3's term
      ('Q3', '${B}', '乙公司', '罚款', '无照经营', DATE '2025-10-31', '区市场监管局')    -- on C7's last day: broken`);
  });

  it('breaks a commitment by a later penalty for the same matter within its term', async () => {
    const rows = await ws.all<Record<string, unknown>>(
      `SELECT commitment_id, effective_status, broken_date, broken_by_decision_no FROM commitment_status_at(DATE '2026-01-31') ORDER BY commitment_id`,
    );
    expect(rows).toEqual([
      { commitment_id: 'C1', effective_status: 'broken', broken_date: '2025-06-10', broken_by_decision_no: 'Q1' },
      { commitment_id: 'C2', effective_status: 'kept', broken_date: null, broken_by_decision_no: null },
      { commitment_id: 'C3', effective_status: 'kept', broken_date: null, broken_by_decision_no: null },
      { commitment_id: 'C4', effective_status: 'broken', broken_date: '2025-03-01', broken_by_decision_no: null },
      { commitment_id: 'C5', effective_status: 'pending', broken_date: null, broken_by_decision_no: null },
      { commitment_id: 'C6', effective_status: 'kept', broken_date: null, broken_by_decision_no: null },
      { commitment_id: 'C7', effective_status: 'broken', broken_date: '2025-10-31', broken_by_decision_no: 'Q3' },
    ]);
    // before the penalty C1 was still running
    const early = await ws.one(`SELECT effective_status FROM commitment_status_at(DATE '2025-06-09') WHERE commitment_id = 'C1'`);
    expect(early).toEqual({ effective_status: 'pending' });
  });

  it('exposes the commitment_status view with the agreed columns', async () => {
    const cols = await ws.all<{ column_name: string }>(
      `SELECT column_name FROM duckdb_columns() WHERE table_name = 'commitment_status' ORDER BY column_index`,
    );
    expect(cols.map((c) => c.column_name).slice(0, 9)).toEqual([
      'commitment_id', 'uscc', 'commitment_type', 'dept', 'made_date', 'term_end_date', 'effective_status', 'broken_date', 'broken_by_decision_no',
    ]);
    // today is after every term end but C5's (2026-12-31) in this data set, so the view agrees on the broken ones
    const broken = await ws.all(`SELECT commitment_id FROM commitment_status WHERE effective_status = 'broken' ORDER BY 1`);
    expect(broken).toEqual([{ commitment_id: 'C1' }, { commitment_id: 'C4' }, { commitment_id: 'C7' }]);
  });

  it('re-creates the macro and view when they were dropped', async () => {
    await ws.run('DROP VIEW commitment_status');
    await ws.run('DROP MACRO TABLE commitment_status_at');
    expect(await ensureCommitmentMacro(ws, loadRuleBook().district)).toBe(true);
    expect(await ws.scalar(`SELECT count(*) FROM commitment_status_at(DATE '2026-01-31') WHERE effective_status = 'broken'`)).toBe(3);
    expect(await ensureCommitmentMacro(ws, loadRuleBook().district)).toBe(false);
  });

  it('fulfilment rate by type and department', async () => {
    const r = await commitmentLoop(ws, '2026-01-31');
    const byType = Object.fromEntries(r.byType.map((t) => [t.key, t]));
    // 审批替代型: C1 broken, C2 kept, C6 kept → 2 / 3
    expect(byType['审批替代型']).toMatchObject({ total: 3, kept: 2, broken: 1, pending: 0 });
    expect(byType['审批替代型']!.rate).toBeCloseTo(2 / 3, 10);
    // 主动公示型: C3 kept, C7 broken → 1 / 2
    expect(byType['主动公示型']).toMatchObject({ total: 2, kept: 1, broken: 1, rate: 0.5 });
    expect(byType['行业自律型']).toMatchObject({ total: 1, broken: 1, rate: 0 });
    expect(byType['信用修复型']).toMatchObject({ total: 1, pending: 1, rate: null });
    expect(r.total).toMatchObject({ total: 7, kept: 3, broken: 3, pending: 1, rate: 0.5 });
    expect(r.byDept.find((d) => d.key === '区生态环境局')).toMatchObject({ total: 2, broken: 1, pending: 1 });
    expect(r.brokenTotal).toBe(3);
    expect(r.brokenByPenaltyOnly).toBe(2); // C1 and C7 were not recorded as broken
    expect(r.broken.map((b) => [b.commitment_id, b.marked])).toEqual([
      ['C7', false],
      ['C1', false],
      ['C4', true],
    ]);
  });
});
