// Codes and SQL fragments shared by the graph build and its queries.
//
// Storage (see schema.ts): graph_nodes(nid, node_key, kind, label, degree) sorted by nid, and graph_adj — every
// edge stored twice (src→dst and dst→src, `fwd` marks the natural direction) sorted by src, so a hop from a set of
// nodes is one join whose scan DuckDB prunes with zonemaps (min/max per row group) on the sorted src column.
import type { EdgeKind, GraphFilter, NodeKind } from '../../../shared/contract/graph';
import { quoteLiteral } from '../workspace';
import { CoreError } from '../errors';

export const EDGE_CODE: Record<EdgeKind, number> = {
  legal_rep: 1,
  shareholder: 2,
  officer: 3,
  same_address: 4,
  same_phone: 5,
};
export const EDGE_NAME: Record<number, EdgeKind> = Object.fromEntries(
  Object.entries(EDGE_CODE).map(([k, v]) => [v, k as EdgeKind]),
) as Record<number, EdgeKind>;

/** Node kind codes as stored in graph_adj.dst_kind (graph_nodes.kind holds the names). */
export const NODE_CODE: Record<NodeKind, number> = { subject: 0, person: 1, address: 2, phone: 3 };
export const NODE_NAME: Record<number, NodeKind> = { 0: 'subject', 1: 'person', 2: 'address', 3: 'phone' };

/** Hubs shared by more firms than this are shown but not passed through unless the caller says otherwise. */
export const DEFAULT_MAX_HUB_SIZE = 100;

/** How much an edge kind says about a tie, for ranking what an ego network keeps (lower = more relevant). */
export const EDGE_PRIORITY_SQL = `CASE kind WHEN 1 THEN 1 WHEN 2 THEN 2 WHEN 3 THEN 3 WHEN 5 THEN 4 ELSE 5 END`;

/** Blacklist kinds counted as exposure (shared/domain/enums BLACK_LIST_TYPES). */
export const EXPOSURE_LISTS = {
  black: '严重失信主体名单',
  abnormal: '经营异常名录',
  dishonest: '失信被执行人',
} as const;

/** Relation roles as they arrive (codes or Chinese) → edge code; anything else is skipped and counted. */
export const ROLE_CODE_SQL = (col: string) => `CASE
  WHEN lower(trim(${col})) IN ('legal_rep', '法定代表人', '法人代表', '法人', '负责人', '经营者', '投资人') THEN 1
  WHEN lower(trim(${col})) IN ('shareholder', '股东', '出资人', '投资方', '合伙人') THEN 2
  WHEN lower(trim(${col})) IN ('officer', '高管', '董事', '董事长', '监事', '经理', '总经理', '财务负责人', '高级管理人员') THEN 3
  ELSE NULL END`;

/**
 * Registered address → the key firms are grouped by: trimmed, full-width digits/letters/spaces made half-width,
 * upper case, every space, separator and punctuation mark removed (（１２３号）→123号, "A-座" → "A座").
 */
export const ADDRESS_NORM_MACRO = `
CREATE OR REPLACE MACRO graph_addr_norm(a) AS upper(regexp_replace(
  translate(trim(coalesce(a, '')), '　０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ',
    ' 0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'),
  '[\\s\\p{Z}\\p{P}]', '', 'g'));
CREATE OR REPLACE MACRO graph_phone_norm(p) AS regexp_replace(
  regexp_replace(translate(coalesce(p, ''), '０１２３４５６７８９', '0123456789'), '[^0-9]', '', 'g'),
  '^(0086|86)(1[0-9]{10})$', '\\2');
`;

/** Shortest normalised address / phone that may tie firms together (shorter ones are placeholders like "无"). */
export const MIN_ADDRESS_CHARS = 6;
export const MIN_PHONE_DIGITS = 7;

/** SQL condition on graph_adj columns (alias a) for the filter's edge kinds and dates. */
export function edgeFilterSql(filter: GraphFilter | undefined, alias = 'a'): string {
  const parts: string[] = [];
  if (filter?.kinds?.length) parts.push(`${alias}.kind IN (${filter.kinds.map((k) => EDGE_CODE[k]).join(', ')})`);
  if (filter?.asOf) {
    const d = `DATE ${quoteLiteral(filter.asOf)}`;
    parts.push(`(${alias}.start_date IS NULL OR ${alias}.start_date <= ${d}) AND (${alias}.end_date IS NULL OR ${alias}.end_date > ${d})`);
  }
  if (filter?.dateFrom || filter?.dateTo) {
    if (filter.dateFrom && filter.dateTo && filter.dateFrom > filter.dateTo) {
      throw new CoreError('BAD_INPUT', '起始日期晚于结束日期，请调整时间范围。');
    }
    if (filter.dateTo) parts.push(`(${alias}.start_date IS NULL OR ${alias}.start_date <= DATE ${quoteLiteral(filter.dateTo)})`);
    if (filter.dateFrom) parts.push(`(${alias}.end_date IS NULL OR ${alias}.end_date > DATE ${quoteLiteral(filter.dateFrom)})`);
  }
  return parts.length ? parts.join(' AND ') : 'TRUE';
}

/** The as-of date for list status and exposure: the filter's asOf, its period end, or today. */
export function statusDate(filter?: GraphFilter): string {
  return filter?.asOf ?? filter?.dateTo ?? today();
}

export function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Condition for a credit_lists row (alias l) in force on a date. */
export function listInForceSql(date: string, alias = 'l'): string {
  const d = `DATE ${quoteLiteral(date)}`;
  return `${alias}.in_date <= ${d} AND (${alias}.out_date IS NULL OR ${alias}.out_date > ${d})`;
}

export function intList(ids: Iterable<number>): string {
  const s = [...ids].join(', ');
  return s || 'NULL';
}
