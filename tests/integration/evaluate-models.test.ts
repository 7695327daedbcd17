// The shipped models on a hand-built district: "综合+行业" combination worked out by hand, the dental model only
// in its scope, 严重失信 in force → D (and not once removed), what-if, run comparison and the cws command.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyWorkspace, tempDir } from '../helpers/workspace';
import { callOk, testCore } from '../helpers/core';
import type { Core } from '../../electron/core/services';
import type { Workspace } from '../../electron/core/workspace';

const AS_OF = '2026-03-31';
const ROOT = path.resolve(__dirname, '../..');

const DATA = `
INSERT INTO subjects (uscc, name, industry_code, industry_name, town, address, legal_rep_name, status, established_date) VALUES
  ('D1', '贤城口腔门诊部', '8425', '口腔医疗', '南桥镇', '南桥镇某路1号', '张某', '存续', '2024-06-01'),
  ('G1', '失信制造公司', '3311', '制造业', '奉城镇', '奉城镇某路2号', '李某', '存续', '2010-01-01'),
  ('G2', '已修复制造公司', '3311', '制造业', '奉城镇', '奉城镇某路3号', '王某', '存续', '2010-01-01'),
  ('G3', '已注销口腔诊所', '8425', '口腔医疗', '南桥镇', '南桥镇某路4号', '赵某', '注销', '2015-01-01'),
  ('G4', '某医院', '8411', '综合医院', '金汇镇', '金汇镇某路5号', '钱某', '存续', '2020-01-01'),
  ('G5', '多次处罚公司', '3311', '制造业', '柘林镇', '柘林镇某路6号', '孙某', '存续', '2010-01-01');
INSERT INTO licenses (decision_no, uscc, subject_name, license_name, decision_date, valid_from_date, valid_to_date, authority, status) VALUES
  ('XK1', 'D1', '贤城口腔门诊部', '医疗机构执业许可证', '2024-06-01', '2024-06-01', '2029-05-31', '奉贤区卫生健康委员会', '有效');
INSERT INTO penalties (decision_no, uscc, subject_name, decision_date, authority, fine_wan, penalty_types) VALUES
  ('HP1', 'D1', '贤城口腔门诊部', '2025-12-01', '奉贤区卫生健康委员会', 2, '罚款'),
  ('G5-1', 'G5', '多次处罚公司', '2025-10-01', '区市场监管局', NULL, '警告'),
  ('G5-2', 'G5', '多次处罚公司', '2025-11-01', '区市场监管局', 0.5, '罚款,暂扣许可证件'),
  ('G5-3', 'G5', '多次处罚公司', '2024-01-01', '区市场监管局', NULL, '吊销许可证件');
INSERT INTO inspections (inspection_id, uscc, inspection_date, result, random_draw) VALUES
  ('K5-1', 'G5', '2025-05-01', '责令整改', true), ('K5-2', 'G5', '2025-06-01', '合格', true);
INSERT INTO industry_ratings (uscc, industry, period, rating, rated_date, dept) VALUES
  ('D1', '口腔医疗', '2025', 'A', '2025-06-30', '区卫健委'),
  ('G4', '口腔医疗', '2025', 'D', '2025-06-30', '区卫健委');
INSERT INTO credit_lists (list_type, uscc, in_date, out_date) VALUES
  ('严重失信主体名单', 'G1', '2025-06-01', NULL),
  ('严重失信主体名单', 'G2', '2023-01-01', '2026-03-31');
`;

async function microWorkspace(): Promise<string> {
  const w = await emptyWorkspace();
  await w.run(DATA);
  const file = w.path;
  w.close();
  return file;
}

