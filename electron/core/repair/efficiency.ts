// Repair efficiency in working days: processing time = workdays_between(start, finished) with start = accepted_date
// (applied_date when not recorded), so finishing on the day of acceptance (受理即办结) counts 0. Cases over the
// limit (7 working days) are listed: finished ones by their time taken, still-open ones counted up to the as-of date.
import type { EfficiencyCase, EfficiencyResult } from '../../../shared/contract/repair';
import type { Workspace } from '../workspace/workspace';
import { quoteLiteral } from '../workspace/query';
import { successfulRepairSql } from './disclosure';
import type { RuleBook } from './rules';

const lit = quoteLiteral;

export interface EfficiencyOptions {
  from?: string;
  to?: string;
  dept?: string;
  asOf: string;
  limitCases?: number;
}

/** The repairs in scope with their working-day figures (a subquery used by every statistic). */
function casesSql(book: RuleBook, o: EfficiencyOptions): string {
  const asOf = `DATE ${lit(o.asOf)}`;
  const conds = [`r.applied_date IS NOT NULL`, `coalesce(r.accepted_date, r.applied_date) <= ${asOf}`];
  if (o.from) conds.push(`coalesce(r.accepted_date, r.applied_date) >= DATE ${lit(o.from)}`);
  if (o.to) conds.push(`coalesce(r.accepted_date, r.applied_date) <= DATE ${lit(o.to)}`);
  if (o.dept) conds.push(`r.dept = ${lit(o.dept)}`);
  return `(
    SELECT r.repair_id, r.uscc, r.decision_no, coalesce(r.dept, '（未填）') AS dept, r.applied_date, r.accepted_date,
      r.finished_date, coalesce(r.accepted_date, r.applied_date) AS start_date,
      (r.finished_date IS NOT NULL AND r.finished_date <= ${asOf}) AS finished,
      (${successfulRepairSql(book, o.asOf)}) AS succeeded,
      CASE WHEN r.finished_date IS NOT NULL AND r.finished_date <= ${asOf}
        THEN workdays_between(coalesce(r.accepted_date, r.applied_date), r.finished_date)
        ELSE workdays_between(coalesce(r.accepted_date, r.applied_date), ${asOf}) END AS workdays,
      workdays_between(r.applied_date, r.accepted_date) AS accept_workdays
    FROM repairs r WHERE ${conds.join(' AND ')}
  )`;
}

export async function repairEfficiency(ws: Workspace, book: RuleBook, o: EfficiencyOptions): Promise<EfficiencyResult> {
  const limit = book.district.efficiency.limitWorkdays;
  const acceptLimit = book.district.efficiency.acceptWithinWorkdays;
  const cases = casesSql(book, o);
  const head = await ws.one<Record<string, number | null>>(`
    SELECT count(*) AS applied,
      count(*) FILTER (WHERE finished) AS finished,
      count(*) FILTER (WHERE finished AND succeeded) AS succeeded,
      count(*) FILTER (WHERE finished AND finished_date = start_date) AS same_day,
      avg(workdays) FILTER (WHERE finished) AS avg_workdays,
      quantile_cont(workdays, 0.5) FILTER (WHERE finished) AS median_workdays,
      count(*) FILTER (WHERE workdays > ${limit}) AS over_limit,
      count(*) FILTER (WHERE accepted_date IS NOT NULL) AS accepted,
      count(*) FILTER (WHERE accepted_date IS NOT NULL AND accept_workdays <= ${acceptLimit}) AS accepted_in_time
    FROM ${cases}`);
  const dist = await ws.all<{ bucket: string; count: number }>(`
    SELECT CASE WHEN workdays > ${limit} THEN '>${limit}' ELSE CAST(greatest(workdays, 0) AS VARCHAR) END AS bucket, count(*) AS count
    FROM ${cases} WHERE finished GROUP BY ALL`);
  const distMap = new Map(dist.map((d) => [d.bucket, d.count]));
  const distribution = [...Array.from({ length: limit + 1 }, (_, i) => String(i)), `>${limit}`].map((bucket) => ({
    bucket,
    count: distMap.get(bucket) ?? 0,
  }));
  const byMonth = await ws.all<{ month: string; finished: number; sameDay: number; avgWorkdays: number | null }>(`
    SELECT strftime(finished_date, '%Y-%m') AS month, count(*) AS finished,
      count(*) FILTER (WHERE finished_date = start_date) AS "sameDay", avg(workdays) AS "avgWorkdays"
    FROM ${cases} WHERE finished GROUP BY month ORDER BY month`);
  const byDept = await ws.all<{ dept: string; finished: number; sameDay: number; avgWorkdays: number | null; overLimit: number }>(`
    SELECT dept, count(*) FILTER (WHERE finished) AS finished,
      count(*) FILTER (WHERE finished AND finished_date = start_date) AS "sameDay",
      avg(workdays) FILTER (WHERE finished) AS "avgWorkdays",
      count(*) FILTER (WHERE workdays > ${limit}) AS "overLimit"
    FROM ${cases} GROUP BY dept ORDER BY finished DESC, dept`);
  const overLimitCases = await ws.all<EfficiencyCase>(`
    SELECT c.repair_id, c.uscc, s.name AS subject_name, c.decision_no, c.dept, c.applied_date, c.accepted_date,
      CASE WHEN c.finished THEN c.finished_date END AS finished_date, c.workdays, NOT c.finished AS open
    FROM ${cases} c LEFT JOIN (SELECT uscc, any_value(name) AS name FROM subjects GROUP BY uscc) s ON s.uscc = c.uscc
    WHERE c.workdays > ${limit}
    ORDER BY c.workdays DESC, c.repair_id
    LIMIT ${Math.floor(o.limitCases ?? 500)}`);
  const n = (k: string) => Number(head?.[k] ?? 0);
  const finished = n('finished');
  return {
    from: o.from ?? null,
    to: o.to ?? null,
    asOf: o.asOf,
    limitWorkdays: limit,
    applied: n('applied'),
    finished,
    succeeded: n('succeeded'),
    sameDay: n('same_day'),
    sameDayShare: finished ? n('same_day') / finished : null,
    avgWorkdays: head?.avg_workdays ?? null,
    medianWorkdays: head?.median_workdays ?? null,
    overLimit: n('over_limit'),
    accepted: n('accepted'),
    acceptedInTime: n('accepted_in_time'),
    distribution,
    byMonth,
    byDept,
    overLimitCases,
  };
}
