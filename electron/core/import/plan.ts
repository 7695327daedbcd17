// The SQL of one import, built from the table definition, the column mapping and the validation rules (data).
// Set-based passes: (0) the distinct codes of each USCC column have their check digits computed once (badUsccSql);
// (1) every source row is parsed, trimmed, typed and validated once into a temporary staging table (row number, all
// reasons, natural key, typed values, extra/original JSON); then, inside one transaction, (2) one INSERT … SELECT
// moves the valid rows whose key is new — not in the workspace and not on an earlier valid row of the file — into
// the canonical table and (3) one INSERT moves the rejected rows into import_rejects.
// Nothing is deleted inside the transaction, so DuckDB commits the optimistically written row groups as they are.
import { BOOKKEEPING_COLUMNS, TABLE_BY_NAME, type ColumnDef } from '../../../shared/domain/tables';
import { quoteIdent as qi, quoteLiteral as ql } from '../workspace/query';
import { CoreError } from '../errors';
import type { Condition, Rule, TableValidation, ValidationFile } from './profiles';
import { headerIsYuan, targetColumns, type TargetColumn } from './profiles';

export interface PlanInput {
  table: string;
  /** SELECT rn, c0 … cN-1 FROM … */
  relation: string;
  headers: string[];
  /** header → target column or null (kept in extra). */
  mapping: Record<string, string | null>;
  validation: ValidationFile;
  /** 'YYYY-MM-DD': dates after it are DATE_INVALID. */
  today: string;
  batchId: string;
  /**
   * Per USCC-checked column, the well-shaped codes of the file whose check digits fail (see Plan.badUsccSql): the
   * staging pass then only matches the shape and looks codes up in this list, instead of computing the check
   * digits on every row (the costliest check; a file holds far fewer distinct codes than rows). Absent: computed.
   */
  badUscc?: Record<string, string[]>;
}

/** Longest list of bad codes looked up per row; with more, the staging pass computes the check digits itself. */
export const MAX_BAD_USCC_LIST = 256;

/** Temporary staging table (connection-local, dropped before COMMIT). */
export const STAGE_TABLE = 'cws_import_stage';
export const DUPS_TABLE = 'cws_import_dups';
/** Placeholder for the staging table's first rowid in dupsSql/insertSql/rejectsSql (see withRowBase). */
export const ROW_BASE = '__CWS_ROW_BASE__';

/** Fills in the first rowid of the staging table (an integer as DuckDB printed it). */
export function withRowBase(sql: string, base: string | number | bigint): string {
  const text = String(base);
  if (!/^-?\d+$/.test(text)) throw new Error(`bad row base ${text}`);
  return sql.split(ROW_BASE).join(text);
}

// Whitespace trimmed from values: space, tab, CR, LF, no-break space, ideographic space.
const WHITESPACE = [' ', '\t', '\r', '\n', '\u00a0', '\u3000'];
const TRIM_CHARS = ql(WHITESPACE.join(''));

/** trim(x, chars) only where x starts or ends with whitespace: trimming copies every string and costs as much as
 *  parsing the file, while the checks are cheap. Empty → NULL. */
function trimSql(x: string): string {
  const edge = [`contains(${TRIM_CHARS}, left(${x}, 1))`, ...WHITESPACE.map((w) => `ends_with(${x}, ${ql(w)})`)].join(' OR ');
  return `NULLIF(CASE WHEN ${edge} THEN trim(${x}, ${TRIM_CHARS}) ELSE ${x} END, '')`;
}

const t = (col: string) => qi(`t_${col}`);
// Value lists as list_contains([...], x), never `x IN (...)`: DuckDB rewrites long IN lists into a join, and a join
// in the staging scan would lose the file order that row numbers rely on.
const sqlList = (values: string[]) => `[${values.map(ql).join(', ')}]::VARCHAR[]`;
const p = (col: string) => qi(`p_${col}`);

