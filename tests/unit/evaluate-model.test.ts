// Evaluation model files: the shipped models validate and cover what the district needs; the schema refuses
// broken models; windows and pure scoring rules behave as documented in electron/core/evaluate/model.ts.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicatorPoints, modelSchema, shippedModels, validateModel, type ModelInput } from '../../electron/core/evaluate/model';
import { scopeSql, windowStart, substitute } from '../../electron/core/evaluate/compile';
import { emptyWorkspace } from '../helpers/workspace';
import type { Workspace } from '../../electron/core/workspace';

const MODELS_DIR = path.resolve(__dirname, '../../datasets/models');

function minimalModel(over: Partial<ModelInput> = {}): ModelInput {
  return {
    format: 1,
    id: 'm',
    name: '测试模型',
    version: '1',
    kind: 'comprehensive',
    base: 60,
    dimensions: [{ id: 'd', label: '维度' }],
    indicators: [
      { id: 'I1', label: '处罚', dimension: 'd', direction: 'deduction', source: { table: 'penalties', date_column: 'decision_date' }, window: { months: 12 }, scoring: { kind: 'per_occurrence', points: 1 } },
    ],
    grades: { A: 90, B: 75, C: 60 },
    ...over,
  };
}

describe('shipped models', () => {
  const models = shippedModels(MODELS_DIR);
  const comp = models.find((m) => m.spec.id === 'comprehensive')!;
  const dental = models.find((m) => m.spec.id === 'dental')!;

  it('include a comprehensive model with ≥ 20 indicators over the six dimensions of DOMAIN.md', () => {
    expect(comp.spec.kind).toBe('comprehensive');
    expect(comp.spec.indicators.length).toBeGreaterThanOrEqual(20);
    const labels = new Set(comp.spec.dimensions.map((d) => d.label));
    for (const l of ['基础信息', '行政管理', '名单', '信用承诺', '履约', '荣誉']) expect(labels.has(l)).toBe(true);
    for (const d of comp.spec.dimensions) expect(comp.spec.indicators.some((i) => i.dimension === d.id)).toBe(true);
    expect(comp.spec.overrides.some((o) => o.grade === 'D' && o.source.where?.includes('严重失信主体名单'))).toBe(true);
  });

  it('include the 口腔医疗 industry model with ≥ 8 indicators and the 0.7 / 0.3 combination', () => {
    expect(dental.spec.kind).toBe('industry');
    expect(dental.spec.indicators.length).toBeGreaterThanOrEqual(8);
    expect(dental.spec.scope.industry_names).toEqual(['口腔医疗']);
    expect(dental.spec.combination).toEqual({ industry_weight: 0.7, comprehensive_weight: 0.3 });
    const tables = new Set(dental.spec.indicators.map((i) => i.source.table));
    for (const t of ['industry_ratings', 'inspections', 'penalties', 'licenses', 'complaints']) expect(tables.has(t)).toBe(true);
    const licence = dental.spec.indicators.find((i) => i.source.table === 'licenses' && i.scoring.kind === 'flag' && i.scoring.when === 'absent');
    expect(licence).toBeDefined();
    expect(Object.values(dental.spec.snippets).some((x) => x.includes('医疗机构执业许可证'))).toBe(true);
    expect(Object.values(dental.spec.snippets).some((x) => x.includes('卫健委'))).toBe(true);
  });

  it('are hashed over the exact file bytes, comprehensive first', () => {
    expect(models[0]!.spec.kind).toBe('comprehensive');
    for (const m of models) {
      const file = path.join(MODELS_DIR, m.origin.replace('shipped:', ''));
      expect(m.sha256).toBe(crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex'));
    }
  });

  it('every point value is a non-negative number with at most two decimals', () => {
    for (const m of models) {
      for (const ind of m.spec.indicators) {
        const pts = ind.scoring.kind === 'bands' ? ind.scoring.bands.map((b) => b.points) : [ind.scoring.points];
        for (const p of pts) expect(Math.round(p * 100) / 100).toBe(p);
      }
    }
  });
});

describe('model schema', () => {
  const bad = (over: Partial<ModelInput>) => () => validateModel(minimalModel(over), 'test');

  it('accepts a minimal model and fills defaults', () => {
    const m = validateModel(minimalModel(), 'test');
    expect(m.score_range).toEqual({ min: 0, max: 100 });
    expect(m.scope.statuses).toEqual(['存续']);
    expect(m.indicators[0]!.missing_value).toBe(0);
    expect(m.indicators[0]!.enabled).toBe(true);
  });

  it('refuses duplicate indicator ids, unknown dimensions, bad cut-offs, missing windows and unsafe SQL', () => {
    const base = minimalModel().indicators[0]!;
    expect(bad({ indicators: [base, base] })).toThrow(/指标编号重复/);
    expect(bad({ indicators: [{ ...base, dimension: 'x' }] })).toThrow(/维度/);
    expect(bad({ grades: { A: 70, B: 75, C: 60 } })).toThrow(/A > B > C/);
    expect(bad({ indicators: [{ ...base, window: undefined, source: { table: 'penalties', where: 't.decision_date >= {window_start}' } }] })).toThrow(/window_start/);
    expect(bad({ indicators: [{ ...base, source: { table: 'penalties', where: '1=1; DROP TABLE subjects' } }] })).toThrow(/分号/);
    expect(bad({ indicators: [{ ...base, source: { table: 'penalties', where: '{nope}' } }] })).toThrow(/未知占位符/);
    expect(bad({ indicators: [{ ...base, window: undefined, source: { table: 'persons' } }] })).toThrow(/uscc/);
    expect(bad({ indicators: [{ ...base, scoring: { kind: 'bands', bands: [{ min: 0, max: 5, points: 1 }, { min: 3, points: 2 }] } }] })).toThrow(/重叠/);
  });

  it('requires industry models to carry a scope and weights summing to 1, and forbids weights on the comprehensive model', () => {
    expect(bad({ kind: 'industry', scope: { statuses: ['存续'], industry_names: ['口腔医疗'] } })).toThrow(/combination/);
    expect(bad({ kind: 'industry', scope: { statuses: ['存续'], industry_names: ['口腔医疗'] }, combination: { industry_weight: 0.7, comprehensive_weight: 0.4 } })).toThrow(/之和/);
    expect(bad({ kind: 'industry', combination: { industry_weight: 0.7, comprehensive_weight: 0.3 } })).toThrow(/scope/);
    expect(bad({ combination: { industry_weight: 0.7, comprehensive_weight: 0.3 } })).toThrow(/综合评价模型不能有/);
    expect(modelSchema.safeParse({ ...minimalModel(), format: 2 }).success).toBe(false);
  });
});

describe('pure scoring rules', () => {
  it('per occurrence: points × value up to the cap, signed by direction', () => {
    const ind = { direction: 'deduction' as const, scoring: { kind: 'per_occurrence' as const, points: 3, cap: 12 } };
    expect(indicatorPoints(ind, 0)).toBe(0);
    expect(indicatorPoints(ind, 3)).toBe(-9);
    expect(indicatorPoints(ind, 5)).toBe(-12);
    expect(indicatorPoints({ direction: 'bonus', scoring: { kind: 'per_occurrence', points: 0.5 } }, 2.345)).toBe(1.17);
    expect(indicatorPoints({ direction: 'bonus', scoring: { kind: 'per_occurrence', points: 0.5 } }, 2.35)).toBe(1.18);
  });

  it('bands: min inclusive, max exclusive, first match, else 0', () => {
    const ind = { direction: 'bonus' as const, scoring: { kind: 'bands' as const, bands: [{ min: 1, max: 3, points: 1 }, { min: 3, points: 4 }] } };
    expect(indicatorPoints(ind, 0.99)).toBe(0);
    expect(indicatorPoints(ind, 1)).toBe(1);
    expect(indicatorPoints(ind, 2.99)).toBe(1);
    expect(indicatorPoints(ind, 3)).toBe(4);
  });

  it('flags: present when value > 0, absent otherwise', () => {
    expect(indicatorPoints({ direction: 'deduction', scoring: { kind: 'flag', points: 30, when: 'present' } }, 1)).toBe(-30);
    expect(indicatorPoints({ direction: 'deduction', scoring: { kind: 'flag', points: 30, when: 'present' } }, 0)).toBe(0);
    expect(indicatorPoints({ direction: 'deduction', scoring: { kind: 'flag', points: 30, when: 'absent' } }, 0)).toBe(-30);
    expect(indicatorPoints({ direction: 'deduction', scoring: { kind: 'flag', points: 30, when: 'absent' } }, 2)).toBe(0);
  });
});

describe('windows', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await emptyWorkspace();
  });
  afterAll(() => ws.close());

  it('start the day after as_of minus N months (inclusive window of whole months)', () => {
    expect(windowStart('2026-03-31', { months: 12 })).toBe('2025-04-01');
    expect(windowStart('2026-03-31', { months: 36 })).toBe('2023-04-01');
    expect(windowStart('2026-03-31', { months: 1 })).toBe('2026-03-01'); // 2026-02-28 + 1 day
    expect(windowStart('2024-02-29', { months: 12 })).toBe('2023-03-01'); // 2023-02-28 + 1 day
    expect(windowStart('2026-01-15', { months: 2 })).toBe('2025-11-16');
    expect(windowStart('2026-03-31', { days: 30 })).toBe('2026-03-02');
    expect(windowStart('2026-03-01', { days: 1 })).toBe('2026-03-01');
  });

  it('agree with DuckDB date arithmetic', async () => {
    const cases = ['2026-03-31', '2024-02-29', '2025-12-31', '2026-05-31', '2026-01-01', '2025-08-30'];
    for (const asOf of cases) {
      for (const months of [1, 3, 12, 24, 36]) {
        const duck = await ws.scalar<string>(`SELECT (CAST(DATE '${asOf}' - INTERVAL ${months} MONTH AS DATE) + 1)::VARCHAR`);
        expect(windowStart(asOf, { months })).toBe(duck);
      }
    }
  });

  it('substitutes snippets recursively and refuses unknown placeholders', () => {
    const out = substitute('{a} AND t.d <= {as_of}', { a: '{b} OR x', b: 'y' }, { as_of: "DATE '2026-03-31'" });
    expect(out).toBe("((y) OR x) AND t.d <= DATE '2026-03-31'");
    expect(() => substitute('{zz}', {}, {})).toThrow(/未知占位符/);
  });

  it('scopes by status (none counts as 存续), establishment date and industry name or code', () => {
    const m = validateModel(
      minimalModel({ kind: 'industry', scope: { statuses: ['存续'], industry_names: ['口腔医疗'], industry_codes: ['8425'] }, combination: { industry_weight: 0.7, comprehensive_weight: 0.3 } }),
      't',
    );
    const sql = scopeSql(m, '2026-03-31');
    expect(sql).toContain(`s.status IS NULL OR s.status IN ('存续')`);
    expect(sql).toContain(`s.established_date <= DATE '2026-03-31'`);
    expect(sql).toContain(`s.industry_name IN ('口腔医疗') OR s.industry_code IN ('8425')`);
  });
});
