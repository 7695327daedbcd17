// DuckDB macros mirroring shared/domain code checks and masking, for set-based validation in SQL.
// Kept in step with shared/domain/uscc.ts and idcard.ts; tests cross-check both on generated codes.
import { USCC_CHARSET, USCC_WEIGHTS, ORG_CODE_WEIGHTS } from '../../../shared/domain/uscc';
import { ID_WEIGHTS, ID_CHECK_CHARS } from '../../../shared/domain/idcard';

// Weighted sums are written out position by position: a list_transform lambda per row is ~20× slower at 1M rows.
const usccWeightedSum = USCC_WEIGHTS.map((w, i) => `(strpos('${USCC_CHARSET}', substr(c, ${i + 1}, 1)) - 1) * ${w}`).join(' + ');
// GB 11714 character values: digits 0–9, letters A=10 … Z=35.
const orgWeightedSum = ORG_CODE_WEIGHTS.map(
  (w, i) => `(ascii(substr(c, ${i + 9}, 1)) - CASE WHEN substr(c, ${i + 9}, 1) <= '9' THEN 48 ELSE 55 END) * ${w}`,
).join(' + ');
const idWeightedSum = ID_WEIGHTS.map((w, i) => `(ascii(substr(c, ${i + 1}, 1)) - 48) * ${w}`).join(' + ');

export const MACROS_SQL = `
CREATE OR REPLACE MACRO uscc_norm(raw) AS upper(trim(coalesce(raw::VARCHAR, '')));
CREATE OR REPLACE MACRO uscc_check_char(c) AS substr('${USCC_CHARSET}', ((31 - ((${usccWeightedSum}) % 31)) % 31)::INTEGER + 1, 1);
CREATE OR REPLACE MACRO uscc_org_check_n(c) AS 11 - ((${orgWeightedSum}) % 11);
CREATE OR REPLACE MACRO uscc_org_check_char(c) AS
  CASE uscc_org_check_n(c) WHEN 10 THEN 'X' WHEN 11 THEN '0' ELSE uscc_org_check_n(c)::VARCHAR END;
CREATE OR REPLACE MACRO uscc_reason_n(c) AS CASE
  WHEN c = '' THEN 'EMPTY'
  WHEN length(c) <> 18 THEN 'LENGTH'
  WHEN NOT regexp_full_match(c, '[0-9A-HJ-NPQRTUW-Y]{18}') THEN 'CHARSET'
  WHEN NOT regexp_full_match(substr(c, 9, 9), '[0-9A-Z]{8}[0-9X]') OR uscc_org_check_char(c) <> substr(c, 17, 1) THEN 'ORG_CHECK'
  WHEN uscc_check_char(c) <> substr(c, 18, 1) THEN 'CHECK_DIGIT'
  ELSE NULL END;
-- NULL when valid, else the reason code of shared/domain/uscc.ts
CREATE OR REPLACE MACRO uscc_reason(raw) AS uscc_reason_n(uscc_norm(raw));
CREATE OR REPLACE MACRO uscc_valid(raw) AS uscc_reason(raw) IS NULL;

CREATE OR REPLACE MACRO id_reason_n(c) AS CASE
  WHEN c = '' THEN 'EMPTY'
  WHEN length(c) <> 18 THEN 'LENGTH'
  WHEN NOT regexp_full_match(c, '[0-9]{17}[0-9X]') THEN 'CHARSET'
  WHEN substr(c, 7, 4)::INTEGER < 1850 OR try_strptime(substr(c, 7, 8), '%Y%m%d') IS NULL THEN 'BIRTH_DATE'
  WHEN substr('${ID_CHECK_CHARS}', ((${idWeightedSum}) % 11)::INTEGER + 1, 1) <> substr(c, 18, 1) THEN 'CHECK_DIGIT'
  ELSE NULL END;
CREATE OR REPLACE MACRO id_reason(raw) AS id_reason_n(upper(trim(coalesce(raw::VARCHAR, ''))));
CREATE OR REPLACE MACRO id_valid(raw) AS id_reason(raw) IS NULL;

-- Masking, as shared/domain/masking.ts
CREATE OR REPLACE MACRO mask_id(raw) AS CASE WHEN raw IS NULL THEN NULL
  WHEN length(trim(raw)) < 10 THEN regexp_replace(trim(raw), '.', '*', 'g')
  ELSE substr(upper(trim(raw)), 1, 6) || repeat('*', length(trim(raw)) - 10) || right(upper(trim(raw)), 4) END;
CREATE OR REPLACE MACRO mask_phone(raw) AS CASE WHEN raw IS NULL THEN NULL
  WHEN length(trim(raw)) < 7 THEN regexp_replace(trim(raw), '[0-9]', '*', 'g')
  ELSE substr(trim(raw), 1, 3) || repeat('*', length(trim(raw)) - 7) || right(trim(raw), 4) END;
CREATE OR REPLACE MACRO mask_name(raw) AS CASE WHEN raw IS NULL THEN NULL
  WHEN length(trim(raw)) <= 1 THEN trim(raw)
  ELSE substr(trim(raw), 1, 1) || repeat('*', length(trim(raw)) - 1) END;
`;

/** person_id of a natural person: salted SHA-256 of the normalised ID number (the raw number never leaves persons). */
export const PERSON_KEY_MACRO_SQL = `
CREATE OR REPLACE MACRO person_key(raw) AS CASE WHEN raw IS NULL OR trim(raw::VARCHAR) = '' THEN NULL
  ELSE 'P' || substr(sha256((SELECT value FROM workspace_meta WHERE key = 'person_salt') || upper(trim(raw::VARCHAR))), 1, 24) END;
`;