function conditionSql(c: Condition, v: ValidationFile): string {
  if ('all' in c) return '(' + c.all.map((x) => conditionSql(x, v)).join(' AND ') + ')';
  if ('any' in c) return '(' + c.any.map((x) => conditionSql(x, v)).join(' OR ') + ')';
  if ('not' in c) return `(NOT ${conditionSql(c.not, v)})`;
  if ('in' in c) {
    const values = c.in === '@idCardTypes' ? v.idCardTypes : c.in;
    return `list_contains(${sqlList(values)}, coalesce(${t(c.column)}, ''))`;
  }
  if ('empty' in c) return c.empty ? `(${t(c.column)} IS NULL)` : `(${t(c.column)} IS NOT NULL)`;
  return `(coalesce(length(${t(c.column)}), 0) = ${c.length})`;
}

function ruleSql(r: Rule, v: ValidationFile, today: string, badUscc: PlanInput['badUscc']): string {
  switch (r.rule) {
    case 'required':
      return `${t(r.column)} IS NULL`;
    case 'enum': {
      const notIn = `NOT list_contains(${sqlList(r.values)}, ${t(r.column)})`;
      return r.required ? `(${t(r.column)} IS NULL OR ${notIn})` : `(${t(r.column)} IS NOT NULL AND ${notIn})`;
    }
    case 'uscc':
    case 'idcard': {
      const fn = r.rule === 'uscc' ? 'cws_uscc_ok' : 'cws_id_ok';
      const value = r.rule === 'uscc' ? t(r.column) : `upper(${t(r.column)})`;
      const bad = r.rule === 'uscc' ? badUscc?.[r.column] : undefined;
      const parts = [bad ? `(NOT cws_uscc_shape(${value}) OR list_contains(${sqlList(bad)}, ${value}))` : `NOT ${fn}(${value})`];
      if (!r.required) parts.unshift(`${t(r.column)} IS NOT NULL`);
      if (r.when) parts.unshift(conditionSql(r.when, v));
      return '(' + parts.join(' AND ') + ')';
    }
    case 'date': {
      const parts = [`(${t(r.column)} IS NOT NULL AND ${p(r.column)} IS NULL)`];
      if (r.required) parts.push(`${t(r.column)} IS NULL`);
      if (r.event) parts.push(`${p(r.column)} < DATE ${ql(v.minDate)}`, `${p(r.column)} > DATE ${ql(today)}`);
      return '(' + parts.join(' OR ') + ')';
    }
    case 'amount':
      return `(${t(r.column)} IS NOT NULL AND ${p(r.column)} IS NULL)`;
    case 'anyOf':
      return '(' + r.columns.map((c) => `${t(c)} IS NULL`).join(' AND ') + ')';
  }
}

/** Parse failures of typed columns no explicit rule covers: the same kind of reason. */
function typeRules(targets: TargetColumn[], explicit: Rule[]): Rule[] {
  const covered = new Set(explicit.filter((r) => r.rule === 'date' || r.rule === 'amount').map((r) => ('column' in r ? r.column : '')));
  const out: Rule[] = [];
  for (const c of targets) {
    if (covered.has(c.name)) continue;
    if (c.type === 'DATE') out.push({ rule: 'date', column: c.name, required: false, event: false, reason: 'DATE_INVALID' });
    if (c.type === 'DECIMAL(18,4)') out.push({ rule: 'amount', column: c.name, reason: 'AMOUNT_INVALID' });
  }
  return out;
}

/** Extra parse rules for DOUBLE/BOOLEAN/integer columns (as SQL conditions with their reason). */
function typeChecks(targets: TargetColumn[]): { reason: string; sql: string }[] {
  const out: { reason: string; sql: string }[] = [];
  for (const c of targets) {
    if (c.type === 'DOUBLE' || c.type === 'INTEGER' || c.type === 'BIGINT') out.push({ reason: 'NUMBER_INVALID', sql: `(${t(c.name)} IS NOT NULL AND ${p(c.name)} IS NULL)` });
    if (c.type === 'BOOLEAN') out.push({ reason: 'BOOLEAN_INVALID', sql: `(${t(c.name)} IS NOT NULL AND ${p(c.name)} IS NULL)` });
  }
  return out;
}

