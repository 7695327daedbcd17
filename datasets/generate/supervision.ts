// Supervision records: inspections (双随机 and targeted), market-supervision monthly risk classes, complaints.
import { BATCH_ID, DATA_END, RISK_CLASS_MONTHS, q, sqlList, type GenContext } from './context';
import { COMPLAINT_CATEGORIES, MARKET_SUPERVISED_SECTORS } from './vocab/agencies';
import { dentalCount, dentalIndexSql } from './subjects';

const INSPECTION_RATE = 0.55;
const RISK_CLASSED_SHARE = 0.35;

export async function generateInspections(ctx: GenContext): Promise<void> {
  const n = ctx.sizes.subjects;
  const dental = dentalCount(n);
  await ctx.conn.run(`
INSERT INTO inspections (inspection_id, uscc, dept, item, inspection_date, result, random_draw, batch_id)
WITH drawn AS (
  SELECT r, CASE WHEN ${dental} > 0 AND g_u(r, 'insp-dental') < 0.01 THEN ${dentalIndexSql(`g_int(r, 'insp-dental-i', ${Math.max(1, dental)})`)}
                 ELSE g_int(r, 'insp-subject', ${n}) END AS s_idx,
    g_int(r, 'insp-domain', 100) AS domain_slot
  FROM range(${Math.ceil(n * INSPECTION_RATE)}) t(r)
), dated AS (
  SELECT d.r, s.uscc, s.sector, d.domain_slot,
    next_workday(g_day(greatest(DATE '2024-01-01', s.established_date + 30), DATE '${DATA_END}', d.r, 'insp-date')) AS inspection_date
  FROM drawn d JOIN gen_subjects s ON s.idx = d.s_idx
  WHERE s.status = '存续' AND s.established_date + 30 <= DATE '${DATA_END}'
)
SELECT 'JC' || strftime(d.inspection_date, '%Y') || lpad(d.r::VARCHAR, 8, '0'), d.uscc, dept.name, dom.item, d.inspection_date,
  CASE WHEN g_u(d.r, 'insp-result') < 0.78 THEN '合格' WHEN g_u(d.r, 'insp-result') < 0.92 THEN '责令整改' ELSE '不合格' END,
  g_u(d.r, 'insp-random') < 0.65, ${q(BATCH_ID)}
FROM dated d
JOIN gen_viol_slot vs ON vs.sector = d.sector AND vs.slot = d.domain_slot
JOIN gen_domain dom ON dom.vtype = vs.vtype
JOIN gen_dept dept ON dept.dept_code = dom.dept_code
WHERE d.inspection_date <= DATE '${DATA_END}'`);
}

/**
 * One class per subject per month for the last 3 months. Subjects with a serious penalty or on a black list lean
 * to C/D; a few move one class between months.
 */
export async function generateRiskClasses(ctx: GenContext): Promise<void> {
  await ctx.conn.run(`
INSERT INTO risk_classes (uscc, period, risk_class, dept, batch_id)
WITH flagged AS (
  SELECT s.idx, s.uscc,
    EXISTS (SELECT 1 FROM gen_penalties p WHERE p.idx = s.idx AND p.tier = '严重')
      OR EXISTS (SELECT 1 FROM credit_lists l WHERE l.uscc = s.uscc AND l.list_type IN ('严重失信主体名单', '经营异常名录', '失信被执行人')
                 AND l.out_date IS NULL) AS flagged
  FROM gen_subjects s
  WHERE s.status = '存续' AND s.sector IN (${MARKET_SUPERVISED_SECTORS.map(q).join(', ')}) AND g_u(s.idx, 'risk-classed') < ${RISK_CLASSED_SHARE}
), based AS (
  SELECT *, CASE WHEN flagged THEN 2 + g_int(idx, 'risk-base', 2)
                 ELSE CASE WHEN g_u(idx, 'risk-base') < 0.40 THEN 0 WHEN g_u(idx, 'risk-base') < 0.82 THEN 1
                           WHEN g_u(idx, 'risk-base') < 0.96 THEN 2 ELSE 3 END END AS base
  FROM flagged
)
SELECT b.uscc, m.period::DATE,
  ['A', 'B', 'C', 'D'][1 + least(3, greatest(0, b.base + CASE WHEN g_u(b.idx * 4 + m.k, 'risk-move') < 0.04 THEN -1
                                                               WHEN g_u(b.idx * 4 + m.k, 'risk-move') > 0.96 THEN 1 ELSE 0 END))],
  (SELECT name FROM gen_dept WHERE dept_code = 'SCJG'), ${q(BATCH_ID)}
FROM based b CROSS JOIN (VALUES ${RISK_CLASS_MONTHS.map((m, k) => `(${q(m)}, ${k})`).join(', ')}) m(period, k)`);
}

/** Complaints: dental clinics 0–3 each (health authority), plus about 1 % of consumer-facing subjects. */
export async function generateComplaints(ctx: GenContext): Promise<void> {
  const n = ctx.sizes.subjects;
  await ctx.conn.run(`
INSERT INTO complaints (complaint_id, uscc, received_date, category, substantiated, dept, batch_id)
WITH dental AS (
  SELECT s.idx * 4 + k.k AS key, s.uscc, s.sector, s.established_date, g_pick(${sqlList(COMPLAINT_CATEGORIES.dental)}, s.idx * 4 + k.k, 'cp-cat') AS category
  FROM gen_subjects s JOIN range(3) k(k) ON k.k < g_int(s.idx, 'cp-count', 4)
  WHERE s.sector = 'dental' AND s.status = '存续'
), general AS (
  SELECT ${n * 4} + r AS key, s.uscc, s.sector, s.established_date, g_pick(${sqlList(COMPLAINT_CATEGORIES.general)}, r, 'cp-cat') AS category
  FROM range(${Math.ceil(n * 0.02)}) t(r) JOIN gen_subjects s ON s.idx = g_int(r, 'cp-subject', ${n})
  WHERE s.status = '存续' AND s.sector IN ('catering', 'food_retail', 'retail', 'personal', 'medical', 'education', 'elderly', 'realestate', 'pharmacy')
), dated AS (
  SELECT *, g_day(greatest(DATE '2024-01-01', established_date), DATE '${DATA_END}', key, 'cp-date') AS received_date
  FROM (SELECT * FROM dental UNION ALL SELECT * FROM general)
  WHERE established_date <= DATE '${DATA_END}'
)
SELECT 'TS' || strftime(received_date, '%Y') || lpad(row_number() OVER (ORDER BY received_date, key)::VARCHAR, 7, '0'), uscc,
  received_date, category, g_u(key, 'cp-true') < 0.35,
  (SELECT name FROM gen_dept WHERE dept_code = CASE sector WHEN 'dental' THEN 'WJW' WHEN 'medical' THEN 'WJW' WHEN 'elderly' THEN 'MZ'
     WHEN 'education' THEN 'JYJ' WHEN 'realestate' THEN 'ZJW' ELSE 'SCJG' END),
  ${q(BATCH_ID)}
FROM dated`);
}
