// Ego network: everything within 1–3 hops of a node, the most relevant first, capped, with a count of the cut.
//
// Relevance (what the cap keeps): fewer hops first; then the kind of the tie that reached the node (法定代表人,
// 股东, 高管, 同电话, 同地址); hubs before the firms reached through them (so every kept firm stays connected);
// larger shareholding; higher degree; then the id for a stable order. Because whole hops rank before the next,
// every kept node's parent is kept too.
import type { GraphFilter, GraphView } from '../../../shared/contract/graph';
import { quoteLiteral, type Conn, type Workspace } from '../workspace';
import { CoreError } from '../errors';
import { ensureGraph, type ProgressFn } from './build';
import { Bfs, written } from './traverse';
import { presentEdges, presentNodes } from './present';
import { statusDate } from './sql';

export const DEFAULT_EGO_LIMIT = 1500;
/** A 3-hop search through a very connected region stops growing past this many nodes. */
const MAX_VISITED = 300_000;

export interface EgoInput {
  center: string;
  hops?: number;
  limit?: number;
  filter?: GraphFilter;
}

export async function egoNetwork(
  ws: Workspace,
  input: EgoInput,
  options: { unmask?: boolean; signal?: AbortSignal; progress?: ProgressFn } = {},
): Promise<GraphView> {
  const started = performance.now();
  const version = await ensureGraph(ws, options.signal, options.progress);
  const hops = input.hops ?? 2;
  const limit = input.limit ?? DEFAULT_EGO_LIMIT;
  return ws.withConnection(async (conn) => {
    const center = await findNode(conn, input.center);
    const bfs = new Bfs(conn, '_e', { filter: input.filter, maxVisited: MAX_VISITED });
    await bfs.start([center.nid]);
    for (let h = 1; h <= hops; h++) {
      if ((await bfs.step()) === 0) break;
    }
    const byHop = await conn.all<{ hop: number; n: number }>(`SELECT hop, count(*) AS n FROM _e_v GROUP BY hop ORDER BY hop`);
    const reachedByHop = byHop.map((r) => Number(r.n));
    const kept = await written(
      conn,
      `CREATE OR REPLACE TEMP TABLE _e_keep AS
      WITH ranked AS (
        SELECT v.nid, g.node_key, g.kind, g.label, g.degree, g.status, v.hop, v.parent, v.capped,
          row_number() OVER (ORDER BY v.hop, v.prio, v.is_hub DESC, v.share DESC NULLS LAST, g.degree DESC, g.node_key) AS ord
        FROM _e_v v JOIN graph_nodes g ON g.nid = v.nid
        QUALIFY ord <= ${limit})
      SELECT r.nid, r.node_key, r.kind, r.label, r.degree, r.status, r.hop, p.node_key AS parent_key, r.capped, r.ord
      FROM ranked r LEFT JOIN ranked p ON p.nid = r.parent`,
    );
    const nodes = await presentNodes(conn, '_e_keep', { statusDate: statusDate(input.filter), unmask: !!options.unmask });
    const edges = await presentEdges(conn, '_e_keep', input.filter);
    return {
      center: center.node_key,
      nodes,
      edges,
      truncated: bfs.visitedCount - kept,
      reachedByHop,
      graphVersion: version,
      elapsedMs: Math.round(performance.now() - started),
    };
  }, options.signal);
}

/**
 * A node by its id as the user typed it: exact, or upper-cased (USCC in lower case). Goes through graph_keys
 * (sorted hashes) and then the node's id, two lookups that zonemaps answer from one row group each.
 */
export async function findNode(conn: Conn | Workspace, id: string): Promise<{ nid: number; node_key: string; kind: string }> {
  const key = id.trim();
  let row: { nid: number; node_key: string; kind: string } | undefined;
  for (const k of [...new Set([key, key.toUpperCase()])]) {
    const ids = await conn.all<{ nid: number }>(`SELECT nid FROM graph_keys WHERE h = hash(${quoteLiteral(k)})`);
    for (const { nid } of ids) {
      row ??= await conn.one<{ nid: number; node_key: string; kind: string }>(
        `SELECT nid, node_key, kind FROM graph_nodes WHERE nid = ${Number(nid)} AND node_key = ${quoteLiteral(k)}`,
      );
    }
    if (row) break;
  }
  if (!row) {
    throw new CoreError('NOT_FOUND', `关系图谱中没有 ${key.slice(0, 40)}：请确认统一社会信用代码，或先导入该主体的关联关系。`);
  }
  return { nid: Number(row.nid), node_key: row.node_key, kind: row.kind };
}
