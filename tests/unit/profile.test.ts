// 总览, 主体画像 and grid export over a hand-made district of three subjects: every expected figure below is
// counted from the rows inserted here, not taken from the code's output.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { testCore, callOk } from '../helpers/core';
import { tempDir, tempWorkspacePath } from '../helpers/workspace';
import { openWorkspace, type Workspace } from '../../electron/core/workspace';
import type { Core } from '../../electron/core/services';

const S1 = '91310120AAAAAAAA11';
const S2 = '91310120BBBBBBBB22';
const S3 = '92310120CCCCCCCC33';
const P1 = 'PX0000000000000000000001';

let core: Core;
let wsPath: string;

async function seed(file: string): Promise<void> {
  const ws = await openWorkspace(file, { create: true, threads: 2 });
  await ws.run(`
INSERT INTO subjects (uscc, name, subject_kind, industry_code, industry_name, town, address, phone, legal_rep_name, legal_rep_person_id, established_date, status) VALUES
 ('${S1}', '上海东方美谷化妆品有限公司', '法人及非法人组织', '2682', '化妆品制造', '南桥镇', '南桥镇江海路1号', '13812345678', '张三丰', '${P1}', DATE '2010-05-01', '存续'),
 ('${S2}', '上海海湾物流有限公司', '法人及非法人组织', '5431', '普通货物道路运输', '南桥镇', '南桥镇江海路1号', '13900001111', '张三丰', '${P1}', DATE '2015-01-01', '存续'),
 ('${S3}', '奉贤区金汇小吃店', '个体工商户', '6291', '小吃服务', '金汇镇', '金汇镇金斗路9号', NULL, '李四', NULL, DATE '2020-02-02', '存续');
INSERT INTO persons (person_id, name, id_masked, id_number, phone) VALUES ('${P1}', '张三丰', '310120********0017', '310120198001010017', '13812345678');
INSERT INTO relations (uscc, role, person_id, related_uscc, share_pct) VALUES
 ('${S1}', 'legal_rep', '${P1}', NULL, NULL),
 ('${S2}', 'legal_rep', '${P1}', NULL, NULL),
 ('${S3}', 'shareholder', NULL, '${S1}', 30);
INSERT INTO credit_lists (list_type, uscc, person_id, subject_name, reason, authority, in_date, out_date) VALUES
 ('经营异常名录', '${S2}', NULL, '上海海湾物流有限公司', '未按时年报', '区市场监管局', DATE '2025-01-10', NULL),
 ('红名单', '${S1}', NULL, '上海东方美谷化妆品有限公司', '守信激励', '区发展改革委', DATE '2024-03-01', NULL),
 ('严重失信主体名单', '${S1}', NULL, '上海东方美谷化妆品有限公司', '严重违法', '区市场监管局', DATE '2023-01-01', DATE '2024-01-01');
INSERT INTO penalties (decision_no, uscc, person_id, subject_name, subject_kind, legal_rep_name, violation_type, penalty_types, fine_wan, decision_date, authority, source_dept, reported_date) VALUES
 ('奉市监罚〔2024〕1号', '${S1}', NULL, '上海东方美谷化妆品有限公司', '法人及非法人组织', '张三丰', '虚假广告', '罚款', 2.5, DATE '2024-02-15', '区市场监管局', '区市场监管局', DATE '2024-02-20'),
 ('奉市监罚〔2025〕7号', '${S1}', NULL, '上海东方美谷化妆品有限公司', '法人及非法人组织', '张三丰', '标签不合格', '警告', 0, DATE '2025-07-03', '区市场监管局', '区市场监管局', DATE '2025-07-08'),
 ('奉交罚〔2025〕3号', '${S2}', NULL, '上海海湾物流有限公司', '法人及非法人组织', '张三丰', '超限运输', '罚款', 1, DATE '2025-07-20', '区交通委', '区交通委', DATE '2025-07-25'),
 ('奉卫罚〔2025〕9号', NULL, '${P1}', '张三丰', '自然人', NULL, '无证行医', '罚款', 0.5, DATE '2025-07-21', '区卫生健康委', '区卫生健康委', DATE '2025-07-30');
INSERT INTO licenses (decision_no, uscc, subject_name, subject_kind, license_name, decision_date, authority, source_dept) VALUES
 ('奉许〔2024〕1号', '${S1}', '上海东方美谷化妆品有限公司', '法人及非法人组织', '化妆品生产许可证', DATE '2024-02-10', '区市场监管局', '区市场监管局'),
 ('奉许〔2025〕5号', '${S3}', '奉贤区金汇小吃店', '个体工商户', '食品经营许可证', DATE '2025-07-05', '区市场监管局', '区市场监管局');
INSERT INTO commitments (commitment_id, uscc, commitment_type, matter, dept, made_date, status, broken_date) VALUES
 ('C1', '${S1}', '审批替代型', '按期整改', '区市场监管局', DATE '2024-06-01', 'broken', DATE '2024-09-01');
INSERT INTO repairs (repair_id, uscc, decision_no, applied_date, finished_date, result, dept) VALUES
 ('R1', '${S1}', '奉市监罚〔2024〕1号', DATE '2024-08-01', DATE '2024-08-10', '同意修复', '区市场监管局');
INSERT INTO inspections (inspection_id, uscc, dept, item, inspection_date, result) VALUES ('I1', '${S1}', '区市场监管局', '化妆品质量抽检', DATE '2025-03-03', '不合格');
INSERT INTO obligations (uscc, kind, period, due_wan, paid_wan, arrears_wan, tax_grade) VALUES
 ('${S1}', 'tax', DATE '2025-01-01', 1, 1, 0, 'B'), ('${S1}', 'tax', DATE '2025-02-01', 1, 0.5, 0.5, 'B'), ('${S1}', 'tax', DATE '2025-03-01', 1, 1, 0, 'A');
`);
  ws.close();
}

