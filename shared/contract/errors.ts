// Typed errors every call may return instead of its result.
export type ErrorCode =
  | 'BAD_INPUT'
  | 'UNKNOWN_CALL'
  | 'NOT_FOUND'
  | 'CANCELLED'
  | 'SQL_ERROR'
  | 'SQL_FORBIDDEN'
  | 'OUT_OF_MEMORY'
  | 'WORKSPACE_CLOSED'
  | 'WORKSPACE_LOCKED'
  | 'NO_WORKSPACE'
  | 'OPEN_FAILED'
  | 'ENCRYPTED'
  | 'WRONG_PASSPHRASE'
  | 'ENCRYPTION_UNAVAILABLE'
  | 'READ_ONLY'
  | 'IMPORT_FAILED'
  | 'UNSUPPORTED'
  | 'CONFLICT'
  | 'INTERNAL';

export interface ContractError {
  code: ErrorCode;
  /** Chinese, says what happened and what to do. */
  message: string;
  detail?: string;
}

/** Errors that are the user's to fix (exit code 1 in cws); the rest are internal (exit code 2). */
export const USER_ERROR_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'BAD_INPUT', 'UNKNOWN_CALL', 'NOT_FOUND', 'CANCELLED', 'SQL_ERROR', 'SQL_FORBIDDEN', 'WORKSPACE_LOCKED',
  'NO_WORKSPACE', 'OPEN_FAILED', 'ENCRYPTED', 'WRONG_PASSPHRASE', 'ENCRYPTION_UNAVAILABLE', 'READ_ONLY',
  'IMPORT_FAILED', 'UNSUPPORTED', 'CONFLICT', 'OUT_OF_MEMORY',
]);

export function isContractError(x: unknown): x is ContractError {
  return !!x && typeof x === 'object' && typeof (x as ContractError).code === 'string' && typeof (x as ContractError).message === 'string';
}
