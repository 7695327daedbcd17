// The commitment loop (信用承诺闭环). A commitment is broken when it is recorded so, or when its subject is penalised
// for the same matter within its term: penalties.uscc = commitments.uscc, trim(penalties.violation_type) =
// trim(commitments.matter), made_date ≤ decision_date ≤ term_end_date (both inclusive; no term end → up to the
// as-of date) and decision_date ≤ as-of. broken_date = the earlier of the recorded broken_date and the first such
// decision; broken_by_decision_no = that decision. Not broken: kept once the term has ended before the as-of date
// (or when recorded kept and its term is over), else pending.
//
// SQL for others (the tiering warnings use it):
//   commitment_status_at(as_of_date) — table macro, the state on any date;
//   commitment_status — view = commitment_status_at(current_date). Columns: commitment_id, uscc, commitment_type,
//   dept, made_date, term_end_date, effective_status ('kept'|'broken'|'pending'), broken_date,
//   broken_by_decision_no, matter, recorded_status, as_of_date, recorded_broken (recorded as broken by status or
//   broken_date on or before the as-of date).
import { createHash } from 'node:crypto';
import type { CommitmentCount, CommitmentsResult, BrokenCommitment } from '../../../shared/contract/repair';
import { COMMITMENT_TYPES } from '../../../shared/domain/enums';
import type { Conn, Workspace } from '../workspace/workspace';
import { quoteLiteral } from '../workspace/query';
import type { DistrictSettings } from './rules';

const lit = quoteLiteral;
const words = (xs: string[]) => xs.map((x) => lit(x.toLowerCase())).join(', ');

export function commitmentStatusSql(district: DistrictSettings): string {
  const kept = words(district.commitments.keptStatuses);
  const broken = words(district.commitments.brokenStatuses);
  return `
CREATE OR REPLACE MACRO commitment_status_at(as_of_date) AS TABLE
WITH c AS (
  SELECT cm.commitment_id, cm.uscc, cm.commitment_type, cm.matter, cm.dept, cm.made_date, cm.term_end_date,
    cm.status AS recorded_status, lower(trim(coalesce(cm.status, ''))) AS st, cm.broken_date AS marked_date
  FROM commitments cm
  WHERE cm.made_date IS NOT NULL AND cm.made_date <= CAST(as_of_date AS DATE)
  QUALIFY row_number() OVER (PARTITION BY cm.commitment_id ORDER BY cm.made_date, cm.source_row NULLS LAST) = 1
),
hit AS (
  SELECT c.commitment_id, min(p.decision_date) AS first_date, arg_min(p.decision_no, p.decision_date) AS decision_no
  FROM c JOIN penalties p
    ON p.uscc = c.uscc AND trim(p.violation_type) = trim(c.matter)
   AND p.decision_date >= c.made_date
   AND p.decision_date <= coalesce(c.term_end_date, CAST(as_of_date AS DATE))
   AND p.decision_date <= CAST(as_of_date AS DATE)
  GROUP BY c.commitment_id
),
m AS (
  SELECT c.*, hit.first_date, hit.decision_no,
    (c.marked_date IS NOT NULL AND c.marked_date <= CAST(as_of_date AS DATE)) OR (c.marked_date IS NULL AND c.st IN (${broken})) AS marked_broken
  FROM c LEFT JOIN hit ON hit.commitment_id = c.commitment_id
)
SELECT m.commitment_id, m.uscc, m.commitment_type, m.dept, m.made_date, m.term_end_date,
  CASE
    WHEN m.marked_broken OR m.first_date IS NOT NULL THEN 'broken'
    WHEN m.term_end_date < CAST(as_of_date AS DATE) THEN 'kept'
    WHEN m.st IN (${kept}) AND coalesce(m.term_end_date, m.made_date) <= CAST(as_of_date AS DATE) THEN 'kept'
    ELSE 'pending' END AS effective_status,
  CASE WHEN m.marked_broken OR m.first_date IS NOT NULL THEN
    least(CASE WHEN m.marked_broken THEN m.marked_date END, m.first_date) END AS broken_date,
  m.decision_no AS broken_by_decision_no,
  m.matter, m.recorded_status, CAST(as_of_date AS DATE) AS as_of_date, m.marked_broken AS recorded_broken
FROM m;
CREATE OR REPLACE VIEW commitment_status AS SELECT * FROM commitment_status_at(current_date);
CREATE TABLE IF NOT EXISTS repair_meta (key VARCHAR PRIMARY KEY, value VARCHAR);
`;
}

const macroHash = (district: DistrictSettings) =>
  createHash('sha256').update(JSON.stringify(district.commitments)).digest('hex').slice(0, 16);

