// Export of a grid's current view (user SQL + filters + sort) to CSV or XLSX, and column statistics. CSV is
// written by DuckDB (COPY … TO) and given a UTF-8 BOM so Excel opens Chinese text correctly; XLSX is written with
// SheetJS up to Excel's row limit, beyond which the user is told to use CSV.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from 'xlsx';
import type { Conn, Workspace } from '../workspace/workspace';
import { quoteIdent, quoteLiteral, type FilterSpec, type SortSpec } from '../workspace';
import { CoreError } from '../errors';
import { describeQuery, withGuardedView, type ColumnType } from './guarded';
import { UTF8_BOM, exportFileName, writeExport } from './files';
import { XLSX_MAX_ROWS, type ColumnStats, type ExportFileResult } from '../../../shared/contract/profile';

export interface GridExportRequest {
  sql: string;
  sort?: SortSpec[];
  filters?: FilterSpec[];
  format: 'csv' | 'xlsx';
  labels?: Record<string, string>;
  name?: string;
  path?: string;
  unmasked: boolean;
}

export interface GridExportOutcome extends ExportFileResult {
  tables: string[];
  personal: boolean;
}

type Progress = (phase: string, done: number, total: number | null) => void;

/** Header per column: its Chinese label when given, made unique (a repeated label gets the column name added). */
export function headers(columns: ColumnType[], labels: Record<string, string> = {}): string[] {
  const seen = new Set<string>();
  return columns.map((c) => {
    let h = labels[c.name] ?? c.name;
    if (seen.has(h)) h = `${h}（${c.name}）`;
    while (seen.has(h)) h = `${h}_`;
    seen.add(h);
    return h;
  });
}

/** A select that turns each column into a value a spreadsheet cell can hold (text dates, numbers as doubles). */
export function spreadsheetSelect(columns: ColumnType[], from: string): string {
  const exprs = columns.map((c) => {
    const col = quoteIdent(c.name);
    const t = c.type.toUpperCase();
    if (t === 'DATE') return `strftime(${col}, '%Y-%m-%d') AS ${col}`;
    if (t.startsWith('TIMESTAMP')) return `strftime(${col}, '%Y-%m-%d %H:%M:%S') AS ${col}`;
    if (/^(DECIMAL|BIGINT|HUGEINT|UBIGINT|UHUGEINT|UINTEGER)/.test(t)) return `CAST(${col} AS DOUBLE) AS ${col}`;
    if (/^(BOOLEAN|INTEGER|SMALLINT|TINYINT|USMALLINT|UTINYINT|DOUBLE|FLOAT|VARCHAR)$/.test(t)) return col;
    return `CAST(${col} AS VARCHAR) AS ${col}`;
  });
  return `SELECT ${exprs.join(', ')} FROM (${from}) AS _x`;
}

export async function exportGrid(ws: Workspace, req: GridExportRequest, signal?: AbortSignal, progress?: Progress): Promise<GridExportOutcome> {
  return withGuardedView(ws, req, signal, async (conn, view) => {
    const columns = await describeQuery(conn, view.sql);
    const names = headers(columns, req.labels);
    const fileName = exportFileName(req.name, req.format);
    const body =
      req.format === 'csv'
        ? await csvBytes(conn, view.sql, columns, names, progress)
        : await xlsxBytes(conn, view.sql, columns, names, req.name ?? '导出', signal, progress);
    const out: GridExportOutcome = { fileName, rows: body.rows, format: req.format, tables: view.tables, personal: view.personal };
    if (req.path) out.path = writeExport(req.path, body.bytes);
    else out.bytes = new Uint8Array(body.bytes.buffer, body.bytes.byteOffset, body.bytes.byteLength);
    return out;
  });
}

