// One report end to end: compute the data, then write it as XLSX, HTML or PDF. Used by the contract handlers, and
// directly by the benchmark.
import type { ReportData, ReportFormat, ReportRequest } from '../../../shared/contract/report';
import type { Workspace } from '../workspace/workspace';
import { createWatermark, type Watermark } from '../security/watermark';
import { computeReport, type ComputeOptions } from './compute';
import { loadDefinition, type LoadedDefinition } from './definition';
import { reportHtml } from './html';
import { htmlToPdf } from './pdf';
import { reportXlsx } from './xlsx';

export interface RenderedReport {
  data: ReportData;
  bytes: Uint8Array;
  sheets?: string[];
  sections?: string[];
  pages?: number;
  html?: string;
}

export async function renderReport(
  data: ReportData,
  format: ReportFormat,
  w: Watermark,
  o: { loaded?: LoadedDefinition; signal?: AbortSignal; progress?: ComputeOptions['progress'] } = {},
): Promise<RenderedReport> {
  const loaded = o.loaded ?? loadDefinition();
  if (format === 'xlsx') {
    o.progress?.('写入工作簿', 0, null);
    const x = reportXlsx(data, loaded.def, w);
    return { data, bytes: x.bytes, sheets: x.sheets };
  }
  o.progress?.('绘制图表', 0, null);
  const html = reportHtml(data, w);
  const sections = data.sections.map((s) => s.title);
  if (format === 'html') return { data, bytes: new TextEncoder().encode(html), sections, html };
  o.progress?.('生成 PDF', 0, null);
  const pdf = await htmlToPdf(html, { signal: o.signal });
  return { data, bytes: pdf.bytes, sections, pages: pdf.pages, html };
}

/** The watermark of a report: its operator, purpose and generation time. */
export function reportWatermark(data: ReportData, workspacePath?: string): Watermark {
  return createWatermark({ operator: data.operator, purpose: data.purpose, workspace: workspacePath, now: new Date(data.generatedAt) });
}

export async function buildReport(
  ws: Workspace,
  req: ReportRequest,
  format: ReportFormat,
  o: ComputeOptions & { loaded?: LoadedDefinition },
): Promise<RenderedReport> {
  const loaded = o.loaded ?? loadDefinition();
  const data = await computeReport(ws, loaded, req, o);
  const w = reportWatermark(data, ws.path);
  return renderReport(data, format, w, { loaded, signal: o.signal, progress: o.progress });
}
