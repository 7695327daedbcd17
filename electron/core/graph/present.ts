// Turning a set of graph nodes (in a temp table) into the contract's GraphNode / GraphEdge: labels (persons masked
// unless an unmask grant is active), lists in force, latest grade, registration status, and the edges among them.
import type { GraphEdge, GraphFilter, GraphNode, NodeKind } from '../../../shared/contract/graph';
import { RELATION_ROLE_LABELS } from '../../../shared/domain/enums';
import type { Conn } from '../workspace';
import { EDGE_NAME, edgeFilterSql, listInForceSql } from './sql';

export interface KeptRow {
  nid: number;
  node_key: string;
  kind: NodeKind;
  label: string | null;
  degree: number;
  status: string | null;
  hop: number;
  parent_key: string | null;
  capped: boolean;
}

/**
 * Reads the nodes of `table` (columns nid, node_key, kind, label, degree, status, hop, parent_key, capped, ord) with their details. The caller orders and caps the table beforehand.
 */
export async function presentNodes(
  conn: Conn,
  table: string,
  options: { statusDate: string; unmask: boolean },
): Promise<GraphNode[]> {
  const rows = await conn.all<KeptRow>(`SELECT nid, node_key, kind, label, degree, status, hop, parent_key, coalesce(capped, false) AS capped
    FROM ${table} ORDER BY ord`);
  const lists = await conn.all<{ k: string; lists: string[] }>(`SELECT k, list_sort(list(DISTINCT list_type)) AS lists FROM (
      SELECT p.node_key AS k, l.list_type FROM credit_lists l JOIN ${table} p ON p.kind = 'subject' AND p.node_key = l.uscc
      WHERE ${listInForceSql(options.statusDate)}
      UNION ALL
      SELECT p.node_key AS k, l.list_type FROM credit_lists l JOIN ${table} p ON p.kind = 'person' AND p.node_key = l.person_id
      WHERE ${listInForceSql(options.statusDate)}) GROUP BY k`);
  const listBy = new Map(lists.map((r) => [r.k, r.lists]));
  const grades = await latestGrades(conn);
  const names = options.unmask
    ? new Map(
        (
          await conn.all<{ k: string; name: string | null }>(`SELECT p.node_key AS k, min(x.name) AS name
            FROM persons x JOIN ${table} p ON p.kind = 'person' AND p.node_key = x.person_id GROUP BY p.node_key`)
        ).map((r) => [r.k, r.name]),
      )
    : new Map<string, string | null>();
  return rows.map((r) => ({
    id: r.node_key,
    kind: r.kind,
    label: (r.kind === 'person' && names.get(r.node_key)) || r.label || r.node_key,
    hop: Number(r.hop),
    parent: r.parent_key,
    degree: Number(r.degree),
    lists: listBy.get(r.node_key) ?? [],
    grade: r.kind === 'subject' ? (grades?.get(r.node_key) ?? null) : null,
    status: r.status ?? null,
    ...(r.capped ? { capped: true } : {}),
  }));

  async function latestGrades(c: Conn): Promise<Map<string, string> | null> {
    if (!rows.some((r) => r.kind === 'subject')) return null;
    // The evaluation capability's tables may be missing; use them when they have the expected columns.
    const cols = await c.all<{ t: string; c: string }>(`SELECT table_name AS t, column_name AS c FROM duckdb_columns()
      WHERE schema_name = 'main' AND table_name IN ('eval_scores', 'eval_runs')`);
    const has = (t: string, col: string) => cols.some((x) => x.t === t && x.c === col);
    if (!(has('eval_scores', 'run_id') && has('eval_scores', 'uscc') && has('eval_scores', 'grade') && has('eval_runs', 'run_id'))) {
      return null;
    }
    const order = ['finished_at', 'created_at', 'started_at', 'as_of'].find((col) => has('eval_runs', col));
    const latest = order ? `(SELECT run_id FROM eval_runs ORDER BY ${order} DESC NULLS LAST LIMIT 1)` : `(SELECT max(run_id) FROM eval_runs)`;
    if (!(await c.scalar(`SELECT count(*) FROM eval_runs`))) return null;
    try {
      const g = await c.all<{ k: string; grade: string }>(`SELECT p.node_key AS k, min(s.grade) AS grade FROM eval_scores s
        JOIN ${table} p ON p.kind = 'subject' AND p.node_key = s.uscc WHERE s.run_id = ${latest} GROUP BY p.node_key`);
      return new Map(g.map((r) => [r.k, r.grade]));
    } catch {
      return null;
    }
  }
}

/** Edges among the nodes of `table` that pass the filter, in their natural direction. */
export async function presentEdges(conn: Conn, table: string, filter: GraphFilter | undefined, onlyPairs?: [number, number][]): Promise<GraphEdge[]> {
  const pairWhere = onlyPairs?.length
    ? `AND (${onlyPairs.map(([u, v]) => `(a.src = ${u} AND a.dst = ${v}) OR (a.src = ${v} AND a.dst = ${u})`).join(' OR ')})`
    : '';
  // Rows are fetched by a join without any other condition (index lookups on src) and filtered afterwards in a
  // second statement: with the filter in the same statement DuckDB scans the whole table.
  await conn.run(`CREATE OR REPLACE TEMP TABLE _p_raw AS SELECT a.* FROM graph_adj a JOIN ${table} k ON a.src = k.nid`);
  const all = await conn.all<{
    src: number; dst: number; kind: number; share_pct: number | null; start_date: string | null; end_date: string | null;
  }>(`SELECT a.src, a.dst, a.kind, a.share_pct, a.start_date, a.end_date FROM _p_raw a
    WHERE a.fwd AND ${edgeFilterSql(filter, 'a')} ${pairWhere}`);
  const keys = new Map(
    (await conn.all<{ nid: number; node_key: string }>(`SELECT nid, node_key FROM ${table}`)).map((r) => [Number(r.nid), r.node_key]),
  );
  const raw = all.filter((r) => keys.has(Number(r.dst)));
  const rows = raw
    .map((r) => ({ ...r, s: keys.get(Number(r.src))!, t: keys.get(Number(r.dst))! }))
    .sort((x, y) =>
      cmp(x.s, y.s) || cmp(x.t, y.t) || Number(x.kind) - Number(y.kind) || cmp(x.start_date ?? '', y.start_date ?? '') || (x.share_pct ?? -1) - (y.share_pct ?? -1),
    );
  const seen = new Map<string, number>();
  return rows.map((r) => {
    const role = EDGE_NAME[Number(r.kind)]!;
    const base = `${r.s}>${r.t}:${role}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const share = r.share_pct === null ? null : Number(r.share_pct);
    return {
      id: n === 1 ? base : `${base}#${n}`,
      source: r.s,
      target: r.t,
      role,
      roleLabel: roleLabel(role, share),
      sharePct: share,
      startDate: r.start_date,
      endDate: r.end_date,
    };
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function roleLabel(role: string, share: number | null): string {
  const base = RELATION_ROLE_LABELS[role] ?? role;
  return role === 'shareholder' && share !== null ? `${base} ${formatPct(share)}%` : base;
}

function formatPct(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
}
