// Masking of natural persons' identifiers, shown by default in every face. The same rules exist as DuckDB
// macros (mask_id, mask_phone, mask_name) for masking inside SQL results.
export { maskIdNumber } from './idcard';

/** 138****5678 */
export function maskPhone(raw: string | null | undefined): string {
  const p = (raw ?? '').trim();
  if (p.length < 7) return p.replace(/\d/g, '*');
  return p.slice(0, 3) + '*'.repeat(p.length - 7) + p.slice(-4);
}

/** 张* / 欧阳** : the family name stays. */
export function maskPersonName(raw: string | null | undefined): string {
  const n = (raw ?? '').trim();
  if (n.length <= 1) return n;
  return n[0] + '*'.repeat(n.length - 1);
}
