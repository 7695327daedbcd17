// GBK / GB18030 → UTF-8 on several cores. The newline byte 0x0A never occurs inside a GBK or GB18030 character
// (their second and fourth bytes are ≥ 0x30), so the file can be cut after any newline and each part decoded on its
// own. Parts whose cut falls between records (an even number of quote bytes before it: the reader's escape is the
// doubled quote) stay separate files, which DuckDB reads as one list in order; a part that starts inside a quoted
// field is appended to the part before it. Workers are plain-JavaScript eval workers (no file to bundle beside the
// core); decoding stays bounded in memory (1 MB reads). Cancelling terminates the workers.
import fs from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { CoreError } from '../errors';
import type { StreamHooks } from './encoding';

/** Below this size one thread does it (starting workers costs more than it saves). */
export const PARALLEL_TRANSCODE_MIN_BYTES = 32 << 20;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { file, start, end, out, label, first, quote } = workerData;
const input = fs.openSync(file, 'r');
const output = fs.openSync(out, 'w');
const decoder = new TextDecoder(label);
const buf = Buffer.allocUnsafe(1 << 20);
let pos = start;
let head = first;
// Quote bytes, and newline bytes counted by the quote parity (relative to the part's start) they fall at: the
// caller knows each part's real starting parity, so it knows which newlines end records.
let quotes = 0;
const newlines = [0, 0];
const scan = (n) => {
  let q = quote >= 0 ? buf.indexOf(quote) : -1;
  let nl = buf.indexOf(0x0a);
  if (q >= n) q = -1;
  if (nl >= n) nl = -1;
  while (nl >= 0) {
    if (q >= 0 && q < nl) {
      quotes++;
      q = buf.indexOf(quote, q + 1);
      if (q >= n) q = -1;
    } else {
      newlines[quotes & 1]++;
      nl = buf.indexOf(0x0a, nl + 1);
      if (nl >= n) nl = -1;
    }
  }
  while (q >= 0) {
    quotes++;
    q = buf.indexOf(quote, q + 1);
    if (q >= n) q = -1;
  }
};
try {
  while (pos < end) {
    const n = fs.readSync(input, buf, 0, Math.min(buf.length, end - pos), pos);
    if (n <= 0) break;
    pos += n;
    // Neither byte occurs inside a GB character, so raw byte counts are character counts.
    scan(n);
    let text = decoder.decode(buf.subarray(0, n), { stream: true });
    if (head && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text) head = false;
    fs.writeSync(output, text);
    parentPort.postMessage(n);
  }
  fs.writeSync(output, decoder.decode());
  parentPort.postMessage({ quotes, newlines });
} finally {
  fs.closeSync(input);
  fs.closeSync(output);
}
`;

/** Byte offsets where the parts start: `from`, then just after the first newline at or past each even share. */
export function cutPoints(file: string, parts: number, from = 0): number[] {
  const size = fs.statSync(file).size;
  const cuts = [from];
  const fd = fs.openSync(file, 'r');
  try {
    const window = Buffer.allocUnsafe(1 << 16);
    for (let i = 1; i < parts; i++) {
      let pos = Math.max(from + Math.floor(((size - from) * i) / parts), cuts[cuts.length - 1]! + 1);
      let cut = -1;
      while (pos < size && cut < 0) {
        const n = fs.readSync(fd, window, 0, window.length, pos);
        if (n <= 0) break;
        const at = window.subarray(0, n).indexOf(0x0a);
        if (at >= 0) cut = pos + at + 1;
        else pos += n;
      }
      if (cut < 0 || cut >= size) break;
      cuts.push(cut);
    }
  } finally {
    fs.closeSync(fd);
  }
  return cuts;
}

export interface TranscodeOptions {
  /** Byte offset to start at (after title and header lines); default 0. */
  from?: number;
  /** The CSV quote character (its doubling is the escape); parts stay apart only when it is below 0x30 (" or '). */
  quote?: string;
}

export interface TranscodedParts {
  /** UTF-8 files (no BOM) in file order, the first one `out`; no quoted field spans two of them. */
  files: string[];
  /** Per file, the records (newlines outside quoted fields) between `from` and the file's first byte, to name the
   *  line of an error as DuckDB would count it in one file. */
  recordsBefore: number[];
  /** Bytes of UTF-8 written. */
  bytes: number;
}

/** Transcodes a GBK/GB18030 file (from byte `from` on) to UTF-8 parts on up to `threads` workers. */
export async function transcodeGbParallel(
  file: string,
  out: string,
  hooks: StreamHooks = {},
  threads = Math.min(4, Math.max(1, os.availableParallelism?.() ?? os.cpus().length)),
  options: TranscodeOptions = {},
): Promise<TranscodedParts> {
  const size = fs.statSync(file).size;
  const from = options.from ?? 0;
  // Bytes below 0x30 never occur inside a GBK/GB18030 character (trail bytes are 0x30–0x39 and 0x40–0xFE), so such a
  // quote (" or ') can be counted byte by byte; any other quote leaves the parts joined.
  const code = options.quote?.length === 1 ? options.quote.charCodeAt(0) : -1;
  const quote = code >= 0 && code < 0x30 ? code : -1;
  const cuts = cutPoints(file, threads, from);
  const ranges = cuts.map((start, i) => ({ start, end: cuts[i + 1] ?? size }));
  const partFiles = ranges.map((_, i) => (i === 0 ? out : `${out}.part${i}`));
  // Set by each worker's last message; a part without its counts is appended (no way to tell where it starts).
  const counts: ({ quotes: number; newlines: [number, number] } | null)[] = ranges.map(() => null);
  const workers: Worker[] = [];
  let done = 0;
  const onAbort = () => workers.forEach((w) => void w.terminate());
  hooks.signal?.addEventListener('abort', onAbort);
  try {
    await Promise.all(
      ranges.map(
        (r, i) =>
          new Promise<void>((resolve, reject) => {
            if (hooks.signal?.aborted) return reject(CoreError.cancelled());
            const w = new Worker(WORKER_SOURCE, {
              eval: true,
              workerData: { file, start: r.start, end: r.end, out: partFiles[i], label: 'gb18030', first: r.start === 0, quote },
            });
            workers.push(w);
            w.on('message', (m: number | { quotes: number; newlines: [number, number] }) => {
              if (typeof m !== 'number') {
                counts[i] = m;
                return;
              }
              done += m;
              hooks.onBytes?.(from + done, size);
            });
            w.on('error', reject);
            w.on('exit', (code) => {
              if (hooks.signal?.aborted) reject(CoreError.cancelled());
              else if (code === 0) resolve();
              else reject(new CoreError('IMPORT_FAILED', `转换编码失败（线程退出码 ${code}）。工作区未作任何改动。`));
            });
          }),
      ),
    );
    // A part that starts inside a quoted field (an odd number of quotes before it, or no ASCII quote to count)
    // follows the part before it in one file; the others stay files of their own.
    const files: string[] = [out];
    const recordsBefore = [0];
    // Quotes and records from `from` to the start of part i (NaN once a part's counts are missing).
    let quotesBefore = 0;
    let records = 0;
    for (let i = 0; i < partFiles.length; i++) {
      if (hooks.signal?.aborted) throw CoreError.cancelled();
      if (i > 0) {
        if (quote >= 0 && quotesBefore % 2 === 0 && Number.isFinite(records)) {
          files.push(partFiles[i]!);
          recordsBefore.push(records);
        } else {
          await appendFile(files[files.length - 1]!, partFiles[i]!);
          fs.rmSync(partFiles[i]!, { force: true });
        }
      }
      const c = counts[i];
      // Newlines end records where the absolute parity is even: the part's own parity shifted by its start's.
      records += c ? c.newlines[quotesBefore % 2 === 0 ? 0 : 1] : NaN;
      quotesBefore += c ? c.quotes : NaN;
    }
    return { files, recordsBefore, bytes: files.reduce((n, f) => n + fs.statSync(f).size, 0) };
  } catch (err) {
    await Promise.all(workers.map((w) => w.terminate()));
    for (const part of partFiles.slice(1)) fs.rmSync(part, { force: true });
    throw err;
  } finally {
    hooks.signal?.removeEventListener('abort', onAbort);
  }
}

async function appendFile(target: string, source: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const w = fs.createWriteStream(target, { flags: 'a' });
    fs.createReadStream(source, { highWaterMark: 4 << 20 }).on('error', reject).pipe(w).on('finish', resolve).on('error', reject);
  });
}
