// Turns a user file into a SQL relation DuckDB can stage from: columns c0 … cN-1 (all VARCHAR) plus rn, the 1-based
// data row number when the source carries it (XLSX), else NULL: then the staging table's rowid + 1 is the row number,
// because DuckDB's readers keep file order into a table (preserve_insertion_order; checked in tests against quoted
// multi-line fields). CSV: encoding detection + transcoding to a temp UTF-8 file, header row and delimiter found from
// the first lines, read_csv with every option explicit (no sniffing). XLSX: streamed into a temp CSV that carries its
// own row numbers (sheet row − header row). Parquet and JSON lines: DuckDB readers, every column cast to VARCHAR.
import fs from 'node:fs';
import path from 'node:path';
import { quoteLiteral, quoteIdent } from '../workspace/query';
import type { Conn } from '../workspace/workspace';
import { CoreError } from '../errors';
import { detectEncoding, readHead, transcodeToUtf8, type EncodingChoice, type SourceEncoding } from './encoding';
import { readXlsx } from './xlsx';
import { transcodeGbParallel, PARALLEL_TRANSCODE_MIN_BYTES } from './transcode-parallel';
import { looksLikeHeader, uniqueHeaders } from './profiles';

export type SourceFormat = 'csv' | 'xlsx' | 'parquet' | 'json';

export interface SourceOptions {
  encoding?: EncodingChoice;
  sheet?: string;
  table?: string;
  delimiter?: string;
  quote?: string;
  /** false: the file has no header row (columns are named 列1 …). */
  header?: boolean;
  signal?: AbortSignal;
  progress?: (phase: string, done: number, total: number | null) => void;
  /** Preview: read only the beginning of the file. */
  preview?: boolean;
}

export interface PreparedSource {
  file: string;
  format: SourceFormat;
  encoding: SourceEncoding | null;
  sheets: string[];
  sheet: string | null;
  headerRowIndex: number;
  /** Unique header names, one per column c0 … cN-1. */
  headers: string[];
  delimiter: string | null;
  /** SELECT rn, c0 … cN-1 FROM … */
  relation: string;
  /** SHA-256 of the file when preparing it read every byte anyway (transcoding); else the caller hashes it. */
  sha256: string | null;
  /** CSV read as UTF-8 because its head is plain ASCII: DuckDB's reader checks the rest (see runImport's GB18030
   *  retry). */
  utf8FromHead?: boolean;
  /** XLSX only: the first data rows, read while streaming. */
  sample?: string[][];
  /** A big GBK/GB18030 CSV read as UTF-8 parts: each part's file and the lines before its first row (title and
   *  header lines, then records: as DuckDB counts lines in one file). */
  csvParts?: { file: string; linesBefore: number }[];
  /** Data rows in the file: counted (XLSX) or estimated from the head's bytes per line (CSV), for progress only. */
  rowsHint?: { rows: number; exact: boolean };
}

const PREVIEW_BYTES = 1 << 20;
/** Bytes of a CSV checked for UTF-8 before reading it (Chinese headers and first rows decide in practice). */
const HEAD_DETECT_BYTES = 8 << 20;
const HEADER_SEARCH_LINES = 20;

export function detectFormat(file: string): SourceFormat {
  const ext = path.extname(file).toLowerCase();
  const head = readHead(file, 4);
  if (head.length >= 4 && head.toString('latin1') === 'PAR1') return 'parquet';
  if (head.length >= 2 && head[0] === 0x50 && head[1] === 0x4b) {
    if (ext === '.xlsx' || ext === '.xlsm' || ext === '') return 'xlsx';
    throw new CoreError('UNSUPPORTED', `文件 ${path.basename(file)} 是压缩包格式，不是可导入的 CSV/Excel/Parquet/JSON 文件。`);
  }
  if (ext === '.xls') throw new CoreError('UNSUPPORTED', '不支持旧版 .xls 文件：请在 Excel 中另存为 .xlsx 或 CSV 后再导入。');
  if (ext === '.parquet') return 'parquet';
  if (ext === '.jsonl' || ext === '.ndjson' || ext === '.json') return 'json';
  if (ext === '.xlsx') return 'xlsx';
  return 'csv';
}