async function csvBytes(conn: Conn, sql: string, columns: ColumnType[], names: string[], progress?: Progress) {
  progress?.('写出 CSV', 0, null);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cws-export-'));
  const tmp = path.join(dir, 'out.csv');
  try {
    const select = `SELECT ${columns.map((c, i) => `${quoteIdent(c.name)} AS ${quoteIdent(names[i]!)}`).join(', ')} FROM (${sql}) AS _x`;
    const res = await conn.all<Record<string, unknown>>(`COPY (${select}) TO ${quoteLiteral(tmp)} (FORMAT csv, HEADER true, DELIMITER ',')`);
    const rows = Number(Object.values(res[0] ?? {})[0] ?? 0);
    const bytes = Buffer.concat([UTF8_BOM, fs.readFileSync(tmp)]);
    progress?.('写出 CSV', rows, rows);
    return { bytes, rows };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function xlsxBytes(
  conn: Conn,
  sql: string,
  columns: ColumnType[],
  names: string[],
  sheetName: string,
  signal?: AbortSignal,
  progress?: Progress,
) {
  const total = Number(await conn.scalar(`SELECT count(*) FROM (${sql}) AS _c`));
  if (total + 1 > XLSX_MAX_ROWS) {
    throw new CoreError(
      'UNSUPPORTED',
      `共 ${total.toLocaleString('zh-CN')} 行，超过 Excel 单个工作表的上限（${XLSX_MAX_ROWS.toLocaleString('zh-CN')} 行，含表头）。请改用 CSV 导出，或先加筛选条件缩小范围。`,
    );
  }
  const aoa: unknown[][] = [names];
  const result = await conn.raw.stream(spreadsheetSelect(columns, sql));
  for await (const chunk of result.yieldRowsJs()) {
    if (signal?.aborted) throw CoreError.cancelled();
    for (const row of chunk) aoa.push(row.map((v) => (typeof v === 'bigint' ? Number(v) : v)));
    progress?.('写出 XLSX', aoa.length - 1, total);
  }
  const sheet = XLSX.utils.aoa_to_sheet(aoa, { dense: true } as XLSX.AOA2SheetOpts);
  sheet['!cols'] = names.map((n) => ({ wch: Math.min(40, Math.max(8, n.length * 2 + 2)) }));
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, sheetTitle(sheetName));
  const bytes = XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
  return { bytes, rows: aoa.length - 1 };
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetTitle(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, '_').slice(0, 31) || 'Sheet1';
}

export async function columnStats(
  ws: Workspace,
  req: { sql: string; filters?: FilterSpec[]; column: string; unmasked: boolean },
  signal?: AbortSignal,
): Promise<ColumnStats & { tables: string[]; personal: boolean }> {
  const started = performance.now();
  return withGuardedView(ws, req, signal, async (conn, view) => {
    const columns = await describeQuery(conn, view.sql);
    const col = columns.find((c) => c.name === req.column);
    if (!col) throw new CoreError('BAD_INPUT', `结果中没有列 ${req.column}：请刷新后重试。`);
    const ref = quoteIdent(col.name);
    // Lists, structs and JSON have no order: compare them as text.
    const orderable = /^(VARCHAR|DATE|TIMESTAMP|BOOLEAN|DECIMAL|DOUBLE|FLOAT|BIGINT|INTEGER|SMALLINT|TINYINT|HUGEINT|U)/i.test(col.type) && !/\[\]|STRUCT|MAP/i.test(col.type);
    const val = orderable ? ref : `CAST(${ref} AS VARCHAR)`;
    const agg = await conn.one<{ rows: number; non_null: number; distinct: number; min: string | null; max: string | null }>(
      `SELECT count(*) AS rows, count(${ref}) AS non_null, count(DISTINCT ${val}) AS distinct,
         CAST(min(${val}) AS VARCHAR) AS min, CAST(max(${val}) AS VARCHAR) AS max FROM (${view.sql}) AS _s`,
    );
    const top = await conn.all<{ value: string | null; count: number }>(
      `SELECT CAST(${ref} AS VARCHAR) AS value, count(*) AS count FROM (${view.sql}) AS _s GROUP BY 1 ORDER BY count DESC, value NULLS LAST LIMIT 10`,
    );
    const rows = Number(agg?.rows ?? 0);
    const nonNull = Number(agg?.non_null ?? 0);
    return {
      column: col.name,
      type: col.type,
      rows,
      nonNull,
      nulls: rows - nonNull,
      distinct: Number(agg?.distinct ?? 0),
      min: agg?.min ?? null,
      max: agg?.max ?? null,
      top: top.map((t) => ({ value: t.value, count: Number(t.count) })),
      elapsedMs: Math.round(performance.now() - started),
      tables: view.tables,
      personal: view.personal,
    };
  });
}
