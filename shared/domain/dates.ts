// Date texts as they arrive in extracts (DOMAIN.md): 2026-03-31, 2026/3/31, 2026.03.31, 20260331, 2026年3月31日 and
// Excel serial numbers. The same rules exist as the DuckDB macro cws_date (electron/core/import/sql.ts), used for
// bulk validation; tests cross-check the two on the same inputs.

/** Dates before this are DATE_INVALID on import (no 双公示 record predates it). */
export const MIN_IMPORT_DATE = '1990-01-01';

/** Excel's day 0 for serial numbers (1900 date system, after its 1900-02-29 bug: serial 61 = 1900-03-01). */
export const EXCEL_EPOCH = '1899-12-30';

// A separated date: the same separator twice, 1–2 digit month/day, optionally followed by a time of day (database
// exports and Parquet/XLSX timestamps arrive as "2026-03-31 00:00:00").
const SEPARATED = /^(\d{4})(?:-(\d{1,2})-(\d{1,2})|\/(\d{1,2})\/(\d{1,2})|\.(\d{1,2})\.(\d{1,2}))(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;
const CHINESE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const SERIAL = /^(\d{1,5})(?:\.\d+)?$/;

/** Regular expressions of the SQL macro (RE2 syntax, same meaning as above). */
export const DATE_PATTERNS_SQL = {
  separated: String.raw`\d{4}(-\d{1,2}-\d{1,2}|/\d{1,2}/\d{1,2}|\.\d{1,2}\.\d{1,2})([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?`,
  chinese: String.raw`\d{4}年\d{1,2}月\d{1,2}日`,
  compact: String.raw`\d{8}`,
  serial: String.raw`\d{1,5}(\.\d+)?`,
} as const;

function iso(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  dt.setUTCFullYear(y);
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Parses a date text in one of the accepted formats to 'YYYY-MM-DD'; null when not a real date in those formats. */
export function parseDateText(raw: string | number | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const s = String(raw).trim();
  if (s === '') return null;
  let m = SEPARATED.exec(s);
  if (m) {
    const month = m[2] ?? m[4] ?? m[6];
    const day = m[3] ?? m[5] ?? m[7];
    return iso(Number(m[1]), Number(month), Number(day));
  }
  m = CHINESE.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = COMPACT.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = SERIAL.exec(s);
  if (m) {
    const dt = new Date(Date.UTC(1899, 11, 30) + Number(m[1]) * 86_400_000);
    return dt.toISOString().slice(0, 10);
  }
  return null;
}

/** Today's date on this machine's calendar, 'YYYY-MM-DD' (the "import day" of the DATE_INVALID rule). */
export function localToday(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/**
 * The DATE_INVALID rule for an event date (处罚决定日期 and the like): parseable, a real calendar date, not before
 * 1990-01-01 and not after the import day. Returns the ISO date when valid, null otherwise.
 */
export function validEventDate(raw: string | number | null | undefined, today: string = localToday()): string | null {
  const d = parseDateText(raw);
  if (d === null || d < MIN_IMPORT_DATE || d > today) return null;
  return d;
}