export async function createCommitmentMacro(conn: Conn, district: DistrictSettings): Promise<void> {
  await conn.run(commitmentStatusSql(district));
  await conn.run(`INSERT OR REPLACE INTO repair_meta VALUES ('commitment_macro', ?)`, [macroHash(district)]);
}

/** Rebuilds the macro and view when the district's status words changed, or when either was dropped. */
export async function ensureCommitmentMacro(ws: Workspace, district: DistrictSettings): Promise<boolean> {
  if (ws.readOnly) return false;
  const state = await ws.one<{ hash: string | null; present: boolean }>(`
    SELECT (SELECT max(value) FROM repair_meta WHERE key = 'commitment_macro') AS hash,
      EXISTS (SELECT 1 FROM duckdb_functions() WHERE function_name = 'commitment_status_at')
        AND EXISTS (SELECT 1 FROM duckdb_views() WHERE view_name = 'commitment_status') AS present`);
  if (state?.present && state.hash === macroHash(district)) return false;
  await ws.transaction((conn) => createCommitmentMacro(conn, district));
  return true;
}

interface CountRow {
  key: string;
  total: number;
  kept: number;
  broken: number;
  pending: number;
}

const toCount = (r: CountRow): CommitmentCount => ({
  key: r.key,
  total: r.total,
  kept: r.kept,
  broken: r.broken,
  pending: r.pending,
  rate: r.kept + r.broken > 0 ? r.kept / (r.kept + r.broken) : null,
});

/** Fulfilment by type and department as of a date, and the broken commitments (newest first). */
export async function commitmentLoop(ws: Workspace, asOf: string, limit = 500): Promise<CommitmentsResult> {
  const src = `commitment_status_at(DATE ${lit(asOf)})`;
  const counts = await ws.all<CountRow & { dim: string }>(`
    SELECT CASE WHEN grouping(commitment_type) = 0 THEN 'type' WHEN grouping(dept) = 0 THEN 'dept' ELSE 'total' END AS dim,
      coalesce(commitment_type, dept, '（未填）') AS key,
      count(*) AS total,
      count(*) FILTER (WHERE effective_status = 'kept') AS kept,
      count(*) FILTER (WHERE effective_status = 'broken') AS broken,
      count(*) FILTER (WHERE effective_status = 'pending') AS pending
    FROM (SELECT commitment_type, coalesce(dept, '（未填）') AS dept, effective_status FROM ${src})
    GROUP BY GROUPING SETS ((commitment_type), (dept), ())
    ORDER BY dim, total DESC, key`);
  const byTypeMap = new Map(counts.filter((r) => r.dim === 'type').map((r) => [r.key, toCount(r)]));
  // Every standard type appears (zero when absent), then any other type found in the data.
  const byType = [
    ...COMMITMENT_TYPES.map((t) => byTypeMap.get(t) ?? { key: t, total: 0, kept: 0, broken: 0, pending: 0, rate: null }),
    ...[...byTypeMap.values()].filter((c) => !(COMMITMENT_TYPES as readonly string[]).includes(c.key)),
  ];
  const totalRow = counts.find((r) => r.dim === 'total');
  const broken = await ws.all<BrokenCommitment>(`
    SELECT s.commitment_id, s.uscc, subj.name AS subject_name, s.commitment_type, s.matter, s.dept, s.made_date,
      s.term_end_date, s.broken_date, s.broken_by_decision_no, s.recorded_broken AS marked
    FROM ${src} s LEFT JOIN (SELECT uscc, any_value(name) AS name FROM subjects GROUP BY uscc) subj ON subj.uscc = s.uscc
    WHERE s.effective_status = 'broken'
    ORDER BY s.broken_date DESC NULLS LAST, s.commitment_id
    LIMIT ${Math.floor(limit)}`);
  const extra = await ws.one<{ broken_total: number; by_penalty_only: number }>(`
    SELECT count(*) FILTER (WHERE effective_status = 'broken') AS broken_total,
      count(*) FILTER (WHERE effective_status = 'broken' AND NOT recorded_broken) AS by_penalty_only
    FROM ${src}`);
  return {
    asOf,
    total: totalRow ? toCount({ ...totalRow, key: '合计' }) : { key: '合计', total: 0, kept: 0, broken: 0, pending: 0, rate: null },
    byType,
    byDept: counts.filter((r) => r.dim === 'dept').map(toCount),
    broken,
    brokenTotal: extra?.broken_total ?? 0,
    brokenByPenaltyOnly: extra?.by_penalty_only ?? 0,
  };
}
