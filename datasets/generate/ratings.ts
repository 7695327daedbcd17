// industry_ratings: the district's sector ratings. Dental clinics (口腔医疗, 区卫健委) are rated for 2024 and 2025;
// scores fall with the clinic's penalties and substantiated complaints of the year. 养老机构 and 物业服务企业 are
// rated for 2025.
import { BATCH_ID, q, type GenContext } from './context';

export async function generateIndustryRatings(ctx: GenContext): Promise<void> {
  await ctx.conn.run(`
INSERT INTO industry_ratings (uscc, industry, period, rating, score, rated_date, dept, batch_id)
WITH rated AS (
  SELECT s.idx, s.uscc, '口腔医疗' AS industry, y.y AS year, 'WJW' AS dept_code
  FROM gen_subjects s CROSS JOIN (VALUES (2024), (2025)) y(y)
  WHERE s.sector = 'dental' AND s.status = '存续' AND s.established_date < make_date(y.y::INTEGER, 7, 1)
  UNION ALL
  SELECT s.idx, s.uscc, CASE s.sector WHEN 'elderly' THEN '养老机构' ELSE '物业服务企业' END, 2025,
    CASE s.sector WHEN 'elderly' THEN 'MZ' ELSE 'ZJW' END
  FROM gen_subjects s
  WHERE (s.sector = 'elderly' OR s.industry_code = '7020') AND s.status = '存续' AND s.established_date < DATE '2025-07-01'
    AND g_u(s.idx, 'rated') < 0.6
), demerits AS (
  SELECT r.*,
    (SELECT count(*) FROM gen_penalties p WHERE p.idx = r.idx AND year(p.decision_date) = r.year) AS penalties,
    (SELECT count(*) FROM complaints c WHERE c.uscc = r.uscc AND c.substantiated AND year(c.received_date) = r.year) AS complaints
  FROM rated r
), scored AS (
  SELECT *, greatest(30, least(99, 62 + g_int(idx * 4 + year - 2024, 'rating-score', 37) - 8 * penalties - 3 * complaints))
    + g_int(idx * 4 + year - 2024, 'rating-decimal', 10) / 10.0 AS score
  FROM demerits
)
SELECT s.uscc, s.industry, s.year::VARCHAR, CASE WHEN s.score >= 90 THEN 'A' WHEN s.score >= 75 THEN 'B' WHEN s.score >= 60 THEN 'C' ELSE 'D' END,
  s.score, next_workday(make_date(s.year::INTEGER + 1, 3, 31)), d.name, ${q(BATCH_ID)}
FROM scored s JOIN gen_dept d ON d.dept_code = s.dept_code`);
}
