// Watermarks for every export: who exported, when, and for what purpose, so a leaked file can be traced. XLSX gets
// it in the workbook properties (Author, Comments, custom properties) and as a visible row on every sheet (SheetJS
// 0.18.5 does not write print headers/footers; exceljs does, see excelJsHeaderFooter); HTML gets a footer and a
// meta tag; PDF (Chromium page.pdf) gets a footer template on every page.
import XLSX from 'xlsx';
import type { WorkBook } from 'xlsx';

export interface Watermark {
  operator: string;
  /** ISO time of the export. */
  exportedAt: string;
  /** 用途 / 查询事由 as the user stated it; '未说明' when none was given. */
  purpose: string;
  /** Workspace file name (not the full path). */
  workspace?: string;
}

export const CONFIDENTIAL = '内部资料 注意保密';

export function createWatermark(input: { operator: string; purpose?: string | null; workspace?: string; now?: Date }): Watermark {
  const purpose = (input.purpose ?? '').trim();
  return {
    operator: input.operator.trim() || '未知',
    exportedAt: (input.now ?? new Date()).toISOString(),
    purpose: purpose || '未说明',
    ...(input.workspace ? { workspace: input.workspace.split(/[\\/]/).pop() } : {}),
  };
}

/** Local time, 'YYYY-MM-DD HH:mm:ss'. */
export function localTime(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** One line: 内部资料 注意保密｜导出人：…｜导出时间：…｜用途：… */
export function watermarkText(w: Watermark): string {
  const parts = [CONFIDENTIAL, `导出人：${w.operator}`, `导出时间：${localTime(w.exportedAt)}`, `用途：${w.purpose}`];
  if (w.workspace) parts.push(`工作区：${w.workspace}`);
  return parts.join('｜');
}

/** Custom document properties carried by every exported workbook. */
export function watermarkProperties(w: Watermark): Record<string, string> {
  return {
    CWS导出人: w.operator,
    CWS导出时间: w.exportedAt,
    CWS用途: w.purpose,
    CWS水印: watermarkText(w),
  };
}

export interface XlsxWatermarkOptions {
  /** Where the visible line goes on each sheet: after the data (default), or not at all (properties only). */
  row?: 'footer' | 'none';
}

/**
 * Stamps a SheetJS workbook before XLSX.write: Props (Author, Comments, …), custom properties, and a visible
 * watermark line one row below each sheet's data.
 */
export function applyXlsxWatermark(wb: WorkBook, w: Watermark, options: XlsxWatermarkOptions = {}): void {
  const text = watermarkText(w);
  wb.Props = {
    ...(wb.Props ?? {}),
    Author: w.operator,
    LastAuthor: w.operator,
    Comments: text,
    Subject: `用途：${w.purpose}`,
    Keywords: CONFIDENTIAL,
    CreatedDate: new Date(w.exportedAt),
  };
  wb.Custprops = { ...(wb.Custprops ?? {}), ...watermarkProperties(w) };
  if (options.row === 'none') return;
  for (const name of wb.SheetNames) {
    const sheet = wb.Sheets[name];
    if (!sheet) continue;
    const ref = sheet['!ref'];
    const lastRow = ref ? XLSX.utils.decode_range(ref).e.r : -1;
    XLSX.utils.sheet_add_aoa(sheet, [[text]], { origin: { r: lastRow + 2, c: 0 } });
  }
}

/** Header/footer for exceljs worksheets (printed on every page): pass as addWorksheet(name, { headerFooter }). */
export function excelJsHeaderFooter(w: Watermark): { oddHeader: string; oddFooter: string; evenHeader: string; evenFooter: string } {
  // &L/&C/&R: left/centre/right sections; && is a literal ampersand; &P/&N page numbers.
  const esc = (s: string) => s.replace(/&/g, '&&');
  const header = `&L${esc(CONFIDENTIAL)}&R${esc(`导出人：${w.operator}　${localTime(w.exportedAt)}`)}`;
  const footer = `&L${esc(`用途：${w.purpose}`)}&R第 &P 页 / 共 &N 页`;
  return { oddHeader: header, oddFooter: footer, evenHeader: header, evenFooter: footer };
}

/** Workbook properties for exceljs (Workbook / stream.xlsx.WorkbookWriter). */
export function applyExcelJsWatermark(
  workbook: { creator: string; lastModifiedBy: string; description: string; subject: string; keywords: string; created: Date },
  w: Watermark,
): void {
  workbook.creator = w.operator;
  workbook.lastModifiedBy = w.operator;
  workbook.description = watermarkText(w);
  workbook.subject = `用途：${w.purpose}`;
  workbook.keywords = CONFIDENTIAL;
  workbook.created = new Date(w.exportedAt);
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** <meta> tags for the <head> of an exported HTML document. */
export function htmlWatermarkMeta(w: Watermark): string {
  return [
    `<meta name="author" content="${escapeHtml(w.operator)}">`,
    `<meta name="cws-watermark" content="${escapeHtml(watermarkText(w))}">`,
  ].join('\n');
}

/** A footer for exported HTML (print: fixed at the bottom of every page). */
export function htmlWatermarkFooter(w: Watermark): string {
  return (
    `<footer class="cws-watermark" data-operator="${escapeHtml(w.operator)}" data-exported-at="${escapeHtml(w.exportedAt)}" ` +
    `style="margin-top:24px;padding-top:8px;border-top:1px solid #ccc;color:#666;font-size:12px">${escapeHtml(watermarkText(w))}</footer>\n` +
    `<style>@media print{footer.cws-watermark{position:fixed;bottom:0;left:0;right:0;background:#fff}}</style>`
  );
}

/** footerTemplate for Chromium page.pdf({ displayHeaderFooter: true, footerTemplate, margin: { bottom: '18mm' } }). */
export function pdfFooterTemplate(w: Watermark): string {
  return (
    `<div style="width:100%;font-size:8px;color:#666;padding:0 12mm;display:flex;justify-content:space-between">` +
    `<span>${escapeHtml(watermarkText(w))}</span>` +
    `<span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`
  );
}

export function pdfHeaderTemplate(): string {
  return `<div style="width:100%;font-size:8px;color:#999;padding:0 12mm">${escapeHtml(CONFIDENTIAL)}</div>`;
}
