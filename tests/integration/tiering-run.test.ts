// Tier runs on a hand-built workspace: risk class (imported vs model, worked out by hand from risk-default.json),
// matrix lookups (tiers-default.json), run bookkeeping, audit, the cws command.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { openWorkspace, type Workspace } from '../../electron/core/workspace';
import { runTiering } from '../../electron/core/tiering';
import { callOk, testCore } from '../helpers/core';
import { tempDir } from '../helpers/workspace';
import { cws } from '../helpers/cli';
import { addEvalRun, addListing, addPenalty, addRiskClass, addSubjects, code } from './tiering.fixture';

const AS_OF = '2026-03-31';
let dir: string;
let wsPath: string;
let ws: Workspace;

async function seed(w: Workspace): Promise<void> {
  await addSubjects(w, [
    { n: 1, industry_code: 'C2710', industry_name: '化学药品原料药制造' },
    { n: 2, industry_code: 'F5211', industry_name: '百货零售' },
    { n: 3, industry_code: 'I6513', industry_name: '应用软件开发' },
    { n: 4, industry_code: 'C2614', industry_name: '有机化学原料制造（化工）' },
    // n = 5 is evaluated but has no subjects row: default base only.
    { n: 6, industry_code: '6210', industry_name: '正餐服务' },
    { n: 7, industry_code: 'Q8491', industry_name: '口腔诊所' },
    { n: 8, industry_code: 'C2614', industry_name: '化工' },
  ]);
  await addEvalRun(w, 'E1', AS_OF, '2026-04-01 09:00:00', [
    [1, 'A'], [2, 'B'], [3, 'C'], [4, 'D'], [5, 'B'], [6, 'D'], [7, 'A'],
  ]);
  // n=1: imported classes; the latest at or before the as-of date is 2026-02 (' a ' normalised to A); 2026-05 is later.
  await addRiskClass(w, 1, '2026-01-01', 'C');
  await addRiskClass(w, 1, '2026-02-01', ' a ');
  await addRiskClass(w, 1, '2026-05-01', 'D');
  // n=2: retail base 10; two penalties inside the 365-day window (2025-04-01 … 2026-03-31) = 20; one a day before.
  await addPenalty(w, 2, '奉市监罚〔2025〕1号', '2025-04-01', '警告', 1);
  await addPenalty(w, 2, '奉市监罚〔2026〕2号', '2026-03-31', '警告', 1);
  await addPenalty(w, 2, '奉市监罚〔2025〕0号', '2025-03-31', '警告', 1);
  // n=3: base 10 + listing in force 40 = 50 → C (listed long before the 90-day warning window).
  await addListing(w, '经营异常名录', { n: 3 }, '2025-06-01');
  // n=4: 化工 base 35 + recent penalty 10 + severe penalty 30 = 75 → D; a severe-penalty warning.
  await addPenalty(w, 4, '奉应急罚〔2026〕9号', '2026-02-10', '吊销许可证', 5);
  // n=6: imported class only after the as-of date → model: 餐饮 base 25 → B.
  await addRiskClass(w, 6, '2026-04-01', 'D');
  // n=7: 口腔 base 25 + failed inspection on the first day of the 730-day window 10 + two substantiated complaints 10 = 45 → C.
  await w.run(`INSERT INTO inspections (inspection_id, uscc, item, inspection_date, result) VALUES
    ('I1', '${code(7)}', '医疗质量', DATE '2024-04-01', '不合格'),
    ('I0', '${code(7)}', '医疗质量', DATE '2024-03-31', '不合格'),
    ('I2', '${code(7)}', '医疗质量', DATE '2026-01-05', '合格')`);
  await w.run(`INSERT INTO complaints (complaint_id, uscc, received_date, substantiated) VALUES
    ('C1', '${code(7)}', DATE '2025-10-01', true), ('C2', '${code(7)}', DATE '2026-03-01', true), ('C3', '${code(7)}', DATE '2026-03-02', false)`);
}

beforeAll(async () => {
  dir = tempDir('cws-tier-run-');
  wsPath = path.join(dir, 'w.duckdb');
  ws = await openWorkspace(wsPath, { create: true, threads: 2 });
  await seed(ws);
});