type Value = string | number | boolean | null;

/**
 * Inserts rows into another capability's result table, filling NOT NULL columns this test does not care about
 * with a neutral value of their type (those tables gain columns as their capabilities grow).
 */
async function insertRows(ws: Workspace, table: string, rows: Record<string, Value>[]): Promise<void> {
  const cols = await ws.all<{ name: string; type: string; nullable: boolean }>(
    `SELECT column_name AS name, data_type AS type, is_nullable AS nullable FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = ?`,
    [table],
  );
  const filler = (type: string): Value =>
    type.endsWith('[]') ? null : type === 'DATE' ? '2025-01-01' : type.startsWith('TIMESTAMP') ? '2025-01-01 00:00:00' : type === 'BOOLEAN' ? false : /INT|DOUBLE|DECIMAL|FLOAT/.test(type) ? 0 : type === 'JSON' ? '{}' : 'x';
  for (const row of rows) {
    const names = cols.filter((c) => c.name in row || !c.nullable);
    const exprs = names.map((c) => (c.name in row ? '?' : c.type.endsWith('[]') ? '[]' : '?'));
    const params = names.filter((c) => c.name in row || !c.type.endsWith('[]')).map((c) => (c.name in row ? row[c.name]! : filler(c.type)));
    await ws.run(`INSERT INTO "${table}" (${names.map((c) => `"${c.name}"`).join(', ')}) VALUES (${exprs.join(', ')})`, params as never);
  }
}

