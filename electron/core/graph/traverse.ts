// Level-by-level breadth-first search in SQL: one set-based step per hop over graph_adj, on a dedicated
// connection's temp tables (<prefix>_v visited, <prefix>_f frontier). A pass through an address/phone hub counts
// as one hop (firm → hub → firm), so the hub and the firms behind it are reached in the same step; hubs shared by
// more firms than maxHubSize are recorded (capped) but not crossed.
import type { GraphFilter } from '../../../shared/contract/graph';
import type { Conn } from '../workspace';
import { DEFAULT_MAX_HUB_SIZE, EDGE_PRIORITY_SQL, edgeFilterSql, intList } from './sql';

export interface BfsOptions {
  filter?: GraphFilter;
  /** Stop expanding once this many nodes were visited (protects against runaway 3-hop searches). */
  maxVisited?: number;
}

export class Bfs {
  readonly visited: string;
  readonly frontier: string;
  private readonly edgeWhere: string;
  private readonly maxHub: number;
  hop = 0;
  frontierSize = 0;
  visitedCount = 0;
  /** True when maxVisited stopped the search early. */
  stopped = false;

  constructor(
    private readonly conn: Conn,
    private readonly prefix: string,
    private readonly options: BfsOptions = {},
  ) {
    this.visited = `${prefix}_v`;
    this.frontier = `${prefix}_f`;
    this.edgeWhere = edgeFilterSql(options.filter, 'a');
    this.maxHub = options.filter?.maxHubSize ?? DEFAULT_MAX_HUB_SIZE;
  }

  /** Starts from the given nodes (hop 0). */
  async start(nids: number[]): Promise<void> {
    const c = this.conn;
    await c.run(`CREATE OR REPLACE TEMP TABLE ${this.visited} (
      nid INTEGER, hop INTEGER, parent INTEGER, prio INTEGER, share DOUBLE, is_hub BOOLEAN, capped BOOLEAN)`);
    await c.run(`INSERT INTO ${this.visited}
      SELECT n.nid, 0, NULL, 0, NULL, n.kind IN ('address', 'phone'), false FROM graph_nodes n WHERE n.nid IN (${intList(nids)})`);
    await c.run(`CREATE OR REPLACE TEMP TABLE ${this.frontier} AS SELECT nid FROM ${this.visited}`);
    this.hop = 0;
    this.frontierSize = nids.length;
    this.visitedCount = nids.length;
  }

  /** Expands one hop; returns the number of new non-hub nodes (the next frontier). */
  async step(): Promise<number> {
    const c = this.conn;
    const p = this.prefix;
    const hop = this.hop + 1;
    if (this.options.maxVisited && this.visitedCount >= this.options.maxVisited) {
      this.stopped = true;
      this.frontierSize = 0;
      return 0;
    }
    await c.run(`CREATE OR REPLACE TEMP TABLE ${p}_n AS
      SELECT a.src AS parent, a.dst AS nid, a.dst_kind, ${EDGE_PRIORITY_SQL.replaceAll('kind', 'a.kind')} AS prio, a.share_pct AS share
      FROM graph_adj a JOIN ${this.frontier} f ON a.src = f.nid WHERE ${this.edgeWhere}`);
    // Hubs reached for the first time; capped ones are kept as leaves.
    await c.run(`CREATE OR REPLACE TEMP TABLE ${p}_h AS
      SELECT h.nid, h.prio, h.parent, g.degree > ${this.maxHub} AS capped
      FROM (SELECT nid, min(prio) AS prio, arg_min(parent, prio) AS parent FROM ${p}_n
            WHERE dst_kind >= 2 AND nid NOT IN (SELECT nid FROM ${this.visited}) GROUP BY nid) h
      JOIN graph_nodes g ON g.nid = h.nid`);
    await c.run(`CREATE OR REPLACE TEMP TABLE ${p}_n2 AS
      SELECT a.src AS parent, a.dst AS nid, a.dst_kind, h.prio, NULL::DOUBLE AS share
      FROM graph_adj a JOIN ${p}_h h ON a.src = h.nid WHERE NOT h.capped AND a.dst_kind < 2 AND ${this.edgeWhere}`);
    await c.run(`INSERT INTO ${this.visited}
      SELECT nid, ${hop}, parent, prio, NULL, true, capped FROM ${p}_h`);
    // The parent recorded for a node is its most relevant link (kind priority, then larger share).
    await c.run(`CREATE OR REPLACE TEMP TABLE ${this.frontier} AS
      SELECT nid, arg_min(parent, prio * 1000.0 - coalesce(share, 0)) AS parent, min(prio) AS prio, max(share) AS share
      FROM (SELECT parent, nid, prio, share FROM ${p}_n WHERE dst_kind < 2 UNION ALL SELECT parent, nid, prio, share FROM ${p}_n2) x
      WHERE nid NOT IN (SELECT nid FROM ${this.visited})
      GROUP BY nid`);
    await c.run(`INSERT INTO ${this.visited} SELECT nid, ${hop}, parent, prio, share, false, false FROM ${this.frontier}`);
    const counts = await c.one<{ f: number; v: number }>(
      `SELECT (SELECT count(*) FROM ${this.frontier}) AS f, (SELECT count(*) FROM ${this.visited}) AS v`,
    );
    this.hop = hop;
    this.frontierSize = Number(counts?.f ?? 0);
    this.visitedCount = Number(counts?.v ?? 0);
    return this.frontierSize;
  }

  /** Chain of nids from a visited node back to the start (node first). */
  async chain(nid: number): Promise<number[]> {
    const rows = await this.conn.all<{ nid: number }>(`WITH RECURSIVE ch(nid, parent, step) AS (
        SELECT nid, parent, 0 FROM ${this.visited} WHERE nid = ${nid}
        UNION ALL SELECT v.nid, v.parent, ch.step + 1 FROM ch JOIN ${this.visited} v ON v.nid = ch.parent WHERE ch.step < 64)
      SELECT nid FROM ch ORDER BY step`);
    return rows.map((r) => Number(r.nid));
  }
}
