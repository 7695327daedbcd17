// Text encodings of CSV extracts. Detection: a BOM (UTF-8, UTF-16LE/BE); else the file (or its head) is checked for
// valid UTF-8 in a streaming pass (chunks of 1 MB, an incomplete character at a chunk's end carried over); else
// GB18030, the superset of GBK that government systems write. DuckDB reads only UTF-8 here, so other encodings are
// transcoded chunk by chunk into a temporary UTF-8 file (bounded memory); that pass also computes the SHA-256.
import fs from 'node:fs';
import crypto from 'node:crypto';
import { isAscii, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { CoreError } from '../errors';

export type SourceEncoding = 'utf-8' | 'gb18030' | 'gbk' | 'utf-16le' | 'utf-16be';
export type EncodingChoice = 'auto' | SourceEncoding;

export interface Detection {
  encoding: SourceEncoding;
  bom: boolean;
  ascii: boolean;
}

const CHUNK = 1 << 20;

export interface StreamHooks {
  signal?: AbortSignal;
  /** Bytes processed so far and the file size. */
  onBytes?: (done: number, total: number) => void;
}

function checkAbort(signal?: AbortSignal) {
  if (signal?.aborted) throw CoreError.cancelled();
}

export function readHead(file: string, bytes: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = fs.readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

export function bomOf(head: Buffer): { encoding: SourceEncoding; length: number } | null {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** Length of the prefix of buf that ends on a UTF-8 character boundary (the rest may continue in the next chunk). */
export function completeUtf8Length(buf: Uint8Array): number {
  const n = buf.length;
  let i = n - 1;
  let continuation = 0;
  while (i >= 0 && continuation < 3 && (buf[i]! & 0xc0) === 0x80) {
    i--;
    continuation++;
  }
  if (i < 0) return n;
  const b = buf[i]!;
  const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
  return i + need > n ? i : n;
}

/**
 * Detects the encoding from a BOM, else by checking the first maxBytes (all of the file without it) for UTF-8.
 * ascii: every byte checked was ASCII, so the rest of the file may still turn out to be GBK.
 */
export async function detectEncoding(file: string, hooks: StreamHooks = {}, maxBytes?: number): Promise<Detection> {
  const head = readHead(file, 4);
  const bom = bomOf(head);
  if (bom) return { encoding: bom.encoding, bom: true, ascii: false };
  const total = fs.statSync(file).size;
  let carry: Buffer = Buffer.alloc(0);
  let done = 0;
  let ascii = true;
  const stream = fs.createReadStream(file, { highWaterMark: CHUNK, end: maxBytes !== undefined ? maxBytes - 1 : undefined });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      checkAbort(hooks.signal);
      const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      const cut = completeUtf8Length(buf);
      if (!isUtf8(buf.subarray(0, cut))) return { encoding: 'gb18030', bom: false, ascii: false };
      ascii &&= isAscii(buf);
      carry = Buffer.from(buf.subarray(cut));
      done += chunk.length;
      hooks.onBytes?.(done, total);
    }
  } finally {
    stream.destroy();
  }
  // A truncated character at the very end of the file is invalid UTF-8 (unless the check stopped mid-file).
  if (carry.length && (maxBytes === undefined || done < maxBytes)) return { encoding: 'gb18030', bom: false, ascii: false };
  return { encoding: 'utf-8', bom: false, ascii };
}

/** A streaming decoder: Node's built-in (ICU) where it knows the encoding, else iconv-lite. */
function makeDecoder(encoding: SourceEncoding): { write(b: Buffer): string; end(): string } {
  const label = encoding === 'gbk' ? 'gb18030' : encoding;
  try {
    const d = new TextDecoder(label);
    return { write: (b) => d.decode(b, { stream: true }), end: () => d.decode() };
  } catch {
    const d = iconv.getDecoder(label === 'utf-16be' ? 'utf16-be' : label);
    return { write: (b) => d.write(b), end: () => d.end() ?? '' };
  }
}

/**
 * Transcodes file (in encoding) to UTF-8 without BOM, chunk by chunk; returns the SHA-256 of the source. limit stops
 * after that many source bytes (preview), ending on a complete line.
 */
export async function transcodeToUtf8(
  file: string,
  encoding: SourceEncoding,
  out: string,
  hooks: StreamHooks = {},
  limit?: number,
): Promise<{ sha256: string }> {
  const total = fs.statSync(file).size;
  const hash = crypto.createHash('sha256');
  const decoder = makeDecoder(encoding);
  const writer = fs.createWriteStream(out);
  const writerError = new Promise<never>((_, reject) => writer.on('error', reject));
  writerError.catch(() => undefined);
  const write = async (text: string) => {
    if (!text) return;
    if (!writer.write(Buffer.from(text, 'utf8'))) await Promise.race([new Promise<void>((r) => writer.once('drain', () => r())), writerError]);
  };
  const stream = fs.createReadStream(file, { highWaterMark: CHUNK, end: limit !== undefined ? limit - 1 : undefined });
  let done = 0;
  let first = true;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      checkAbort(hooks.signal);
      hash.update(chunk);
      let text = decoder.write(chunk);
      if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
      await write(text);
      done += chunk.length;
      hooks.onBytes?.(done, total);
    }
    await write(decoder.end());
  } finally {
    stream.destroy();
    await new Promise<void>((resolve) => writer.end(resolve));
  }
  if (limit !== undefined) trimToLastLine(out);
  return { sha256: hash.digest('hex') };
}

function trimToLastLine(file: string): void {
  const buf = fs.readFileSync(file);
  const last = buf.lastIndexOf(0x0a);
  if (last >= 0 && last < buf.length - 1) fs.truncateSync(file, last + 1);
}

/** SHA-256 of a file (for sources the detection did not read in full). */
export async function sha256File(file: string, signal?: AbortSignal): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
    checkAbort(signal);
    hash.update(chunk);
  }
  return hash.digest('hex');
}