function parsedSql(c: TargetColumn, yuan: boolean): string | null {
  switch (c.type) {
    case 'DATE':
      return `cws_date_t(${t(c.name)})`;
    case 'DECIMAL(18,4)':
      return `${yuan ? 'cws_amount_yuan' : 'cws_amount'}(${t(c.name)})`;
    case 'DOUBLE':
      return `TRY_CAST(${t(c.name)} AS DOUBLE)`;
    case 'INTEGER':
    case 'BIGINT':
      return `TRY_CAST(${t(c.name)} AS ${c.type})`;
    case 'BOOLEAN':
      return `cws_bool(${t(c.name)})`;
    case 'TIMESTAMP':
      return `TRY_CAST(${t(c.name)} AS TIMESTAMP)`;
    default:
      return null;
  }
}

function conditionColumns(c: Condition, out: Set<string>): void {
  if ('all' in c) c.all.forEach((x) => conditionColumns(x, out));
  else if ('any' in c) c.any.forEach((x) => conditionColumns(x, out));
  else if ('not' in c) conditionColumns(c.not, out);
  else out.add(c.column);
}

/** Columns that rules, conditions, normalisation or the natural key read. */
function checkedColumns(spec: TableValidation, key: string[]): Set<string> {
  const out = new Set<string>(key);
  for (const r of spec.rules) {
    if ('columns' in r) r.columns.forEach((c) => out.add(c));
    else out.add(r.column);
    if ('when' in r && r.when) conditionColumns(r.when, out);
  }
  for (const c of Object.keys(spec.normalise ?? {})) out.add(c);
  return out;
}

const isCodeColumn = (name: string) => name === 'uscc' || name.endsWith('_uscc');

/** Which mapped virtual ID columns end up hashed in a table column (the rest are kept masked in extra). */
function consumedIdColumns(table: string): Record<string, string> {
  const cols = new Set(TABLE_BY_NAME[table]!.columns.map((c) => c.name));
  const out: Record<string, string> = {};
  if (cols.has('person_id')) out.id_number = 'person_id';
  if (cols.has('legal_rep_person_id')) out.legal_rep_id_number = 'legal_rep_person_id';
  return out;
}

/** The value stored in a canonical column (SQL over t_/p_ columns). */
function outputSql(table: string, col: ColumnDef, mapped: Set<string>, targetTypes: Map<string, TargetColumn>): string {
  const name = col.name;
  const target = targetTypes.get(name);
  const parsed = target ? parsedSql(target, false) : null;
  const base = parsed ? p(name) : t(name);
  if (name === 'person_id' && mapped.has('id_number')) return `coalesce(${t('person_id')}, cws_person_key(${t('id_number')}))`;
  if (name === 'id_masked' && mapped.has('id_number')) return `coalesce(${t('id_masked')}, mask_id(${t('id_number')}))`;
  if (name === 'legal_rep_person_id' && mapped.has('legal_rep_id_number')) {
    return `coalesce(${t('legal_rep_person_id')}, cws_person_key(${t('legal_rep_id_number')}))`;
  }
  if (table === 'persons') {
    if (name === 'person_id') return `coalesce(${t('person_id')}, cws_person_key(${t('id_number')}))`;
    if (name === 'id_masked') return `mask_id(${t('id_number')})`;
    if (name === 'id_number') return `upper(${t('id_number')})`;
  }
  return base;
}

export interface Plan {
  /** Pass 1: CREATE TEMP TABLE of every source row, parsed and validated (reasons, keys, typed values). */
  stageSql: string;
  /** The first rowid of the staging table, to number rows (run after stageSql). */
  rowBaseSql: string;
  /** Keys repeated among the valid rows, with the first row of each (small temp table); needs withRowBase. */
  dupsSql: string;
  /** Pass 2: INSERT of the valid, new, first-in-file rows into the canonical table. */
  insertSql: string;
  /** insertSql without the anti-join against repeats in the file (repeats: false) or the table (existing: false). */
  insertSqlFor: (o: { repeats: boolean; existing: boolean }) => string;
  /** Whether dupsSql found any key repeated among the valid rows (run after dupsSql). */
  anyRepeatsSql: string;
  /** Whether the canonical table holds any row yet (run before the insert). */
  anyExistingSql: string;
  /** Pass 3: INSERT of the rejected rows into import_rejects. */
  rejectsSql: string;
  /** Rows in the staging table (every data row of the file). */
  stagedRowsSql: string;
  dropSql: string;
  extraHeaders: string[];
  /** Per column under a USCC rule, the query of its well-shaped codes whose check digits fail (one row, a list in
   *  column bad), for PlanInput.badUscc. */
  badUsccSql: Record<string, string>;
}

