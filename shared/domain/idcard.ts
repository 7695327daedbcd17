// 居民身份证号 (GB 11643-1999). Mirrored by DuckDB macros; tests cross-check the two.

export const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
export const ID_CHECK_CHARS = '10X98765432';

export type IdReason = 'EMPTY' | 'LENGTH' | 'CHARSET' | 'BIRTH_DATE' | 'CHECK_DIGIT';

export const ID_REASON_LABELS: Record<IdReason, string> = {
  EMPTY: '证件号码为空',
  LENGTH: '长度不是18位',
  CHARSET: '前17位须为数字，末位为数字或X',
  BIRTH_DATE: '出生日期无效',
  CHECK_DIGIT: '校验位不符',
};

export interface IdResult {
  id: string;
  valid: boolean;
  reason?: IdReason;
  message?: string;
}

export function normaliseId(raw: string | null | undefined): string {
  return (raw ?? '').trim().toUpperCase();
}

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK_CHARS[sum % 11]!;
}

function isRealDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1850 || m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

export function validateIdNumber(raw: string | null | undefined): IdResult {
  const id = normaliseId(raw);
  const fail = (reason: IdReason): IdResult => ({ id, valid: false, reason, message: ID_REASON_LABELS[reason] });
  if (id === '') return fail('EMPTY');
  if (id.length !== 18) return fail('LENGTH');
  if (!/^\d{17}[\dX]$/.test(id)) return fail('CHARSET');
  if (!isRealDate(id.slice(6, 14))) return fail('BIRTH_DATE');
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return fail('CHECK_DIGIT');
  return { id, valid: true };
}

/** 310120********123X: area code and the last four stay, the birth date is hidden. */
export function maskIdNumber(raw: string | null | undefined): string {
  const id = normaliseId(raw);
  if (id.length < 10) return id.replace(/./g, '*');
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}
