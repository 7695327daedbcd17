// Scoring worked out by hand on a micro-workspace, like DuckDB's sqllogictests: a small model with every scoring
// kind, a few subjects with events on and around the window boundaries, and the exact points each must get.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyWorkspace } from '../helpers/workspace';
import { callOk, testCore } from '../helpers/core';
import type { Core } from '../../electron/core/services';
import { dataFingerprint, type Workspace } from '../../electron/core/workspace';
import { runEvaluation } from '../../electron/core/evaluate/run';
import type { ProgressEvent } from '../../shared/contract';

const AS_OF = '2026-03-31';

/** Base 50, grades A ≥ 80, B ≥ 60, C ≥ 40; one indicator per scoring kind. */
const MODEL = {
  format: 1,
  id: 't',
  name: '手算模型',
  version: '1',
  kind: 'comprehensive',
  base: 50,
  dimensions: [{ id: 'd', label: '维度' }],
  indicators: [
    // per occurrence with cap: 3 points per penalty in the last 12 months, at most 7
    { id: 'I1', label: '处罚次数', dimension: 'd', direction: 'deduction', source: { table: 'penalties', date_column: 'decision_date' }, window: { months: 12 }, scoring: { kind: 'per_occurrence', points: 3, cap: 7 } },
    // per occurrence on a summed amount, no cap: 0.5 points per 万元 of fines (rounded to 2 decimals)
    { id: 'I2', label: '罚款金额', dimension: 'd', direction: 'bonus', source: { table: 'penalties', date_column: 'decision_date', value: 'sum(t.fine_wan)' }, window: { months: 12 }, scoring: { kind: 'per_occurrence', points: 0.5 } },
    // bands: 1–2 inspections in 24 months −2, 3 or more −5
    { id: 'I3', label: '检查次数', dimension: 'd', direction: 'deduction', source: { table: 'inspections', date_column: 'inspection_date' }, window: { months: 24 }, scoring: { kind: 'bands', bands: [{ min: 1, max: 3, points: 2 }, { min: 3, points: 5 }] } },
    // flag present: a 红名单 listing in force +4
    { id: 'I4', label: '红名单', dimension: 'd', direction: 'bonus', source: { table: 'credit_lists', where: "t.list_type = '红名单' AND t.in_date <= {as_of} AND (t.out_date IS NULL OR t.out_date > {as_of})" }, scoring: { kind: 'flag', points: 4 } },
    // flag absent: no licence valid at as_of −10
    { id: 'I5', label: '无有效许可', dimension: 'd', direction: 'deduction', source: { table: 'licenses', date_column: 'decision_date', where: 't.valid_to_date >= {as_of}' }, scoring: { kind: 'flag', points: 10, when: 'absent' } },
    // per occurrence without window: commitments made by as_of, +60 each (pushes scores past 100 to test the clamp)
    { id: 'I6', label: '承诺', dimension: 'd', direction: 'bonus', source: { table: 'commitments', date_column: 'made_date' }, scoring: { kind: 'per_occurrence', points: 60 } },
  ],
  grades: { A: 80, B: 60, C: 40 },
  overrides: [
    { id: 'O1', label: '严重失信', source: { table: 'credit_lists', where: "t.list_type = '严重失信主体名单' AND t.in_date <= {as_of} AND (t.out_date IS NULL OR t.out_date > {as_of})" }, grade: 'D' },
  ],
};

