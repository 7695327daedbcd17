// Watermarks on exports: operator, time and purpose in XLSX properties + a visible line (SheetJS), print
// header/footer (exceljs), and HTML/PDF footers — checked in the written files' XML, not just in memory.
import { describe, expect, it } from 'vitest';
import XLSX from 'xlsx';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import {
  applyExcelJsWatermark,
  applyXlsxWatermark,
  createWatermark,
  excelJsHeaderFooter,
  htmlWatermarkFooter,
  htmlWatermarkMeta,
  localTime,
  pdfFooterTemplate,
  watermarkText,
} from '../../electron/core/security/watermark';
import { exportWatermark } from '../../electron/core/audit';
import { Session } from '../../electron/core/session';

const now = new Date('2026-04-01T08:05:09');
const w = createWatermark({ operator: '张 分析员', purpose: '年度示范区创建材料 <报送>', workspace: '/data/奉贤.duckdb', now });

async function unzip(bytes: ArrayBuffer | Uint8Array | Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) if (!zip.files[name]!.dir) out[name] = await zip.files[name]!.async('string');
  return out;
}

describe('watermark text', () => {
  it('names operator, local time, purpose and workspace file (not its folder)', () => {
    expect(localTime(w.exportedAt)).toBe('2026-04-01 08:05:09');
    expect(watermarkText(w)).toBe('内部资料 注意保密｜导出人：张 分析员｜导出时间：2026-04-01 08:05:09｜用途：年度示范区创建材料 <报送>｜工作区：奉贤.duckdb');
    expect(createWatermark({ operator: ' ', purpose: '  ' }).purpose).toBe('未说明');
    expect(createWatermark({ operator: ' ', purpose: null }).operator).toBe('未知');
  });

  it('exportWatermark takes the operator from the session', () => {
    const session = new Session({ operator: '王审核', workspacePath: '/x/y/w.duckdb' });
    expect(exportWatermark({ session }, '专项检查')).toMatchObject({ operator: '王审核', purpose: '专项检查', workspace: 'w.duckdb' });
  });
});

describe('XLSX (SheetJS)', () => {
  it('writes Author, Comments, custom properties and a visible line below the data of every sheet', async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['统一社会信用代码', '名称'], ['A', '甲'], ['B', '乙']]), '名单');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['x']]), '说明');
    applyXlsxWatermark(wb, w);
    const files = await unzip(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const core = files['docProps/core.xml']!;
    expect(core).toContain('<dc:creator>张 分析员</dc:creator>');
    expect(core).toContain('用途：年度示范区创建材料 &lt;报送&gt;');
    const custom = files['docProps/custom.xml']!;
    expect(custom).toContain('name="CWS用途"');
    expect(custom).toContain('年度示范区创建材料 &lt;报送&gt;');
    expect(custom).toContain('name="CWS导出人"');
    const text = (files['xl/sharedStrings.xml'] ?? '') + files['xl/worksheets/sheet1.xml'];
    expect(text).toContain('导出人：张 分析员');
    // Data end at row 3; one blank row, then the line in A5 (sheet 2: data row 1, line in A3).
    const cell = (xml: string, ref: string) => new RegExp(`<c r="${ref}"[^>]*>(?:(?!</c>).)*导出人：张 分析员`).test(xml);
    expect(cell(files['xl/worksheets/sheet1.xml']!, 'A5')).toBe(true);
    expect(cell(files['xl/worksheets/sheet1.xml']!, 'A4')).toBe(false);
    expect(cell(files['xl/worksheets/sheet2.xml']!, 'A3')).toBe(true);
  });
});

describe('XLSX (exceljs)', () => {
  it('prints a header and footer on every page and sets the workbook properties', async () => {
    const wb = new ExcelJS.Workbook();
    applyExcelJsWatermark(wb, w);
    const sheet = wb.addWorksheet('清单', { headerFooter: excelJsHeaderFooter(w) });
    sheet.addRow(['a', 1]);
    const files = await unzip(await wb.xlsx.writeBuffer());
    const xml = files['xl/worksheets/sheet1.xml']!;
    expect(xml).toContain('<oddFooter>&amp;L用途：年度示范区创建材料 &lt;报送&gt;&amp;R第 &amp;P 页 / 共 &amp;N 页</oddFooter>');
    expect(xml).toContain('导出人：张 分析员');
    expect(files['docProps/core.xml']).toContain('<dc:creator>张 分析员</dc:creator>');
  });
});

describe('HTML and PDF', () => {
  it('footer and meta carry the watermark, escaped', () => {
    const footer = htmlWatermarkFooter(w);
    expect(footer).toContain('导出人：张 分析员');
    expect(footer).toContain('&lt;报送&gt;');
    expect(footer).not.toContain('<报送>');
    expect(htmlWatermarkMeta(w)).toContain('<meta name="author" content="张 分析员">');
    const evil = createWatermark({ operator: '"><script>alert(1)</script>', purpose: 'x' });
    expect(htmlWatermarkFooter(evil)).not.toContain('<script>');
    expect(htmlWatermarkMeta(evil)).not.toContain('"><script>');
  });

  it('the PDF footer template has the text and page numbers', () => {
    const t = pdfFooterTemplate(w);
    expect(t).toContain('用途：年度示范区创建材料 &lt;报送&gt;');
    expect(t).toContain('class="pageNumber"');
    expect(t).toContain('class="totalPages"');
  });
});
