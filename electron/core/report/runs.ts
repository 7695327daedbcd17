// Which run of evaluation, tiering, repair and graph exposure a period uses: the latest one whose as-of date is on or before the
// period end (a 2025 report never reads a 2026 evaluation). The repair capability keeps only its latest run's rows
// in penalty_disclosure, so a repair run counts only while its rows are there.
import { CAPABILITY_LABELS, type ReportCapability } from '../../../shared/contract/report';
import type { Conn } from '../workspace/workspace';
import { quoteLiteral } from '../workspace/query';
import type { RunRef } from './sql';

const RUN_SQL: Record<ReportCapability, (where: (col: string) => string) => string> = {
  evaluate: (w) => `SELECT run_id, CAST(as_of AS VARCHAR) AS as_of FROM eval_runs WHERE ${w('as_of')} ORDER BY as_of DESC, created_at DESC`,
  tiering: (w) => `SELECT run_id, CAST(as_of AS VARCHAR) AS as_of FROM tier_runs WHERE ${w('as_of')} ORDER BY as_of DESC, created_at DESC`,
  repair: (w) =>
    `SELECT r.run_id, CAST(r.as_of_date AS VARCHAR) AS as_of FROM repair_runs r
     WHERE r.finished_at IS NOT NULL AND ${w('r.as_of_date')}
       AND EXISTS (SELECT 1 FROM penalty_disclosure d WHERE d.run_id = r.run_id)
     ORDER BY r.as_of_date DESC, r.finished_at DESC`,
  graph: (w) => `SELECT run_id, CAST(as_of AS VARCHAR) AS as_of FROM graph_exposure_runs WHERE ${w('as_of')} ORDER BY as_of DESC, created_at DESC`,
};

type Q = Pick<Conn, 'all'>;

async function first(conn: Q, sql: string): Promise<RunRef | null> {
  try {
    const rows = await conn.all<{ run_id: string; as_of: string }>(`${sql} LIMIT 1`);
    return rows[0] ? { runId: rows[0].run_id, asOf: rows[0].as_of } : null;
  } catch {
    // A workspace from before the capability existed has no such table: no run.
    return null;
  }
}

/** The run a period ending on `end` uses, or null. */
export function runAsOf(conn: Q, cap: ReportCapability, end: string): Promise<RunRef | null> {
  return first(conn, RUN_SQL[cap]((col) => `${col} <= DATE ${quoteLiteral(end)}`));
}

export function latestRun(conn: Q, cap: ReportCapability): Promise<RunRef | null> {
  return first(conn, RUN_SQL[cap](() => 'true'));
}

async function earliestRun(conn: Q, cap: ReportCapability): Promise<RunRef | null> {
  const sql = RUN_SQL[cap](() => 'true').replace(/ORDER BY [^]*$/, '');
  return first(conn, `SELECT * FROM (${sql}) ORDER BY as_of`);
}

/** Why a period has no run of a capability, in words for the report. */
export async function missingRunNote(conn: Q, cap: ReportCapability, end: string): Promise<string> {
  const label = CAPABILITY_LABELS[cap];
  const earliest = await earliestRun(conn, cap);
  if (!earliest) return `尚未运行${label}：请先在界面中或用 cws 运行，再生成报告。`;
  return `报告期末（${end}）之前尚无${label}运行：现有运行中基准日最早的是 ${earliest.asOf}（${earliest.runId}）。`;
}
