// GBK / GB18030 → UTF-8 on several cores. The newline byte 0x0A never occurs inside a GBK or GB18030 character
// (their second and fourth bytes are ≥ 0x30), so the file can be cut after any newline and each part decoded on its
// own; the parts are written in file order into one UTF-8 file, so quoted fields that span a cut stay whole. Workers
// are plain-JavaScript eval workers (no file to bundle beside the core); decoding stays bounded in memory (1 MB
// reads). Cancelling terminates the workers.
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
const { file, start, end, out, label, first } = workerData;
const input = fs.openSync(file, 'r');
const output = fs.openSync(out, 'w');
const decoder = new TextDecoder(label);
const buf = Buffer.allocUnsafe(1 << 20);
let pos = start;
let head = first;
try {
  while (pos < end) {
    const n = fs.readSync(input, buf, 0, Math.min(buf.length, end - pos), pos);
    if (n <= 0) break;
    pos += n;
    let text = decoder.decode(buf.subarray(0, n), { stream: true });
    if (head && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text) head = false;
    fs.writeSync(output, text);
    parentPort.postMessage(n);
  }
  fs.writeSync(output, decoder.decode());
} finally {
  fs.closeSync(input);
  fs.closeSync(output);
}
`;

/** Byte offsets where the parts start: 0, then just after the first newline at or past each even share. */
export function cutPoints(file: string, parts: number): number[] {
  const size = fs.statSync(file).size;
  const cuts = [0];
  const fd = fs.openSync(file, 'r');
  try {
    const window = Buffer.allocUnsafe(1 << 16);
    for (let i = 1; i < parts; i++) {
      let pos = Math.max(Math.floor((size * i) / parts), cuts[cuts.length - 1]! + 1);
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

/** Transcodes a GBK/GB18030 file to UTF-8 (no BOM) at out, on up to `threads` workers. */
export async function transcodeGbParallel(
  file: string,
  out: string,
  hooks: StreamHooks = {},
  threads = Math.min(4, Math.max(1, os.availableParallelism?.() ?? os.cpus().length)),
): Promise<void> {
  const size = fs.statSync(file).size;
  const cuts = cutPoints(file, threads);
  const ranges = cuts.map((start, i) => ({ start, end: cuts[i + 1] ?? size }));
  const partFiles = ranges.map((_, i) => (i === 0 ? out : `${out}.part${i}`));
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
              workerData: { file, start: r.start, end: r.end, out: partFiles[i], label: 'gb18030', first: i === 0 },
            });
            workers.push(w);
            w.on('message', (n: number) => {
              done += n;
              hooks.onBytes?.(done, size);
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
    // The later parts follow the first, in order, in one file.
    for (const part of partFiles.slice(1)) {
      if (hooks.signal?.aborted) throw CoreError.cancelled();
      await appendFile(out, part);
      fs.rmSync(part, { force: true });
    }
  } catch (err) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw err;
  } finally {
    hooks.signal?.removeEventListener('abort', onAbort);
    for (const part of partFiles.slice(1)) fs.rmSync(part, { force: true });
  }
}

async function appendFile(target: string, source: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const w = fs.createWriteStream(target, { flags: 'a' });
    fs.createReadStream(source, { highWaterMark: 4 << 20 }).on('error', reject).pipe(w).on('finish', resolve).on('error', reject);
  });
}
