// The tier matrix (lookups and validation), rule-file templates and the sample allocation, worked out by hand.
import { describe, expect, it } from 'vitest';
import { validateMatrix, type TierMatrix } from '../../shared/contract/tiering';
import { builtinMatrix, matrixSha256 } from '../../electron/core/tiering/matrix';
import { allocateSample, type CellPopulation } from '../../electron/core/tiering/sampling';
import { addDays, paramLiteral, renderTemplate, windowValues } from '../../electron/core/tiering/template';
import { loadRiskModel, parseRiskModel } from '../../electron/core/tiering/risk-model';
import { loadWarningRules, ruleSql } from '../../electron/core/tiering/warnings';
import tiersDefault from '../../datasets/matrices/tiers-default.json';

const clone = (): Record<string, any> => JSON.parse(JSON.stringify(tiersDefault));

describe('default matrix', () => {
  const m = builtinMatrix().matrix;

  it('looks cells up by credit grade × risk class', () => {
    expect(m.cells.A.A).toMatchObject({ tier: '无感监管', share: 0 });
    expect(m.cells.B.A).toMatchObject({ tier: '无感监管', share: 0 });
    expect(m.cells.A.C).toMatchObject({ tier: '一般监管', share: 3 });
    expect(m.cells.B.C).toMatchObject({ tier: '一般监管', share: 10 });
    expect(m.cells.C.B).toMatchObject({ tier: '重点监管', share: 20 });
    expect(m.cells.D.A).toMatchObject({ tier: '重点监管', share: 20 });
    expect(m.cells.C.D).toMatchObject({ tier: '严格监管', share: 60 });
    expect(m.cells.D.D).toMatchObject({ tier: '严格监管', share: 100 });
  });

  it('defines the lists and the 无事不扰 items', () => {
    expect(m.lists.noDisturb).toEqual(['无感监管']);
    expect(m.lists.key).toEqual(['重点监管', '严格监管']);
    expect(m.exemptItems.find((e) => e.tier === '无感监管')!.items.length).toBeGreaterThan(0);
  });

  it('hashes the canonical form: key order does not matter, content does', () => {
    const reordered = Object.fromEntries(Object.entries(clone()).reverse()) as TierMatrix;
    expect(matrixSha256(reordered)).toBe(matrixSha256(m));
    const changed = clone();
    changed.cells.A.A.share = 1;
    expect(matrixSha256(changed as TierMatrix)).not.toBe(matrixSha256(m));
  });
});

describe('matrix validation', () => {
  const errorsOf = (raw: unknown) => {
    const v = validateMatrix(raw);
    expect(v.ok).toBe(false);
    return v.ok ? [] : v.errors;
  };

  it('accepts the default file', () => {
    expect(validateMatrix(tiersDefault).ok).toBe(true);
  });

  it('requires every one of the 16 cells', () => {
    const m = clone();
    delete m.cells.B.C;
    expect(errorsOf(m)).toEqual([{ path: '信用B × 风险C', message: '单元格未填写' }]);
    const n = clone();
    delete n.cells.D;
    expect(errorsOf(n)).toEqual([{ path: '信用D', message: '该信用等级的一行未填写' }]);
  });

  it('keeps shares within 0–100 and tiers within the four names', () => {
    const m = clone();
    m.cells.A.D.share = 120;
    m.cells.C.A.share = -1;
    m.cells.D.B.tier = '特别监管';
    m.cells.B.B.share = '5';
    const errs = errorsOf(m);
    expect(errs).toContainEqual({ path: '信用A × 风险D · 抽查比例', message: '抽查比例不能大于 100%' });
    expect(errs).toContainEqual({ path: '信用C × 风险A · 抽查比例', message: '抽查比例不能小于 0%' });
    expect(errs).toContainEqual({ path: '信用B × 风险B · 抽查比例', message: '抽查比例须为数字（0–100）' });
    expect(errs.find((e) => e.path === '信用D × 风险B · 监管层级')!.message).toContain('无感监管');
    expect(errs).toHaveLength(4);
  });

  it('rejects a blank frequency, unknown cells and a tier on both lists', () => {
    const m = clone();
    m.cells.A.A.frequency = '  ';
    m.cells.A.E = { tier: '一般监管', share: 1, frequency: 'x' };
    m.lists.key = ['无感监管', '严格监管'];
    const errs = errorsOf(m);
    expect(errs).toContainEqual({ path: '信用A × 风险A · 检查频次', message: '请填写检查频次' });
    expect(errs.some((e) => e.path === '信用A')).toBe(true);
    // the cross-field rule runs only once the shape is valid
    const k = clone();
    k.lists.key = ['无感监管', '严格监管'];
    expect(errorsOf(k)).toEqual([{ path: '清单定义', message: '层级 无感监管 不能同时属于无感监管清单和重点监管清单' }]);
  });
});