const DATA = `
INSERT INTO subjects (uscc, name, town, industry_name, status, established_date) VALUES
  ('S1', '一号', '南桥镇', '制造业', '存续', '2020-01-01'),
  ('S2', '二号', '南桥镇', '批发业', '存续', '2020-01-01'),
  ('S3', '三号', '奉城镇', '制造业', '存续', '2020-01-01'),
  ('S4', '四号（注销）', '奉城镇', '制造业', '注销', '2020-01-01'),
  ('S5', '五号（基准日后成立）', '奉城镇', '制造业', '存续', '2026-04-01'),
  ('S6', '六号（无状态）', NULL, NULL, NULL, NULL),
  ('S7', '七号（严重失信）', '金汇镇', '制造业', '存续', '2020-01-01'),
  ('S8', '八号（已移出）', '金汇镇', '制造业', '存续', '2020-01-01');
INSERT INTO penalties (decision_no, uscc, subject_name, decision_date, authority, fine_wan) VALUES
  ('P1a', 'S1', '一号', '2025-03-31', '区市场监管局', 5),
  ('P1b', 'S1', '一号', '2025-04-01', '区市场监管局', 1.2),
  ('P1c', 'S1', '一号', '2026-03-31', '区市场监管局', 1.145),
  ('P1d', 'S1', '一号', '2026-04-01', '区市场监管局', 9),
  ('P2a', 'S2', '二号', '2025-06-01', '区市场监管局', NULL),
  ('P2b', 'S2', '二号', '2025-07-01', '区市场监管局', NULL),
  ('P2c', 'S2', '二号', '2025-08-01', '区市场监管局', NULL),
  ('P4a', 'S4', '四号', '2025-08-01', '区市场监管局', 3);
INSERT INTO inspections (inspection_id, uscc, inspection_date, result) VALUES
  ('K2a', 'S2', '2024-03-31', '合格'), ('K2b', 'S2', '2024-04-01', '合格'), ('K2c', 'S2', '2025-01-01', '合格'),
  ('K2d', 'S2', '2026-01-01', '不合格'), ('K3a', 'S3', '2025-05-05', '合格');
INSERT INTO licenses (decision_no, uscc, subject_name, decision_date, valid_to_date, authority) VALUES
  ('L1', 'S1', '一号', '2020-01-01', '2027-01-01', '区市场监管局'),
  ('L2x', 'S2', '二号', '2020-01-01', '2026-03-30', '区市场监管局'),
  ('L3', 'S3', '三号', '2020-01-01', '2026-03-31', '区市场监管局'),
  ('L7', 'S7', '七号', '2020-01-01', '2030-01-01', '区市场监管局'),
  ('L8', 'S8', '八号', '2020-01-01', '2030-01-01', '区市场监管局');
INSERT INTO credit_lists (list_type, uscc, in_date, out_date) VALUES
  ('红名单', 'S1', '2024-01-01', '2026-03-31'),
  ('红名单', 'S2', '2026-03-31', '2026-04-01'),
  ('红名单', 'S3', '2025-01-01', NULL),
  ('严重失信主体名单', 'S7', '2025-01-01', NULL),
  ('严重失信主体名单', 'S8', '2025-01-01', '2026-03-31');
INSERT INTO commitments (commitment_id, uscc, commitment_type, made_date, status) VALUES
  ('C3a', 'S3', '主动公示型', '2026-03-31', 'kept'), ('C3b', 'S3', '主动公示型', '2026-04-01', 'pending'),
  ('C7', 'S7', '主动公示型', '2025-01-01', 'kept'), ('C8', 'S8', '主动公示型', '2025-01-01', 'kept');
`;

// [uscc, indicator, points, evidence] worked out by hand from the rules in electron/core/evaluate/model.ts.
const EXPECTED_CONTRIBUTIONS: [string, string, number, number][] = [
  ['S1', 'I1', -6, 2], // P1b (window start 2025-04-01) and P1c (as_of) count; P1a and P1d fall outside
  ['S1', 'I2', 1.17, 2], // (1.2 + 1.145) × 0.5 = 1.1725 → 1.17
  ['S1', 'I5', 0, 1], // licence valid to 2027: no deduction, one evidence row
  ['S2', 'I1', -7, 3], // 3 × 3 = 9, capped at 7
  ['S2', 'I2', 0, 3], // fines unknown: sum is NULL → value 0 → 0 points, rows still evidence
  ['S2', 'I3', -5, 3], // 2024-04-01 (window start), 2025-01-01, 2026-01-01; 2024-03-31 is outside
  ['S2', 'I4', 4, 1], // listed on as_of, removed the day after: in force
  ['S2', 'I5', -10, 0], // licence expired the day before as_of
  ['S3', 'I3', -2, 1],
  ['S3', 'I4', 4, 1],
  ['S3', 'I5', 0, 1], // valid_to = as_of still valid
  ['S3', 'I6', 60, 1], // the commitment dated after as_of does not count
  ['S3', '__clamp', -12, 0], // 50 − 2 + 4 + 60 = 112 → 100
  ['S6', 'I5', -10, 0],
  ['S7', 'I5', 0, 1],
  ['S7', 'I6', 60, 1],
  ['S7', '__clamp', -10, 0],
  ['S8', 'I5', 0, 1],
  ['S8', 'I6', 60, 1],
  ['S8', '__clamp', -10, 0],
];

