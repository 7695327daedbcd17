// XLSX sources, streamed with exceljs' WorkbookReader (bounded memory: rows are parsed from the zip stream one by
// one; xlsx/SheetJS 0.18.5 is never used to read user files, see STACK.md). The header row is the first row, within
// the first 50, that matches a mapping profile; title rows above it are skipped. Data rows go to a temporary UTF-8
// CSV whose first column is the data row number (sheet row − header row), which DuckDB then reads.
import fs from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import ExcelJS from 'exceljs';
import { CoreError } from '../errors';
import { looksLikeHeader } from './profiles';
import { completeUtf8Length } from './encoding';

const HEADER_SEARCH_ROWS = 50;

export interface XlsxOptions {
  sheet?: string;
  table?: string;
  signal?: AbortSignal;
  /** Preview: stop after this many data rows. */
  maxRows?: number;
  /** Write data rows to this CSV (rn, c0 … cN-1). */
  csvOut?: string;
  onRows?: (rows: number) => void;
}

export interface XlsxResult {
  sheets: string[];
  sheet: string;
  /** 0-based index of the header row in the sheet (rows above it are title rows). */
  headerRowIndex: number;
  headers: string[];
  sample: string[][];
  rows: number;
}

type CellValue = ExcelJS.CellValue;

export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return '';
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  if (typeof v === 'object') {
    const o = v as unknown as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('result' in o) return cellText(o.result as CellValue);
    if (typeof o.text === 'string') return o.text;
    if (typeof o.error === 'string') return o.error;
    if ('formula' in o || 'sharedFormula' in o) return '';
  }
  return String(v);
}

function rowCells(values: unknown): string[] {
  const arr = Array.isArray(values) ? values : [];
  const out: string[] = [];
  // exceljs row.values is 1-based and sparse.
  for (let i = 1; i < arr.length; i++) out.push(cellText(arr[i] as CellValue));
  return out;
}

// exceljs 4.4's streaming parser decodes each zip chunk to text on its own (utils/parse-sax.js), so a Chinese
// character split across two chunks turns into U+FFFD (seen: 法��及非法人组织 once every few thousand rows). The
// reader is handed chunks cut on UTF-8 character boundaries instead: worksheets through their chunk iterator,
// shared strings through a re-chunking stream.
async function* utf8Chunks(source: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer | string> {
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of source) {
    if (typeof chunk === 'string') {
      yield chunk;
      continue;
    }
    const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const cut = completeUtf8Length(buf);
    carry = Buffer.from(buf.subarray(cut));
    if (cut > 0) yield buf.subarray(0, cut);
  }
  if (carry.length) yield carry;
}

class Utf8Rechunk extends Transform {
  private carry: Buffer = Buffer.alloc(0);
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const buf = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = completeUtf8Length(buf);
    this.carry = Buffer.from(buf.subarray(cut));
    done(null, cut > 0 ? buf.subarray(0, cut) : undefined);
  }
  override _flush(done: TransformCallback): void {
    done(null, this.carry.length ? this.carry : undefined);
  }
}

type ReaderInternals = {
  _parseWorksheet: (iterator: AsyncIterable<Buffer | string>, sheetNo: string) => unknown;
  _parseSharedStrings: (entry: NodeJS.ReadableStream) => unknown;
};

function decodeOnCharacterBoundaries(reader: ExcelJS.stream.xlsx.WorkbookReader): void {
  const r = reader as unknown as ReaderInternals;
  const proto = Object.getPrototypeOf(reader) as ReaderInternals;
  r._parseWorksheet = function (this: unknown, iterator, sheetNo) {
    return proto._parseWorksheet.call(this, utf8Chunks(iterator), sheetNo);
  };
  r._parseSharedStrings = function (this: unknown, entry) {
    return proto._parseSharedStrings.call(this, entry.pipe(new Utf8Rechunk()));
  };
}

