// 统一社会信用代码 (GB 32100-2015). The same rules exist as DuckDB macros (electron/core/workspace/macros.ts);
// tests cross-check the two.

export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weights of positions 1–17: 3^(i−1) mod 31. */
export const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** Weights of the organisation code (GB 11714), positions 9–16 of the USCC. */
export const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export type UsccReason = 'EMPTY' | 'LENGTH' | 'CHARSET' | 'ORG_CHECK' | 'CHECK_DIGIT';

export const USCC_REASON_LABELS: Record<UsccReason, string> = {
  EMPTY: '代码为空',
  LENGTH: '长度不是18位',
  CHARSET: '含有不允许的字符（I、O、S、V、Z 或其他）',
  ORG_CHECK: '组织机构代码校验位不符',
  CHECK_DIGIT: '校验位不符',
};

export interface UsccResult {
  code: string;
  valid: boolean;
  reason?: UsccReason;
  message?: string;
}

export function normaliseUscc(raw: string | null | undefined): string {
  return (raw ?? '').trim().toUpperCase();
}

/** Organisation-code check character for the 8 body characters (10 → X, 11 → 0). */
export function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  // GB 11714 values: digits 0–9, letters A=10 … Z=35.
  for (let i = 0; i < 8; i++) sum += parseInt(body8[i]!, 36) * ORG_CODE_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Check character of the first 17 characters. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  const c = (31 - (sum % 31)) % 31;
  return USCC_CHARSET[c]!;
}

export function validateUscc(raw: string | null | undefined): UsccResult {
  const code = normaliseUscc(raw);
  const fail = (reason: UsccReason): UsccResult => ({ code, valid: false, reason, message: USCC_REASON_LABELS[reason] });
  if (code === '') return fail('EMPTY');
  if (code.length !== 18) return fail('LENGTH');
  for (const ch of code) if (!USCC_CHARSET.includes(ch)) return fail('CHARSET');
  const org = code.slice(8, 17);
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(org) || orgCodeCheckChar(org.slice(0, 8)) !== org[8]) return fail('ORG_CHECK');
  if (usccCheckChar(code.slice(0, 17)) !== code[17]) return fail('CHECK_DIGIT');
  return { code, valid: true };
}

/** Builds a valid code from a registering authority + category (2 chars), a 6-digit division and an 8-char body. */
export function makeUscc(prefix2: string, division6: string, orgBody8: string): string {
  const first17 = prefix2 + division6 + orgBody8 + orgCodeCheckChar(orgBody8);
  return first17 + usccCheckChar(first17);
}
