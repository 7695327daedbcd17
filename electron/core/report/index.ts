// Public face of the report capability (示范区创建 / 城市信用状况监测 report).
//   computeReport(ws, loadDefinition(), { year | start+end, comparison?, sections? }, { operator, purpose?, signal?,
//     progress? }) → ReportData: every section's metrics and tables for the period and the prior period, run ids,
//     data fingerprint; renderReport(data, 'xlsx' | 'html' | 'pdf', watermark) → bytes; buildReport does both.
//   The definition (datasets/reports/demo-zone.json) is validated by definitionSchema; its SQL placeholders are
//   listed in sql.ts. htmlToPdf / findChromium print any self-contained HTML through a local Chromium.
export { computeReport, mergeTable, type ComputeOptions } from './compute';
export { buildReport, renderReport, reportWatermark, type RenderedReport } from './build';
export { loadDefinition, parseDefinition, definitionSchema, type ReportDefinition, type LoadedDefinition } from './definition';
export { fillSql, placeholdersIn, fieldChecksSql, type SqlContext } from './sql';
export { resolvePeriods, priorPeriod, makePeriod, periodLabel } from './period';
export { reportXlsx, sheetName } from './xlsx';
export { reportHtml } from './html';
export { chartSvg } from './charts';
export { htmlToPdf, findChromium, pdfPageCount, NO_CHROMIUM_MESSAGE, CHROMIUM_FLAGS } from './pdf';
export { reportHandlers } from './services';
