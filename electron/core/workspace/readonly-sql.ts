// The read-only path for SQL typed by users. DuckDB has no per-connection read-only mode and external access can
// only be switched off for the whole process (imports need it), so a statement is admitted only if its parse tree
// (json_serialize_sql, which parses without binding or touching files) is a single SELECT whose table references
// are workspace tables, views or CTEs and whose table functions are on an allowlist. File paths as tables
// ('x.csv'), read_csv/read_text/query(), ATTACH, COPY, INSTALL/LOAD, SET and PRAGMA never reach execution.
import type { Conn, Workspace } from './workspace';
import { CoreError } from '../errors';
import { TABLE_BY_NAME } from '../../../shared/domain/tables';

/** Table functions that read nothing outside the workspace. */
const ALLOWED_TABLE_FUNCTIONS = new Set([
  'range', 'generate_series', 'unnest', 'json_each', 'json_tree',
  'duckdb_tables', 'duckdb_columns', 'duckdb_views', 'duckdb_types', 'duckdb_functions',
]);

/** Schemas a user query may name. `safe` holds the masked views (see safe-views.ts). */
const ALLOWED_SCHEMAS = new Set(['', 'main', 'safe', 'information_schema', 'pg_catalog']);

export interface GuardedSql {
  /** The statement without trailing semicolons, ready to be wrapped as a subquery. */
  sql: string;
  /** Workspace tables and views the query reads. */
  tables: string[];
}

interface AstRef {
  tables: { schema: string; catalog: string; name: string }[];
  functions: string[];
  ctes: Set<string>;
}

function walk(node: unknown, acc: AstRef): void {
  if (Array.isArray(node)) {
    for (const x of node) walk(x, acc);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (o.type === 'BASE_TABLE' && typeof o.table_name === 'string') {
    acc.tables.push({ name: o.table_name, schema: String(o.schema_name ?? ''), catalog: String(o.catalog_name ?? '') });
  }
  if (o.type === 'TABLE_FUNCTION' && o.function && typeof o.function === 'object') {
    acc.functions.push(String((o.function as Record<string, unknown>).function_name ?? '').toLowerCase());
  }
  if (o.cte_map && typeof o.cte_map === 'object') {
    for (const entry of ((o.cte_map as { map?: { key: string }[] }).map ?? [])) acc.ctes.add(entry.key.toLowerCase());
  }
  for (const v of Object.values(o)) walk(v, acc);
}

export function stripTrailingSemicolons(sql: string): string {
  return sql.trim().replace(/(;\s*)+$/, '').trim();
}

/** Rejects anything but a single SELECT over the workspace; returns the statement and the tables it reads. */
export async function guardUserSql(conn: Conn | Workspace, sqlText: string, options: { masked?: boolean } = {}): Promise<GuardedSql> {
  const sql = stripTrailingSemicolons(sqlText);
  if (!sql) throw new CoreError('BAD_INPUT', '请输入一条 SELECT 查询语句。');
  const row = await conn.one<{ j: string }>('SELECT json_serialize_sql(?::VARCHAR) AS j', [sql]);
  const parsed = JSON.parse(row?.j ?? '{}') as { error?: boolean; error_message?: string; error_type?: string; statements?: unknown[] };
  if (parsed.error) {
    const msg = parsed.error_message ?? '';
    if (/only SELECT/i.test(msg)) {
      throw new CoreError('SQL_FORBIDDEN', '只读查询：只允许 SELECT 语句（不允许 COPY、ATTACH、INSTALL、LOAD、SET、PRAGMA、建表或修改数据）。', msg);
    }
    throw new CoreError('SQL_ERROR', `SQL 语法错误：${msg.split('\n')[0]}`, msg);
  }
  const statements = parsed.statements ?? [];
  if (statements.length !== 1) throw new CoreError('SQL_FORBIDDEN', '一次只能执行一条 SELECT 语句。');
  const acc: AstRef = { tables: [], functions: [], ctes: new Set() };
  walk(statements, acc);
  for (const fn of acc.functions) {
    if (!ALLOWED_TABLE_FUNCTIONS.has(fn)) {
      throw new CoreError('SQL_FORBIDDEN', `只读查询不允许调用表函数 ${fn}()：不能读取工作区以外的文件或执行动态 SQL。`);
    }
  }
  const known = new Set(
    (
      await conn.all<{ name: string }>(
        `SELECT lower(table_name) AS name FROM duckdb_tables() WHERE NOT internal
         UNION SELECT lower(view_name) FROM duckdb_views() WHERE NOT internal`,
      )
    ).map((r) => r.name),
  );
  const tables = new Set<string>();
  for (const t of acc.tables) {
    const name = t.name.toLowerCase();
    const schema = t.schema.toLowerCase();
    if (t.catalog && t.catalog.toLowerCase() !== 'system' && !/^[a-z0-9_]+$/i.test(t.catalog)) {
      throw new CoreError('SQL_FORBIDDEN', `只读查询不允许访问其他数据库：${t.catalog}`);
    }
    if (!ALLOWED_SCHEMAS.has(schema)) {
      throw new CoreError('SQL_FORBIDDEN', `只读查询不允许访问 ${t.schema}.${t.name}。`);
    }
    if (schema === 'information_schema' || schema === 'pg_catalog') continue;
    if (options.masked !== false && schema === 'main' && TABLE_BY_NAME[name]?.columns.some((c) => c.personal)) {
      throw new CoreError('SQL_FORBIDDEN', `main.${t.name} 含未脱敏的个人信息：请去掉 main. 前缀（查看脱敏数据），或先说明查询事由申请临时查看。`);
    }
    if (!schema && acc.ctes.has(name)) continue;
    if (!known.has(name)) {
      if (/[/\\.:]/.test(t.name)) {
        throw new CoreError('SQL_FORBIDDEN', `只读查询不允许读取文件：${t.name}。请先用“数据导入”把文件导入工作区。`);
      }
      throw new CoreError('SQL_ERROR', `表不存在：${t.name}。可在左侧“表参考”中查看可用的表。`);
    }
    tables.add(name);
  }
  return { sql, tables: [...tables] };
}

/** True when any of the tables holds personal data of natural persons (such queries are audited). */
export function touchesPersonalData(tables: string[]): boolean {
  return tables.some((t) => TABLE_BY_NAME[t]?.columns.some((c) => c.personal));
}
