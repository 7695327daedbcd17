// Rule sets of credit repair (Order 36 from 2026-04-01, Order 58 before) and the district's local settings, kept as
// JSON under datasets/rules and validated here with zod when loaded. Nothing in code decides a period or a keyword.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import order36Json from '../../../datasets/rules/repair-order36-2026.json';
import order58Json from '../../../datasets/rules/repair-order58-2023.json';
import districtJson from '../../../datasets/rules/repair-district.json';
import { PENALTY_TIERS, RULE_SET_IDS, type RuleSetId } from '../../../shared/contract/repair';
import { SUBJECT_KINDS } from '../../../shared/domain/enums';
import { CoreError } from '../errors';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const tier = z.enum(PENALTY_TIERS);
const subjectKind = z.enum(SUBJECT_KINDS);
const keyword = z.string().trim().min(1).max(100);

const threshold = z
  .object({ smallBelowWan: z.number().nonnegative(), hugeFromWan: z.number().positive() })
  .strict()
  .refine((t) => t.smallBelowWan <= t.hugeFromWan, '较小数额上限不能高于巨额下限');

const period = z
  .object({
    disclose: z.boolean(),
    minMonths: z.number().int().min(0).max(600),
    maxMonths: z.number().int().min(0).max(600),
    ifPublishedMaxMonths: z.number().int().min(0).max(600).optional(),
  })
  .strict()
  .refine((p) => p.minMonths <= p.maxMonths, '最短公示期不能长于最长公示期');

/** Columns of penalties a domain keyword may be found in (a fixed allowlist: they become SQL identifiers). */
export const DOMAIN_FIELDS = ['violation_type', 'basis', 'facts', 'content', 'penalty_types'] as const;

export const ruleSetSchema = z
  .object({
    id: z.enum(RULE_SET_IDS),
    title: z.string().min(1),
    version: z.string().min(1),
    effectiveFrom: isoDate,
    effectiveTo: isoDate.nullable(),
    doc: z.array(z.string()).optional(),
    separators: z.array(z.string().min(1).max(3)).min(1),
    categories: z.array(z.object({ tier, keywords: z.array(keyword).min(1), note: z.string().optional() }).strict()).min(1),
    defaultTier: tier,
    fineThresholds: z
      .object({
        default: z.object({ 法人及非法人组织: threshold, 个体工商户: threshold, 自然人: threshold }).strict(),
        unknownSubjectKind: subjectKind,
        departmentOverrides: z.array(
          z
            .object({
              dept: z.string().trim().min(1),
              subjectKinds: z.array(subjectKind).min(1),
              smallBelowWan: z.number().nonnegative(),
              hugeFromWan: z.number().positive(),
              note: z.string().optional(),
            })
            .strict()
            .refine((t) => t.smallBelowWan <= t.hugeFromWan, '较小数额上限不能高于巨额下限'),
        ),
      })
      .strict(),
    periods: z.object({ 轻微: period, 一般: period, 严重: period }).strict(),
    domainMinimums: z
      .object({
        fields: z.array(z.enum(DOMAIN_FIELDS)).min(1),
        domains: z.array(
          z
            .object({
              name: z.string().min(1),
              minMonths: z.number().int().min(0).max(600),
              keywords: z.array(keyword),
              authorityKeywords: z.array(keyword),
            })
            .strict(),
        ),
      })
      .strict(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const seen = new Set<string>();
    for (const o of r.fineThresholds.departmentOverrides) {
      for (const k of o.subjectKinds) {
        const key = `${o.dept}|${k}`;
        if (seen.has(key)) ctx.addIssue({ code: 'custom', message: `部门阈值重复：${o.dept} / ${k}` });
        seen.add(key);
      }
    }
    for (const d of r.domainMinimums.domains) {
      if (!d.keywords.length && !d.authorityKeywords.length) {
        ctx.addIssue({ code: 'custom', message: `领域 ${d.name} 没有任何关键词` });
      }
    }
  });

export type RuleSet = z.infer<typeof ruleSetSchema>;

export const districtSettingsSchema = z
  .object({
    id: z.string().min(1),
    title: z.string().min(1),
    version: z.string().min(1),
    doc: z.array(z.string()).optional(),
    repairOutcome: z.object({ failureKeywords: z.array(keyword) }).strict(),
    efficiency: z
      .object({ limitWorkdays: z.number().int().min(0).max(365), acceptWithinWorkdays: z.number().int().min(0).max(365) })
      .strict(),
    documents: z
      .object({
        keySectors: z.array(
          z
            .object({
              name: z.string().min(1),
              authorityKeywords: z.array(keyword),
              industryPrefixes: z.array(z.string().regex(/^[A-Z0-9]{1,5}$/, '行业代码前缀应为 GB/T 4754 代码')),
            })
            .strict(),
        ),
      })
      .strict(),
    commitments: z.object({ keptStatuses: z.array(keyword).min(1), brokenStatuses: z.array(keyword).min(1) }).strict(),
  })
  .strict();

export type DistrictSettings = z.infer<typeof districtSettingsSchema>;

function parseOrThrow<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const msg = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.')}：${i.message}`)
      .join('；');
    throw new CoreError('BAD_INPUT', `${what} 格式不正确：${msg}。请修正 datasets/rules 下的文件。`, JSON.stringify(parsed.error.issues));
  }
  return parsed.data;
}

export function parseRuleSet(data: unknown, what = '信用修复规则'): RuleSet {
  return parseOrThrow(ruleSetSchema, data, what);
}

export function parseDistrictSettings(data: unknown): DistrictSettings {
  return parseOrThrow(districtSettingsSchema, data, '信用修复本地设置');
}

/** Stable hash of a rule file's content, stamped into every run. */
export function ruleHash(data: unknown): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 16);
}

export interface RuleBook {
  order36: RuleSet;
  order58: RuleSet;
  district: DistrictSettings;
}

let cached: RuleBook | undefined;

/** The rule sets shipped in datasets/rules, validated once per process. */
export function loadRuleBook(): RuleBook {
  cached ??= {
    order36: parseRuleSet(order36Json, 'repair-order36-2026.json'),
    order58: parseRuleSet(order58Json, 'repair-order58-2023.json'),
    district: parseDistrictSettings(districtJson),
  };
  return cached;
}

export function ruleSetById(book: RuleBook, id: RuleSetId): RuleSet {
  return id === 'order36' ? book.order36 : book.order58;
}
