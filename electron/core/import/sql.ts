// SQL macros of the import capability, created on the import connection (TEMP: nothing is stored in the workspace,
// so a change here needs no migration). cws_date mirrors shared/domain/dates.ts; cws_amount the amount rule.
import { DATE_PATTERNS_SQL, EXCEL_EPOCH } from '../../../shared/domain/dates';
import { USCC_CHARSET, USCC_WEIGHTS, ORG_CODE_WEIGHTS } from '../../../shared/domain/uscc';
import { ID_CHECK_CHARS, ID_WEIGHTS } from '../../../shared/domain/idcard';

const P = DATE_PATTERNS_SQL;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

// GB 32100 / GB 11643 checks unrolled into plain arithmetic: the workspace macros uscc_reason/id_reason compute the
// same with list lambdas, which cost ~10 µs a row (≈ 50 s for 5 million rows); these are ~50× faster. Input is
// already normalised (trimmed, upper case). Tests cross-check them with shared/domain/uscc.ts and idcard.ts.
const ORG_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const usccSum = USCC_WEIGHTS.map((w, i) => `(strpos('${USCC_CHARSET}', substr(c, ${i + 1}, 1)) - 1) * ${w}`).join(' + ');
const orgSum = ORG_CODE_WEIGHTS.map((w, i) => `(strpos('${ORG_ALPHABET}', substr(c, ${i + 9}, 1)) - 1) * ${w}`).join(' + ');
const idSum = ID_WEIGHTS.map((w, i) => `(ascii(substr(c, ${i + 1}, 1)) - 48) * ${w}`).join(' + ');
const CODE_MACROS_SQL = `
CREATE OR REPLACE TEMP MACRO cws_uscc_shape(c) AS c IS NOT NULL AND length(c) = 18
  AND regexp_full_match(c, '[0-9A-HJ-NPQRTUW-Y]{16}[0-9X][0-9A-HJ-NPQRTUW-Y]');
CREATE OR REPLACE TEMP MACRO cws_uscc_ok(c) AS cws_uscc_shape(c)
  AND substr('123456789X0', 11 - ((${orgSum}) % 11), 1) = substr(c, 17, 1)
  AND substr('${USCC_CHARSET}', ((31 - ((${usccSum}) % 31)) % 31) + 1, 1) = substr(c, 18, 1);
CREATE OR REPLACE TEMP MACRO cws_id_ok(c) AS c IS NOT NULL AND length(c) = 18
  AND regexp_full_match(c, '[0-9]{17}[0-9X]')
  AND TRY_CAST(substr(c, 7, 4) AS INTEGER) >= 1850 AND try_strptime(substr(c, 7, 8), '%Y%m%d') IS NOT NULL
  AND substr('${ID_CHECK_CHARS}', ((${idSum}) % 11) + 1, 1) = substr(c, 18, 1);
`;

/** Text → DATE in the accepted formats, NULL when not a real date (see shared/domain/dates.ts). */
export const IMPORT_MACROS_SQL = CODE_MACROS_SQL + `
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
CREATE OR REPLACE TEMP MACRO cws_amount(t) AS CASE WHEN regexp_full_match(t, '[0-9]{1,14}(\\.[0-9]+)?')
  THEN t::DECIMAL(18,4) END;
CREATE OR REPLACE TEMP MACRO cws_amount_yuan(t) AS CASE WHEN regexp_full_match(t, '[0-9]{1,14}(\\.[0-9]+)?')
  THEN (t::DECIMAL(38,8) / 10000)::DECIMAL(18,4) END;
-- list_contains, not IN: DuckDB turns long IN lists into joins, which would cost the staging scan its order.
CREATE OR REPLACE TEMP MACRO cws_bool(t) AS CASE
  WHEN t IS NULL THEN NULL
  WHEN list_contains(['是', 'true', 't', 'yes', 'y', '1'], lower(t)) THEN true
  WHEN list_contains(['否', 'false', 'f', 'no', 'n', '0'], lower(t)) THEN false
  ELSE NULL END;
`;

/**
 * person_key (workspace macro) reads the salt with a scalar subquery, which DuckDB plans as a join: that would cost
 * the staging scan its order preservation (row numbers come from the staging table's rowid). This copy has the
 * salt inlined; it gives the same value (tests compare the two).
 */
export function personKeyMacroSql(salt: string): string {
  const lit = `'${salt.replace(/'/g, "''")}'`;
  return `CREATE OR REPLACE TEMP MACRO cws_person_key(raw) AS CASE WHEN raw IS NULL OR trim(raw::VARCHAR) = '' THEN NULL
  ELSE 'P' || substr(sha256(${lit} || upper(trim(raw::VARCHAR))), 1, 24) END;`;
}