/** Splits one CSV line (quotes honoured; a header line has no embedded newlines in practice). */
export function splitCsvLine(line: string, delimiter: string, quote = '"'): string[] {
  const out: string[] = [];
  let cur = '';
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (inQuotes) {
      if (ch === quote && line[i + 1] === quote) {
        cur += quote;
        i++;
      } else if (ch === quote) inQuotes = false;
      else cur += ch;
    } else if (ch === quote && cur === '') inQuotes = true;
    else if (ch === delimiter) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

const DELIMITERS = [',', '\t', ';', '|'];

export function guessDelimiter(line: string, quote = '"'): string {
  let best = ',';
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const n = splitCsvLine(line, d, quote).length - 1;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

interface HeaderGuess {
  skip: number;
  headerCells: string[];
  delimiter: string;
}

/** Finds the header line among the first lines: the first that matches a profile, else the first non-empty line. */
export function findCsvHeader(text: string, options: { delimiter?: string; quote?: string; table?: string; header?: boolean }): HeaderGuess {
  const quote = options.quote ?? '"';
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).slice(0, HEADER_SEARCH_LINES);
  let firstNonEmpty = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    if (firstNonEmpty < 0) firstNonEmpty = i;
    if (options.header === false) break;
    const delimiter = options.delimiter ?? guessDelimiter(line, quote);
    const cells = splitCsvLine(line, delimiter, quote);
    if (looksLikeHeader(cells, options.table)) return { skip: i, headerCells: cells, delimiter };
  }
  if (firstNonEmpty < 0) throw new CoreError('IMPORT_FAILED', '文件是空的，没有可导入的行。');
  const line = lines[firstNonEmpty]!;
  const delimiter = options.delimiter ?? guessDelimiter(line, quote);
  return { skip: firstNonEmpty, headerCells: splitCsvLine(line, delimiter, quote), delimiter };
}

/** CWS_IMPORT_CSV_BUFFER (bytes) shrinks DuckDB's CSV buffers: tests use it to make small files read in parallel. */
function csvBufferOption(): string {
  const n = Number(process.env.CWS_IMPORT_CSV_BUFFER);
  return Number.isInteger(n) && n > 0 ? `, buffer_size = ${n}` : '';
}

function readUtf8Head(file: string, bytes: number): string {
  const buf = readHead(file, bytes);
  return new TextDecoder('utf-8').decode(buf);
}

/**
 * Prepares a file for staging. Temp files go to workDir (removed by the caller). In preview mode only the beginning
 * of a CSV is decoded.
 */
export async function prepareSource(file: string, workDir: string, options: SourceOptions = {}): Promise<PreparedSource> {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new CoreError('NOT_FOUND', `找不到要导入的文件：${file}`);
  const format = detectFormat(file);
  if (format === 'xlsx') return prepareXlsx(file, workDir, options);
  if (format === 'parquet' || format === 'json') return prepareDuckFile(file, format, options);
  return prepareCsv(file, workDir, options);
}

