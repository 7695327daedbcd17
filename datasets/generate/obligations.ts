// obligations: monthly tax, social insurance and utility payments over the last 12 months for a share of active
// subjects (≈ 3.3 rows per subject in total). Most pay in full; some miss a month now and then; a few run up
// consecutive months of arrears (and, for tax, a C/D grade). tax_grade (A/B/M/C/D) is on tax rows only.
import { BATCH_ID, OBLIGATION_FIRST_MONTH, OBLIGATION_MONTHS, q, type GenContext } from './context';

/** Per-kind base monthly amount for a 微型 subject (万元, log-uniform in [lo, hi]) and the tracked shares. */
const KINDS = {
  tax: { lo: 0.1, hi: 1.5 },
  social_insurance: { lo: 0.2, hi: 1.2 },
  electricity: { lo: 0.05, hi: 1.0 },
  water: { lo: 0.01, hi: 0.1 },
} as const;

const STREAK_SHARE = 0.05;
const OCCASIONAL_SHARE = 0.09;

export async function generateObligations(ctx: GenContext): Promise<void> {
  const base = (kind: keyof typeof KINDS) =>
    `${KINDS[kind].lo} * pow(${KINDS[kind].hi / KINDS[kind].lo}, g_u(idx, 'due-${kind}'))`;
  await ctx.conn.run(`
CREATE OR REPLACE TEMP TABLE gen_tracked AS
WITH active AS (
  SELECT idx, uscc, kind, sector, CASE size WHEN '大型' THEN 100 WHEN '中型' THEN 20 WHEN '小型' THEN 4 ELSE 1 END AS size_factor
  FROM gen_subjects WHERE status = '存续' AND established_date < DATE '${OBLIGATION_FIRST_MONTH}'
), tracked AS (
  SELECT idx, uscc, 'tax' AS kind, ${base('tax')} * size_factor AS base_due FROM active
  WHERE g_u(idx, 'track-tax') < CASE kind WHEN '91' THEN 0.17 WHEN '92' THEN 0.03 ELSE 0.05 END
  UNION ALL
  SELECT idx, uscc, 'social_insurance', ${base('social_insurance')} * size_factor FROM active
  WHERE g_u(idx, 'track-si') < CASE kind WHEN '91' THEN 0.15 WHEN '52' THEN 0.3 WHEN '12' THEN 0.3 ELSE 0.01 END
  UNION ALL
  SELECT idx, uscc, 'electricity', ${base('electricity')} * size_factor FROM active
  WHERE g_u(idx, 'track-elec') < CASE WHEN sector IN ('mfg', 'mfg_food', 'mfg_health', 'energy') THEN 0.3 WHEN kind = '91' THEN 0.04 ELSE 0.01 END
  UNION ALL
  SELECT idx, uscc, 'water', ${base('water')} * size_factor FROM active
  WHERE g_u(idx, 'track-water') < CASE WHEN sector IN ('mfg_food', 'catering', 'hospitality') THEN 0.2 ELSE 0.02 END
)
SELECT *,
  -- the annual tax grade sits on every tax row; an arrears streak means grade C or D
  CASE WHEN kind <> 'tax' THEN NULL
       WHEN profile = 'streak' THEN CASE WHEN g_u(idx, 'grade') < 0.6 THEN 'C' ELSE 'D' END
       WHEN g_u(idx, 'grade') < 0.18 THEN 'A' WHEN g_u(idx, 'grade') < 0.70 THEN 'B' WHEN g_u(idx, 'grade') < 0.90 THEN 'M'
       WHEN g_u(idx, 'grade') < 0.97 THEN 'C' ELSE 'D' END AS tax_grade
FROM (
  SELECT *,
    CASE WHEN g_u(key, 'arrears-profile') < ${STREAK_SHARE} THEN 'streak'
         WHEN g_u(key, 'arrears-profile') < ${STREAK_SHARE + OCCASIONAL_SHARE} THEN 'occasional'
         ELSE 'none' END AS profile,
    -- a streak runs from this month to the end of the window: at least 3 consecutive months
    g_int(key, 'streak-start', ${OBLIGATION_MONTHS - 2}) AS streak_start
  FROM (SELECT *, idx * 4 + CASE kind WHEN 'tax' THEN 0 WHEN 'social_insurance' THEN 1 WHEN 'electricity' THEN 2 ELSE 3 END AS key FROM tracked)
)`);
  await ctx.conn.run(`CREATE OR REPLACE TEMP TABLE gen_tax_grade AS SELECT idx, tax_grade FROM gen_tracked WHERE kind = 'tax'`);
  await ctx.conn.run(`
INSERT INTO obligations (uscc, kind, period, due_wan, paid_wan, arrears_wan, tax_grade, batch_id)
WITH monthly AS (
  SELECT t.uscc, t.kind, t.tax_grade, m.m, (DATE '${OBLIGATION_FIRST_MONTH}' + to_months(m.m::INTEGER))::DATE AS period,
    round(t.base_due * (0.85 + 0.3 * g_u(t.key * 16 + m.m, 'due-month')), 4) AS due,
    CASE WHEN t.profile = 'streak' AND m.m >= t.streak_start THEN 0.4 + 0.6 * g_u(t.key * 16 + m.m, 'arrears-part')
         WHEN t.profile = 'occasional' AND g_u(t.key * 16 + m.m, 'arrears-month') < 0.15 THEN 0.1 + 0.9 * g_u(t.key * 16 + m.m, 'arrears-part')
         ELSE 0 END AS arrears_part
  FROM gen_tracked t CROSS JOIN range(${OBLIGATION_MONTHS}) m(m)
)
SELECT uscc, kind, period, due, due - round(due * arrears_part, 4), round(due * arrears_part, 4), tax_grade, ${q(BATCH_ID)}
FROM monthly`);
}
