// The repair calls through the core (as every face uses them) and `cws repair`, on seven hand-made penalties whose
// statuses on 2026-08-31 are worked out by hand:
//   A 2026-05-31 警告；没收违法所得 → Order 36 一般, repair from 2026-08-31 → 可申请修复
//   B 2026-03-31 罚款 150 万      → Order 58 严重, 3 months → 2026-06-30 → 可申请修复 (Order 36 forced: 2027-03-31 → 公示中)
//   C 2026-04-01 自然人 罚款 0.05 万 → Order 36 轻微 → 不予公示
//   D 2026-06-15 吊销营业执照      → Order 36 严重, 2027-06-15 → 公示中
//   E 2023-06-01 警告              → Order 58, ends 2026-06-01 → 公示期满 (Order 36 forced: 不予公示)
//   G 2026-04-15 没收非法财物，repaired 2026-08-01 → 已修复
//   F 2026-09-01 警告              → after the date, excluded
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { openWorkspace } from '../../electron/core/workspace';
import type { Core } from '../../electron/core/services';
import { cws } from '../helpers/cli';
import { callOk, testCore } from '../helpers/core';
import { tempDir } from '../helpers/workspace';

const A = '91310120MA1H00000A';
const B = '91310120MA1H00000B';
const D = '91310120MA1H00000D';
const E = '91310120MA1H00000E';
const G = '91310120MA1H00000G';

let file = '';

beforeAll(async () => {
  file = path.join(tempDir('cws-repair-'), 'w.duckdb');
  const ws = await openWorkspace(file, { create: true, threads: 2 });
  await ws.run(`INSERT INTO subjects (uscc, name, town, phone) VALUES
    ('${A}', '甲公司', '南桥镇', '13800001111'), ('${B}', '乙公司', '奉城镇', '13800002222'),
    ('${D}', '丁公司', '南桥镇', NULL), ('${E}', '戊公司', '金汇镇', NULL), ('${G}', '己公司', '南桥镇', NULL)`);
  await ws.run(`INSERT INTO penalties (decision_no, uscc, person_id, subject_name, subject_kind, penalty_types, fine_wan, decision_date, authority) VALUES
    ('A', '${A}', NULL, '甲公司', '法人及非法人组织', '警告；没收违法所得', NULL, DATE '2026-05-31', '区市场监督管理局'),
    ('B', '${B}', NULL, '乙公司', '法人及非法人组织', '罚款', 150, DATE '2026-03-31', '区市场监督管理局'),
    ('C', NULL, 'P0001', '李四', '自然人', '罚款', 0.05, DATE '2026-04-01', '区城管执法局'),
    ('D', '${D}', NULL, '丁公司', '法人及非法人组织', '吊销营业执照', NULL, DATE '2026-06-15', '区市场监督管理局'),
    ('E', '${E}', NULL, '戊公司', '法人及非法人组织', '警告', NULL, DATE '2023-06-01', '区教育局'),
    ('G', '${G}', NULL, '己公司', '法人及非法人组织', '没收非法财物', NULL, DATE '2026-04-15', '区教育局'),
    ('F', '${A}', NULL, '甲公司', '法人及非法人组织', '警告', NULL, DATE '2026-09-01', '区教育局')`);
  await ws.run(`INSERT INTO repairs (repair_id, uscc, decision_no, applied_date, accepted_date, finished_date, result, dept)
    VALUES ('RG', '${G}', 'G', DATE '2026-07-31', DATE '2026-07-31', DATE '2026-08-01', '同意修复', '区教育局')`);
  ws.close();
});