afterAll(() => {
  ws?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('tier run', () => {
  let runId: string;

  it('tiers every evaluated subject by grade × risk class', async () => {
    const r = await runTiering(ws, { operator: 'tester' });
    runId = r.runId;
    expect(r.evalRunId).toBe('E1');
    expect(r.asOf).toBe(AS_OF);
    expect(r.subjects).toBe(7);
    expect(r.tiers).toEqual({ 无感监管: 2, 一般监管: 2, 重点监管: 2, 严格监管: 1 });
    expect(r.riskSources).toEqual({ imported: 1, model: 6 });
    const rows = await ws.all<{ uscc: string; grade: string; risk_class: string; risk_source: string; risk_base: number | null; risk_points: number | null; tier: string; share: number; risk_period: string | null }>(
      `SELECT t.uscc, t.grade, t.risk_class, t.risk_source, t.risk_base, t.risk_points, t.tier, c.share, t.risk_period
       FROM tier_results t JOIN tier_run_cells c USING (run_id, grade, risk_class) WHERE t.run_id = ? ORDER BY t.uscc`,
      [runId],
    );
    const by = Object.fromEntries(rows.map((x) => [x.uscc, x]));
    expect(by[code(1)]).toMatchObject({ grade: 'A', risk_class: 'A', risk_source: 'imported', risk_period: '2026-02-01', risk_points: null, tier: '无感监管', share: 0 });
    expect(by[code(2)]).toMatchObject({ grade: 'B', risk_class: 'B', risk_source: 'model', risk_base: 10, risk_points: 30, tier: '一般监管', share: 5 });
    expect(by[code(3)]).toMatchObject({ grade: 'C', risk_class: 'C', risk_base: 10, risk_points: 50, tier: '重点监管', share: 30 });
    expect(by[code(4)]).toMatchObject({ grade: 'D', risk_class: 'D', risk_base: 35, risk_points: 75, tier: '严格监管', share: 100 });
    expect(by[code(5)]).toMatchObject({ grade: 'B', risk_class: 'A', risk_base: 10, risk_points: 10, tier: '无感监管', share: 0 });
    expect(by[code(6)]).toMatchObject({ grade: 'D', risk_class: 'B', risk_source: 'model', risk_base: 25, risk_points: 25, tier: '重点监管', share: 30 });
    expect(by[code(7)]).toMatchObject({ grade: 'A', risk_class: 'C', risk_base: 25, risk_points: 45, tier: '一般监管', share: 3 });
    expect(by[code(8)]).toBeUndefined();
  });

  it('explains model points per event', async () => {
    const pts = await ws.all<{ uscc: string; event_id: string; events: number; points: number }>(
      `SELECT uscc, event_id, events, points FROM tier_risk_points WHERE run_id = ? ORDER BY uscc, event_id`,
      [runId],
    );
    expect(pts).toEqual([
      { uscc: code(2), event_id: 'recent_penalties', events: 2, points: 20 },
      { uscc: code(3), event_id: 'blacklist_in_force', events: 1, points: 40 },
      { uscc: code(4), event_id: 'recent_penalties', events: 1, points: 10 },
      { uscc: code(4), event_id: 'severe_penalties', events: 1, points: 30 },
      { uscc: code(7), event_id: 'failed_inspections', events: 1, points: 10 },
      { uscc: code(7), event_id: 'substantiated_complaints', events: 2, points: 10 },
    ].sort((a, b) => (a.uscc + a.event_id).localeCompare(b.uscc + b.event_id)));
  });

  it('keeps the matrix cells of the run with their subject counts', async () => {
    const cells = await ws.all<{ cell: string; tier: string; share: number; subjects: number }>(
      `SELECT grade || risk_class AS cell, tier, share, subjects FROM tier_run_cells WHERE run_id = ? AND subjects > 0 ORDER BY cell`,
      [runId],
    );
    expect(cells).toEqual([
      { cell: 'AA', tier: '无感监管', share: 0, subjects: 1 },
      { cell: 'AC', tier: '一般监管', share: 3, subjects: 1 },
      { cell: 'BA', tier: '无感监管', share: 0, subjects: 1 },
      { cell: 'BB', tier: '一般监管', share: 5, subjects: 1 },
      { cell: 'CC', tier: '重点监管', share: 30, subjects: 1 },
      { cell: 'DB', tier: '重点监管', share: 30, subjects: 1 },
      { cell: 'DD', tier: '严格监管', share: 100, subjects: 1 },
    ]);
    expect(await ws.scalar<number>(`SELECT count(*) FROM tier_run_cells WHERE run_id = ?`, [runId])).toBe(16);
  });

  it('leaves nothing behind when cancelled mid-run', async () => {
    const before = await ws.scalar<number>(`SELECT count(*) FROM tier_results`);
    const controller = new AbortController();
    const attempt = runTiering(ws, {}, {
      signal: controller.signal,
      progress: (phase) => {
        if (phase.startsWith('预警')) controller.abort();
      },
    });
    await expect(attempt).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await ws.scalar<number>(`SELECT count(*) FROM tier_results`)).toBe(before);
    expect(await ws.scalar<number>(`SELECT count(*) FROM tier_runs`)).toBe(1);
  });

  it('records the run with the matrix hash and counts', async () => {
    const run = await ws.one<{ eval_run_id: string; matrix_id: string; matrix_sha256: string; subjects: number; warnings: number }>(
      `SELECT eval_run_id, matrix_id, matrix_sha256, subjects, warnings FROM tier_runs WHERE run_id = ?`,
      [runId],
    );
    expect(run).toMatchObject({ eval_run_id: 'E1', matrix_id: 'tiers-default', subjects: 7, warnings: 1 });
    expect(run!.matrix_sha256).toMatch(/^[0-9a-f]{64}$/);
    const hit = await ws.all<{ rule_id: string; uscc: string; evidence_key: string }>(`SELECT rule_id, uscc, evidence_key FROM warning_hits WHERE run_id = ?`, [runId]);
    expect(hit).toEqual([{ rule_id: 'severe_penalty', uscc: code(4), evidence_key: '奉应急罚〔2026〕9号' }]);
  });
});

describe('tier run through the core and cws', () => {
  it('fails in Chinese when there is no evaluation run yet', async () => {
    const emptyPath = path.join(dir, 'empty.duckdb');
    (await openWorkspace(emptyPath, { create: true })).close();
    const core = testCore(emptyPath);
    try {
      const reply = await core.call({ call: 'tier.run', input: {} });
      expect(reply.ok).toBe(false);
      if (!reply.ok) expect(reply.error.message).toContain('cws evaluate');
    } finally {
      core.close();
    }
    const r = cws(['tier', emptyPath, '--json']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('请先运行信用评价');
  });

  it('runs the latest evaluation by default and an earlier one with --run, and audits the run', async () => {
    await addEvalRun(ws, 'E0', '2025-12-31', '2026-01-02 09:00:00', [[1, 'D'], [2, 'D']]);
    ws.close();
    const latest = cws(['tier', wsPath, '--json']);
    expect(latest.stderr).toBe('');
    expect(latest.status).toBe(0);
    const j = latest.json<{ runId: string; tiers: Record<string, number>; warnings: number }>();
    expect(Object.keys(j).sort()).toEqual(['runId', 'tiers', 'warnings']);
    expect(j.tiers).toEqual({ 无感监管: 2, 一般监管: 2, 重点监管: 2, 严格监管: 1 });
    expect(j.warnings).toBe(1);

    const earlier = cws(['tier', wsPath, '--run', 'E0', '--json']).json<{ runId: string; tiers: Record<string, number>; warnings: number }>();
    // E0 (as of 2025-12-31): n=1 imported class as of 2025-12 → none (its rows are 2026) → model 30 (医药 by code 27) → B: D×B 重点;
    // n=2: penalties within 2025-01-01 … 2025-12-31: two (2025-03-31, 2025-04-01) → 10 + 20 = 30 → B: D×B 重点.
    expect(earlier.tiers).toEqual({ 无感监管: 0, 一般监管: 0, 重点监管: 2, 严格监管: 0 });
    const missing = cws(['tier', wsPath, '--run', 'NOPE', '--json']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('NOPE');

    const core = testCore(wsPath);
    try {
      const runs = await callOk(core, 'tier.runs', {});
      expect(runs.map((r) => r.evalRunId)).toEqual(expect.arrayContaining(['E0', 'E1']));
      const audit = await (await core.session.workspace()).all<{ action: string; target: string }>(
        `SELECT action, target FROM audit_log WHERE action = 'tier.run' ORDER BY seq`,
      );
      expect(audit.map((a) => a.target)).toEqual([j.runId, earlier.runId]);
    } finally {
      core.close();
    }
    ws = await openWorkspace(wsPath, { threads: 2 });
  });
});
