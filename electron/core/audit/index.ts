// Public face of the audit capability: the hash-chained log, listing, export bookkeeping (watermark + audit), and
// the security helpers other capabilities use.
export { appendAudit, verifyAudit, AUDIT_ACTIONS, GENESIS_HASH, type AuditEntry, type AuditEntryInput, type AuditVerification } from './log';
export {
  appendPendingAudit,
  mergePendingAudit,
  pendingAuditPath,
  readPendingAudit,
  verifyPendingAudit,
  verifyAuditWithPending,
  PENDING_GENESIS_HASH,
  type PendingLine,
  type PendingMerge,
} from './pending';
export { listAudit, type AuditListFilter } from './list';
export { exportWatermark, recordExport, type ExportRecord } from './exports';
export {
  createWatermark,
  watermarkText,
  watermarkProperties,
  applyXlsxWatermark,
  excelJsHeaderFooter,
  applyExcelJsWatermark,
  htmlWatermarkMeta,
  htmlWatermarkFooter,
  pdfFooterTemplate,
  pdfHeaderTemplate,
  type Watermark,
} from '../security/watermark';