describe('rule templates', () => {
  it('computes windows that include the as-of day', () => {
    expect(addDays('2026-03-31', -89)).toBe('2026-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(windowValues('2026-03-31', 90)).toEqual({ as_of: "DATE '2026-03-31'", window_start: "DATE '2026-01-01'", window_days: '90' });
    expect(windowValues('2026-03-31', 1).window_start).toBe("DATE '2026-03-31'");
  });

  it('renders parameters as literals and fails on unknown placeholders', () => {
    expect(paramLiteral("O'Brien")).toBe("'O''Brien'");
    expect(paramLiteral(['tax', 'gas'])).toBe("('tax', 'gas')");
    expect(paramLiteral(3)).toBe('3');
    expect(renderTemplate('a {{x}} {{y}}', { x: '{{y}}', y: '1' }, 't')).toBe('a 1 1');
    expect(() => renderTemplate('SELECT {{nope}}', {}, '规则 r')).toThrow(/nope/);
    expect(() => renderTemplate('{{a}}', { a: '{{a}}' }, 'r')).toThrow(/循环/);
  });

  it('loads the shipped rule files and fills every placeholder', () => {
    const rules = loadWarningRules();
    expect(rules.rules.rules.map((r) => r.id)).toEqual([
      'severe_penalty', 'abnormal_operation_listing', 'serious_dishonesty_listing', 'new_judgment_defaulter', 'tax_arrears',
      'social_insurance_arrears', 'utility_arrears', 'broken_commitment', 'related_party_blacklisted',
    ]);
    for (const r of rules.rules.rules) {
      const sql = ruleSql(rules.rules, r, '2026-03-31', new Set());
      expect(sql).not.toMatch(/\{\{/);
    }
    const broken = rules.rules.rules.find((r) => r.id === 'broken_commitment')!;
    expect(ruleSql(rules.rules, broken, '2026-03-31', new Set())).toContain('FROM commitments');
    expect(ruleSql(rules.rules, broken, '2026-03-31', new Set(['commitment_status']))).toContain('FROM commitment_status\n');
    expect(ruleSql(rules.rules, broken, '2026-03-31', new Set(['commitment_status', 'commitment_status_at']))).toContain(
      "FROM commitment_status_at(DATE '2026-03-31')",
    );
    expect(loadRiskModel().model.cutoffs).toEqual({ B: 20, C: 40, D: 60 });
    expect(() => parseRiskModel({ ...loadRiskModel().model, cutoffs: { B: 50, C: 40, D: 60 } })).toThrow(/B ≤ C ≤ D/);
  });
});

describe('sample allocation', () => {
  const cell = (grade: string, risk: string, tier: string, share: number, population: number) =>
    ({ grade, risk, tier, share, population }) as CellPopulation;

  it('splits in proportion to share × population with the largest remainder', () => {
    // weights 5% × 100 = 5, 20% × 50 = 10, 100% × 3 = 3 (sum 18); 10 inspections → 2.78, 5.56, 1.67
    // floors 2 + 5 + 1 = 8; the two leftovers go to .78 and .67 → 3, 5, 2.
    const a = allocateSample([cell('B', 'B', '一般监管', 5, 100), cell('C', 'B', '重点监管', 20, 50), cell('D', 'D', '严格监管', 100, 3)], 10);
    expect(a.map((x) => x.quota)).toEqual([3, 5, 2]);
  });

  it('never draws from share-0 cells and caps a cell at its population, re-splitting the excess', () => {
    // weights: 0 (share 0), 10% × 100 = 10, 100% × 2 = 2. 30 inspections: the D×D cell's 30 × 2/12 = 5 > 2 → 2,
    // the remaining 28 go to B×C (28 ≤ 100).
    const a = allocateSample([cell('A', 'A', '无感监管', 0, 500), cell('B', 'C', '一般监管', 10, 100), cell('D', 'D', '严格监管', 100, 2)], 30);
    expect(a.map((x) => x.quota)).toEqual([0, 28, 2]);
  });

  it('takes every drawable subject when the total exceeds them, and breaks ties by share then order', () => {
    expect(allocateSample([cell('B', 'B', '一般监管', 5, 4), cell('A', 'A', '无感监管', 0, 9)], 50).map((x) => x.quota)).toEqual([4, 0]);
    // equal weights 10% × 10 = 1 and 5% × 20 = 1; 1 inspection → .5 each: the higher share wins.
    expect(allocateSample([cell('B', 'B', '一般监管', 5, 20), cell('C', 'C', '重点监管', 10, 10)], 1).map((x) => x.quota)).toEqual([0, 1]);
    // equal shares and weights: matrix order wins.
    expect(allocateSample([cell('B', 'B', '一般监管', 5, 20), cell('B', 'C', '一般监管', 5, 20)], 1).map((x) => x.quota)).toEqual([1, 0]);
  });
});
