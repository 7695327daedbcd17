// commitments: credit commitments of the four types. commitments.matter uses the penalties.violation_type
// vocabulary (the regulated domain the subject promises to comply in), so a later penalty "for the same matter"
// is an exact text match. Planted cases: a subject penalised within the term of a commitment on the same matter
// while the commitment still reads pending/kept — the repair module's closed loop must flag them.
import { BATCH_ID, DATA_END, DATA_START, q, type GenContext } from './context';

/** Commitments per subject by type (信用修复型 come one per repair case). */
const APPROVAL_RATE = 0.14;
const DISCLOSURE_RATE = 0.07;
const SELF_DISCIPLINE_RATE = 0.05;
/** Share of firm penalties preceded by an unbroken commitment on the same matter. */
const PLANTED_SHARE = 0.04;
const BROKEN_SHARE = 0.1;

export async function generateCommitments(ctx: GenContext): Promise<void> {
  const n = ctx.sizes.subjects;
  const draws = [
    [1, APPROVAL_RATE],
    [2, DISCLOSURE_RATE],
    [3, SELF_DISCIPLINE_RATE],
  ]
    .map(([group, rate]) => `SELECT ${group} AS grp, r, ${group} * ${n * 2} + r AS key FROM range(${Math.ceil(n * rate!)}) t(r)`)
    .join(' UNION ALL ');
  await ctx.conn.run(`
INSERT INTO commitments (commitment_id, uscc, commitment_type, matter, dept, made_date, term_end_date, status, broken_date, batch_id)
-- one subject per draw, materialised before the matter lookup so the planner cannot expand subjects × matter slots
WITH drawn AS MATERIALIZED (
  SELECT d.grp, d.r, d.key, s.idx, s.sector, s.established_date, g_int(d.key, 'cm-matter', 100) AS matter_slot
  FROM (${draws}) d JOIN gen_subjects s ON s.idx = g_int(d.key, 'cm-subject', ${n})
  WHERE s.status = '存续'
), raw AS (
  SELECT d.grp, d.r, d.idx, CASE d.grp WHEN 1 THEN '审批替代型' WHEN 2 THEN '主动公示型' ELSE '行业自律型' END AS commitment_type,
    vs.vtype AS matter, g_day(greatest(DATE '${DATA_START}', d.established_date), DATE '${DATA_END}', d.key, 'cm-made') AS made_date,
    CASE d.grp WHEN 1 THEN CASE WHEN g_u(d.key, 'cm-term') < 0.5 THEN 6 ELSE 12 END
               WHEN 2 THEN 12
               ELSE CASE WHEN g_u(d.key, 'cm-term') < 0.5 THEN 12 ELSE 24 END END AS term_months,
    NULL::VARCHAR AS forced_status
  FROM drawn d JOIN gen_viol_slot vs ON vs.sector = d.sector AND vs.slot = d.matter_slot
  UNION ALL
  -- 信用修复型: made with the repair application, on the domain of the repaired penalty
  SELECT 4, r, idx, '信用修复型', vtype, applied_date, 12, NULL FROM gen_repairs
  UNION ALL
  -- planted: made 20–320 days before a penalty on the same matter, term still running at the penalty date
  SELECT 5, p.r, p.idx, CASE WHEN g_u(p.r, 'plant-type') < 0.5 THEN '审批替代型' ELSE '行业自律型' END, p.vtype,
    greatest(s.established_date, p.decision_date - (20 + g_int(p.r, 'plant-lead', 300))::INTEGER),
    CASE WHEN g_u(p.r, 'plant-term') < 0.5 THEN 12 ELSE 24 END, 'unrecorded'
  FROM gen_penalties p JOIN gen_subjects s ON s.idx = p.idx
  WHERE NOT p.is_person AND g_u(p.r, 'plant') < ${PLANTED_SHARE} AND p.decision_date >= DATE '${DATA_START}' + 60
), termed AS (
  SELECT *, (made_date + to_months(term_months::INTEGER))::DATE AS term_end_date, grp * ${n * 2} + r AS key FROM raw
), statused AS (
  SELECT *,
    CASE WHEN forced_status = 'unrecorded' THEN CASE WHEN term_end_date > DATE '${DATA_END}' THEN 'pending' ELSE 'kept' END
         WHEN g_u(key, 'cm-broken') < ${BROKEN_SHARE} AND made_date < DATE '${DATA_END}' THEN 'broken'
         WHEN term_end_date <= DATE '${DATA_END}' THEN 'kept'
         ELSE 'pending' END AS status
  FROM termed
)
SELECT 'CN' || strftime(c.made_date, '%Y') || lpad(row_number() OVER (ORDER BY c.made_date, c.grp, c.r)::VARCHAR, 7, '0'),
  s.uscc, c.commitment_type, c.matter, dept.name, c.made_date, c.term_end_date, c.status,
  CASE WHEN c.status = 'broken' THEN g_day(c.made_date + 1, least(c.term_end_date, DATE '${DATA_END}'), c.key, 'cm-broken-date') END,
  ${q(BATCH_ID)}
FROM statused c
JOIN gen_subjects s ON s.idx = c.idx
JOIN gen_domain dom ON dom.vtype = c.matter
JOIN gen_dept dept ON dept.dept_code = dom.dept_code`);
}
