// repairs: credit-repair cases for penalties of firms, applied for once the minimum disclosure period has passed.
// Durations vary: most finished the day they are accepted (受理即办结), some within 7 working days, some later, some open.
import { BATCH_ID, DATA_END, q, type GenContext } from './context';

/** Share of firm penalties whose subject applies for repair (about 0.03 × subjects end up applied by DATA_END). */
const APPLY_SHARE = 0.15;

export async function generateRepairs(ctx: GenContext): Promise<void> {
  await ctx.conn.run(`
CREATE OR REPLACE TEMP TABLE gen_repairs AS
WITH applied AS (
  SELECT r, idx, uscc, decision_no, vtype, tier, decision_date, authority AS dept,
    next_workday(decision_date + CASE tier WHEN '轻微' THEN 7 + g_int(r, 'repair-wait', 60)
                                            WHEN '一般' THEN 92 + g_int(r, 'repair-wait', 150)
                                            ELSE 366 + g_int(r, 'repair-wait', 200) END::INTEGER) AS applied_date
  FROM gen_penalties WHERE NOT is_person AND g_u(r, 'repair') < ${APPLY_SHARE}
), accepted AS (
  SELECT *,
    CASE WHEN g_u(r, 'repair-accept') < 0.03 THEN NULL
         WHEN g_u(r, 'repair-accept') < 0.75 THEN applied_date
         ELSE add_workdays(applied_date, 1 + g_int(r, 'repair-accept-days', 3)) END AS accepted_raw
  FROM applied WHERE applied_date <= DATE '${DATA_END}'
), finished AS (
  SELECT *, CASE WHEN accepted_raw <= DATE '${DATA_END}' THEN accepted_raw END AS accepted_date,
    CASE WHEN accepted_raw > DATE '${DATA_END}' OR accepted_raw IS NULL THEN NULL
         WHEN g_u(r, 'repair-finish') < 0.55 THEN accepted_raw
         WHEN g_u(r, 'repair-finish') < 0.80 THEN add_workdays(accepted_raw, 1 + g_int(r, 'repair-days', 7))
         WHEN g_u(r, 'repair-finish') < 0.90 THEN add_workdays(accepted_raw, 8 + g_int(r, 'repair-days', 18))
    END AS finished_raw
  FROM accepted
)
SELECT r, idx, uscc, decision_no, vtype, tier, dept, applied_date, accepted_date,
  CASE WHEN finished_raw <= DATE '${DATA_END}' THEN finished_raw END AS finished_date,
  'XF' || strftime(applied_date, '%Y') || lpad(row_number() OVER (ORDER BY applied_date, r)::VARCHAR, 6, '0') AS repair_id
FROM finished`);
  await ctx.conn.run(`
INSERT INTO repairs (repair_id, uscc, decision_no, applied_date, accepted_date, finished_date, result, dept, batch_id)
SELECT repair_id, uscc, decision_no, applied_date, accepted_date, finished_date,
  CASE WHEN finished_date IS NOT NULL THEN CASE WHEN g_u(r, 'repair-result') < 0.9 THEN '同意修复' ELSE '不予修复' END
       WHEN accepted_date IS NOT NULL THEN '办理中' ELSE '待受理' END,
  dept, ${q(BATCH_ID)}
FROM gen_repairs`);
}
