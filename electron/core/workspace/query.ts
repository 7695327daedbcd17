// User queries: a guarded SELECT, wrapped for paging, sorting and filtering (all pushed into SQL), returned as
// Arrow IPC. Runs on a dedicated connection so query.cancel can interrupt it.
import type { Workspace } from './workspace';
import { guardUserSql, touchesPersonalData } from './readonly-sql';
import { queryToArrow, type ArrowResult } from './arrow';
import { CoreError } from '../errors';

export interface SortSpec {
  column: string;
  desc?: boolean;
}

export interface FilterSpec {
  column: string;
  op: 'eq' | 'ne' | 'contains' | 'starts' | 'gt' | 'gte' | 'lt' | 'lte' | 'null' | 'notnull';
  value?: string | number | boolean | null;
}

export interface PageRequest {
  sql: string;
  offset?: number;
  limit?: number;
  sort?: SortSpec[];
  filters?: FilterSpec[];
  /** Also count all rows matching the filters (one more scan). */
  withTotal?: boolean;
  /** Show natural persons' identifiers unmasked (only when an unmask grant is active). */
  unmasked?: boolean;
}

export interface PageResult extends ArrowResult {
  total: number | null;
  offset: number;
  tables: string[];
  personal: boolean;
  elapsedMs: number;
}

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
export const quoteLiteral = (v: string | number | boolean | null | undefined): string => {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new CoreError('BAD_INPUT', '筛选值不是有效数字。');
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return `'${v.replace(/'/g, "''")}'`;
};

function filterSql(f: FilterSpec): string {
  const col = quoteIdent(f.column);
  const text = `CAST(${col} AS VARCHAR)`;
  switch (f.op) {
    case 'eq':
      return `${col} = ${quoteLiteral(f.value)}`;
    case 'ne':
      return `${col} IS DISTINCT FROM ${quoteLiteral(f.value)}`;
    case 'contains':
      return `contains(${text}, ${quoteLiteral(String(f.value ?? ''))})`;
    case 'starts':
      return `starts_with(${text}, ${quoteLiteral(String(f.value ?? ''))})`;
    case 'gt':
      return `${col} > ${quoteLiteral(f.value)}`;
    case 'gte':
      return `${col} >= ${quoteLiteral(f.value)}`;
    case 'lt':
      return `${col} < ${quoteLiteral(f.value)}`;
    case 'lte':
      return `${col} <= ${quoteLiteral(f.value)}`;
    case 'null':
      return `${col} IS NULL`;
    case 'notnull':
      return `${col} IS NOT NULL`;
  }
}

/** The SELECT wrapped with filters and sort (no paging), for counts, exports and pages alike. */
export function wrapQuery(sql: string, sort: SortSpec[] = [], filters: FilterSpec[] = []): string {
  const where = filters.length ? ` WHERE ${filters.map(filterSql).join(' AND ')}` : '';
  const order = sort.length ? ` ORDER BY ${sort.map((s) => `${quoteIdent(s.column)} ${s.desc ? 'DESC' : 'ASC'} NULLS LAST`).join(', ')}` : '';
  return `SELECT * FROM (\n${sql}\n) AS _q${where}${order}`;
}

export async function runUserQuery(ws: Workspace, req: PageRequest, signal?: AbortSignal): Promise<PageResult> {
  const started = performance.now();
  const offset = Math.max(0, Math.floor(req.offset ?? 0));
  const limit = Math.min(100_000, Math.max(0, Math.floor(req.limit ?? 1000)));
  return ws.withConnection(async (conn) => {
    // Masked views first: a plain `persons` means safe.persons unless an unmask grant is active.
    await conn.run(req.unmasked ? `SET search_path = 'main'` : `SET search_path = 'safe,main'`);
    const guarded = await guardUserSql(conn, req.sql, { masked: !req.unmasked });
    const wrapped = wrapQuery(guarded.sql, req.sort, req.filters);
    const page = await queryToArrow(conn.raw, `${wrapped} LIMIT ${limit} OFFSET ${offset}`);
    const total = req.withTotal
      ? Number(await conn.scalar(`SELECT count(*) FROM (${wrapQuery(guarded.sql, [], req.filters)})`))
      : null;
    return {
      ...page,
      total,
      offset,
      tables: guarded.tables,
      personal: touchesPersonalData(guarded.tables),
      elapsedMs: Math.round(performance.now() - started),
    };
  }, signal);
}
