// Query results leave the core as Arrow IPC bytes, built from DuckDB's column chunks (node-api has no Arrow
// export). Numbers become Float64/Int32, strings dictionary-encoded Utf8; dates and timestamps travel as ISO text
// with the DuckDB type kept in field metadata so the UI can format and sort them.
import { Bool, Dictionary, Float64, Int32, Table, Utf8, makeVector, tableToIPC, vectorFromArray, type Vector } from 'apache-arrow';
import {
  DuckDBTypeId,
  JSDuckDBValueConverter,
  type DuckDBConnection,
  type DuckDBType,
} from '@duckdb/node-api';
import { CoreError } from '../errors';

export interface ArrowResult {
  /** Arrow IPC stream bytes. */
  arrow: Uint8Array;
  rows: number;
  columns: { name: string; type: string }[];
}

type Kind = 'int' | 'float' | 'bool' | 'date' | 'timestamp' | 'string';

function kindOf(type: DuckDBType): Kind {
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return 'bool';
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
      return 'int';
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.DECIMAL:
      return 'float';
    case DuckDBTypeId.DATE:
      return 'date';
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return 'timestamp';
    default:
      return 'string';
  }
}

function toJsValue(v: unknown, kind: Kind): unknown {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'int':
    case 'float':
      return typeof v === 'bigint' ? Number(v) : (v as number);
    case 'bool':
      return v as boolean;
    case 'date':
      return v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : String(v);
    case 'timestamp':
      return v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().replace('T', ' ').slice(0, 19) : String(v);
    default:
      if (typeof v === 'string') return v;
      return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? Number(x) : x));
  }
}

function buildVector(values: unknown[], kind: Kind): Vector {
  const hasNull = values.some((v) => v === null);
  if ((kind === 'float' || kind === 'int') && !hasNull) {
    const typed = kind === 'int' ? Int32Array.from(values as number[]) : Float64Array.from(values as number[]);
    return makeVector(typed);
  }
  if (kind === 'float') return vectorFromArray(values as (number | null)[], new Float64());
  if (kind === 'int') return vectorFromArray(values as (number | null)[], new Int32());
  if (kind === 'bool') return vectorFromArray(values as (boolean | null)[], new Bool());
  return vectorFromArray(values as (string | null)[], new Dictionary(new Utf8(), new Int32()));
}

/** Streams a query on the given connection and returns it as Arrow IPC; rows beyond maxRows are refused. */
export async function queryToArrow(conn: DuckDBConnection, sql: string, maxRows = 5_000_000): Promise<ArrowResult> {
  let result;
  try {
    result = await conn.stream(sql);
  } catch (err) {
    throw CoreError.fromDuckDB(err);
  }
  const names = result.deduplicatedColumnNames();
  const types = result.columnTypes();
  const kinds = types.map(kindOf);
  const columns: unknown[][] = names.map(() => []);
  let rows = 0;
  try {
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      rows += chunk.rowCount;
      if (rows > maxRows) {
        throw new CoreError('BAD_INPUT', `结果超过 ${maxRows.toLocaleString()} 行，请分页读取或导出为 CSV/Parquet。`);
      }
      const cols = chunk.convertColumns(JSDuckDBValueConverter);
      for (let c = 0; c < names.length; c++) {
        const src = cols[c]!;
        const dst = columns[c]!;
        const kind = kinds[c]!;
        for (let r = 0; r < src.length; r++) dst.push(toJsValue(src[r], kind));
      }
    }
  } catch (err) {
    throw CoreError.fromDuckDB(err);
  }
  const record: Record<string, Vector> = {};
  for (let c = 0; c < names.length; c++) record[names[c]!] = buildVector(columns[c]!, kinds[c]!);
  const table = new Table(record);
  // DuckDB types travel in schema metadata so the UI can format dates and amounts.
  table.schema.metadata.set('duckdb_types', JSON.stringify(types.map((t) => t.toString())));
  return {
    arrow: tableToIPC(table, 'stream'),
    rows,
    columns: names.map((name, i) => ({ name, type: types[i]!.toString() })),
  };
}
