// relations: legal representatives (current and ended), shareholders (natural persons and parent firms, shares
// summing to at most 100 %) and officers.
import { BATCH_ID, DATA_END, q, type GenContext } from './context';

/** Share of firms with 1 / 2 / 3 natural-person shareholders (the rest of the cumulative range). */
const ONE_SHAREHOLDER = 0.55;
const TWO_SHAREHOLDERS = 0.88;
const PARENT_FIRM_SHARE = 0.06;
const OFFICER_SHARE = 0.2;
const REP_CHANGED_SHARE = 0.06;

export async function generateRelations(ctx: GenContext): Promise<void> {
  const { subjects: n, persons, singleRepBase } = ctx.sizes;
  const tailBase = singleRepBase + n;
  const tailSize = Math.max(1, persons - tailBase);
  // Co-shareholders are rep + k·stride (k = 1, 2, 3) modulo the person count: distinct from the rep and each other.
  const maxStride = Math.max(1, Math.floor((persons - 1) / 3));
  await ctx.conn.run(`
INSERT INTO relations (uscc, role, person_id, related_uscc, share_pct, start_date, end_date, batch_id)
WITH firm AS (
  SELECT idx, uscc, kind, rep_idx, established_date,
    -- a representative replaced once: the earlier one (an employee or investor) has an ended relation
    established_date < DATE '2022-01-01' AND g_u(idx, 'rep-changed') < ${REP_CHANGED_SHARE} AS rep_changed,
    g_day(established_date + 365, DATE '${DATA_END}' - 30, idx, 'rep-change-date') AS change_date
  FROM gen_subjects
), rep_rows AS (
  SELECT uscc, 'legal_rep' AS role, rep_idx AS p_idx, NULL::BIGINT AS related_idx, NULL::DOUBLE AS share_pct,
    CASE WHEN rep_changed THEN change_date ELSE established_date END AS start_date, NULL::DATE AS end_date
  FROM firm
  UNION ALL
  SELECT uscc, 'legal_rep', ${tailBase} + g_int(idx, 'old-rep', ${tailSize}), NULL, NULL, established_date, change_date
  FROM firm WHERE rep_changed
), holders AS (
  SELECT idx, uscc, rep_idx, established_date,
    CASE WHEN g_u(idx, 'holders') < ${ONE_SHAREHOLDER} THEN 1 WHEN g_u(idx, 'holders') < ${TWO_SHAREHOLDERS} THEN 2 ELSE 3 END AS holders,
    CASE WHEN kind = '91' AND g_u(idx, 'parent') < ${PARENT_FIRM_SHARE} THEN 20 + g_int(idx, 'parent-pct', 51) ELSE 0 END AS parent_pct,
    1 + g_int(idx, 'stride', ${maxStride}) AS stride,
    1 + g_int(idx, 'w0', 9) AS w0, 1 + g_int(idx, 'w1', 9) AS w1, 1 + g_int(idx, 'w2', 9) AS w2
  FROM gen_subjects WHERE kind IN ('91', '93')
), person_holders AS (
  SELECT h.uscc, 'shareholder' AS role,
    CASE WHEN k.k = 0 AND g_u(h.idx, 'rep-holds') < 0.8 THEN h.rep_idx
         WHEN k.k = 0 THEN (h.rep_idx + 3 * h.stride) % ${persons}
         ELSE (h.rep_idx + k.k * h.stride) % ${persons} END AS p_idx,
    NULL::BIGINT AS related_idx,
    -- floor to 0.01 so the shares never add up to more than 100 − the parent firm's share
    floor((100 - h.parent_pct) * [h.w0, h.w1, h.w2][k.k + 1] * 100.0
      / (h.w0 + CASE WHEN h.holders > 1 THEN h.w1 ELSE 0 END + CASE WHEN h.holders > 2 THEN h.w2 ELSE 0 END)) / 100 AS share_pct,
    h.established_date AS start_date,
    CASE WHEN k.k > 0 AND h.established_date < DATE '${DATA_END}' - 365 AND g_u(h.idx * 4 + k.k, 'holder-ended') < 0.03
         THEN g_day(h.established_date + 180, DATE '${DATA_END}', h.idx * 4 + k.k, 'holder-end-date') END AS end_date
  FROM holders h JOIN range(3) k(k) ON k.k < h.holders
), parent_holders AS (
  SELECT h.uscc, 'shareholder', NULL::BIGINT, p.idx, h.parent_pct::DOUBLE, h.established_date, NULL::DATE
  FROM holders h JOIN gen_subjects p ON p.idx = g_int(h.idx, 'parent-firm', ${n})
  WHERE h.parent_pct > 0 AND p.kind = '91' AND p.idx <> h.idx
), officers AS (
  SELECT uscc, 'officer', g_int(idx, 'officer-p', ${persons}), NULL::BIGINT, NULL::DOUBLE,
    least(established_date + g_int(idx, 'officer-start', 365)::INTEGER, DATE '${DATA_END}'),
    CASE WHEN established_date < DATE '${DATA_END}' - 730 AND g_u(idx, 'officer-ended') < 0.08
         THEN g_day(established_date + 366, DATE '${DATA_END}', idx, 'officer-end') END
  FROM gen_subjects WHERE kind = '91' AND g_u(idx, 'officer') < ${OFFICER_SHARE}
), all_rows AS (
  SELECT * FROM rep_rows UNION ALL SELECT * FROM person_holders UNION ALL SELECT * FROM parent_holders UNION ALL SELECT * FROM officers
)
SELECT a.uscc, a.role, p.person_id, rs.uscc, a.share_pct, a.start_date, a.end_date, ${q(BATCH_ID)}
FROM all_rows a
LEFT JOIN gen_persons p ON p.p_idx = a.p_idx
LEFT JOIN gen_subjects rs ON rs.idx = a.related_idx`);
}
