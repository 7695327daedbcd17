// cws report: --out FILE.xlsx|FILE.html|FILE.pdf [--year] --json → {"out","sheets"} or {"out","sections"}; clear
// errors for a wrong extension, a bad year and a missing Chromium.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../electron/core/workspace';
import { findChromium } from '../../electron/core/report/pdf';
import { cws } from '../helpers/cli';
import { tempDir } from '../helpers/workspace';
import { seedReportFixture } from './report.fixture';

let dir: string;
let wsPath: string;

beforeAll(async () => {
  dir = tempDir('cws-report-cli-');
  wsPath = path.join(dir, 'fx.duckdb');
  const ws = await openWorkspace(wsPath, { create: true, threads: 2 });
  await seedReportFixture(ws);
  ws.close();
}, 60_000);

describe('cws report', () => {
  it('writes the workbook and prints its sheets', () => {
    const out = path.join(dir, '报告.xlsx');
    const r = cws(['report', wsPath, '--out', out, '--year', '2026', '--purpose', '测试', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const j = r.json<{ out: string; sheets: string[] }>();
    expect(Object.keys(j).sort()).toEqual(['out', 'sheets']);
    expect(j.out).toBe(path.resolve(out));
    expect(j.sheets[0]).toBe('封面');
    expect(j.sheets).toContain('指标说明');
    expect(j.sheets).toHaveLength(13);
    // An XLSX is a zip file.
    expect(fs.readFileSync(out).subarray(0, 2).toString('latin1')).toBe('PK');
  }, 120_000);

  it('writes the HTML and prints its sections; --sections picks some', () => {
    const out = path.join(dir, 'r.html');
    const r = cws(['report', wsPath, '--out', out, '--year', '2026', '--sections', 'sgs,lists', '--no-compare', '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.json()).toEqual({ out: path.resolve(out), sections: ['双公示', '红黑名单'] });
    const html = fs.readFileSync(out, 'utf-8');
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<th>上期<\/th>|class="prior"/);
  }, 120_000);

  it('refuses an unknown extension and a bad year (exit 1, Chinese message)', () => {
    const a = cws(['report', wsPath, '--out', path.join(dir, 'r.docx'), '--json']);
    expect(a.status).toBe(1);
    expect(a.stderr).toMatch(/\.xlsx、\.html 或 \.pdf/);
    const b = cws(['report', wsPath, '--out', path.join(dir, 'r.xlsx'), '--year', '26', '--json']);
    expect(b.status).toBe(1);
    expect(b.stderr).toMatch(/四位年份/);
    expect(b.stdout).toBe('');
  }, 120_000);

  it('says clearly when no Chromium is there for a PDF', () => {
    const r = cws(['report', wsPath, '--out', path.join(dir, 'r.pdf'), '--year', '2026', '--json'], { CHROMIUM_PATH: path.join(dir, 'no-chromium') });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/没有找到 Chromium/);
    expect(fs.existsSync(path.join(dir, 'r.pdf'))).toBe(false);
  }, 120_000);

  it.runIf(findChromium() !== null)('writes a PDF through Chromium', () => {
    const out = path.join(dir, 'r.pdf');
    const r = cws(['report', wsPath, '--out', out, '--year', '2026', '--sections', 'evaluation,tiering', '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.json()).toEqual({ out: path.resolve(out), sections: ['公共信用综合评价', '信用分级分类监管'] });
    expect(fs.readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 120_000);
});
