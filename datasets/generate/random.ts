// Deterministic pseudo-randomness and code builders as temporary DuckDB macros of the generation connection.
// Every draw is hash(seed, key, salt): the same (seed, key, salt) gives the same value whatever the thread count or
// row order, which random() cannot promise.
import { MOBILE_PREFIXES } from './vocab/people';
import { DATA_END, sqlList } from './context';

export function randomMacrosSql(seed: number): string {
  const s = `${seed}::BIGINT`;
  return `
-- uniform in [0, 1)
CREATE OR REPLACE TEMP MACRO g_u(k, salt) AS (hash(${s}, k, salt) % 1000000007)::DOUBLE / 1000000007.0;
-- uniform integer in [0, m)
CREATE OR REPLACE TEMP MACRO g_int(k, salt, m) AS (hash(${s}, k, salt) % greatest((m)::BIGINT, 1)::UBIGINT)::BIGINT;
CREATE OR REPLACE TEMP MACRO g_pick(xs, k, salt) AS (xs)[1 + g_int(k, salt, len(xs))];
-- uniform date in [lo, hi]
CREATE OR REPLACE TEMP MACRO g_day(lo, hi, k, salt) AS
  (lo)::DATE + g_int(k, salt, greatest((hi)::DATE - (lo)::DATE, 0) + 1)::INTEGER;
CREATE OR REPLACE TEMP MACRO g_mobile(k, salt) AS
  g_pick(${sqlList(MOBILE_PREFIXES)}, k, salt || '-p') || lpad(g_int(k, salt || '-n', 100000000)::VARCHAR, 8, '0');

-- events after "today" have not happened yet
CREATE OR REPLACE TEMP MACRO g_happened(d) AS CASE WHEN (d) <= DATE '${DATA_END}' THEN (d) END;

-- working days (Monday–Friday; public holidays are not modelled)
CREATE OR REPLACE TEMP MACRO next_workday(d) AS (d)::DATE + CASE isodow((d)::DATE) WHEN 6 THEN 2 WHEN 7 THEN 1 ELSE 0 END;
CREATE OR REPLACE TEMP MACRO add_workdays(d, k) AS next_workday(d) + (7 * ((k)::INTEGER // 5) + (k)::INTEGER % 5
  + CASE WHEN isodow(next_workday(d)) + (k)::INTEGER % 5 > 5 THEN 2 ELSE 0 END)::INTEGER;

`;
}