/** An evaluation run, a tiering run with warnings, and a repair run (as those capabilities would write them). */
async function addResults(file: string): Promise<void> {
  const ws = await openWorkspace(file, { threads: 2 });
  await insertRows(ws, 'eval_runs', [
    { run_id: 'E0', created_at: '2025-01-01 00:00:00', as_of: '2024-12-31', models: '[]' },
    { run_id: 'E1', created_at: '2026-01-01 00:00:00', as_of: '2025-12-31', models: '[]' },
  ]);
  await insertRows(ws, 'eval_scores', [
    { run_id: 'E0', uscc: S1, comprehensive: 50, final_score: 50, grade: 'D' },
    { run_id: 'E1', uscc: S1, comprehensive: 92, final_score: 92, grade: 'A' },
    { run_id: 'E1', uscc: S2, comprehensive: 65, final_score: 65, grade: 'C' },
    { run_id: 'E1', uscc: S3, comprehensive: 80, final_score: 80, grade: 'B' },
  ]);
  await insertRows(ws, 'eval_contributions', [
    { run_id: 'E1', uscc: S1, model_id: 'comprehensive', indicator_id: 'penalty_recent', points: -3, evidence_count: 1 },
    { run_id: 'E1', uscc: S1, model_id: 'comprehensive', indicator_id: 'red_list', points: 5, evidence_count: 1 },
  ]);
  await insertRows(ws, 'eval_model_files', [
    {
      sha256: 'h1', model_id: 'comprehensive', version: '1', kind: 'comprehensive', stored_at: '2026-01-01 00:00:00',
      content: '{"id":"comprehensive","indicators":[{"id":"penalty_recent","label":"近一年行政处罚"},{"id":"red_list","label":"红名单"}]}',
    },
  ]);
  await insertRows(ws, 'tier_runs', [{ run_id: 'T1', eval_run_id: 'E1', as_of: '2025-12-31', created_at: '2026-01-02 00:00:00' }]);
  await insertRows(ws, 'tier_results', [
    { run_id: 'T1', uscc: S1, grade: 'A', risk_class: 'A', risk_source: 'model', tier: '无感监管' },
    { run_id: 'T1', uscc: S2, grade: 'C', risk_class: 'B', risk_source: 'model', tier: '重点监管' },
  ]);
  await insertRows(ws, 'tier_run_cells', [
    { run_id: 'T1', grade: 'A', risk_class: 'A', tier: '无感监管', share: 1, frequency: '不主动检查', subjects: 1 },
    { run_id: 'T1', grade: 'C', risk_class: 'B', tier: '重点监管', share: 30, frequency: '每年2次', subjects: 1 },
  ]);
  await insertRows(ws, 'warning_hits', [
    { run_id: 'T1', rule_id: 'new_abnormal', uscc: S2, severity: '中', event_date: '2025-01-10', evidence_key: 'k1', summary: '列入经营异常名录' },
    { run_id: 'T1', rule_id: 'broken_commitment', uscc: S1, severity: '中', event_date: '2024-09-01', evidence_key: 'k2', summary: '违诺' },
  ]);
  await insertRows(ws, 'warning_states', [{ rule_id: 'broken_commitment', uscc: S1, evidence_key: 'k2', state: 'handled', updated_at: '2026-01-03 00:00:00' }]);
  await insertRows(ws, 'repair_runs', [
    { run_id: 'D0', as_of_date: '2025-06-30', rule_set: 'auto', finished_at: '2025-07-01 00:00:00' },
    { run_id: 'D1', as_of_date: '2025-12-31', rule_set: 'auto', finished_at: '2026-01-01 00:00:00' },
  ]);
  const disclosure = (run: string, no: string, uscc: string, date: string, status: string) => ({
    run_id: run, decision_no: no, uscc, subject_kind: '法人及非法人组织', decision_date: date, tier: '一般', status,
  });
  await insertRows(ws, 'penalty_disclosure', [
    disclosure('D0', '奉市监罚〔2025〕7号', S1, '2025-07-03', '可申请修复'),
    disclosure('D1', '奉市监罚〔2025〕7号', S1, '2025-07-03', '可申请修复'),
    disclosure('D1', '奉交罚〔2025〕3号', S2, '2025-07-20', '公示中'),
  ]);
  ws.close();
}

/** Our own exported workbooks, read back with exceljs (SheetJS is used for writing only). */
async function readXlsx(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as never);
  return book;
}

function sheetObjects(sheet: ExcelJS.Worksheet): Record<string, unknown>[] {
  const rows = (sheet.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries(head!.map((h, i) => [String(h), r[i] ?? undefined])));
}

beforeAll(async () => {
  wsPath = tempWorkspacePath();
  await seed(wsPath);
  core = testCore(wsPath);
});
afterAll(() => core?.close());

const recordRows = (s: { records: { table: string; rows: number }[] }) => Object.fromEntries(s.records.map((r) => [r.table, r.rows]));