// [uscc, score, computed grade, grade]
const EXPECTED_SCORES: [string, number, string, string][] = [
  ['S1', 45.17, 'C', 'C'], // 50 − 6 + 1.17
  ['S2', 32, 'D', 'D'], // 50 − 7 − 5 + 4 − 10
  ['S3', 100, 'A', 'A'],
  ['S6', 40, 'C', 'C'], // exactly on the C cut-off; no status counts as 存续
  ['S7', 100, 'A', 'D'], // 严重失信 in force overrides the grade, not the score
  ['S8', 100, 'A', 'A'], // out_date = as_of: no longer in force
];

describe('hand-worked scoring on a micro-workspace', () => {
  let core: Core;
  let ws: Workspace;
  let runId: string;
  const events: ProgressEvent[] = [];

  beforeAll(async () => {
    const w = await emptyWorkspace();
    await w.run(DATA);
    const file = w.path;
    w.close();
    core = testCore(file, events);
    ws = await core.session.workspace();
    runId = (await callOk(core, 'evaluate.run', { modelSpecs: [MODEL], asOf: AS_OF })).runId;
  });
  afterAll(() => core.close());

  it('gives every subject in scope exactly the hand-computed points per indicator', async () => {
    const rows = await ws.all<{ uscc: string; indicator_id: string; points: number; evidence_count: number }>(
      `SELECT uscc, indicator_id, points, evidence_count FROM eval_contributions WHERE run_id = ? ORDER BY uscc, indicator_id`,
      [runId],
    );
    const sorted = [...EXPECTED_CONTRIBUTIONS].sort((a, b) => (a[0] + a[1] < b[0] + b[1] ? -1 : 1));
    expect(rows.map((r) => [r.uscc, r.indicator_id, r.points, r.evidence_count])).toEqual(sorted);
  });

  it('scores, clamps and grades as worked out, with overrides and the scope applied', async () => {
    const rows = await ws.all<{ uscc: string; final_score: number; computed_grade: string; grade: string; comprehensive: number; industry: number | null; override: string | null }>(
      `SELECT uscc, final_score, computed_grade, grade, comprehensive, industry, override FROM eval_scores WHERE run_id = ? ORDER BY uscc`,
      [runId],
    );
    expect(rows.map((r) => [r.uscc, r.final_score, r.computed_grade, r.grade])).toEqual(EXPECTED_SCORES);
    for (const r of rows) {
      expect(r.comprehensive).toBe(r.final_score);
      expect(r.industry).toBeNull();
    }
    expect(rows.find((r) => r.uscc === 'S7')!.override).toBe('严重失信');
    expect(rows.find((r) => r.uscc === 'S8')!.override).toBeNull();
  });

  it('keeps base + Σ contributions = score exactly for every subject', async () => {
    const bad = await ws.all(
      `SELECT s.uscc FROM eval_scores s LEFT JOIN eval_contributions c USING (run_id, uscc)
       WHERE s.run_id = ? GROUP BY s.uscc, s.comprehensive
       HAVING 50 + coalesce(sum(c.points::DECIMAL(18,2)), 0) <> s.comprehensive::DECIMAL(18,2)`,
      [runId],
    );
    expect(bad).toEqual([]);
  });

  it('records the run: model hash, as_of, data fingerprint, grade counts, timings per indicator', async () => {
    const run = await callOk(core, 'evaluate.summary', { runId });
    expect(run.run.asOf).toBe(AS_OF);
    expect(run.run.subjects).toBe(6);
    expect(run.run.grades).toEqual({ A: 2, B: 0, C: 2, D: 2 });
    expect(run.overall).toEqual({ A: 2, B: 0, C: 2, D: 2 });
    expect(run.overridden).toBe(1);
    expect(run.run.models).toHaveLength(1);
    expect(run.run.models[0]!.sha256).toBe(crypto.createHash('sha256').update(JSON.stringify(MODEL, null, 2)).digest('hex'));
    expect(run.run.dataFingerprint).toBe(await dataFingerprint(ws));
    for (const id of ['I1', 'I2', 'I3', 'I4', 'I5', 'I6']) expect(run.run.timings[`t.${id}`]).toBeTypeOf('number');
    const southBridge = run.byTown.find((t) => t.key === '南桥镇')!;
    expect([southBridge.total, southBridge.C, southBridge.D]).toEqual([2, 1, 1]);
    expect(run.byTown.find((t) => t.key === '（未知街镇）')!.total).toBe(1);
    const stored = await ws.scalar<string>(`SELECT content FROM eval_model_files WHERE sha256 = ?`, [run.run.models[0]!.sha256]);
    expect(JSON.parse(stored)).toEqual(MODEL);
  });

  it('gives identical scores and contributions for the same inputs', async () => {
    const again = (await callOk(core, 'evaluate.run', { modelSpecs: [MODEL], asOf: AS_OF })).runId;
    expect(again).not.toBe(runId);
    const cols = `uscc, comprehensive, industry, industry_model, final_score, grade, computed_grade, override`;
    const a = await ws.all(`SELECT ${cols} FROM eval_scores WHERE run_id = ? ORDER BY uscc`, [runId]);
    const b = await ws.all(`SELECT ${cols} FROM eval_scores WHERE run_id = ? ORDER BY uscc`, [again]);
    expect(b).toEqual(a);
    const ca = await ws.all(`SELECT uscc, model_id, indicator_id, points, evidence_count FROM eval_contributions WHERE run_id = ? ORDER BY ALL`, [runId]);
    const cb = await ws.all(`SELECT uscc, model_id, indicator_id, points, evidence_count FROM eval_contributions WHERE run_id = ? ORDER BY ALL`, [again]);
    expect(cb).toEqual(ca);
  });

  it('explains a subject: points per indicator, evidence rows, window, and the sum', async () => {
    const ex = await callOk(core, 'evaluate.explain', { runId, uscc: 'S1' });
    const m = ex.models[0]!;
    expect(m.base).toBe(50);
    const sum = m.contributions.reduce((n, c) => n + Math.round(c.points * 100), 0) / 100;
    expect(m.base + sum).toBe(45.17);
    const i1 = m.contributions.find((c) => c.indicatorId === 'I1')!;
    expect(i1.window).toEqual({ start: '2025-04-01', end: AS_OF });
    expect(i1.evidence.rows.map((r) => r.decision_no)).toEqual(['P1c', 'P1b']);
    expect(i1.evidence.columns.find((c) => c.name === 'decision_no')!.label).toBe('行政处罚决定书文号');
    expect(i1.rule).toBe('每项扣 3 分，最多扣 7 分');
    expect(ex.dataChanged).toBe(false);
    const s7 = await callOk(core, 'evaluate.explain', { runId, uscc: 'S7' });
    expect(s7.scores.grade).toBe('D');
    expect(s7.overrides.map((o) => [o.id, o.evidenceCount])).toEqual([['O1', 1]]);
    expect(s7.models[0]!.contributions.find((c) => c.indicatorId === '__clamp')!.points).toBe(-10);
  });

  it('lists scores sorted and filtered', async () => {
    const { arrowRows } = await import('../../shared/arrow');
    const page = await callOk(core, 'evaluate.scores', { runId, sort: [{ column: 'final_score' }], filters: [{ column: 'grade', op: 'ne', value: 'D' }], withTotal: true });
    const rows = arrowRows(page.arrow).rows;
    expect(page.total).toBe(4);
    expect(rows.map((r) => r.uscc)).toEqual(['S6', 'S1', 'S3', 'S8']);
    const search = await callOk(core, 'evaluate.scores', { runId, search: '七号' });
    expect(arrowRows(search.arrow).rows.map((r) => r.uscc)).toEqual(['S7']);
    const bad = await core.call({ call: 'evaluate.scores', input: { runId, sort: [{ column: 'drop table' }] } });
    expect(bad.ok).toBe(false);
  });

  it('writes nothing when cancelled in the middle of a run', async () => {
    const before = await ws.all(`SELECT (SELECT count(*) FROM eval_runs) a, (SELECT count(*) FROM eval_scores) b, (SELECT count(*) FROM eval_contributions) c`);
    const controller = new AbortController();
    const steps: number[] = [];
    await expect(
      runEvaluation(ws, {
        modelSpecs: [{ ...MODEL, id: 't2' }],
        asOf: AS_OF,
        operator: 'tester',
        signal: controller.signal,
        progress: (done) => {
          steps.push(done);
          if (done === 3) controller.abort();
        },
      }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(Math.max(...steps)).toBe(3);
    const after = await ws.all(`SELECT (SELECT count(*) FROM eval_runs) a, (SELECT count(*) FROM eval_scores) b, (SELECT count(*) FROM eval_contributions) c`);
    expect(after).toEqual(before);
  });

  it('reports progress per indicator and audits the run', async () => {
    const first = events.filter((e) => e.call === 'evaluate.run' && e.jobId === events[0]!.jobId);
    const msgs = first.map((e) => e.message);
    for (const label of ['处罚次数', '罚款金额', '检查次数', '红名单', '无有效许可', '承诺']) expect(msgs).toContain(label);
    expect(first.at(-1)!.done).toBe(first.at(-1)!.total);
    const audit = await ws.all<{ action: string; target: string }>(`SELECT action, target FROM audit_log WHERE action = 'evaluate.run' ORDER BY seq`);
    expect(audit[0]).toEqual({ action: 'evaluate.run', target: runId });
  });

  it('lets model SQL read natural persons only through the masked views (changes data: keep last)', async () => {
    await ws.run(`INSERT INTO persons (person_id, name, id_number) VALUES ('P9', '张三', '31012019900101123X')`);
    await ws.run(`UPDATE subjects SET legal_rep_person_id = 'P9' WHERE uscc = 'S1'`);
    const probe = (where: string) => ({
      ...MODEL,
      id: 'probe',
      overrides: [],
      indicators: [{ id: 'X', label: '探测', dimension: 'd', direction: 'deduction', source: { table: 'subjects', where }, scoring: { kind: 'flag', points: 1 } }],
    });
    const hits = async (where: string) => {
      const r = await runEvaluation(ws, { modelSpecs: [probe(where)], asOf: AS_OF, operator: 'tester' });
      return (await ws.all<{ uscc: string }>(`SELECT uscc FROM eval_contributions WHERE run_id = ? AND indicator_id = 'X'`, [r.runId])).map((x) => x.uscc);
    };
    const link = 'EXISTS (SELECT 1 FROM persons p WHERE p.person_id = t.legal_rep_person_id';
    expect(await hits(`${link})`)).toEqual(['S1']);
    expect(await hits(`${link} AND p.id_number = '31012019900101123X')`)).toEqual([]);
    await expect(hits(`EXISTS (SELECT 1 FROM main.persons p WHERE p.id_number = '31012019900101123X')`)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(hits(`t.uscc IN (SELECT column0 FROM read_csv('/etc/passwd'))`)).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});
