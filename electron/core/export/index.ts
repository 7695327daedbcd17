// Public face of grid export: other capabilities may reuse the file naming, the BOM and the spreadsheet helpers.
export { exportGrid, columnStats, headers, spreadsheetSelect, sheetTitle, type GridExportRequest } from './grid';
export { exportFileName, writeExport, UTF8_BOM } from './files';
export { withGuardedView, describeQuery } from './guarded';
