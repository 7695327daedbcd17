// GBK / GB18030 decoded on several threads: the file is cut after newline bytes, each part decoded on its own, and
// the parts joined in order must equal decoding the whole file at once — 4-byte characters, a BOM, quoted fields
// that span a cut and a last line without a newline included. Cancelling leaves no part files.
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

  for (const threads of [1, 2, 3, 5]) {
    it(`gives the same UTF-8 as decoding the whole file at once (${threads} thread${threads > 1 ? 's' : ''})`, async () => {
      const dir = tempDir('cws-transcode-');
      const text = gbText(20_000);
      const file = path.join(dir, 'in.csv');
      // GB18030's BOM is the 4-byte form of U+FEFF: dropped like a UTF-8 BOM.
      fs.writeFileSync(file, Buffer.concat([iconv.encode('\ufeff', 'gb18030'), iconv.encode(text, 'gb18030')]));
      const out = path.join(dir, 'out.csv');
      let reported = 0;
      await transcodeGbParallel(file, out, { onBytes: (done) => (reported = done) }, threads);
      expect(fs.readFileSync(out).equals(Buffer.from(text, 'utf8'))).toBe(true);
      expect(reported).toBe(fs.statSync(file).size);
      expect(fs.readdirSync(dir).sort()).toEqual(['in.csv', 'out.csv']);
    });
  }

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