async function prepareCsv(file: string, workDir: string, options: SourceOptions): Promise<PreparedSource> {
  const size = fs.statSync(file).size;
  if (size === 0) throw new CoreError('IMPORT_FAILED', '文件是空的，没有可导入的行。');
  let encoding: SourceEncoding;
  let sha256: string | null = null;
  let utf8FromHead = false;
  const choice = options.encoding ?? 'auto';
  if (choice === 'auto') {
    // Only the head is checked here: DuckDB checks every byte of UTF-8 as it reads. A file whose head is plain ASCII
    // may still hold GBK further on: DuckDB fails there and the caller retries it as GB18030. A head with Chinese in
    // valid UTF-8 is UTF-8 (a GBK file is not valid UTF-8 for megabytes), so a bad byte later is an error, not GBK.
    options.progress?.('检测编码', 0, size);
    const d = await detectEncoding(
      file,
      { signal: options.signal, onBytes: (done, total) => options.progress?.('检测编码', done, total) },
      options.preview ? PREVIEW_BYTES : HEAD_DETECT_BYTES,
    );
    encoding = d.encoding;
    utf8FromHead = encoding === 'utf-8' && d.ascii && size > HEAD_DETECT_BYTES;
  } else encoding = choice;
  const transcodeHooks = { signal: options.signal, onBytes: (done: number, total: number) => options.progress?.('转换编码', done, total) };
  const hasHeader = options.header !== false;
  const quote = options.quote ?? '"';
  // A big GBK file is decoded on every core into parts that DuckDB reads as one list (its SHA-256 is then computed by
  // the caller while DuckDB works).
  const parts =
    (encoding === 'gb18030' || encoding === 'gbk') && !options.preview && size >= PARALLEL_TRANSCODE_MIN_BYTES
      ? await transcodeGbParts(file, workDir, size, { ...options, quote }, transcodeHooks)
      : null;
  let utf8File = file;
  if (!parts && encoding !== 'utf-8') {
    utf8File = path.join(workDir, 'source.utf8.csv');
    const r = await transcodeToUtf8(
      file,
      encoding,
      utf8File,
      transcodeHooks,
      options.preview ? PREVIEW_BYTES : undefined,
    );
    if (!options.preview) sha256 = r.sha256;
  }
  const head = parts?.head ?? readUtf8Head(utf8File, 256 * 1024);
  const guess = parts?.guess ?? findCsvHeader(head, options);
  const linesBeforeData = guess.skip + (hasHeader ? 1 : 0);
  const headers = hasHeader ? uniqueHeaders(guess.headerCells) : guess.headerCells.map((_, i) => `列${i + 1}`);
  const cols = headers.map((_, i) => `${quoteLiteral(`c${i}`)}: 'VARCHAR'`).join(', ');
  // Parts hold data rows only; a single file is read past its title and header lines.
  const input = parts
    ? `[${parts.files.map((f) => quoteLiteral(f.file)).join(', ')}], header = false, skip = 0`
    : `${quoteLiteral(utf8File)}, header = ${hasHeader}, skip = ${guess.skip}`;
  // No row number column: the parallel reader keeps file order into the staging table, whose rowid + 1 is the data
  // row number (WITH ORDINALITY would force a single-threaded scan).
  const relation = `SELECT NULL::BIGINT AS rn, ${headers.map((_, i) => `c${i}`).join(', ')} FROM read_csv(${input},
    auto_detect = false, delim = ${quoteLiteral(guess.delimiter)},
    quote = ${quoteLiteral(quote)}, escape = ${quoteLiteral(quote)}, columns = {${cols}}${csvBufferOption()})`;
  return {
    file,
    format: 'csv',
    encoding,
    sheets: [],
    sheet: null,
    headerRowIndex: hasHeader ? guess.skip : -1,
    headers,
    delimiter: guess.delimiter,
    relation,
    sha256,
    utf8FromHead,
    csvParts: parts?.files,
    rowsHint: parts
      ? estimateCsvRows(head, parts.headBytes, size, linesBeforeData)
      : estimateCsvRows(head, Buffer.byteLength(head, 'utf8'), fs.statSync(utf8File).size, linesBeforeData),
  };
}

/**
 * GBK/GB18030 on every core: the header is found in the decoded head, and the data rows after it are transcoded
 * into UTF-8 parts (see transcodeGbParallel). Null when the data does not start within the head (one thread then).
 */
async function transcodeGbParts(
  file: string,
  workDir: string,
  size: number,
  options: SourceOptions & { quote: string },
  hooks: { signal?: AbortSignal; onBytes: (done: number, total: number) => void },
) {
  const raw = readHead(file, 256 * 1024);
  const head = new TextDecoder('gb18030').decode(raw);
  const guess = findCsvHeader(head, options);
  const linesBeforeData = guess.skip + (options.header !== false ? 1 : 0);
  const from = offsetAfterLines(raw, linesBeforeData);
  if (from < 0 || from >= size) return null;
  const t = await transcodeGbParallel(file, path.join(workDir, 'source.utf8.csv'), hooks, undefined, { from, quote: options.quote });
  return {
    head,
    headBytes: raw.length,
    guess,
    files: t.files.map((f, i) => ({ file: f, linesBefore: linesBeforeData + t.recordsBefore[i]! })),
  };
}

/** Byte offset just after the n-th newline byte of buf (0 for n = 0), -1 when buf has fewer. */
export function offsetAfterLines(buf: Buffer, n: number): number {
  let at = 0;
  for (let i = 0; i < n; i++) {
    const nl = buf.indexOf(0x0a, at);
    if (nl < 0) return -1;
    at = nl + 1;
  }
  return at;
}

/**
 * The line of the source file that a DuckDB CSV error names: DuckDB counts within the file it read, so for a file
 * read in parts the lines before that part are added (counted as DuckDB counts them: a quoted field's line breaks
 * do not start a line). Null when the error names no line.
 */
export function sourceErrorLine(src: Pick<PreparedSource, 'csvParts'>, detail: string): number | null {
  const m = /CSV Error on Line: (\d+)/.exec(detail);
  if (!m) return null;
  const line = Number(m[1]);
  if (!src.csvParts) return line;
  const file = /^\s*file = (.+)$/m.exec(detail)?.[1]?.trim();
  const part = src.csvParts.find((p) => p.file === file);
  return part ? part.linesBefore + line : null;
}

