import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDateText, validEventDate, localToday } from '../../shared/domain/dates';
import { emptyWorkspace } from '../helpers/workspace';
import { IMPORT_MACROS_SQL } from '../../electron/core/import/sql';
import type { Workspace } from '../../electron/core/workspace';

// Expected values worked out by hand from the formats in DOMAIN.md.
const CASES: [string, string | null][] = [
  ['2026-03-31', '2026-03-31'],
  ['2026/3/31', '2026-03-31'],
  ['2026/03/01', '2026-03-01'],
  ['2026.03.31', '2026-03-31'],
  ['20260331', '2026-03-31'],
  ['2026年3月31日', '2026-03-31'],
  ['2026年03月01日', '2026-03-01'],
  [' 2026-03-31 ', '2026-03-31'],
  ['2026-03-31 10:20:30', '2026-03-31'],
  ['46112', '2026-03-31'], // Excel serial: 1899-12-30 + 46112 days
  ['45658.75', '2025-01-01'],
  ['2026-02-30', null], // not a calendar date
  ['2025-02-29', null],
  ['2024-02-29', '2024-02-29'],
  ['20261301', null],
  ['2026-3-31x', null],
  ['2026/03-31', null], // mixed separators
  ['31/03/2026', null],
  ['abc', null],
  ['', null],
  ['2026年3月31', null],
];

describe('date texts (shared/domain/dates.ts)', () => {
  it.each(CASES)('parseDateText(%j) = %j', (raw, expected) => {
    expect(parseDateText(raw)).toBe(expected);
  });

  it('event dates: 1990-01-01 up to the import day', () => {
    expect(validEventDate('1989-12-31', '2026-03-31')).toBeNull();
    expect(validEventDate('1990-01-01', '2026-03-31')).toBe('1990-01-01');
    expect(validEventDate('2026-03-31', '2026-03-31')).toBe('2026-03-31');
    expect(validEventDate('2026-04-01', '2026-03-31')).toBeNull();
    expect(localToday(new Date(2026, 2, 5, 23, 59))).toBe('2026-03-05');
  });
});

describe('cws_date SQL macro mirrors the TypeScript rules', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await emptyWorkspace();
  });
  afterAll(() => ws.close());

  it('gives the same date (or NULL) for every case', async () => {
    const values = CASES.map(([raw]) => `('${raw.replace(/'/g, "''")}')`).join(', ');
    const rows = await ws.withConnection(async (c) => {
      await c.run(IMPORT_MACROS_SQL);
      return c.all<{ raw: string; d: string | null }>(`SELECT raw, cws_date(raw)::VARCHAR AS d FROM (VALUES ${values}) t(raw)`);
    });
    expect(rows.map((r) => [r.raw, r.d])).toEqual(CASES);
  });
});
