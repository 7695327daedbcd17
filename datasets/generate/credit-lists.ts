// credit_lists: black lists (经营异常名录, 严重失信主体名单, 失信被执行人 — firms and natural persons) and red lists
// (红名单, A级纳税人, AEO高级认证, 专精特新, 表彰). Blacklisted persons are drawn from the multi-firm representatives,
// so each of them represents firms that are not listed themselves (exposure through relations).
import { BATCH_ID, DATA_END, q, sqlList, type GenContext } from './context';
import { ABNORMAL_REASONS, RED_LIST_REASONS } from './vocab/agencies';

const EXECUTION_REASON = '有履行能力而拒不履行生效法律文书确定义务';

export async function generateCreditLists(ctx: GenContext): Promise<void> {
  const { multiRepPool, singleRepBase, subjects: n } = ctx.sizes;
  const dept = (code: string) => `(SELECT name FROM gen_dept WHERE dept_code = '${code}')`;
  // A row leaves the list (out_date) only if the drawn date is already past.
  const outDate = (inDate: string, key: string, salt: string, share: number, minDays: number, spanDays: number) => {
    const out = `${inDate} + ${minDays} + g_int(${key}, '${salt}-days', ${spanDays})::INTEGER`;
    return `CASE WHEN g_u(${key}, '${salt}') < ${share} AND ${out} <= DATE '${DATA_END}' THEN ${out} END`;
  };
  await ctx.conn.run(`
INSERT INTO credit_lists (list_type, uscc, person_id, subject_name, reason, authority, in_date, out_date, batch_id)
WITH firm AS (
  SELECT s.*, coalesce(sp.serious, FALSE) AS serious
  FROM gen_subjects s LEFT JOIN (SELECT DISTINCT idx, TRUE AS serious FROM gen_penalties WHERE tier = '严重') sp ON sp.idx = s.idx
), abnormal AS (
  -- registration-address clusters are unreachable far more often
  SELECT '经营异常名录' AS list_type, uscc, NULL::VARCHAR AS person_id, name AS subject_name,
    g_pick(${sqlList(ABNORMAL_REASONS)}, idx, 'abnormal-reason') AS reason, ${dept('SCJG')} AS authority,
    next_workday(g_day(greatest(established_date + 180, DATE '2021-01-01'), DATE '${DATA_END}', idx, 'abnormal-in')) AS in_date, idx AS key
  FROM firm
  WHERE kind IN ('91', '92', '93') AND established_date + 180 < DATE '${DATA_END}'
    AND g_u(idx, 'abnormal') < CASE WHEN cluster IS NOT NULL THEN 0.12 ELSE 0.012 END
), executed_firm(list_type, uscc, person_id, subject_name, reason, authority, in_date, key) AS (
  SELECT '失信被执行人', uscc, NULL::VARCHAR, name, '${EXECUTION_REASON}', ${dept('FY')},
    next_workday(g_day(greatest(established_date + 365, DATE '2021-06-01'), DATE '${DATA_END}', idx, 'executed-in')), idx
  FROM firm WHERE kind IN ('91', '92') AND established_date + 365 < DATE '${DATA_END}' AND g_u(idx, 'executed') < 0.006
), serious_firm(list_type, uscc, person_id, subject_name, reason, authority, in_date, key) AS (
  -- listed after a serious penalty by the deciding department
  SELECT '严重失信主体名单', uscc, NULL::VARCHAR, subject_name, '因' || vtype || '违法行为受到' || penalty_types || '处罚',
    authority, add_workdays(decision_date, 5 + g_int(r, 'serious-list-days', 30)), ${n} + r
  FROM gen_penalties WHERE tier = '严重' AND NOT is_person AND g_u(r, 'serious-list') < 0.4
), executed_person(list_type, uscc, person_id, subject_name, reason, authority, in_date, key) AS (
  SELECT '失信被执行人', NULL::VARCHAR, person_id, name, '${EXECUTION_REASON}', ${dept('FY')},
    next_workday(g_day(DATE '2021-06-01', DATE '${DATA_END}', p_idx, 'p-executed-in')), ${n * 3} + p_idx
  FROM gen_persons
  WHERE (p_idx < ${multiRepPool} AND (p_idx = 0 OR g_u(p_idx, 'p-executed') < 0.12))
     OR (p_idx >= ${singleRepBase} AND g_u(p_idx, 'p-executed') < 0.002)
), serious_person(list_type, uscc, person_id, subject_name, reason, authority, in_date, key) AS (
  SELECT '严重失信主体名单', NULL::VARCHAR, person_id, name, '被依法限制从业且情节严重', ${dept('SCJG')},
    next_workday(g_day(DATE '2022-01-01', DATE '${DATA_END}', p_idx, 'p-serious-in')), ${n * 3} + p_idx
  FROM gen_persons WHERE p_idx < ${multiRepPool} AND g_u(p_idx, 'p-serious') < 0.04
  UNION ALL
  SELECT '严重失信主体名单', NULL, person_id, subject_name, '因' || vtype || '违法行为被' || penalty_types, authority,
    add_workdays(decision_date, 5 + g_int(r, 'serious-list-days', 30)), ${n} + r
  FROM gen_penalties WHERE tier = '严重' AND is_person AND g_u(r, 'serious-list') < 0.5
), red(list_type, uscc, person_id, subject_name, reason, authority, in_date, key) AS (
  SELECT '红名单', uscc, NULL::VARCHAR, name, g_pick(${sqlList(RED_LIST_REASONS['红名单']!)}, idx, 'red-reason'), ${dept('FGW')},
    next_workday(g_day(DATE '2023-06-01', DATE '${DATA_END}', idx, 'red-in')), idx
  FROM firm WHERE status = '存续' AND kind = '91' AND NOT serious AND g_u(idx, 'red') < 0.004
  UNION ALL
  SELECT '表彰', uscc, NULL, name, g_pick(${sqlList(RED_LIST_REASONS['表彰']!)}, idx, 'honour-reason'),
    CASE WHEN g_u(idx, 'honour-dept') < 0.5 THEN ${dept('RS')} ELSE ${dept('FGW')} END,
    next_workday(g_day(DATE '2023-01-01', DATE '${DATA_END}', idx, 'honour-in')), idx
  FROM firm WHERE status = '存续' AND kind = '91' AND NOT serious AND g_u(idx, 'honour') < 0.0015
  UNION ALL
  SELECT '专精特新', uscc, NULL, name, g_pick(${sqlList(RED_LIST_REASONS['专精特新']!)}, idx, 'srdi-reason'), ${dept('JW')},
    next_workday(g_day(DATE '2022-01-01', DATE '${DATA_END}', idx, 'srdi-in')), idx
  FROM firm WHERE status = '存续' AND featured_industry IS NOT NULL AND NOT serious AND g_u(idx, 'srdi') < 0.05
  UNION ALL
  SELECT 'AEO高级认证', uscc, NULL, name, g_pick(${sqlList(RED_LIST_REASONS['AEO高级认证']!)}, idx, 'aeo-reason'), ${dept('HG')},
    next_workday(g_day(DATE '2019-01-01', DATE '${DATA_END}', idx, 'aeo-in')), idx
  FROM firm WHERE status = '存续' AND kind = '91' AND sector IN ('mfg', 'mfg_health', 'mfg_food', 'retail')
    AND NOT serious AND g_u(idx, 'aeo') < 0.015
  UNION ALL
  -- A级纳税人: published each April for the previous year; last year's entry ends when the new list appears
  SELECT 'A级纳税人', s.uscc, NULL, s.name, y.y - 1 || '年度纳税信用A级纳税人', ${dept('SW')},
    make_date(y.y::INTEGER, 4, 10 + g_int(s.idx, 'a-tax-day', 10)::INTEGER), s.idx
  FROM gen_tax_grade g JOIN firm s ON s.idx = g.idx CROSS JOIN (VALUES (2025), (2026)) y(y)
  WHERE g.tax_grade = 'A' AND g_u(s.idx * 4 + y.y - 2025, 'a-tax') < 0.3
), listed AS (
  SELECT *, ${outDate('in_date', 'key', 'abnormal-out', 0.35, 30, 400)} AS out_date FROM abnormal
  UNION ALL SELECT *, ${outDate('in_date', 'key', 'executed-out', 0.3, 60, 600)} FROM executed_firm
  UNION ALL SELECT *, ${outDate('in_date', 'key', 'serious-out', 0.1, 365, 400)} FROM serious_firm
  UNION ALL SELECT *, ${outDate('in_date', 'key', 'executed-out', 0.3, 60, 600)} FROM executed_person
  UNION ALL SELECT *, NULL::DATE FROM serious_person
  UNION ALL SELECT *, CASE WHEN list_type = 'A级纳税人' AND year(in_date) = 2025 THEN make_date(2026, 4, 9)
                           WHEN list_type IN ('红名单', '专精特新') AND in_date + INTERVAL 2 YEAR <= DATE '${DATA_END}'
                           THEN (in_date + INTERVAL 2 YEAR)::DATE END FROM red
)
SELECT list_type, uscc, person_id, subject_name, reason, authority, in_date, out_date, ${q(BATCH_ID)}
FROM listed WHERE in_date <= DATE '${DATA_END}'
-- a subject listed twice on the same day under the same list keeps one row (the natural key)
QUALIFY row_number() OVER (PARTITION BY list_type, uscc, person_id, in_date ORDER BY key, reason) = 1`);
}