const csvQuote = (s: string) => '"' + s.replace(/"/g, '""') + '"';

export async function readXlsx(file: string, options: XlsxOptions = {}): Promise<XlsxResult> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'ignore',
  });
  decodeOnCharacterBoundaries(reader);
  const writer = options.csvOut ? fs.createWriteStream(options.csvOut) : null;
  let pending: string[] = [];
  const flush = async () => {
    if (!writer || !pending.length) return;
    const ok = writer.write(pending.join(''));
    pending = [];
    if (!ok) await new Promise<void>((r) => writer.once('drain', () => r()));
  };
  let sheets: string[] = [];
  let found: XlsxResult | null = null;
  try {
    for await (const ws of reader as AsyncIterable<ExcelJS.stream.xlsx.WorksheetReader & { name: string }>) {
      if (!sheets.length) {
        const model = (reader as unknown as { model?: { sheets?: { name: string }[] } }).model;
        sheets = (model?.sheets ?? []).map((s) => s.name);
      }
      if (options.sheet ? ws.name !== options.sheet : found !== null) continue;
      const result: XlsxResult = { sheets, sheet: ws.name, headerRowIndex: -1, headers: [], sample: [], rows: 0 };
      let headerRowNumber = -1;
      let width = 0;
      let firstNonEmpty: { number: number; cells: string[] } | null = null;
      const early: { number: number; cells: string[] }[] = [];
      const emit = (number: number, cells: string[]) => {
        if (cells.every((c) => c.trim() === '')) return;
        const rn = number - headerRowNumber;
        const row = cells.slice(0, width);
        while (row.length < width) row.push('');
        // Cells right of the header are kept, joined into one column, rather than dropped.
        if (cells.length > width && cells.slice(width).some((c) => c !== '')) {
          row[width - 1] = [row[width - 1], ...cells.slice(width).filter((c) => c !== '')].join(' | ');
        }
        if (result.sample.length < 100) result.sample.push(row);
        result.rows++;
        if (writer) {
          pending.push(rn + ',' + row.map(csvQuote).join(',') + '\n');
          if (pending.length >= 2000) return true;
        }
        return false;
      };
      const setHeader = (number: number, cells: string[]) => {
        headerRowNumber = number;
        result.headerRowIndex = number - 1;
        let last = cells.length;
        while (last > 0 && cells[last - 1]!.trim() === '') last--;
        result.headers = cells.slice(0, last);
        width = Math.max(1, last);
      };
      for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
        if (options.signal?.aborted) throw CoreError.cancelled();
        const cells = rowCells(row.values);
        if (headerRowNumber < 0) {
          const empty = cells.every((c) => c.trim() === '');
          if (!empty && !firstNonEmpty) firstNonEmpty = { number: row.number, cells };
          if (!empty && looksLikeHeader(cells, options.table)) {
            setHeader(row.number, cells);
            continue;
          }
          early.push({ number: row.number, cells });
          if (row.number < HEADER_SEARCH_ROWS) continue;
          // No profile-like row near the top: the first non-empty row is the header.
          if (!firstNonEmpty) continue;
          setHeader(firstNonEmpty.number, firstNonEmpty.cells);
          for (const r of early) if (r.number > headerRowNumber) emit(r.number, r.cells);
          continue;
        }
        if (emit(row.number, cells)) {
          await flush();
          options.onRows?.(result.rows);
        }
        if (options.maxRows !== undefined && result.rows >= options.maxRows) break;
      }
      if (headerRowNumber < 0 && firstNonEmpty) {
        setHeader(firstNonEmpty.number, firstNonEmpty.cells);
        for (const r of early) if (r.number > headerRowNumber) emit(r.number, r.cells);
      }
      await flush();
      options.onRows?.(result.rows);
      found = result;
      if (options.sheet || options.maxRows !== undefined || options.csvOut) break;
    }
  } catch (err) {
    if (err instanceof CoreError) throw err;
    throw new CoreError('IMPORT_FAILED', `无法读取 Excel 文件：${(err as Error).message}。请确认文件是 .xlsx 格式且未损坏（旧版 .xls 请先另存为 .xlsx）。`, String(err));
  } finally {
    (reader as unknown as { stream?: fs.ReadStream }).stream?.destroy();
    if (writer) await new Promise<void>((resolve) => writer.end(resolve));
  }
  if (!found) {
    if (options.sheet) throw new CoreError('NOT_FOUND', `Excel 文件中没有名为“${options.sheet}”的工作表。现有工作表：${sheets.join('、') || '（无）'}`);
    throw new CoreError('IMPORT_FAILED', 'Excel 文件中没有工作表。');
  }
  return { ...found, sheets };
}
