// Migration between runs, 双随机 sampling, lists and XLSX exports, editing the matrix — through the core calls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { openWorkspace } from '../../electron/core/workspace';
import type { Core } from '../../electron/core/services';
import { callOk, testCore } from '../helpers/core';
import { tempDir } from '../helpers/workspace';
import { addEvalRun, addRiskClass, addSubjects, code } from './tiering.fixture';
import tiersDefault from '../../datasets/matrices/tiers-default.json';

let dir: string;
let core: Core;
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

beforeAll(async () => {
  dir = tempDir('cws-tier-lists-');
  const wsPath = path.join(dir, 'w.duckdb');
  const ws = await openWorkspace(wsPath, { create: true, threads: 2 });
  // Migration fixture: subjects 1–12, all risk class A (imported, 2026-01), grades change between E1 and E2.
  await addSubjects(ws, range(1, 12).map((n) => ({ n, industry_code: 'F5211', town: '南桥镇' })));
  for (const n of range(1, 12)) await addRiskClass(ws, n, '2026-01-01', 'A');
  await addEvalRun(ws, 'E1', '2026-03-31', '2026-04-01 08:00:00', [
    [1, 'A'], [2, 'A'], [3, 'A'], [4, 'A'], [5, 'B'], [6, 'B'], [7, 'B'], [8, 'B'], [9, 'C'], [10, 'C'], [11, 'D'],
  ]);
  await addEvalRun(ws, 'E2', '2026-06-30', '2026-07-01 08:00:00', [
    [1, 'A'], [2, 'A'], [3, 'C'], [4, 'D'], [5, 'B'], [6, 'B'], [7, 'B'], [8, 'B'], [9, 'D'], [11, 'D'], [12, 'A'],
  ]);
  // Sampling fixture (E3): 100 B×B in C2710, 60 C×C (30 in C2710, 30 in F5211), 20 D×D in C2710, 20 A×A,
  // and 2 D×D that are 注销 (never drawn).
  const seeds: { n: number; grade: string; risk: string; industry: string; status?: string; town?: string }[] = [
    ...range(101, 200).map((n) => ({ n, grade: 'B', risk: 'B', industry: 'C2710' })),
    ...range(201, 230).map((n) => ({ n, grade: 'C', risk: 'C', industry: 'C2710' })),
    ...range(231, 260).map((n) => ({ n, grade: 'C', risk: 'C', industry: 'F5211', town: '奉城镇' })),
    ...range(261, 280).map((n) => ({ n, grade: 'D', risk: 'D', industry: 'C2710' })),
    ...range(281, 300).map((n) => ({ n, grade: 'A', risk: 'A', industry: 'F5211' })),
    ...range(301, 302).map((n) => ({ n, grade: 'D', risk: 'D', industry: 'C2710', status: '注销' })),
  ];
  await addSubjects(ws, seeds.map((s) => ({ n: s.n, industry_code: s.industry, industry_name: s.industry === 'C2710' ? '化学药品原料药制造' : '百货零售', status: s.status, town: s.town })));
  for (const s of seeds) await addRiskClass(ws, s.n, '2026-01-01', s.risk);
  await addEvalRun(ws, 'E3', '2026-09-30', '2026-10-01 08:00:00', seeds.map((s) => [s.n, s.grade]));
  ws.close();
  core = testCore(wsPath);
});

