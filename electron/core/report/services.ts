// Contract handlers of the report capability (names declared in shared/contract/report.ts). Exports return the
// bytes (the UI downloads them, cws writes --out); each export is stamped with the watermark and audited as
// report.export with the report id, period, data fingerprint and run ids.
import type { HandlerMap } from '../context';
import type { Workspace } from '../workspace/workspace';
import { REPORT_CAPABILITIES, type ReportCapability, type ReportDefinitionInfo } from '../../../shared/contract/report';
import { exportFileName } from '../export/files';
import { computeReport } from './compute';
import { loadDefinition } from './definition';
import { renderReport, reportWatermark } from './build';
import { latestRun } from './runs';
import { findChromium, NO_CHROMIUM_MESSAGE } from './pdf';
import { CoreError } from '../errors';
import { reportHtml } from './html';

const MIME_EXT = { xlsx: 'xlsx', html: 'html', pdf: 'pdf' } as const;

async function dataYears(ws: Workspace): Promise<number[]> {
  const rows = await ws.all<{ y: number }>(`
    SELECT DISTINCT y FROM (
      SELECT year(decision_date) AS y FROM licenses UNION ALL SELECT year(decision_date) FROM penalties
      UNION ALL SELECT year(in_date) FROM credit_lists UNION ALL SELECT year(made_date) FROM commitments
      UNION ALL SELECT year(loan_date) FROM financing
    ) WHERE y BETWEEN 2000 AND 2100 ORDER BY y DESC`);
  return rows.map((r) => Number(r.y));
}

export const reportHandlers: HandlerMap<'report.definition' | 'report.preview' | 'report.export'> = {
  'report.definition': async (_input, ctx) => {
    const ws = await ctx.session.workspace();
    const { def, sha256 } = loadDefinition();
    const runs = {} as ReportDefinitionInfo['runs'];
    await ws.withConnection(async (conn) => {
      for (const cap of REPORT_CAPABILITIES) runs[cap as ReportCapability] = await latestRun(conn, cap);
    }, ctx.signal);
    const years = await dataYears(ws);
    const thisYear = new Date().getFullYear();
    return {
      definition: { id: def.id, title: def.title, version: def.version, sha256 },
      sections: def.sections.map((s) => ({ id: s.id, title: s.title, intro: s.intro, requires: s.requires })),
      years,
      defaultYear: years.includes(thisYear) || !years.length ? thisYear : years[0]!,
      runs,
      pdfAvailable: findChromium() !== null,
    };
  },

  'report.preview': async (input, ctx) => {
    const ws = await ctx.session.workspace();
    const data = await computeReport(ws, loadDefinition(), input, {
      operator: ctx.session.operator,
      purpose: input.purpose || '预览',
      signal: ctx.signal,
      progress: ctx.progress,
    });
    ctx.progress('绘制图表', 0, null);
    const html = reportHtml(data, reportWatermark(data, ws.path));
    return {
      reportId: data.reportId,
      html,
      period: data.period,
      comparison: data.comparison,
      sections: data.sections.map((s) => ({ id: s.id, title: s.title, available: s.available, ...(s.note ? { note: s.note } : {}) })),
    };
  },

  'report.export': async (input, ctx) => {
    const ws = await ctx.session.workspace();
    const { format, ...req } = input;
    // Say it before the work, not after it.
    if (format === 'pdf' && !findChromium()) throw new CoreError('UNSUPPORTED', NO_CHROMIUM_MESSAGE);
    const loaded = loadDefinition();
    const data = await computeReport(ws, loaded, req, {
      operator: ctx.session.operator,
      purpose: req.purpose,
      signal: ctx.signal,
      progress: ctx.progress,
    });
    const out = await renderReport(data, format, reportWatermark(data, ws.path), { loaded, signal: ctx.signal, progress: ctx.progress });
    const fileName = exportFileName(`示范区报告-${data.period.label}`, MIME_EXT[format]);
    await ctx.session.audit({
      action: 'report.export',
      target: fileName,
      purpose: data.purpose,
      detail: {
        format,
        reportId: data.reportId,
        period: data.period,
        comparison: data.comparison,
        sections: data.sections.map((s) => s.id),
        fingerprint: data.fingerprint,
        definition: data.definition,
        runs: [...new Set(data.sections.flatMap((s) => [...s.runs.current, ...s.runs.prior].map((r) => `${r.capability}:${r.runId}`)))],
        bytes: out.bytes.byteLength,
        ...(out.pages !== undefined ? { pages: out.pages } : {}),
      },
    });
    ctx.progress('完成', 1, 1);
    return {
      reportId: data.reportId,
      format,
      fileName,
      bytes: out.bytes,
      ...(out.sheets ? { sheets: out.sheets } : {}),
      ...(out.sections ? { sections: out.sections } : {}),
      ...(out.pages !== undefined ? { pages: out.pages } : {}),
    };
  },
};