describe('cws repair', () => {
  it('fills penalty_disclosure and prints counts by status and tier', () => {
    const r = cws(['repair', file, '--as-of', '2026-08-31', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = r.json<Record<string, unknown>>();
    expect(out).toMatchObject({
      asOf: '2026-08-31',
      ruleSet: 'auto',
      total: 6,
      excluded: 1,
      byStatus: { 不予公示: 1, 公示中: 1, 可申请修复: 2, 已修复: 1, 公示期满: 1 },
      byTier: { 轻微: 2, 一般: 2, 严重: 2 },
      byRuleSet: { order36: 4, order58: 2 },
    });
    const rows = cws(['query', file, 'SELECT decision_no, status FROM penalty_disclosure ORDER BY decision_no', '--format', 'json']);
    expect(JSON.parse(rows.stdout)).toEqual([
      { decision_no: 'A', status: '可申请修复' },
      { decision_no: 'B', status: '可申请修复' },
      { decision_no: 'C', status: '不予公示' },
      { decision_no: 'D', status: '公示中' },
      { decision_no: 'E', status: '公示期满' },
      { decision_no: 'G', status: '已修复' },
    ]);
  });

  it('applies a rule set chosen by the user', () => {
    const out = cws(['repair', file, '--as-of', '2026-08-31', '--rule-set', 'order36', '--json']).json<Record<string, unknown>>();
    expect(out).toMatchObject({ ruleSet: 'order36', byStatus: { 不予公示: 2, 公示中: 2, 可申请修复: 1, 已修复: 1, 公示期满: 0 } });
  });

  it('rejects a missing or malformed date with exit code 1', () => {
    const missing = cws(['repair', file, '--json']);
    expect(missing.status).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('--as-of');
    expect(cws(['repair', file, '--as-of', '2026/08/31']).status).toBe(1);
    expect(cws(['repair', file, '--as-of', '2026-08-31', '--rule-set', 'order99']).status).toBe(1);
  });
});

describe('repair calls', () => {
  let core: Core;
  beforeAll(async () => {
    core = testCore(file);
    await callOk(core, 'repair.run', { asOf: '2026-08-31' });
  });
  afterAll(() => core?.close());

  it('pages the eligibility list with filters and masks natural persons', async () => {
    const page = await callOk(core, 'repair.disclosure', { filter: { status: ['可申请修复'] }, sort: { column: 'earliest_repair' } });
    expect(page.total).toBe(2);
    expect(page.rows.map((r) => [r.decision_no, r.earliest_repair, r.town])).toEqual([
      ['B', '2026-06-30', '奉城镇'],
      ['A', '2026-08-31', '南桥镇'],
    ]);
    expect(page.run?.asOf).toBe('2026-08-31');
    const person = await callOk(core, 'repair.disclosure', { filter: { subjectKind: '自然人' } });
    expect(person.rows).toHaveLength(1);
    expect(person.rows[0]).toMatchObject({ decision_no: 'C', subject_name: '李*', tier: '轻微', status: '不予公示' });
    const byTier = await callOk(core, 'repair.disclosure', { filter: { tier: ['严重'] }, limit: 1, offset: 1, sort: { column: 'decision_date' } });
    expect(byTier).toMatchObject({ total: 2, offset: 1 });
    expect(byTier.rows.map((r) => r.decision_no)).toEqual(['D']);
  });

  it('groups the 可申请修复 subjects by town for outreach, phones masked', async () => {
    const r = await callOk(core, 'repair.outreach', {});
    expect(r.total).toBe(2);
    expect(r.towns.map((t) => [t.town, t.count, t.items.map((i) => i.decision_no)]).sort()).toEqual([
      ['南桥镇', 1, ['A']],
      ['奉城镇', 1, ['B']],
    ]);
    const nanqiao = r.towns.find((t) => t.town === '南桥镇')!;
    expect(nanqiao.items[0]!.phone).toBe('138****1111');
  });

  it('exports the filtered list as XLSX and audits the run and the export', async () => {
    const out = await callOk(core, 'repair.export', { filter: { status: ['可申请修复', '公示中'] } });
    expect(out.rows).toBe(3);
    expect(String.fromCharCode(out.bytes[0]!, out.bytes[1]!)).toBe('PK');
    // Reading back our own export in the test only (the product never reads user XLSX with SheetJS).
    const wb = XLSX.read(out.bytes, { type: 'array' });
    const sheet = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets[wb.SheetNames[0]!]!);
    expect(sheet.map((r) => r['行政处罚决定书文号']).sort()).toEqual(['A', 'B', 'D']);
    const ws = await core.session.workspace();
    const actions = await ws.all<{ action: string }>(`SELECT action FROM audit_log WHERE action IN ('repair.run', 'export.file') ORDER BY seq`);
    // two runs by cws above, one by this core, then the export
    expect(actions.map((a) => a.action)).toEqual(['repair.run', 'repair.run', 'repair.run', 'export.file']);
  });

  it('reports the latest run and the rules', async () => {
    const latest = await callOk(core, 'repair.latest', {});
    expect(latest).toMatchObject({ asOf: '2026-08-31', total: 6 });
    const rules = await callOk(core, 'repair.rules', {});
    const o36 = rules.ruleSets.find((r) => r.id === 'order36')!;
    expect(o36.periods['一般']).toEqual({ disclose: true, minMonths: 3, maxMonths: 12 });
    expect(o36.thresholds['自然人']).toEqual({ smallBelowWan: 0.1, hugeFromWan: 10 });
    expect(rules.calendar.find((y) => y.year === 2027)?.status).toBe('provisional');
  });
});