describe('overview.summary', () => {
  it('counts subjects and records, and says what has not been run yet', async () => {
    const s = await callOk(core, 'overview.summary', {});
    expect(s.subjects).toBe(3);
    expect(recordRows(s)).toMatchObject({ licenses: 2, penalties: 4, credit_lists: 3, commitments: 1, repairs: 1, inspections: 1, obligations: 3, complaints: 0 });
    expect(s.grades).toBeNull();
    expect(s.tiers).toBeNull();
    expect(s.openWarnings).toBeNull();
    expect(s.repairable).toBeNull();
    expect(s.byTown).toEqual([
      { key: '南桥镇', subjects: 2, penalties: 3 },
      { key: '金汇镇', subjects: 1, penalties: 0 },
    ]);
    // Every month from 2024-02 to 2025-07 (18), empty ones at 0; the person's penalty counts per month, not per town.
    expect(s.byMonth).toHaveLength(18);
    expect(s.byMonth[0]).toEqual({ month: '2024-02', penalties: 1, licenses: 1 });
    expect(s.byMonth[1]).toEqual({ month: '2024-03', penalties: 0, licenses: 0 });
    expect(s.byMonth[17]).toEqual({ month: '2025-07', penalties: 3, licenses: 1 });
    expect(s.byMonth.slice(1, 17).every((m) => m.penalties === 0 && m.licenses === 0)).toBe(true);
  });

  it('filters every figure by town, except the town chart itself', async () => {
    const s = await callOk(core, 'overview.summary', { town: '南桥镇' });
    expect(s.subjects).toBe(2);
    expect(recordRows(s)).toMatchObject({ licenses: 1, penalties: 3, credit_lists: 3, obligations: 3 });
    expect(s.byTown.map((r) => r.key)).toEqual(['南桥镇', '金汇镇']);
    expect(s.byIndustry.map((r) => r.key).sort()).toEqual(['化妆品制造', '普通货物道路运输'].sort());
    expect(s.byMonth).toHaveLength(18);
    expect(s.byMonth[0]).toEqual({ month: '2024-02', penalties: 1, licenses: 1 });
    expect(s.byMonth[17]).toEqual({ month: '2025-07', penalties: 2, licenses: 0 });
  });

  it('combines town and industry filters', async () => {
    const s = await callOk(core, 'overview.summary', { town: '南桥镇', industry: '化妆品制造' });
    expect(s.subjects).toBe(1);
    expect(recordRows(s)).toMatchObject({ penalties: 2, licenses: 1, commitments: 1 });
    // The town chart keeps the industry filter only: one cosmetics firm in 南桥镇 with two penalties.
    expect(s.byTown).toEqual([{ key: '南桥镇', subjects: 1, penalties: 2 }]);
    const none = await callOk(core, 'overview.summary', { town: '金汇镇', industry: '化妆品制造' });
    expect(none.subjects).toBe(0);
    expect(none.byMonth).toEqual([]);
  });

  it('recounts when the data changes', async () => {
    const before = await callOk(core, 'overview.summary', { town: '金汇镇' });
    expect(recordRows(before).penalties).toBe(0);
    const ws = await core.session.workspace();
    await ws.run(`INSERT INTO penalties (decision_no, uscc, subject_name, decision_date, authority) VALUES ('临时1号', '${S3}', '奉贤区金汇小吃店', DATE '2025-08-01', '区市场监管局')`);
    try {
      const after = await callOk(core, 'overview.summary', { town: '金汇镇' });
      expect(recordRows(after).penalties).toBe(1);
      expect(after.byMonth.at(-1)).toEqual({ month: '2025-08', penalties: 1, licenses: 0 });
    } finally {
      await ws.run(`DELETE FROM penalties WHERE decision_no = '临时1号'`);
    }
    expect(recordRows(await callOk(core, 'overview.summary', { town: '金汇镇' })).penalties).toBe(0);
  });

  it('rejects unknown filter keys', async () => {
    const reply = await core.call({ call: 'overview.summary', input: { street: 'x' } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });
});

describe('overview.freshness', () => {
  it('counts rows per department and table with the latest dates', async () => {
    const f = await callOk(core, 'overview.freshness', {});
    const market = f.departments.filter((d) => d.dept === '区市场监管局');
    const byTable = Object.fromEntries(market.map((d) => [d.table, d]));
    expect(byTable.penalties).toMatchObject({ rows: 2, lastDecision: '2025-07-03', lastReported: '2025-07-08' });
    expect(byTable.licenses).toMatchObject({ rows: 2, lastDecision: '2025-07-05' });
    expect(byTable.inspections).toMatchObject({ rows: 1, lastDecision: '2025-03-03' });
    expect(f.departments.find((d) => d.dept === '区交通委' && d.table === 'penalties')?.rows).toBe(1);
    expect(f.imports).toEqual([]);
  });
});

describe('profile.search', () => {
  it('ranks exact code, code prefix, name prefix, contains, characters in order, similar', async () => {
    expect((await callOk(core, 'profile.search', { q: S1.toLowerCase() })).rows[0]).toMatchObject({ uscc: S1, match: 0 });
    const prefix = await callOk(core, 'profile.search', { q: '91310120' });
    expect(prefix.rows.map((r) => r.uscc).sort()).toEqual([S1, S2]);
    expect(prefix.rows.every((r) => r.match === 1)).toBe(true);
    expect((await callOk(core, 'profile.search', { q: '上海海湾' })).rows).toMatchObject([{ uscc: S2, match: 3 }]);
    expect((await callOk(core, 'profile.search', { q: '美谷' })).rows).toMatchObject([{ uscc: S1, match: 4 }]);
    expect((await callOk(core, 'profile.search', { q: '东方化妆' })).rows).toMatchObject([{ uscc: S1, match: 5 }]);
    const similar = await callOk(core, 'profile.search', { q: '上海东方美谷化妆品有限责任公司' });
    expect(similar.rows[0]).toMatchObject({ uscc: S1, match: 6 });
    expect(similar.rows[0]!.similarity).toBeGreaterThanOrEqual(0.8);
    expect((await callOk(core, 'profile.search', { q: '完全不相干的名字' })).rows).toEqual([]);
  });

  it('treats LIKE wildcards in the text as plain characters', async () => {
    expect((await callOk(core, 'profile.search', { q: '%%' })).rows).toEqual([]);
  });
});

describe('profile.get', () => {
  it('arranges the records in the sections of the national report, masked, and audits the view', async () => {
    const p = await callOk(core, 'profile.get', { uscc: ` ${S1.toLowerCase()} ` });
    expect(p.uscc).toBe(S1);
    expect(p.masked).toBe(true);
    expect(p.sections.map((s) => s.title)).toEqual([
      '基础信息', '行政管理', '荣誉', '严重失信主体名单', '经营（活动）异常名录', '信用承诺', '信用评价', '司法判决', '其他', '地方补充',
    ]);
    expect(p.basic.rows[0]).toMatchObject({ legal_rep_name: '张**', phone: '138****5678', town: '南桥镇' });
    const part = (key: string) => p.sections.flatMap((s) => s.tables).find((t) => t.key === key)!;
    expect(part('penalties').total).toBe(2);
    expect(part('penalties').rows.map((r) => r.decision_no)).toEqual(['奉市监罚〔2025〕7号', '奉市监罚〔2024〕1号']);
    expect(part('penalties').rows[0]!.legal_rep_name).toBe('张**');
    expect(part('red').total).toBe(1);
    expect(part('serious').total).toBe(1);
    expect(part('abnormal').total).toBe(0);
    expect(part('repairs').total).toBe(1);
    expect(part('obligations').rows).toEqual([
      expect.objectContaining({ kind: '纳税', months: 3, arrears_months: 1, arrears_wan: 0.5, tax_grade: 'A' }),
    ]);
    expect(p.sections.find((s) => s.key === 'evaluation')!.note).toContain('尚无');
    expect(p.evaluation).toBeNull();

    // Timeline: newest first, penalties and a broken commitment bad, the repair's end good.
    expect(p.timeline[0]).toMatchObject({ date: '2025-07-03', category: '行政处罚', tone: 'bad' });
    expect(p.timeline.find((e) => e.title.startsWith('违诺'))).toMatchObject({ date: '2024-09-01', tone: 'bad' });
    expect(p.timeline.find((e) => e.title.startsWith('修复办结'))).toMatchObject({ date: '2024-08-10', tone: 'good' });
    expect(p.timeline.find((e) => e.title === '移出严重失信主体名单')).toMatchObject({ date: '2024-01-01', tone: 'good' });
    expect(p.timeline.at(-1)).toMatchObject({ date: '2010-05-01', title: '成立' });
    const dates = p.timeline.map((e) => e.date);
    expect([...dates].sort().reverse()).toEqual(dates);

    // Relations: the legal representative (masked), the firm S1 holds shares in, and the other firm of the person
    // (listed in 经营异常名录, in force).
    const nodes = Object.fromEntries(p.relations.nodes.map((n) => [n.id, n]));
    expect(nodes[P1]).toMatchObject({ kind: 'person', label: '张**' });
    expect(nodes[S3]).toMatchObject({ kind: 'subject', label: '奉贤区金汇小吃店' });
    expect(nodes[S2]).toMatchObject({ kind: 'subject', lists: ['经营异常名录'] });
    expect(nodes[S1]!.lists).toEqual([]);
    expect(p.relations.edges).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: P1, target: S1, role: 'legal_rep' }),
        expect.objectContaining({ source: P1, target: S2, role: 'legal_rep' }),
        expect.objectContaining({ source: S1, target: S3, role: 'shareholder', label: '股东 30%' }),
      ]),
    );

    const ws = await core.session.workspace();
    const audit = await ws.all<{ action: string; target: string }>(`SELECT action, target FROM audit_log WHERE action = 'profile.view'`);
    expect(audit).toContainEqual({ action: 'profile.view', target: S1 });
  });

  it('shows names unmasked only under an unmask grant', async () => {
    core.session.grantUnmask('核查投诉线索', 5);
    try {
      const p = await callOk(core, 'profile.get', { uscc: S1 });
      expect(p.masked).toBe(false);
      expect(p.basic.rows[0]).toMatchObject({ legal_rep_name: '张三丰', phone: '13812345678' });
      expect(p.relations.nodes.find((n) => n.id === P1)?.label).toBe('张三丰');
      const ws = await core.session.workspace();
      expect(await ws.scalar(`SELECT purpose FROM audit_log WHERE action = 'profile.view' ORDER BY seq DESC LIMIT 1`)).toBe('核查投诉线索');
    } finally {
      core.session.revokeUnmask();
    }
  });

  it('says plainly when the subject does not exist', async () => {
    const reply = await core.call({ call: 'profile.get', input: { uscc: '91310120ZZZZZZZZ99' } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    if (!reply.ok) expect(reply.error.message).toContain('名称搜索');
  });
});

