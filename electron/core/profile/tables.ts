// Which tables a workspace holds right now. Result tables of other capabilities (eval_*, tier_*, warning_*,
// penalty_disclosure) appear only once those capabilities ran their migrations and runs: the workstation shows
// what exists and says plainly what does not.
import type { Conn, Workspace } from '../workspace/workspace';

export type Db = Conn | Workspace;

export interface TableCatalog {
  has(table: string): boolean;
  columns(table: string): Set<string>;
}

export async function tableCatalog(db: Db): Promise<TableCatalog> {
  const rows = await db.all<{ t: string; c: string }>(
    `SELECT table_name AS t, column_name AS c FROM duckdb_columns() WHERE schema_name = 'main' AND NOT internal`,
  );
  const map = new Map<string, Set<string>>();
  for (const r of rows) {
    const set = map.get(r.t) ?? new Set<string>();
    set.add(r.c);
    map.set(r.t, set);
  }
  return {
    has: (t) => map.has(t),
    columns: (t) => map.get(t) ?? new Set(),
  };
}

/** Where to read a canonical table: the masked view unless an unmask grant is active. */
export function source(table: string, unmasked: boolean): string {
  return `${unmasked ? 'main' : 'safe'}."${table}"`;
}

/** The latest run of a run table, by its creation time (null when the table is missing or empty). */
export async function latestRun(db: Db, catalog: TableCatalog, table: string): Promise<{ runId: string; asOf: string } | null> {
  if (!catalog.has(table)) return null;
  const cols = catalog.columns(table);
  if (!cols.has('run_id')) return null;
  const order = cols.has('created_at') ? 'created_at DESC' : cols.has('finished_at') ? 'finished_at DESC NULLS LAST' : 'run_id DESC';
  const asOf = cols.has('as_of') ? 'CAST(as_of AS VARCHAR)' : cols.has('as_of_date') ? 'CAST(as_of_date AS VARCHAR)' : 'NULL';
  const row = await db.one<{ run_id: string; as_of: string | null }>(`SELECT run_id, ${asOf} AS as_of FROM "${table}" ORDER BY ${order} LIMIT 1`);
  return row ? { runId: row.run_id, asOf: row.as_of ?? '' } : null;
}
