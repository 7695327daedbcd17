// Shortest path between two nodes: breadth-first from both ends in SQL, expanding the smaller frontier one hop at
// a time, until the two visited sets meet at a firm or person (a hub pass is one hop, as in traverse.ts).
// After a full level expansion of one side, any meeting node gives a shortest path: before that level nothing
// met, so no path is shorter than the two current depths added up.
import type { GraphFilter, PathResult } from '../../../shared/contract/graph';
import type { Workspace } from '../workspace';
import { ensureGraph, type ProgressFn } from './build';
import { findNode } from './ego';
import { Bfs } from './traverse';
import { presentEdges, presentNodes } from './present';
import { intList, statusDate } from './sql';

export const DEFAULT_PATH_HOPS = 6;

export interface PathInput {
  source: string;
  target: string;
  maxHops?: number;
  filter?: GraphFilter;
}

export async function shortestPath(
  ws: Workspace,
  input: PathInput,
  options: { unmask?: boolean; signal?: AbortSignal; progress?: ProgressFn } = {},
): Promise<PathResult> {
  const started = performance.now();
  await ensureGraph(ws, options.signal, options.progress);
  const maxHops = input.maxHops ?? DEFAULT_PATH_HOPS;
  return ws.withConnection(async (conn) => {
    const s = await findNode(conn, input.source);
    const t = await findNode(conn, input.target);
    const a = new Bfs(conn, '_pa', { filter: input.filter });
    const b = new Bfs(conn, '_pb', { filter: input.filter });
    await a.start([s.nid]);
    await b.start([t.nid]);
    let meet: number | null = s.nid === t.nid ? s.nid : null;
    while (meet === null && a.hop + b.hop < maxHops && a.frontierSize > 0 && b.frontierSize > 0) {
      const [x, y] = a.frontierSize <= b.frontierSize ? [a, b] : [b, a];
      await x.step();
      const row = await conn.one<{ nid: number }>(`SELECT f.nid FROM ${x.frontier} f
        JOIN ${y.visited} v ON v.nid = f.nid AND NOT v.is_hub ORDER BY v.hop, f.nid LIMIT 1`);
      if (row) meet = Number(row.nid);
    }
    const explored = a.visitedCount + b.visitedCount;
    if (meet === null) {
      return { found: false, length: null, nodes: [], edges: [], explored, maxHops, elapsedMs: Math.round(performance.now() - started) };
    }
    // source … meet (from a's parents, reversed) then meet … target (from b's parents).
    const fromSource = (await a.chain(meet)).reverse();
    const toTarget = (await b.chain(meet)).slice(1);
    const chain = [...fromSource, ...toTarget];
    const hubs = new Set(
      (await conn.all<{ nid: number }>(`SELECT nid FROM graph_nodes WHERE nid IN (${intList(chain)}) AND kind IN ('address', 'phone')`)).map((r) =>
        Number(r.nid),
      ),
    );
    // Position on the path in hops: a hop is counted on arriving at a firm or person; a hub sits between the two
    // firms it joins and takes the hop of the firm after it.
    let h = 0;
    const rows = chain.map((nid, i) => {
      if (i > 0 && !hubs.has(nid)) h += 1;
      return { nid, hop: hubs.has(nid) ? h + 1 : h, parent: i > 0 ? chain[i - 1]! : null };
    });
    await conn.run(`CREATE OR REPLACE TEMP TABLE _p_path AS
      SELECT x.nid, g.node_key, g.kind, g.label, g.degree, g.status, x.hop, pg.node_key AS parent_key, false AS capped, x.ord
      FROM (SELECT unnest([${rows.map((r) => r.nid).join(',')}]) AS nid, unnest([${rows.map((r) => r.hop).join(',')}]) AS hop,
              unnest([${rows.map((r) => r.parent ?? 'NULL').join(',')}]::INTEGER[]) AS parent, unnest(range(${rows.length})) AS ord) x
      JOIN graph_nodes g ON g.nid = x.nid LEFT JOIN graph_nodes pg ON pg.nid = x.parent`);
    const nodes = await presentNodes(conn, '_p_path', { statusDate: statusDate(input.filter), unmask: !!options.unmask });
    const pairs: [number, number][] = chain.slice(1).map((nid, i) => [chain[i]!, nid]);
    const edges = pairs.length ? await presentEdges(conn, '_p_path', input.filter, pairs) : [];
    return {
      found: true,
      length: rows[rows.length - 1]!.hop,
      nodes,
      edges,
      explored,
      maxHops,
      elapsedMs: Math.round(performance.now() - started),
    };
  }, options.signal);
}