describe('results of other capabilities', () => {
  let withResults: Core;
  beforeAll(async () => {
    const file = path.join(tempDir(), 'r.duckdb');
    await seed(file);
    await addResults(file);
    withResults = testCore(file);
  });
  afterAll(() => withResults?.close());

  it('shows the latest evaluation and tiering runs, open warnings and repairable penalties', async () => {
    const s = await callOk(withResults, 'overview.summary', {});
    expect(s.grades).toEqual({ runId: 'E1', asOf: '2025-12-31', counts: { A: 1, B: 1, C: 1 } });
    expect(s.tiers).toEqual({ runId: 'T1', asOf: '2025-12-31', counts: { 无感监管: 1, 重点监管: 1 } });
    expect(s.openWarnings).toBe(1);
    expect(s.repairable).toBe(1);
    const f = await callOk(withResults, 'overview.summary', { industry: '小吃服务' });
    expect(f.grades?.counts).toEqual({ B: 1 });
    expect(f.openWarnings).toBe(0);
    expect(f.repairable).toBe(0);
  });

  it('explains the grade in the profile with indicator labels from the stored model', async () => {
    const p = await callOk(withResults, 'profile.get', { uscc: S1 });
    expect(p.evaluation).toMatchObject({ runId: 'E1', grade: 'A', finalScore: 92 });
    expect(p.evaluation!.contributions).toEqual([
      { modelId: 'comprehensive', indicatorId: 'red_list', label: '红名单', points: 5, evidenceCount: 1 },
      { modelId: 'comprehensive', indicatorId: 'penalty_recent', label: '近一年行政处罚', points: -3, evidenceCount: 1 },
    ]);
    expect(p.tier).toMatchObject({ runId: 'T1', tier: '无感监管', share: 1, frequency: '不主动检查' });
    const warnings = p.sections.find((s) => s.key === 'local')!.tables.find((t) => t.key === 'warnings')!;
    expect(warnings.rows).toEqual([expect.objectContaining({ rule_id: 'broken_commitment', state: '已处置' })]);
  });
});