export function buildPlan(input: PlanInput): Plan {
  const def = TABLE_BY_NAME[input.table];
  if (!def) throw new CoreError('BAD_INPUT', `未知的数据表：${input.table}`);
  const spec: TableValidation = input.validation.tables[input.table] ?? { rules: [] };
  const targets = targetColumns(input.table);
  const targetTypes = new Map(targets.map((c) => [c.name, c]));
  const batch = ql(input.batchId);

  // header index by target
  const sourceOf = new Map<string, number>();
  input.headers.forEach((h, i) => {
    const target = input.mapping[h];
    if (target) {
      if (!targetTypes.has(target)) throw new CoreError('BAD_INPUT', `列“${h}”映射到了表 ${input.table} 中不存在的列 ${target}。`);
      if (sourceOf.has(target)) throw new CoreError('BAD_INPUT', `列 ${target} 被映射了两次（${input.headers[sourceOf.get(target)!]}、${h}），请只保留一个。`);
      sourceOf.set(target, i);
    }
  });
  const mapped = new Set(sourceOf.keys());
  const consumed = consumedIdColumns(input.table);
  const idTargets = new Set(targets.filter((c) => c.virtual === 'id').map((c) => c.name));
  if (input.table === 'persons') idTargets.add('id_number');

  // Layer 1: texts per target (NULL when unmapped or empty), normalised codes and enum spellings. Values that rules,
  // keys or parsing look at are trimmed; free text (违法事实, 处罚依据 …) is kept as written — trimming every column
  // costs as much as reading the file.
  const checked = checkedColumns(spec, def.key);
  const textCols = targets.map((c) => {
    const i = sourceOf.get(c.name);
    if (i === undefined) return `NULL::VARCHAR AS ${t(c.name)}`;
    const trimmed = checked.has(c.name) || c.type !== 'VARCHAR' || isCodeColumn(c.name) || !!c.virtual;
    let expr = trimmed ? trimSql(`c${i}`) : `NULLIF(c${i}, '')`;
    if (isCodeColumn(c.name)) expr = `upper(${expr})`;
    const map = spec.normalise?.[c.name];
    if (map && Object.keys(map).length) {
      expr = `CASE ${expr} ${Object.entries(map).map(([from, to]) => `WHEN ${ql(from)} THEN ${ql(to)}`).join(' ')} ELSE ${expr} END`;
    }
    return `${expr} AS ${t(c.name)}`;
  });
  const raw = input.headers.map((_, i) => `c${i}`);
  const layer1 = `SELECT rn, ${[...raw, ...textCols].join(', ')} FROM (${input.relation}) src`;

  // Layer 2: parsed values.
  const parsedCols = targets.flatMap((c) => {
    const i = sourceOf.get(c.name);
    const sql = parsedSql(c, i !== undefined && headerIsYuan(input.headers[i]!));
    return sql ? [`${sql} AS ${p(c.name)}`] : [];
  });
  const layer2 = `SELECT *${parsedCols.length ? ', ' + parsedCols.join(', ') : ''} FROM (${layer1}) l1`;

  // Layer 3: reasons, one entry per reason code (in rule order), each once.
  const rules = [...spec.rules, ...typeRules(targets, spec.rules)];
  const byReason = new Map<string, string[]>();
  for (const r of rules) {
    const list = byReason.get(r.reason) ?? [];
    list.push(ruleSql(r, input.validation, input.today, input.badUscc));
    byReason.set(r.reason, list);
  }
  for (const chk of typeChecks(targets)) {
    const list = byReason.get(chk.reason) ?? [];
    list.push(chk.sql);
    byReason.set(chk.reason, list);
  }
  const reasonItems = [...byReason.entries()].map(([reason, conds]) => `CASE WHEN ${conds.join(' OR ')} THEN ${ql(reason)} END`);
  const reasonsExpr = reasonItems.length ? `list_filter([${reasonItems.join(', ')}], x -> x IS NOT NULL)` : `[]::VARCHAR[]`;
  const layer3 = `SELECT *, ${reasonsExpr} AS reasons FROM (${layer2}) l2`;

  // Values kept out of the canonical columns: unmapped source columns, virtual text columns and ID numbers that no
  // column consumes (masked).
  const extraParts: string[] = [];
  const extraHeaders: string[] = [];
  input.headers.forEach((h, i) => {
    const target = input.mapping[h];
    const virtual = target ? targetTypes.get(target)?.virtual : undefined;
    if (!target) extraParts.push(`${ql(h)}, c${i}`);
    else if (virtual === 'text') extraParts.push(`${ql(h)}, ${t(target)}`);
    else if (virtual === 'id' && !consumed[target]) extraParts.push(`${ql(h)}, mask_id(${t(target)})`);
    else return;
    extraHeaders.push(h);
  });
  const extraExpr = extraParts.length ? `json_object(${extraParts.join(', ')})` : 'NULL::JSON';
  // Original values of a rejected row; natural persons' ID numbers only masked.
  const originalParts = input.headers.map((h, i) => {
    const target = input.mapping[h];
    return target && idTargets.has(target) ? `${ql(h)}, mask_id(c${i})` : `${ql(h)}, c${i}`;
  });
  const originalExpr = originalParts.length ? `json_object(${originalParts.join(', ')})` : `'{}'::JSON`;

  const bookkeeping = new Set(BOOKKEEPING_COLUMNS.map((c) => c.name));
  // Columns no source column fills (directly or derived) stay NULL: they are neither staged nor named in the insert
  // (a column of NULLs per row would still be written to, and spilled from, the staging table).
  const filled = (c: ColumnDef) => {
    const out = outputSql(input.table, c, mapped, targetTypes);
    return def.key.includes(c.name) || mapped.has(c.name) || (out !== t(c.name) && out !== p(c.name));
  };
  const dataCols = def.columns.filter((c) => !bookkeeping.has(c.name) && filled(c));
  const keyCols = def.key;
  const keyName = (k: string) => qi(`k_${k}`);
  const keyList = keyCols.map((k) => keyName(k)).join(', ');
  const keyCols3 = keyCols.map((k) => `${outputSql(input.table, dataCols.find((c) => c.name === k)!, mapped, targetTypes)} AS ${keyName(k)}`);
  const layer3k = `SELECT *, ${keyCols3.join(', ')} FROM (${layer3}) l3`;
  const stage = qi(STAGE_TABLE);
  const outCol = (name: string) => qi(`o_${name}`);
  const stageCols = [
    'rn',
    'reasons',
    ...keyCols.map(keyName),
    `hash(${keyList}) AS key_hash`,
    ...dataCols.filter((c) => !keyCols.includes(c.name)).map((c) => `${outputSql(input.table, c, mapped, targetTypes)} AS ${outCol(c.name)}`),
    `${extraExpr} AS extra`,
    `CASE WHEN len(reasons) > 0 THEN ${originalExpr} END AS original`,
  ];
  // Pass 1: parse + validate every row once, into a temporary staging table (spills to the temp directory when big).
  const stageSql = `CREATE OR REPLACE TEMP TABLE ${stage} AS SELECT ${stageCols.join(',\n  ')}
FROM (${layer3k}) l3k`;

  // Pass 2: valid rows whose key is neither in the workspace nor on an earlier valid row of the file. Repeats are
  // found by key hash first (an integer aggregate), then confirmed on the exact key; IS NOT DISTINCT FROM and
  // grouping treat NULL parts of a key as equal.
  const tbl = `main.${qi(input.table)}`;
  const dups = qi(DUPS_TABLE);
  // Inside a transaction the rowids of a new table start at a large offset: rows are numbered from the first one,
  // whose rowid the caller reads after pass 1 (a scalar subquery here would be planned as a cross product that
  // copies every row).
  const rowNo = `coalesce(rn, rowid - ${ROW_BASE} + 1)`;
  const valid = `SELECT *, ${rowNo} AS row_no FROM ${stage} WHERE len(reasons) = 0`;
  const dupsSql = `CREATE OR REPLACE TEMP TABLE ${dups} AS
SELECT min(row_no) AS first_row, ${keyList}, any_value(key_hash) AS key_hash FROM (${valid})
WHERE key_hash IN (SELECT key_hash FROM ${stage} WHERE len(reasons) = 0 GROUP BY key_hash HAVING count(*) > 1)
GROUP BY ${keyList}`;
  const insertCols = [...dataCols.map((c) => qi(c.name)), 'batch_id', 'source_row', 'extra'];
  const selectCols = [...dataCols.map((c) => (keyCols.includes(c.name) ? `s.${keyName(c.name)}` : `s.${outCol(c.name)}`)), batch, 's.row_no', 's.extra'];
  const laterJoin = `
  ANTI JOIN (SELECT d.first_row, d.key_hash, ${keyCols.map((k) => `d.${keyName(k)}`).join(', ')} FROM ${dups} d) later
    ON s.key_hash = later.key_hash AND ${keyCols.map((k) => `s.${keyName(k)} IS NOT DISTINCT FROM later.${keyName(k)}`).join(' AND ')}
       AND s.row_no > later.first_row`;
  const existingJoin = `
  ANTI JOIN (SELECT hash(${keyCols.map(qi).join(', ')}) AS key_hash, ${keyCols.map((k) => `${qi(k)} AS ${keyName(k)}`).join(', ')} FROM ${tbl}) ex
    ON s.key_hash = ex.key_hash AND ${keyCols.map((k) => `s.${keyName(k)} IS NOT DISTINCT FROM ex.${keyName(k)}`).join(' AND ')}`;
  // An anti-join that cannot match (no key repeated in the file; an empty table) still builds and probes a hash
  // table for every row: the caller leaves it out when it knows so (see insertSqlFor).
  const insertSqlFor = (o: { repeats: boolean; existing: boolean }) => `INSERT INTO ${tbl} (${insertCols.join(', ')})
SELECT ${selectCols.join(', ')}
FROM (${valid}) s${o.repeats ? laterJoin : ''}${o.existing ? existingJoin : ''}`;
  const insertSql = insertSqlFor({ repeats: true, existing: true });

  // Pass 3: rejected rows with every reason and their original values.
  const rejectsSql = `INSERT INTO import_rejects (batch_id, row_number, reasons, original)
SELECT ${batch}, ${rowNo}, reasons, original FROM ${stage} WHERE len(reasons) > 0`;
  const stagedRowsSql = `SELECT count(*) FROM ${stage}`;
  const dropSql = `DROP TABLE IF EXISTS ${stage}; DROP TABLE IF EXISTS ${dups}`;
  const rowBaseSql = `SELECT coalesce(min(rowid), 0)::VARCHAR FROM ${stage}`;
  const anyRepeatsSql = `SELECT EXISTS (SELECT 1 FROM ${dups})`;
  const anyExistingSql = `SELECT EXISTS (SELECT 1 FROM ${tbl})`;
  const badUsccSql = Object.fromEntries(
    [...new Set(rules.filter((r): r is Extract<Rule, { rule: 'uscc' }> => r.rule === 'uscc').map((r) => r.column))]
      .filter((col) => sourceOf.has(col))
      .map((col) => [
        col,
        // Filtered inside the aggregate: a WHERE on the codes would be pushed below the DISTINCT and check every row.
        `SELECT list_filter(list(code), x -> cws_uscc_shape(x) AND NOT cws_uscc_ok(x)) AS bad
         FROM (SELECT DISTINCT ${t(col)} AS code FROM (${layer1}) l1)`,
      ]),
  );
  return { stageSql, rowBaseSql, dupsSql, insertSql, insertSqlFor, anyRepeatsSql, anyExistingSql, rejectsSql, stagedRowsSql, dropSql, extraHeaders, badUsccSql };
}
