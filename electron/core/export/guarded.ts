// User SQL for exports and column statistics takes exactly the path query.run takes: masked views first (unless
// an unmask grant is active), the read-only guard, then filters and sort wrapped around it in SQL.
import type { Conn, Workspace } from '../workspace/workspace';
import { guardUserSql, touchesPersonalData, wrapQuery, type FilterSpec, type SortSpec } from '../workspace';

export interface GuardedView {
  /** The guarded SELECT with filters (and sort) applied, ready to wrap again. */
  sql: string;
  tables: string[];
  personal: boolean;
}

export async function withGuardedView<T>(
  ws: Workspace,
  req: { sql: string; sort?: SortSpec[]; filters?: FilterSpec[]; unmasked: boolean },
  signal: AbortSignal | undefined,
  fn: (conn: Conn, view: GuardedView) => Promise<T>,
): Promise<T> {
  return ws.withConnection(async (conn) => {
    await conn.run(req.unmasked ? `SET search_path = 'main'` : `SET search_path = 'safe,main'`);
    const guarded = await guardUserSql(conn, req.sql, { masked: !req.unmasked });
    const sql = wrapQuery(guarded.sql, req.sort ?? [], req.filters ?? []);
    return fn(conn, { sql, tables: guarded.tables, personal: touchesPersonalData(guarded.tables) });
  }, signal);
}

export interface ColumnType {
  name: string;
  type: string;
}

/** Column names and DuckDB types of a query, without running it. */
export async function describeQuery(conn: Conn, sql: string): Promise<ColumnType[]> {
  const rows = await conn.all<{ column_name: string; column_type: string }>(`DESCRIBE ${sql}`);
  return rows.map((r) => ({ name: r.column_name, type: r.column_type }));
}
