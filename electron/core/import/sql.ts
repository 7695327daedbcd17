// SQL macros of the import capability, created on the import connection (TEMP: nothing is stored in the workspace,
// so a change here needs no migration). cws_date mirrors shared/domain/dates.ts; cws_amount the amount rule.
import { DATE_PATTERNS_SQL, EXCEL_EPOCH } from '../../../shared/domain/dates';

const P = DATE_PATTERNS_SQL;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Text → DATE in the accepted formats, NULL when not a real date (see shared/domain/dates.ts). */
export const IMPORT_MACROS_SQL = `
CREATE OR REPLACE TEMP MACRO cws_date_t(t) AS CASE
  WHEN t IS NULL OR t = '' THEN NULL
  WHEN length(t) = 10 AND regexp_full_match(t, '\\d{4}-\\d{2}-\\d{2}') THEN try_cast(t AS DATE)
  WHEN regexp_full_match(t, ${lit(P.separated)}) OR regexp_full_match(t, ${lit(P.chinese)}) THEN
    try(make_date(regexp_extract(t, '^(\\d{4})\\D(\\d{1,2})\\D(\\d{1,2})', 1)::INTEGER,
                  regexp_extract(t, '^(\\d{4})\\D(\\d{1,2})\\D(\\d{1,2})', 2)::INTEGER,
                  regexp_extract(t, '^(\\d{4})\\D(\\d{1,2})\\D(\\d{1,2})', 3)::INTEGER))
  WHEN regexp_full_match(t, ${lit(P.compact)}) THEN
    try(make_date(substr(t, 1, 4)::INTEGER, substr(t, 5, 2)::INTEGER, substr(t, 7, 2)::INTEGER))
  WHEN regexp_full_match(t, ${lit(P.serial)}) THEN
    (DATE '${EXCEL_EPOCH}' + CAST(floor(t::DOUBLE) AS INTEGER))::DATE
  ELSE NULL END;
CREATE OR REPLACE TEMP MACRO cws_date(raw) AS cws_date_t(trim(raw::VARCHAR));
-- A plain non-negative number: digits, optionally a point and digits; at most 14 integer digits (DECIMAL(18,4)).
CREATE OR REPLACE TEMP MACRO cws_amount_ok(t) AS t IS NULL OR regexp_full_match(t, '[0-9]{1,14}(\\.[0-9]+)?');
CREATE OR REPLACE TEMP MACRO cws_amount(t, divisor) AS CASE WHEN regexp_full_match(t, '[0-9]{1,14}(\\.[0-9]+)?')
  THEN round(t::DECIMAL(38,10) / divisor, 4)::DECIMAL(18,4) END;
CREATE OR REPLACE TEMP MACRO cws_bool(t) AS CASE
  WHEN t IS NULL THEN NULL
  WHEN lower(t) IN ('是', 'true', 't', 'yes', 'y', '1') THEN true
  WHEN lower(t) IN ('否', 'false', 'f', 'no', 'n', '0') THEN false
  ELSE NULL END;
`;
