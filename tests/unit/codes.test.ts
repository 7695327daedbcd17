// Code checks exist twice (TypeScript for the UI, DuckDB macros for bulk validation): they must agree.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc, validateUscc, USCC_CHARSET, usccCheckChar, orgCodeCheckChar } from '../../shared/domain/uscc';
import { validateIdNumber, idCheckChar, maskIdNumber } from '../../shared/domain/idcard';
import { maskPhone, maskPersonName } from '../../shared/domain/masking';
import { emptyWorkspace } from '../helpers/workspace';
import type { Workspace } from '../../electron/core/workspace';

// Small deterministic PRNG (mulberry32) so the 10,000 codes are the same every run.
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generateUsccs(n: number): string[] {
  const r = rng(42);
  const pick = (s: string) => s[Math.floor(r() * s.length)]!;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const body = Array.from({ length: 8 }, () => pick(r() < 0.7 ? '0123456789' : 'ABCDEFGHJKLMNPQRTUWXY')).join('');
    let code = makeUscc(pick('1259Y') + pick('123'), '310120', body);
    const mutation = r();
    if (mutation < 0.15) code = code.slice(0, 17) + pick(USCC_CHARSET); // maybe wrong check digit
    else if (mutation < 0.25) code = code.slice(0, 16) + pick('0123456789X') + code[17]; // org check char
    else if (mutation < 0.3) code = code.slice(0, 5) + pick('IOSVZ') + code.slice(6); // forbidden char
    else if (mutation < 0.33) code = code.slice(0, 17); // length
    else if (mutation < 0.36) code = ` ${code.toLowerCase()} `; // normalised, still valid
    else if (mutation < 0.37) code = '';
    out.push(code);
  }
  return out;
}

function generateIds(n: number): string[] {
  const r = rng(7);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const y = 1940 + Math.floor(r() * 70);
    const m = 1 + Math.floor(r() * 12);
    const d = 1 + Math.floor(r() * 31); // some invalid dates (e.g. 02-30) on purpose
    const first17 = `310120${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(Math.floor(r() * 1000)).padStart(3, '0')}`;
    let id = first17 + idCheckChar(first17);
    const mutation = r();
    if (mutation < 0.15) id = first17 + '0123456789X'[Math.floor(r() * 11)];
    else if (mutation < 0.2) id = id.slice(0, 15);
    else if (mutation < 0.23) id = id.slice(0, 3) + 'A' + id.slice(4);
    else if (mutation < 0.26) id = id.toLowerCase();
    out.push(id);
  }
  return out;
}

let ws: Workspace;
beforeAll(async () => {
  ws = await emptyWorkspace();
});
afterAll(() => ws?.close());

describe('USCC (GB 32100)', () => {
  it('accepts known real codes and computes both check characters', () => {
    expect(validateUscc('9144030071526726XG').valid).toBe(true); // 腾讯
    expect(validateUscc('914403001922038216').valid).toBe(true); // 华为
    expect(orgCodeCheckChar('71526726')).toBe('X');
    expect(usccCheckChar('9144030071526726X')).toBe('G');
  });

  it('gives reasons: empty, length, charset, organisation check, check digit', () => {
    expect(validateUscc('').reason).toBe('EMPTY');
    expect(validateUscc('91440300715267').reason).toBe('LENGTH');
    expect(validateUscc('9144030071526726XI').reason).toBe('CHARSET');
    expect(validateUscc('914403007152672611').reason).toBe('ORG_CHECK');
    expect(validateUscc('9144030071526726XH').reason).toBe('CHECK_DIGIT');
    expect(validateUscc(' 9144030071526726xg ').valid).toBe(true);
  });

  it('agrees with the DuckDB macro on 10,000 generated codes', async () => {
    const codes = generateUsccs(10_000);
    await ws.run('CREATE OR REPLACE TEMP TABLE codes AS SELECT ordinality - 1 AS i, unnest AS code FROM unnest(?::JSON::VARCHAR[]) WITH ORDINALITY', [
      JSON.stringify(codes),
    ]);
    const rows = await ws.all<{ i: number; reason: string | null }>('SELECT i, uscc_reason(code) AS reason FROM codes ORDER BY i');
    expect(rows.length).toBe(codes.length);
    const mismatches = rows.filter((r) => (validateUscc(codes[r.i]).reason ?? null) !== r.reason);
    expect(mismatches).toEqual([]);
    const valid = rows.filter((r) => r.reason === null).length;
    expect(valid).toBeGreaterThan(5000);
    expect(valid).toBeLessThan(9500);
  });
});

describe('ID number (GB 11643)', () => {
  it('gives reasons and masks', () => {
    expect(validateIdNumber('11010519491231002X').valid).toBe(true);
    expect(validateIdNumber('110105194912310021').reason).toBe('CHECK_DIGIT');
    expect(validateIdNumber('110105194902300021').reason).toBe('BIRTH_DATE');
    expect(validateIdNumber('1101051949123100').reason).toBe('LENGTH');
    expect(validateIdNumber('11010519491231002A').reason).toBe('CHARSET');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPersonName('欧阳修')).toBe('欧**');
  });

  it('agrees with the DuckDB macro on 10,000 generated numbers', async () => {
    const ids = generateIds(10_000);
    await ws.run('CREATE OR REPLACE TEMP TABLE ids AS SELECT ordinality - 1 AS i, unnest AS id FROM unnest(?::JSON::VARCHAR[]) WITH ORDINALITY', [
      JSON.stringify(ids),
    ]);
    const rows = await ws.all<{ i: number; reason: string | null; masked: string }>('SELECT i, id_reason(id) AS reason, mask_id(id) AS masked FROM ids ORDER BY i');
    expect(rows.length).toBe(ids.length);
    const mismatches = rows.filter((r) => (validateIdNumber(ids[r.i]).reason ?? null) !== r.reason);
    expect(mismatches).toEqual([]);
    expect(rows.filter((r) => r.reason === 'BIRTH_DATE').length).toBeGreaterThan(0);
    const maskMismatch = rows.filter((r) => r.masked !== maskIdNumber(ids[r.i]));
    expect(maskMismatch).toEqual([]);
  });
});
