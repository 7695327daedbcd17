// The result list's 街镇 / 行业 filters offer the summary's group labels — including （未知街镇）, （未知行业） and an
// industry known only by its code — so each option must list exactly the subjects that group counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyWorkspace } from '../helpers/workspace';
import { callOk, testCore } from '../helpers/core';
import type { Core } from '../../electron/core/services';
import { arrowRows } from '../../shared/arrow';
import type { EvalSummary } from '../../shared/contract/evaluate';
import { scoresFilters, scoresSql, type ScoresFilterState } from '../../renderer/src/pages/evaluate/scoresQuery';

const AS_OF = '2026-03-31';

/** Base 50; no valid licence −30 (F1–F3 have one → 50 → B, the rest → 20 → D). */
const MODEL = {
  format: 1,
  id: 'f',
  name: '筛选测试模型',
  version: '1',
  kind: 'comprehensive',
  base: 50,
  dimensions: [{ id: 'd', label: '维度' }],
  indicators: [
    { id: 'L', label: '无有效许可', dimension: 'd', direction: 'deduction', source: { table: 'licenses', date_column: 'decision_date', where: 't.valid_to_date >= {as_of}' }, scoring: { kind: 'flag', points: 30, when: 'absent' } },
  ],
  grades: { A: 80, B: 50, C: 30 },
};

const DATA = `
INSERT INTO subjects (uscc, name, town, industry_code, industry_name, status, established_date) VALUES
  ('F1', '一号', '南桥镇', 'C13', '制造业', '存续', '2020-01-01'),
  ('F2', '二号', '南桥镇', 'C14', NULL, '存续', '2020-01-01'),
  ('F3', '三号', NULL, 'C14', '', '存续', '2020-01-01'),
  ('F4', '四号', '', NULL, NULL, '存续', '2020-01-01'),
  ('F5', '五号', '奉城镇', 'C13', '制造业', '存续', '2020-01-01'),
  ('F6', '六号', NULL, 'F51', '批发业', '存续', '2020-01-01'),
  ('F7', '七号', '奉城镇', '', '', '存续', '2020-01-01');
INSERT INTO licenses (decision_no, uscc, subject_name, decision_date, valid_to_date, authority) VALUES
  ('L1', 'F1', '一号', '2020-01-01', '2030-01-01', '区市场监管局'),
  ('L2', 'F2', '二号', '2020-01-01', '2030-01-01', '区市场监管局'),
  ('L3', 'F3', '三号', '2020-01-01', '2030-01-01', '区市场监管局');
`;

// Worked out from the rules: a blank or NULL town is （未知街镇）; an industry is its name, else its code, else （未知行业）.
const TOWNS: Record<string, string[]> = {
  南桥镇: ['F1', 'F2'],
  奉城镇: ['F5', 'F7'],
  '（未知街镇）': ['F3', 'F4', 'F6'],
};
const INDUSTRIES: Record<string, string[]> = {
  制造业: ['F1', 'F5'],
  C14: ['F2', 'F3'],
  批发业: ['F6'],
  '（未知行业）': ['F4', 'F7'],
};

describe('result list filters match the summary groups', () => {
  let core: Core;
  let runId: string;
  let summary: EvalSummary;

  /** What the 评价结果 page lists for these filters, through the same call its grid makes. */
  async function listed(state: ScoresFilterState): Promise<{ total: number; uscc: string[] }> {
    const page = await callOk(core, 'query.run', { sql: scoresSql(runId), filters: scoresFilters(state), withTotal: true, limit: 1000 });
    return { total: page.total!, uscc: arrowRows(page.arrow).rows.map((r) => String(r.uscc)).sort() };
  }

  beforeAll(async () => {
    const w = await emptyWorkspace();
    await w.run(DATA);
    const file = w.path;
    w.close();
    core = testCore(file);
    runId = (await callOk(core, 'evaluate.run', { modelSpecs: [MODEL], asOf: AS_OF })).runId;
    summary = await callOk(core, 'evaluate.summary', { runId });
  });
  afterAll(() => core.close());

  it('offers the hand-worked town and industry groups with their counts', () => {
    const counts = (groups: Record<string, string[]>) => Object.fromEntries(Object.entries(groups).map(([k, v]) => [k, v.length]));
    expect(Object.fromEntries(summary.byTown.map((g) => [g.key, g.total]))).toEqual(counts(TOWNS));
    expect(Object.fromEntries(summary.byIndustry.map((g) => [g.key, g.total]))).toEqual(counts(INDUSTRIES));
  });

  it('lists exactly the subjects of each offered town, as many as the summary counts', async () => {
    for (const group of summary.byTown) {
      const got = await listed({ town: group.key });
      expect(got.total, group.key).toBe(group.total);
      expect(got.uscc, group.key).toEqual(TOWNS[group.key]);
    }
  });

  it('lists exactly the subjects of each offered industry, as many as the summary counts', async () => {
    for (const group of summary.byIndustry) {
      const got = await listed({ industry: group.key });
      expect(got.total, group.key).toBe(group.total);
      expect(got.uscc, group.key).toEqual(INDUSTRIES[group.key]);
    }
  });

  it('combines group filters with the grade and shows the group labels in the list', async () => {
    // （未知街镇） ∩ C14 = F3 (licensed → B); （未知街镇） in grade D = F4, F6 (unlicensed).
    expect((await listed({ town: '（未知街镇）', industry: 'C14' })).uscc).toEqual(['F3']);
    const d = summary.byTown.find((g) => g.key === '（未知街镇）')!.D;
    const unknownD = await listed({ town: '（未知街镇）', grade: 'D' });
    expect(unknownD.uscc).toEqual(['F4', 'F6']);
    expect(unknownD.total).toBe(d);
    const page = await callOk(core, 'query.run', { sql: scoresSql(runId), filters: scoresFilters({ text: '四号' }) });
    expect(arrowRows(page.arrow).rows.map((r) => [r.uscc, r.town, r.industry_name])).toEqual([['F4', '（未知街镇）', '（未知行业）']]);
  });
});
