// Level-by-level breadth-first search in SQL: one set-based step per hop over graph_adj, on a dedicated
// connection's temp tables (<prefix>_v visited, <prefix>_f frontier). A pass through an address/phone hub counts
// as one hop (firm → hub → firm), so the hub and the firms behind it are reached in the same step; hubs shared by
// more firms than maxHubSize are recorded (capped) but not crossed.
//
// How rows are read matters at scale: a join from a small temp table to graph_adj *without any other condition*
// lets DuckDB read just those nodes' rows (ART index on src); any filter in the same statement makes it scan all
// 8 M rows. So each hop fetches the rows first (<prefix>_raw) and filters them in a second statement.
import type { GraphFilter } from '../../../shared/contract/graph';
import type { Conn } from '../workspace';
import { DEFAULT_MAX_HUB_SIZE, EDGE_PRIORITY_SQL, edgeFilterSql, intList } from './sql';

export interface BfsOptions {
  filter?: GraphFilter;
  /** Stop expanding once this many nodes were visited (protects against runaway 3-hop searches). */
  maxVisited?: number;
}

/** Runs a CREATE TABLE … AS / INSERT and returns the number of rows it wrote. */
export async function written(conn: Conn, sql: string): Promise<number> {
  const rows = await conn.all<{ Count?: number }>(sql);
  return Number(rows[0]?.Count ?? 0);
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
    this.visitedCount = await written(
      c,
      `CREATE OR REPLACE TEMP TABLE ${this.visited} AS
       SELECT n.nid, 0 AS hop, NULL::INTEGER AS parent, 0 AS prio, NULL::DOUBLE AS share, n.kind IN ('address', 'phone') AS is_hub,
         false AS capped
       FROM graph_nodes n WHERE n.nid IN (${intList(nids)})`,
    );
    this.frontierSize = await written(c, `CREATE OR REPLACE TEMP TABLE ${this.frontier} AS SELECT nid FROM ${this.visited}`);
    this.hop = 0;
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
    const prio = EDGE_PRIORITY_SQL.replaceAll('kind', 'a.kind');
    await c.run(`CREATE OR REPLACE TEMP TABLE ${p}_raw AS SELECT a.* FROM graph_adj a JOIN ${this.frontier} f ON a.src = f.nid`);
    await c.run(`CREATE OR REPLACE TEMP TABLE ${p}_n AS
      SELECT a.src AS parent, a.dst AS nid, a.dst_kind, ${prio} AS prio, a.share_pct AS share FROM ${p}_raw a WHERE ${this.edgeWhere}`);
    // Hubs reached for the first time; capped ones are kept as leaves, the others crossed to their firms.
    const hubs = await written(
      c,
      `CREATE OR REPLACE TEMP TABLE ${p}_h AS
       SELECT h.nid, h.prio, h.parent, g.degree > ${this.maxHub} AS capped
       FROM (SELECT nid, min(prio) AS prio, arg_min(parent, prio) AS parent FROM ${p}_n
             WHERE dst_kind >= 2 AND nid NOT IN (SELECT nid FROM ${this.visited}) GROUP BY nid) h
       JOIN graph_nodes g ON g.nid = h.nid`,
    );
    let through = '';
    if (hubs > 0) {
      await c.run(`INSERT INTO ${this.visited} SELECT nid, ${hop}, parent, prio, NULL, true, capped FROM ${p}_h`);
      await c.run(`CREATE OR REPLACE TEMP TABLE ${p}_hx AS SELECT nid, prio FROM ${p}_h WHERE NOT capped`);
      await c.run(`CREATE OR REPLACE TEMP TABLE ${p}_raw AS SELECT a.*, h.prio AS hub_prio FROM graph_adj a JOIN ${p}_hx h ON a.src = h.nid`);
      through = `UNION ALL SELECT a.src, a.dst, a.hub_prio, NULL FROM ${p}_raw a WHERE a.dst_kind < 2 AND ${this.edgeWhere}`;
    }
    // The parent recorded for a node is its most relevant link (kind priority, then larger share).
    this.frontierSize = await written(
      c,
      `CREATE OR REPLACE TEMP TABLE ${this.frontier} AS
       SELECT nid, arg_min(parent, prio * 1000.0 - coalesce(share, 0)) AS parent, min(prio) AS prio, max(share) AS share
       FROM (SELECT parent, nid, prio, share FROM ${p}_n WHERE dst_kind < 2 ${through}) x
       WHERE nid NOT IN (SELECT nid FROM ${this.visited})
       GROUP BY nid`,
    );
    await c.run(`INSERT INTO ${this.visited} SELECT nid, ${hop}, parent, prio, share, false, false FROM ${this.frontier}`);
    this.visitedCount += hubs + this.frontierSize;
    this.hop = hop;
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
