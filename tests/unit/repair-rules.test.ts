// The rule sets in datasets/rules load and say what DOMAIN.md says; malformed rule files are refused.
import { describe, expect, it } from 'vitest';
import { loadRuleBook, parseRuleSet } from '../../electron/core/repair';
import order36 from '../../datasets/rules/repair-order36-2026.json';

describe('repair rule sets', () => {
  it('ship the district fine thresholds and the periods of both orders', () => {
    const book = loadRuleBook();
    for (const rs of [book.order36, book.order58]) {
      expect(rs.fineThresholds.default).toEqual({
        法人及非法人组织: { smallBelowWan: 1, hugeFromWan: 100 },
        个体工商户: { smallBelowWan: 1, hugeFromWan: 100 },
        自然人: { smallBelowWan: 0.1, hugeFromWan: 10 },
      });
    }
    expect(book.order36.effectiveFrom).toBe('2026-04-01');
    expect(book.order36.periods).toMatchObject({
      轻微: { disclose: false },
      一般: { disclose: true, minMonths: 3, maxMonths: 12 },
      严重: { disclose: true, minMonths: 12, maxMonths: 36 },
    });
    for (const t of ['轻微', '一般', '严重'] as const) {
      expect(book.order58.periods[t]).toMatchObject({ disclose: true, minMonths: 3, maxMonths: 36 });
    }
    expect(book.order58.domainMinimums.domains.map((d) => [d.name, d.minMonths])).toEqual([
      ['特种设备', 12],
      ['安全生产', 12],
      ['消防', 12],
    ]);
    expect(book.district.efficiency.limitWorkdays).toBe(7);
  });

  it('refuses a minimum longer than the maximum, duplicate department overrides and unknown tiers', () => {
    const badPeriod = structuredClone(order36);
    badPeriod.periods['一般'].minMonths = 24;
    expect(() => parseRuleSet(badPeriod)).toThrow(/最短公示期/);

    const dup = structuredClone(order36) as unknown as { fineThresholds: { departmentOverrides: unknown[] } };
    const o = { dept: '区生态环境局', subjectKinds: ['法人及非法人组织'], smallBelowWan: 2, hugeFromWan: 50 };
    dup.fineThresholds.departmentOverrides = [o, o];
    expect(() => parseRuleSet(dup)).toThrow(/重复/);

    const badTier = structuredClone(order36) as unknown as { defaultTier: string };
    badTier.defaultTier = '很轻';
    expect(() => parseRuleSet(badTier)).toThrow();
  });
});