describe('shipped models on a hand-built district', () => {
  let core: Core;
  let ws: Workspace;
  let runId: string;

  beforeAll(async () => {
    core = testCore(await microWorkspace());
    ws = await core.session.workspace();
    runId = (await callOk(core, 'evaluate.run', { asOf: AS_OF })).runId;
  });
  afterAll(() => core.close());

  const score = (uscc: string, id = runId) =>
    ws.one<{ comprehensive: number; industry: number | null; industry_model: string | null; final_score: number; grade: string; override: string | null }>(
      `SELECT comprehensive, industry, industry_model, final_score, grade, override FROM eval_scores WHERE run_id = ? AND uscc = ?`,
      [id, uscc],
    );

  it('combines 0.7 × industry + 0.3 × comprehensive for the dental clinic, graded on the dental cut-offs', async () => {
    // comprehensive: 70 + 1 (成立满1年) + 0.5 (1 项有效许可) − 3 (一般处罚) − 1 (罚没 2 万) = 67.5
    // dental: 80 + 10 (行业评价 A) − 5 (卫健委处罚) = 85; final = 59.5 + 20.25 = 79.75 → B (dental: A ≥ 85, B ≥ 75;
    // on the comprehensive cut-offs, A ≥ 75, it would have been A)
    expect(await score('D1')).toEqual({ comprehensive: 67.5, industry: 85, industry_model: 'dental', final_score: 79.75, grade: 'B', override: null });
  });

  it('applies the dental model only in its scope', async () => {
    const dentalSubjects = await ws.all<{ uscc: string }>(
      `SELECT DISTINCT uscc FROM eval_contributions WHERE run_id = ? AND model_id = 'dental' ORDER BY uscc`,
      [runId],
    );
    expect(dentalSubjects.map((r) => r.uscc)).toEqual(['D1']);
    // a hospital with a stray 口腔医疗 rating: comprehensive only, 70 + 3 (成立满5年) = 73 → B
    expect(await score('G4')).toEqual({ comprehensive: 73, industry: null, industry_model: null, final_score: 73, grade: 'B', override: null });
    expect(await score('G3')).toBeUndefined();
  });

  it('forces D while a 严重失信 listing is in force, and not once it was removed on or before as_of', async () => {
    const g1 = (await score('G1'))!;
    expect(g1.comprehensive).toBe(44); // 70 + 4 − 30
    expect(g1.grade).toBe('D');
    expect(g1.override).toContain('严重失信');
    // removed on as_of: no L01, no override; L04 (移出未满3年) −5 → 70 + 4 − 5 = 69 → B (B ≥ 65)
    expect(await score('G2')).toEqual({ comprehensive: 69, industry: null, industry_model: null, final_score: 69, grade: 'B', override: null });
  });

  it('tiers penalties and inspections as the comprehensive model states', async () => {
    const rows = await ws.all<{ indicator_id: string; points: number; evidence_count: number }>(
      `SELECT indicator_id, points, evidence_count FROM eval_contributions WHERE run_id = ? AND uscc = 'G5' ORDER BY indicator_id`,
      [runId],
    );
    // 警告 → 轻微 −1; 罚款 0.5 万 + 暂扣 → 一般 −3; 吊销许可证件 (2024-01-01, inside 3 years) → 严重 −8;
    // 罚没合计 0.5 万 < 1: no points, 3 rows; 责令整改 → −2; 双随机合格 → +0.5; 成立满 10 年 +4
    expect(rows.map((r) => [r.indicator_id, r.points, r.evidence_count])).toEqual([
      ['A02', -1, 1], ['A03', -3, 1], ['A04', -8, 1], ['A05', 0, 3], ['A06', -2, 1], ['A07', 0.5, 1], ['B01', 4, 1],
    ]);
    expect(await score('G5')).toMatchObject({ comprehensive: 60.5, final_score: 60.5, grade: 'C' }); // C ≥ 55
  });

  it('keeps base + Σ contributions = model score for both models', async () => {
    const bad = await ws.all(
      `WITH sums AS (
         SELECT uscc, model_id, sum(points::DECIMAL(18,2)) AS s FROM eval_contributions WHERE run_id = $1 GROUP BY ALL)
       SELECT e.uscc FROM eval_scores e
       LEFT JOIN sums c ON c.uscc = e.uscc AND c.model_id = 'comprehensive'
       LEFT JOIN sums d ON d.uscc = e.uscc AND d.model_id = 'dental'
       WHERE e.run_id = $1 AND (70 + coalesce(c.s, 0) <> e.comprehensive::DECIMAL(18,2)
          OR (e.industry IS NOT NULL AND 80 + coalesce(d.s, 0) <> e.industry::DECIMAL(18,2)))`,
      [runId],
    );
    expect(bad).toEqual([]);
    const ex = await callOk(core, 'evaluate.explain', { runId, uscc: 'D1' });
    expect(ex.combination).toEqual({ industryWeight: 0.7, comprehensiveWeight: 0.3 });
    for (const m of ex.models) {
      const total = m.base + m.contributions.reduce((n, c) => n + Math.round(c.points * 100), 0) / 100;
      expect(total).toBe(m.score);
    }
    const d03 = ex.models.find((m) => m.modelId === 'dental')!.contributions.find((c) => c.indicatorId === 'D03')!;
    expect(d03.evidence.rows.map((r) => r.decision_no)).toEqual(['HP1']);
  });

  const strictComprehensive = async () => {
    const models = (await callOk(core, 'evaluate.models', {})).models;
    const comp = structuredClone(models.find((m) => m.id === 'comprehensive')!.spec) as { grades: { A: number; B: number; C: number } };
    comp.grades = { A: 75, B: 70, C: 55 }; // G2 (69) B → C; G4 (73) stays B
    return comp;
  };

  it('what-if: moved cut-offs and points give the migration matrix without saving anything', async () => {
    const runsBefore = (await callOk(core, 'evaluate.runs', {})).length;
    const w1 = await callOk(core, 'evaluate.whatif', { baseRunId: runId, models: [await strictComprehensive()] });
    const idx = (g: string) => w1.migration.labels.indexOf(g);
    expect(w1.migration.matrix[idx('B')]![idx('C')]).toBe(1);
    expect(w1.migration.matrix[idx('B')]![idx('B')]).toBe(2); // D1 (dental cut-offs), G4
    expect(w1.migration.matrix[idx('C')]![idx('C')]).toBe(1); // G5
    expect(w1.migration.matrix[idx('D')]![idx('D')]).toBe(1); // G1
    expect([w1.migration.total, w1.migration.unchanged, w1.migration.upgraded, w1.migration.downgraded]).toEqual([5, 4, 0, 1]);
    expect(w1.grades).toEqual({ A: 0, B: 2, C: 2, D: 1 });
    expect(w1.byTown.find((t) => t.key === '奉城镇')).toMatchObject({ C: 1, D: 1, total: 2 });

    const models = (await callOk(core, 'evaluate.models', {})).models;
    const dental = structuredClone(models.find((m) => m.id === 'dental')!.spec) as { indicators: { id: string; scoring: { points: number } }[] };
    dental.indicators.find((i) => i.id === 'D03')!.scoring.points = 15; // dental 75 → final 52.5 + 20.25 = 72.75 → C
    const w2 = await callOk(core, 'evaluate.whatif', { baseRunId: runId, models: [dental] });
    expect(w2.migration.matrix[idx('B')]![idx('C')]).toBe(1);
    expect(w2.migration.downgraded).toBe(1);
    expect((await callOk(core, 'evaluate.runs', {})).length).toBe(runsBefore);
    expect(await ws.scalar(`SELECT count(*) FROM eval_scores WHERE run_id NOT IN (SELECT run_id FROM eval_runs)`)).toBe(0);
  });

  it('compares two runs: the saved stricter model gives the same migration as its what-if', async () => {
    const strict = (await callOk(core, 'evaluate.run', { models: ['dental'], modelSpecs: [await strictComprehensive()], asOf: AS_OF })).runId;
    const cmp = await callOk(core, 'evaluate.compare', { fromRunId: runId, toRunId: strict });
    const w = await callOk(core, 'evaluate.whatif', { baseRunId: runId, models: [await strictComprehensive()] });
    expect(cmp.migration).toEqual(w.migration);
    expect([cmp.migration.total, cmp.migration.unchanged, cmp.migration.downgraded]).toEqual([5, 4, 1]);
  });

  it('refuses unknown models, two comprehensive models and bad dates with a Chinese message', async () => {
    const r1 = await core.call({ call: 'evaluate.run', input: { models: ['nope'] } });
    expect(r1.ok ? null : r1.error.code).toBe('NOT_FOUND');
    const comp = (await callOk(core, 'evaluate.models', {})).models.find((m) => m.id === 'comprehensive')!.spec;
    const r2 = await core.call({ call: 'evaluate.run', input: { models: ['comprehensive'], modelSpecs: [{ ...comp, id: 'comp2' }] } });
    expect(r2.ok ? null : r2.error.message).toMatch(/只能使用一个综合评价模型/);
    const r3 = await core.call({ call: 'evaluate.run', input: { asOf: '2026-13-01' } });
    expect(r3.ok ? null : r3.error.code).toBe('BAD_INPUT');
  });
});

