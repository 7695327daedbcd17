// licenses: 双公示 administrative licences by sector (食品经营许可证, 医疗机构执业许可证 for dental clinics, 排污许可证 …).
// The current licence of a subject was granted within its validity plus a few months, so a small share has expired
// (valid_to_date before DATA_END) without renewal, dental clinics included.
import { BATCH_ID, DATA_END, q, type GenContext } from './context';

/** Months beyond the validity period in which the decision may fall: decisions in that window have expired. */
const EXPIRED_WINDOW_DAYS = 150;
/** Share of current licences listed with the one they replaced (its validity ended, status 已过期). */
const RENEWED_SHARE = 0.6;

export async function generateLicenses(ctx: GenContext): Promise<void> {
  await ctx.conn.run(`
INSERT INTO licenses (decision_no, uscc, subject_name, subject_kind, legal_rep_name, decision_doc_name, license_type, license_name,
  license_no, content, decision_date, valid_from_date, valid_to_date, authority, authority_uscc, status, source_dept, reported_date, batch_id)
WITH held AS (
  SELECT s.idx, s.uscc, s.name, s.subject_kind, s.legal_rep_name, s.established_date, s.status AS subject_status, l.*,
    s.idx * 128 + l.lk AS key  -- + 64 for the replaced licence (fewer than 64 kinds)
  FROM gen_subjects s
  JOIN gen_license_kind l ON l.sector = s.sector
  WHERE (l.only_code IS NULL OR l.only_code = s.industry_code)
), current AS (
  SELECT *,
    next_workday(g_day(greatest(established_date, DATE '${DATA_END}' - (years * 365 + ${EXPIRED_WINDOW_DAYS})::INTEGER),
      DATE '${DATA_END}', key, 'license-date')) AS decision_date
  FROM held WHERE g_u(key, 'license-held') < share
), granted AS (
  SELECT * FROM current
  UNION ALL
  -- the licence it replaced (换证), when the subject already held one a period earlier
  SELECT * REPLACE (key + 64 AS key, next_workday(decision_date - (years * 365 + g_int(key, 'license-prev', 30))::INTEGER) AS decision_date)
  FROM current
  WHERE decision_date - (years * 365 + 30)::INTEGER >= established_date AND g_u(key, 'license-renewed') < ${RENEWED_SHARE}
), dated AS (
  SELECT *, year(decision_date) AS decision_year, (decision_date + to_years(years::INTEGER))::DATE - 1 AS valid_to_date
  FROM granted WHERE decision_date <= DATE '${DATA_END}'
)
SELECT d.lic_prefix || '〔' || g.decision_year || '〕' || row_number() OVER (PARTITION BY g.dept_code, g.decision_year ORDER BY g.decision_date, g.key) || '号',
  g.uscc, g.name, g.subject_kind, g.legal_rep_name, '准予行政许可决定书', g.category, g.license_name,
  g.no_prefix || lpad(g.key::VARCHAR, 9, '0'),
  g.content, g.decision_date, g.decision_date, g.valid_to_date, d.name, d.uscc,
  CASE g.subject_status WHEN '注销' THEN '注销' WHEN '吊销' THEN '撤销'
       ELSE CASE WHEN g.valid_to_date < DATE '${DATA_END}' THEN '已过期' ELSE '有效' END END,
  d.name,
  least(DATE '${DATA_END}', CASE WHEN g_u(g.key, 'license-late') < 0.1 THEN add_workdays(g.decision_date, 8 + g_int(g.key, 'license-late-days', 30))
                                ELSE add_workdays(g.decision_date, g_int(g.key, 'license-report-days', 8)) END),
  ${q(BATCH_ID)}
FROM dated g JOIN gen_dept d ON d.dept_code = g.dept_code`);
}
