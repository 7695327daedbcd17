// Decoding Arrow IPC results (from query.run) into columns and plain rows, for cws, tests and the UI.
import { tableFromIPC, type Table } from 'apache-arrow';

export function decodeArrow(bytes: Uint8Array): Table {
  return tableFromIPC(bytes);
}

export function arrowRows(bytes: Uint8Array): { columns: string[]; rows: Record<string, unknown>[] } {
  const table = decodeArrow(bytes);
  const columns = table.schema.fields.map((f) => f.name);
  const vectors = columns.map((_, i) => table.getChildAt(i)!);
  const rows: Record<string, unknown>[] = new Array(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: Record<string, unknown> = {};
    for (let c = 0; c < columns.length; c++) {
      const v = vectors[c]!.get(r);
      row[columns[c]!] = typeof v === 'bigint' ? Number(v) : (v ?? null);
    }
    rows[r] = row;
  }
  return { columns, rows };
}

/** RFC 4180 CSV cell. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