describe('exports', () => {
  it('exports a profile as XLSX and printable HTML, audited', async () => {
    const x = await callOk(core, 'profile.export', { uscc: S1, format: 'xlsx' });
    expect(x.fileName).toMatch(/^一户一档-上海东方美谷化妆品有限公司-\d{8}-\d{6}\.xlsx$/);
    const book = await readXlsx(x.bytes!);
    expect(book.worksheets[0]!.name).toBe('基础信息');
    const pen = sheetObjects(book.getWorksheet('行政管理-行政处罚')!);
    expect(pen.map((r) => r['行政处罚决定书文号'])).toEqual(['奉市监罚〔2025〕7号', '奉市监罚〔2024〕1号']);
    const h = await callOk(core, 'profile.export', { uscc: S1, format: 'html' });
    const html = new TextDecoder().decode(h.bytes!);
    expect(html).toContain('公共信用信息报告（一户一档）');
    expect(html).toContain('7. 信用评价');
    expect(html).toContain('奉市监罚〔2024〕1号');
    expect(html).not.toContain('张三丰');
    expect(html).not.toMatch(/<script/i);
    const ws = await core.session.workspace();
    const targets = await ws.all<{ target: string }>(`SELECT target FROM audit_log WHERE action = 'export.file' ORDER BY seq`);
    expect(targets.map((t) => t.target)).toEqual(expect.arrayContaining([x.fileName, h.fileName]));
  });

  it('exports the filtered, sorted grid view to CSV with a BOM and Chinese headers', async () => {
    const out = await callOk(core, 'grid.export', {
      sql: 'SELECT decision_no, fine_wan, decision_date FROM penalties',
      filters: [{ column: 'fine_wan', op: 'gt', value: 0.6 }],
      sort: [{ column: 'fine_wan', desc: true }],
      format: 'csv',
      labels: { decision_no: '决定书文号', fine_wan: '罚款金额（万元）' },
      name: '行政处罚',
    });
    expect(out.rows).toBe(2);
    const bytes = Buffer.from(out.bytes!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf-8').trim().split('\n');
    expect(lines[0]).toBe('决定书文号,罚款金额（万元）,decision_date');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['奉市监罚〔2024〕1号', '奉交罚〔2025〕3号']);
  });

  it('writes an XLSX export to a chosen path and keeps masking', async () => {
    const target = path.join(tempDir(), '主体.xlsx');
    const out = await callOk(core, 'grid.export', { sql: 'SELECT uscc, name, legal_rep_name, established_date FROM subjects ORDER BY uscc', format: 'xlsx', path: target });
    expect(out).toMatchObject({ rows: 3, path: target });
    expect(out.bytes).toBeUndefined();
    const rows = sheetObjects((await readXlsx(fs.readFileSync(target))).getWorksheet('导出')!);
    expect(rows.map((r) => r.legal_rep_name)).toEqual(['张**', '张**', '李*']);
    expect(rows[0]!.established_date).toBe('2010-05-01');
  });

  it('refuses XLSX beyond Excel’s row limit and points to CSV', async () => {
    const reply = await core.call({ call: 'grid.export', input: { sql: 'SELECT range AS n FROM range(1048576)', format: 'xlsx' } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
    if (!reply.ok) expect(reply.error.message).toContain('CSV');
  });

  it('exports only what a read-only query may read', async () => {
    const reply = await core.call({ call: 'grid.export', input: { sql: "COPY subjects TO '/tmp/x.csv'", format: 'csv' } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'SQL_FORBIDDEN' } });
  });
});

describe('grid.columnStats', () => {
  it('counts rows, nulls, distinct values, min and max over the filtered view', async () => {
    const s = await callOk(core, 'grid.columnStats', { sql: 'SELECT * FROM penalties', column: 'uscc' });
    expect(s).toMatchObject({ rows: 4, nonNull: 3, nulls: 1, distinct: 2, min: S1, max: S2 });
    expect(s.top[0]).toEqual({ value: S1, count: 2 });
    const f = await callOk(core, 'grid.columnStats', { sql: 'SELECT * FROM penalties', column: 'fine_wan', filters: [{ column: 'penalty_types', op: 'eq', value: '罚款' }] });
    expect(f).toMatchObject({ rows: 3, nulls: 0, distinct: 3, min: '0.5000', max: '2.5000' });
  });

  it('names a missing column', async () => {
    const reply = await core.call({ call: 'grid.columnStats', input: { sql: 'SELECT 1 AS a', column: 'b' } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });
});