afterAll(() => {
  core?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('migration between two runs', () => {
  it('counts subjects moving between tiers and lists those behind a cell', async () => {
    const r1 = await callOk(core, 'tier.run', { evalRunId: 'E1' });
    const r2 = await callOk(core, 'tier.run', { evalRunId: 'E2' });
    expect(r1.tiers).toEqual({ 无感监管: 8, 一般监管: 2, 重点监管: 1, 严格监管: 0 });
    const m = await callOk(core, 'tier.migration', { fromRunId: r1.runId, toRunId: r2.runId });
    const nonZero = m.cells.filter((c) => c.subjects > 0).map((c) => [c.from, c.to, c.subjects]);
    expect(nonZero).toEqual([
      ['无感监管', '无感监管', 6],
      ['无感监管', '一般监管', 1],
      ['无感监管', '重点监管', 1],
      ['一般监管', '重点监管', 1],
      ['一般监管', null, 1],
      ['重点监管', '重点监管', 1],
      [null, '无感监管', 1],
    ]);
    expect(m.cells).toHaveLength(24);
    expect(m.fromRun.asOf).toBe('2026-03-31');
    expect(m.toRun.asOf).toBe('2026-06-30');
    const cell = await callOk(core, 'tier.migration', { fromRunId: r1.runId, toRunId: r2.runId, from: '无感监管', to: '重点监管' });
    expect(cell.members!.total).toBe(1);
    expect(cell.members!.rows[0]).toMatchObject({ uscc: code(4), fromGrade: 'A', toGrade: 'D', fromRisk: 'A', toRisk: 'A' });
    const gone = await callOk(core, 'tier.migration', { fromRunId: r1.runId, toRunId: r2.runId, from: '一般监管', to: null });
    expect(gone.members!.rows.map((r) => r.uscc)).toEqual([code(10)]);
    const bad = await core.call({ call: 'tier.migration', input: { fromRunId: r1.runId, toRunId: r1.runId } });
    expect(bad.ok).toBe(false);
  });
});

describe('双随机 sampling', () => {
  let runId: string;
  beforeAll(async () => {
    runId = (await callOk(core, 'tier.run', { evalRunId: 'E3' })).runId;
  });

  it('allocates by share × population and draws the lowest md5(seed:uscc) in each cell', async () => {
    // weights B×B 5% × 100 = 5, C×C 30% × 60 = 18, D×D 100% × 20 = 20 (the 注销 pair excluded), A×A share 0.
    // 20 × (5, 18, 20) / 43 = 2.33, 8.37, 9.30 → floors 2, 8, 9; the leftover one goes to .37 → 2, 9, 9.
    const s = await callOk(core, 'tier.sample', { runId, total: 20, seed: 'S1' });
    expect(s.seed).toBe('S1');
    expect(s.drawn).toBe(20);
    expect(s.byTier).toEqual({
      无感监管: { population: 20, quota: 0 },
      一般监管: { population: 100, quota: 2 },
      重点监管: { population: 60, quota: 9 },
      严格监管: { population: 20, quota: 9 },
    });
    // Independent check of the order: md5 over the B×B cell's codes, computed here.
    const bb = range(101, 200)
      .map((n) => ({ uscc: code(n), key: crypto.createHash('md5').update(`S1:${code(n)}`).digest('hex') }))
      .sort((a, b) => a.key.localeCompare(b.key))
      .slice(0, 2)
      .map((x) => x.uscc);
    expect(s.rows.filter((r) => r.grade === 'B').map((r) => r.uscc)).toEqual(bb);
    expect(s.rows.some((r) => r.uscc === code(301) || r.uscc === code(302))).toBe(false);
  });

  it('is reproducible with the same seed and differs with another', async () => {
    const a = await callOk(core, 'tier.sample', { runId, total: 20, seed: 'S1' });
    const b = await callOk(core, 'tier.sample', { runId, total: 20, seed: 'S1' });
    const c = await callOk(core, 'tier.sample', { runId, total: 20, seed: 'S2' });
    expect(b.rows.map((r) => r.uscc)).toEqual(a.rows.map((r) => r.uscc));
    expect(c.rows.map((r) => r.uscc)).not.toEqual(a.rows.map((r) => r.uscc));
    expect(c.byTier).toEqual(a.byTier);
    const random = await callOk(core, 'tier.sample', { runId, total: 5 });
    expect(random.seed).toMatch(/^\d{9}$/);
  });

  it('restricts to a sector', async () => {
    // 行业代码 27…: B×B 100 (w 5), C×C 30 (w 9), D×D 20 (w 20); 10 × (5, 9, 20) / 34 = 1.47, 2.65, 5.88
    // → floors 1, 2, 5; two leftovers to .88 and .65 → 1, 3, 6.
    const s = await callOk(core, 'tier.sample', { runId, total: 10, seed: 7, sector: { codePrefix: '27' } });
    expect(s.seed).toBe('7');
    expect([s.byTier.一般监管.quota, s.byTier.重点监管.quota, s.byTier.严格监管.quota]).toEqual([1, 3, 6]);
    expect(s.byTier.重点监管.population).toBe(30);
    expect(new Set(s.rows.map((r) => r.industryCode))).toEqual(new Set(['C2710']));
    const town = await callOk(core, 'tier.sample', { runId, total: 100, seed: 7, sector: { town: '奉城镇' } });
    expect(town.drawn).toBe(30); // only the 30 C×C subjects of 奉城镇 exist there: all drawn
  });

  it('exports the sample with its seed printed, and the lists', async () => {
    const file = path.join(dir, 'sample.xlsx');
    const out = await callOk(core, 'tier.export', { kind: 'sample', runId, total: 20, seed: 'S1', path: file });
    expect(out).toMatchObject({ rows: 20, path: file });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('双随机抽查名单');
    expect(sheet.getCell('A2').value).toBe('随机种子：S1');
    const texts: string[] = [];
    sheet.eachRow((row) => texts.push(row.values!.toString()));
    const sample = await callOk(core, 'tier.sample', { runId, total: 20, seed: 'S1' });
    for (const r of sample.rows) expect(texts.some((t) => t.includes(r.uscc))).toBe(true);

    const noDisturb = await callOk(core, 'tier.export', { kind: 'noDisturb', runId });
    expect(noDisturb.rows).toBe(20); // the A×A subjects
    expect(noDisturb.bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(noDisturb.bytes!.subarray(0, 2)).toString()).toBe('PK');
    expect((await callOk(core, 'tier.export', { kind: 'key', runId })).rows).toBe(60 + 22); // 重点 C×C + 严格 D×D incl. 注销
    const items = await callOk(core, 'tier.export', { kind: 'exemptItems', runId });
    const expectedItems = tiersDefault.exemptItems.reduce((n, e) => n + e.items.length, 0);
    expect(items.rows).toBe(expectedItems);
    const w = await core.session.workspace();
    const audits = await w.all<{ target: string }>(`SELECT target FROM audit_log WHERE action = 'export.file' ORDER BY seq`);
    expect(audits.length).toBe(4);
    expect(audits[0]!.target).toBe(file);
  });

  it('pages the lists and the 无事不扰 items', async () => {
    const page = await callOk(core, 'tier.list', { runId, kind: 'key', limit: 10, offset: 0 });
    expect(page.total).toBe(82);
    expect(page.rows).toHaveLength(10);
    expect(page.rows[0]!.tier).toBe('严格监管');
    const filtered = await callOk(core, 'tier.list', { runId, kind: 'all', town: '奉城镇' });
    expect(filtered.total).toBe(30);
    expect((await callOk(core, 'tier.list', { runId, kind: 'all', industry: 'C27' })).total).toBe(100 + 30 + 22);
    const items = await callOk(core, 'tier.exemptItems', { runId });
    expect(items.every((i) => i.tier !== '无感监管' || i.subjects === 20)).toBe(true);
    const summary = await callOk(core, 'tier.summary', { runId });
    expect(summary.heat.find((h) => h.grade === 'C' && h.risk === 'C')).toMatchObject({ subjects: 60, tier: '重点监管', share: 30 });
    expect(summary.byTown.find((t) => t.town === '奉城镇')).toMatchObject({ tier: '重点监管', subjects: 30 });
  });
});

describe('editing the matrix', () => {
  it('rejects an invalid matrix in Chinese and saves a valid one as a new version used by later runs', async () => {
    const edited = JSON.parse(JSON.stringify(tiersDefault));
    edited.cells.A.A.share = 150;
    const bad = await core.call({ call: 'tier.matrix.save', input: { matrix: edited } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('BAD_INPUT');
      expect(bad.error.message).toContain('信用A × 风险A · 抽查比例');
    }
    expect((await callOk(core, 'tier.matrix.validate', { matrix: edited })).ok).toBe(false);

    edited.cells.A.A = { tier: '一般监管', share: 2, frequency: '每年不超过1次' };
    edited.version = '2026.2';
    const saved = await callOk(core, 'tier.matrix.save', { matrix: edited, note: 'A×A 纳入一般监管' });
    expect(saved.id).toBe('ws-001');
    const got = await callOk(core, 'tier.matrix.get', {});
    expect(got.active.id).toBe('ws-001');
    expect(got.active.matrix.cells.A.A.tier).toBe('一般监管');
    expect(got.versions.map((v) => v.id)).toEqual(['ws-001', 'tiers-default']);

    const run = await callOk(core, 'tier.run', { evalRunId: 'E3' });
    // The 20 A×A subjects move from 无感监管 to 一般监管.
    expect(run.tiers).toEqual({ 无感监管: 0, 一般监管: 120, 重点监管: 60, 严格监管: 22 });
    const info = (await callOk(core, 'tier.runs', {}))[0]!;
    expect(info.matrixId).toBe('ws-001');
    expect(info.matrixSha256).toBe(saved.sha256);
    const builtin = await callOk(core, 'tier.run', { evalRunId: 'E3', matrixId: 'tiers-default' });
    expect(builtin.tiers.无感监管).toBe(20);
  });
});
