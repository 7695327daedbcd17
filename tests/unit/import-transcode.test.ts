// GBK / GB18030 decoded on several threads: the file is cut after newline bytes, each part decoded on its own, and
// the parts joined in order must equal decoding the whole file at once — 4-byte characters, a BOM, quoted fields
// that span a cut and a last line without a newline included. Parts that start between records stay files of their
// own (DuckDB reads the list); one that starts inside a quoted field joins the part before. Cancelling leaves no
// part files.
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { cutPoints, transcodeGbParallel } from '../../electron/core/import/transcode-parallel';
import { tempDir } from '../helpers/workspace';

function gbText(lines: number): string {
  const out: string[] = ['行政相对人名称,违法事实,备注'];
  for (let i = 0; i < lines; i++) {
    const facts = i % 7 === 0 ? `"第${i}行，含逗号\n和换行的违法事实"` : `经营超过保质期的食品${i}`;
    out.push(`奉贤𠀀商贸${i}有限公司,${facts},㐀备注${i % 13}`);
  }
  return out.join('\n'); // no newline after the last line
}

describe('parallel GB18030 transcoding', () => {
  it('cuts only just after newline bytes, in increasing order', () => {
    const dir = tempDir('cws-transcode-');
    const file = path.join(dir, 'a.csv');
    fs.writeFileSync(file, iconv.encode(gbText(5000), 'gb18030'));
    const bytes = fs.readFileSync(file);
    const cuts = cutPoints(file, 4);
    expect(cuts[0]).toBe(0);
    expect(cuts.length).toBe(4);
    for (let i = 1; i < cuts.length; i++) {
      expect(cuts[i]!).toBeGreaterThan(cuts[i - 1]!);
      expect(bytes[cuts[i]! - 1]).toBe(0x0a);
    }
    // A file without newlines is one part.
    const flat = path.join(dir, 'flat.csv');
    fs.writeFileSync(flat, iconv.encode('奉贤'.repeat(1000), 'gb18030'));
    expect(cutPoints(flat, 3)).toEqual([0]);
  });

  const quotesIn = (t: string) => t.split('"').length - 1;
  // Newlines outside quoted fields: the records DuckDB counts as lines.
  const recordsIn = (t: string) => {
    let inQuotes = false;
    let n = 0;
    for (const ch of t) {
      if (ch === '"') inQuotes = !inQuotes;
      else if (ch === '\n' && !inQuotes) n++;
    }
    return n;
  };

  for (const threads of [1, 2, 3, 5]) {
    it(`gives the same UTF-8 as decoding the whole file at once (${threads} thread${threads > 1 ? 's' : ''})`, async () => {
      const dir = tempDir('cws-transcode-');
      const text = gbText(20_000);
      const file = path.join(dir, 'in.csv');
      // GB18030's BOM is the 4-byte form of U+FEFF: dropped like a UTF-8 BOM.
      fs.writeFileSync(file, Buffer.concat([iconv.encode('\ufeff', 'gb18030'), iconv.encode(text, 'gb18030')]));
      const out = path.join(dir, 'out.csv');
      let reported = 0;
      const t = await transcodeGbParallel(file, out, { onBytes: (done) => (reported = done) }, threads, { quote: '"' });
      const texts = t.files.map((f) => fs.readFileSync(f, 'utf8'));
      expect(texts.join('')).toBe(text);
      expect(t.files[0]).toBe(out);
      // These cuts all fall between records: one file per thread.
      expect(t.files).toHaveLength(threads);
      expect(t.bytes).toBe(Buffer.byteLength(text));
      expect(reported).toBe(fs.statSync(file).size);
      // Each part starts between records, and knows the records before it.
      for (let i = 1; i < texts.length; i++) {
        const before = texts.slice(0, i).join('');
        expect(quotesIn(before) % 2).toBe(0);
        expect(t.recordsBefore[i]).toBe(recordsIn(before));
      }
      expect(t.recordsBefore[0]).toBe(0);
      expect(fs.readdirSync(dir).sort()).toEqual(['in.csv', ...t.files.map((f) => path.basename(f))].sort());
    });
  }

  it('starts at a byte offset (past the header) and joins a part that starts inside a quoted field to the one before', async () => {
    const dir = tempDir('cws-transcode-');
    // Every record is one long quoted field across many lines: any cut falls inside quotes.
    const header = '名称,说明\n';
    const records = Array.from({ length: 3000 }, (_, i) => `公司${i},"${'第一行\n'.repeat(20)}末行${i}"`).join('\n') + '\n';
    const file = path.join(dir, 'q.csv');
    const bytes = iconv.encode(header + records, 'gb18030');
    fs.writeFileSync(file, bytes);
    const from = iconv.encode(header, 'gb18030').length;
    const t = await transcodeGbParallel(file, path.join(dir, 'out.csv'), {}, 4, { from, quote: '"' });
    const texts = t.files.map((f) => fs.readFileSync(f, 'utf8'));
    expect(texts.join('')).toBe(records);
    for (let i = 1; i < texts.length; i++) expect(quotesIn(texts.slice(0, i).join('')) % 2).toBe(0);
    // Of the four parts some were joined (their cut fell inside a field), some not.
    expect(t.files.length).toBeGreaterThan(1);
    expect(t.files.length).toBeLessThan(4);
    // A part can only start at a record's first line, and counts the records before it.
    for (let i = 1; i < texts.length; i++) expect(t.recordsBefore[i]).toBe(recordsIn(texts.slice(0, i).join('')));
    // A quote that could be a byte inside a GB character (| is a valid trail byte) is not counted: one file.
    for (const q of ['“', '|']) {
      const single = await transcodeGbParallel(file, path.join(dir, 'one.csv'), {}, 4, { from, quote: q });
      expect(single.files).toEqual([path.join(dir, 'one.csv')]);
      expect(fs.readFileSync(single.files[0]!, 'utf8')).toBe(records);
    }
  });

  it('stops when cancelled and leaves no part files', async () => {
    const dir = tempDir('cws-transcode-');
    const file = path.join(dir, 'in.csv');
    fs.writeFileSync(file, iconv.encode(gbText(200_000), 'gb18030'));
    const controller = new AbortController();
    const run = transcodeGbParallel(file, path.join(dir, 'out.csv'), { signal: controller.signal, onBytes: () => controller.abort() }, 3);
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(fs.readdirSync(dir).filter((f) => f.includes('.part'))).toEqual([]);
  });
});