describe('cws evaluate', () => {
  let file: string;
  beforeAll(async () => {
    file = await microWorkspace();
  });

  const cws = (...args: string[]) => execFileSync(process.execPath, [path.join(ROOT, 'electron/bin/cws.mjs'), ...args], { cwd: ROOT, encoding: 'utf8' });

  it('prints exactly {runId, subjects, grades} with both models by default', () => {
    const out = JSON.parse(cws('evaluate', file, '--as-of', AS_OF, '--json'));
    expect(Object.keys(out).sort()).toEqual(['grades', 'runId', 'subjects']);
    // D1 B (79.75), G1 D, G2 B (69), G4 B (73), G5 C (60.5)
    expect(out.subjects).toBe(5);
    expect(out.grades).toEqual({ A: 0, B: 3, C: 1, D: 1 });
  });

  it('runs one model by id or by file', () => {
    // dental alone: final = industry = 85 → A (A ≥ 85)
    expect(JSON.parse(cws('evaluate', file, '--model', 'dental', '--as-of', AS_OF, '--json'))).toMatchObject({ subjects: 1, grades: { A: 1, B: 0, C: 0, D: 0 } });
    const modelFile = path.join(tempDir(), 'mine.json');
    fs.copyFileSync(path.join(ROOT, 'datasets/models/comprehensive.json'), modelFile);
    // comprehensive alone: D1 67.5 B, G1 44 D, G2 69 B, G4 73 B, G5 60.5 C
    expect(JSON.parse(cws('evaluate', file, '--model', modelFile, '--as-of', AS_OF, '--json'))).toMatchObject({ subjects: 5, grades: { A: 0, B: 3, C: 1, D: 1 } });
  });

  it('exits 1 with a message on stderr for a bad date or model', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'electron/bin/cws.mjs'), 'evaluate', file, '--as-of', '31/03/2026', '--json'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/YYYY-MM-DD/);
    const m = spawnSync(process.execPath, [path.join(ROOT, 'electron/bin/cws.mjs'), 'evaluate', file, '--model', 'nope', '--json'], { cwd: ROOT, encoding: 'utf8' });
    expect(m.status).toBe(1);
    expect(m.stderr).toMatch(/没有编号为 nope 的评价模型/);
  });
});
