// Every warning rule of datasets/matrices/warnings.json, inside and outside its window. As-of date 2026-03-31:
// 90-day rules cover 2026-01-01 … 2026-03-31 (31 + 28 + 31 days); the 60-day arrears rules start 2026-01-31, so the
// latest arrears month must be 2026-01 or later.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { openWorkspace, type Workspace } from '../../electron/core/workspace';
import { runTiering } from '../../electron/core/tiering';
import { callOk, testCore } from '../helpers/core';
import type { Core } from '../../electron/core/services';
import { tempDir } from '../helpers/workspace';
import {
  addArrears, addCommitment, addEvalRun, addListing, addPenalty, addRelation, addSubjects, code,
} from './tiering.fixture';

let dir: string;
let wsPath: string;
let ws: Workspace;
let hits: { rule_id: string; uscc: string; evidence_key: string; event_date: string; severity: string; evidence: string; summary: string }[];
const N = Array.from({ length: 25 }, (_, i) => i + 1);

const hitsOf = (rule: string) =>
  hits
    .filter((h) => h.rule_id === rule)
    .map((h) => h.uscc)
    .sort();
const codes = (...ns: number[]) => ns.map(code).sort();

beforeAll(async () => {
  dir = tempDir('cws-tier-warn-');
  wsPath = path.join(dir, 'w.duckdb');
  ws = await openWorkspace(wsPath, { create: true, threads: 2 });
  await addSubjects(ws, [...N, 99].map((n) => ({ n, industry_code: 'F5211', town: n === 1 ? '奉城镇' : '南桥镇' })));
  await ws.run(`UPDATE subjects SET legal_rep_person_id = 'P2' WHERE uscc = '${code(19)}'`);
  await addEvalRun(ws, 'E1', '2026-03-31', '2026-04-01 08:00:00', N.map((n) => [n, 'B']));

  // severe_penalty: fine ≥ 100 (firm) on the first day in; 99.99 not severe; 吊销 a day before the window; after as-of.
  await addPenalty(ws, 1, 'P-1', '2026-01-01', '罚款', 100);
  await addPenalty(ws, 2, 'P-2', '2026-02-01', '罚款', 99.99);
  await addPenalty(ws, 3, 'P-3a', '2025-12-31', '吊销营业执照', null);
  await addPenalty(ws, 3, 'P-3b', '2026-04-01', '责令关闭', null);
  await addPenalty(ws, 4, 'P-4', '2026-03-31', '警告；限制开展生产经营活动', 2);
  await addPenalty(ws, 5, 'P-5', '2026-02-02', '罚款', 10, '自然人');
  await addPenalty(ws, 99, 'P-99', '2026-02-02', '吊销许可证', null); // not in the evaluation: no warning

  // listings
  await addListing(ws, '经营异常名录', { n: 6 }, '2026-01-01');
  await addListing(ws, '经营异常名录', { n: 7 }, '2025-12-31');
  await addListing(ws, '经营异常名录', { n: 8 }, '2026-04-01');
  await addListing(ws, '严重失信主体名单', { n: 6 }, '2026-03-31');
  await addListing(ws, '失信被执行人', { n: 7 }, '2026-02-15');

  // arrears (consecutive months with arrears > 0, at least 3, latest month ≥ 2026-01)
  await addArrears(ws, 10, 'tax', ['2025-11', '2025-12', '2026-01']);
  await addArrears(ws, 11, 'tax', ['2025-10', '2025-11', '2025-12']);
  await addArrears(ws, 12, 'tax', ['2026-01', '2026-02']);
  await addArrears(ws, 13, 'tax', ['2025-12', '2026-02', '2026-03']);
  await addArrears(ws, 14, 'social_insurance', ['2026-01', '2026-02', '2026-03', '2026-04']);
  await addArrears(ws, 15, 'water', ['2026-01', '2026-02']);
  await addArrears(ws, 15, 'electricity', ['2026-02', '2026-03']);
  await addArrears(ws, 15, 'gas', ['2026-01', '2026-02', '2026-03']);
  await addArrears(ws, 15, 'tax', ['2026-01', '2026-02', '2026-03'], 0);
  await addArrears(ws, 16, 'social_insurance', ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03']);

  // broken commitments
  await addCommitment(ws, 'K1', 17, 'broken', '2026-01-01');
  await addCommitment(ws, 'K2', 17, 'broken', '2025-12-31');
  await addCommitment(ws, 'K3', 17, 'pending', null);

  // related parties
  await addRelation(ws, 18, 'legal_rep', { personId: 'P1' });
  await addRelation(ws, 18, 'officer', { personId: 'P1' });
  await addListing(ws, '失信被执行人', { personId: 'P1' }, '2026-02-15');
  await addListing(ws, '严重失信主体名单', { personId: 'P2' }, '2026-01-01'); // n19's legal rep via subjects
  await addRelation(ws, 20, 'shareholder', { personId: 'P3' }, '2020-01-01', '2025-12-01'); // ended before the window
  await addListing(ws, '失信被执行人', { personId: 'P3' }, '2026-02-01');
  await addRelation(ws, 21, 'officer', { personId: 'P4' });
  await addListing(ws, '失信被执行人', { personId: 'P4' }, '2025-12-31'); // outside
  await addRelation(ws, 22, 'shareholder', { relatedN: 23 }); // n23 holds shares of n22
  await addRelation(ws, 20, 'same_address', { relatedN: 23 }); // a derived tie, not a relation the rule follows
  await addListing(ws, '经营异常名录', { n: 23 }, '2026-03-01');
  await addRelation(ws, 24, 'shareholder', { relatedN: 25 }); // n25 holds shares of n24: reverse link
  await addListing(ws, '严重失信主体名单', { n: 24 }, '2026-02-20');

  const r = await runTiering(ws, {});
  hits = await ws.all(`SELECT rule_id, uscc, evidence_key, event_date, severity, evidence::VARCHAR AS evidence, summary FROM warning_hits WHERE run_id = ?`, [r.runId]);
});

afterAll(() => {
  ws?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('warning rules', () => {
  it('new severe penalty: thresholds, keywords and window boundaries', () => {
    expect(hitsOf('severe_penalty')).toEqual(codes(1, 4, 5));
    const h1 = hits.find((h) => h.rule_id === 'severe_penalty' && h.uscc === code(1))!;
    expect(h1).toMatchObject({ evidence_key: 'P-1', event_date: '2026-01-01', severity: '高' });
    expect(JSON.parse(h1.evidence)).toEqual([expect.objectContaining({ table: 'penalties', decision_no: 'P-1', uscc: code(1) })]);
  });

  it('listings in 经营异常名录, 严重失信主体名单 and 失信被执行人', () => {
    expect(hitsOf('abnormal_operation_listing')).toEqual(codes(6, 23));
    expect(hitsOf('serious_dishonesty_listing')).toEqual(codes(6, 24));
    expect(hitsOf('new_judgment_defaulter')).toEqual(codes(7));
    const h = hits.find((x) => x.rule_id === 'abnormal_operation_listing' && x.uscc === code(6))!;
    expect(h.evidence_key).toBe('经营异常名录|2026-01-01');
    expect(h.severity).toBe('中');
  });

  it('counts consecutive arrears months per kind', () => {
    expect(hitsOf('tax_arrears')).toEqual(codes(10));
    expect(hitsOf('social_insurance_arrears')).toEqual(codes(14, 16));
    expect(hitsOf('utility_arrears')).toEqual(codes(15));
    const t = hits.find((x) => x.rule_id === 'tax_arrears')!;
    expect(t.evidence_key).toBe('tax|2025-11');
    expect(t.event_date).toBe('2026-01-01');
    expect(JSON.parse(t.evidence).map((e: { period: string }) => e.period)).toEqual(['2025-11-01', '2025-12-01', '2026-01-01']);
    // 2026-04 is after the as-of date: the streak counted is 2026-01 … 2026-03.
    const s14 = hits.find((x) => x.rule_id === 'social_insurance_arrears' && x.uscc === code(14))!;
    expect(s14.summary).toContain('连续 3 个月');
    expect(s14.event_date).toBe('2026-03-01');
    const s16 = hits.find((x) => x.rule_id === 'social_insurance_arrears' && x.uscc === code(16))!;
    expect(s16.summary).toContain('连续 5 个月');
    expect(hits.find((x) => x.rule_id === 'utility_arrears')!.evidence_key).toBe('gas|2026-01');
  });

  it('broken commitment inside the window only', () => {
    expect(hitsOf('broken_commitment')).toEqual(codes(17));
    expect(hits.find((x) => x.rule_id === 'broken_commitment')!.evidence_key).toBe('K1');
  });

  it('related party newly blacklisted: persons, related firms both ways, active relations of the listed roles, window', () => {
    expect(hitsOf('related_party_blacklisted')).toEqual(codes(18, 19, 22, 25));
    const h18 = hits.find((x) => x.rule_id === 'related_party_blacklisted' && x.uscc === code(18))!;
    expect(h18.evidence_key).toBe('person:P1|失信被执行人|2026-02-15');
    const ev = JSON.parse(h18.evidence);
    expect(ev[0]).toMatchObject({ table: 'relations', roles: ['legal_rep', 'officer'], person_id: 'P1' });
    expect(ev[1]).toMatchObject({ table: 'credit_lists', list_type: '失信被执行人', person_id: 'P1', in_date: '2026-02-15' });
    expect(hits.find((x) => x.rule_id === 'related_party_blacklisted' && x.uscc === code(25))!.evidence_key).toBe(`subject:${code(24)}|严重失信主体名单|2026-02-20`);
  });

  it('no warning for subjects outside the tiered population', () => {
    expect(hits.some((h) => h.uscc === code(99))).toBe(false);
    expect(hits).toHaveLength(17);
  });
});

describe('warnings list and handling state', () => {
  let core: Core;
  beforeAll(() => {
    ws.close();
    core = testCore(wsPath);
  });
  afterAll(async () => {
    core.close();
    ws = await openWorkspace(wsPath, { threads: 2 });
  });

  it('filters by rule, severity, town and search', async () => {
    const all = await callOk(core, 'tier.warnings', {});
    expect(all.total).toBe(17);
    expect(all.rules.map((r) => r.id)).toContain('related_party_blacklisted');
    expect((await callOk(core, 'tier.warnings', { ruleId: 'tax_arrears' })).rows.map((r) => r.uscc)).toEqual([code(10)]);
    // 高: severe penalties (3), 严重失信 (2), 失信被执行人 (1)
    expect((await callOk(core, 'tier.warnings', { severity: '高' })).total).toBe(6);
    const town = await callOk(core, 'tier.warnings', { town: '奉城镇' });
    expect(town.rows.map((r) => [r.ruleId, r.uscc])).toEqual([['severe_penalty', code(1)]]);
    expect((await callOk(core, 'tier.warnings', { search: '测试企业17' })).rows.map((r) => r.ruleLabel)).toEqual(['违背信用承诺']);
  });

  it('keeps acknowledged / handled state across re-runs, while a new event is a new open warning', async () => {
    const tax = (await callOk(core, 'tier.warnings', { ruleId: 'tax_arrears' })).rows[0]!;
    expect(tax.state).toBe('open');
    await callOk(core, 'tier.warning.setState', { ruleId: tax.ruleId, uscc: tax.uscc, evidenceKey: tax.evidenceKey, state: 'acknowledged', note: '已约谈' });
    const sev = (await callOk(core, 'tier.warnings', { ruleId: 'severe_penalty', uscc: code(4) })).rows[0]!;
    await callOk(core, 'tier.warning.setState', { ruleId: sev.ruleId, uscc: sev.uscc, evidenceKey: sev.evidenceKey, state: 'handled' });

    const w = await core.session.workspace();
    await addPenalty(w, 1, 'P-1b', '2026-03-01', '吊销许可证', null);
    const rerun = await callOk(core, 'tier.run', {});
    expect(rerun.warnings).toBe(18);
    const acknowledged = await callOk(core, 'tier.warnings', { runId: rerun.runId, state: 'acknowledged' });
    expect(acknowledged.rows.map((r) => [r.ruleId, r.uscc, r.stateNote, r.stateBy])).toEqual([['tax_arrears', code(10), '已约谈', 'tester']]);
    expect((await callOk(core, 'tier.warnings', { runId: rerun.runId, state: 'handled' })).rows.map((r) => r.uscc)).toEqual([code(4)]);
    const open = await callOk(core, 'tier.warnings', { runId: rerun.runId, state: 'open', uscc: code(1) });
    expect(open.rows.map((r) => r.evidenceKey).sort()).toEqual(['P-1', 'P-1b']);
    expect((await callOk(core, 'tier.warnings', { runId: rerun.runId, state: 'open' })).total).toBe(16);

    await callOk(core, 'tier.warning.setState', { ruleId: tax.ruleId, uscc: tax.uscc, evidenceKey: tax.evidenceKey, state: 'open' });
    expect((await callOk(core, 'tier.warnings', { runId: rerun.runId, state: 'acknowledged' })).total).toBe(0);
    const bad = await core.call({ call: 'tier.warning.setState', input: { ruleId: 'tax_arrears', uscc: code(10), evidenceKey: 'nope', state: 'handled' } });
    expect(bad.ok).toBe(false);
  });

  it('reads commitments through the repair module commitment_status_at / commitment_status when present, else the table', async () => {
    const w = await core.session.workspace();
    const brokenKeys = async () => {
      const r = await callOk(core, 'tier.run', {});
      return (await callOk(core, 'tier.warnings', { runId: r.runId, ruleId: 'broken_commitment' })).rows.map((x) => x.evidenceKey).sort();
    };
    // Stand-ins for the repair module's objects, each saying a different commitment is broken, so the hit shows
    // which one the rule read: the table macro at the as-of date first, then the view, then the table.
    const standIn = (id: string, date: string) => `SELECT commitment_id, uscc, commitment_type, dept, made_date, term_end_date,
        CASE WHEN commitment_id = '${id}' THEN 'broken' ELSE 'pending' END AS effective_status,
        CASE WHEN commitment_id = '${id}' THEN DATE '${date}' END AS broken_date,
        CAST(NULL AS VARCHAR) AS broken_by_decision_no FROM commitments`;
    await w.run(`CREATE OR REPLACE MACRO commitment_status_at(as_of_date) AS TABLE ${standIn('K3', '2026-02-01')} WHERE CAST(as_of_date AS DATE) = DATE '2026-03-31'`);
    await w.run(`CREATE OR REPLACE VIEW commitment_status AS ${standIn('K2', '2026-03-01')}`);
    expect(await brokenKeys()).toEqual(['K3']);
    await w.run(`DROP MACRO TABLE commitment_status_at`);
    expect(await brokenKeys()).toEqual(['K2']);
    await w.run(`DROP VIEW commitment_status`);
    expect(await brokenKeys()).toEqual(['K1']);
  });
});