/**
 * Data rows of a CSV from its head: the head's lines scaled by file size over head size (exact when the head is the
 * whole file, up to quoted line breaks). Progress messages only; the import counts the real rows.
 */
export function estimateCsvRows(head: string, headBytes: number, fileBytes: number, linesBeforeData: number): { rows: number; exact: boolean } {
  let lines = 0;
  for (let at = head.indexOf('\n'); at >= 0; at = head.indexOf('\n', at + 1)) lines++;
  const whole = headBytes >= fileBytes;
  if (whole && head.length && !head.endsWith('\n')) lines++;
  if (!whole && lines === 0) return { rows: 0, exact: false };
  const total = whole ? lines : Math.round((fileBytes / headBytes) * lines);
  return { rows: Math.max(0, total - linesBeforeData), exact: whole };
}

async function prepareXlsx(file: string, workDir: string, options: SourceOptions): Promise<PreparedSource> {
  const csvOut = options.preview ? undefined : path.join(workDir, 'sheet.csv');
  const r = await readXlsx(file, {
    sheet: options.sheet,
    table: options.table,
    signal: options.signal,
    maxRows: options.preview ? 100 : undefined,
    csvOut,
    onRows: (n) => options.progress?.('读取 Excel', n, null),
  });
  if (!r.headers.length) throw new CoreError('IMPORT_FAILED', `工作表“${r.sheet}”是空的，没有可导入的行。`);
  const headers = uniqueHeaders(r.headers);
  const cols = [`'rn': 'BIGINT'`, ...headers.map((_, i) => `${quoteLiteral(`c${i}`)}: 'VARCHAR'`)].join(', ');
  const relation = csvOut
    ? `SELECT rn, ${headers.map((_, i) => `c${i}`).join(', ')} FROM read_csv(${quoteLiteral(csvOut)}, auto_detect = false,
        header = false, delim = ',', quote = '"', escape = '"', columns = {${cols}})`
    : '';
  return {
    file,
    format: 'xlsx',
    encoding: null,
    sheets: r.sheets,
    sheet: r.sheet,
    headerRowIndex: r.headerRowIndex,
    headers,
    delimiter: null,
    relation,
    sha256: null,
    sample: r.sample,
    rowsHint: { rows: r.rows, exact: true },
  };
}

async function prepareDuckFile(file: string, format: 'parquet' | 'json', options: SourceOptions): Promise<PreparedSource> {
  const reader =
    format === 'parquet'
      ? `read_parquet(${quoteLiteral(file)})`
      : // .json may hold one array of objects; .jsonl/.ndjson one object per line.
        `read_json(${quoteLiteral(file)}, format = ${path.extname(file).toLowerCase() === '.json' ? "'auto'" : "'newline_delimited'"})`;
  return {
    file,
    format,
    encoding: format === 'json' ? 'utf-8' : null,
    sheets: [],
    sheet: null,
    headerRowIndex: -1,
    headers: [],
    delimiter: null,
    // Completed by describeDuckFile once a connection is at hand.
    relation: reader,
    sha256: null,
  };
}

/** Parquet/JSON: reads the column names and types, then builds the VARCHAR relation. */
export async function completeDuckSource(conn: Conn, src: PreparedSource): Promise<PreparedSource> {
  if (src.format !== 'parquet' && src.format !== 'json') return src;
  if (src.headers.length) return src;
  let described: { column_name: string; column_type: string }[];
  try {
    described = await conn.all<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM ${src.relation}`);
  } catch (err) {
    throw new CoreError('IMPORT_FAILED', `无法读取 ${src.format === 'parquet' ? 'Parquet' : 'JSON'} 文件：${(err as Error).message}`, String(err));
  }
  const headers = uniqueHeaders(described.map((d) => d.column_name));
  const alias = described.map((_, i) => `x${i}`);
  const casts = described.map((d, i) =>
    /STRUCT|MAP|\[\]|JSON|UNION/i.test(d.column_type) ? `to_json(x${i})::VARCHAR AS c${i}` : `x${i}::VARCHAR AS c${i}`,
  );
  const relation = `SELECT NULL::BIGINT AS rn, ${casts.join(', ')} FROM ${src.relation} AS s(${alias.map(quoteIdent).join(', ')})`;
  return { ...src, headers, relation };
}
