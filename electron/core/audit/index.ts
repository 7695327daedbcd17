// Public face of the audit capability.
export { appendAudit, verifyAudit, AUDIT_ACTIONS, GENESIS_HASH, type AuditEntry, type AuditEntryInput, type AuditVerification } from './log';
