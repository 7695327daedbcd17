// Connected components by label propagation in SQL (after contracting persons and hubs into stars between
// subjects, see labelPropagation): every node starts with the smallest id among itself and its
// neighbours; each round offers the labels of the nodes that changed in the last round to their neighbours
// (semi-naive: unchanged nodes were offered already), and a node that improves also jumps to its new label's own
// label (pointer jumping, which shortens long chains); stops when no label changes. Labels end as the smallest id of each
// component. Results are stored (graph_components, graph_component_sizes) for the graph version and filter.
import type { ComponentRow, ComponentsResult, GraphFilter } from '../../../shared/contract/graph';
import type { Conn, Workspace } from '../workspace';
import { ensureGraph, type ProgressFn } from './build';
import { DEFAULT_MAX_HUB_SIZE, edgeFilterSql } from './sql';

const MAX_ROUNDS = 200;

export async function components(
  ws: Workspace,
  input: { filter?: GraphFilter; limit?: number },
  options: { signal?: AbortSignal; progress?: ProgressFn } = {},
): Promise<ComponentsResult> {
  const started = performance.now();
  const version = await ensureGraph(ws, options.signal, options.progress);
  const limit = input.limit ?? 50;
  const key = JSON.stringify({ version, filter: input.filter ?? {} });
  const stored = await ws.scalar<string | null>(`SELECT value FROM graph_state WHERE key = 'components_key'`);
  if (stored === key) {
    const iterations = Number((await ws.scalar<string | null>(`SELECT value FROM graph_state WHERE key = 'components_rounds'`)) ?? 0);
    return ws.withConnection(async (conn) => ({
      ...(await summarise(conn, 'graph_component_sizes', limit)),
      iterations,
      cached: true,
      elapsedMs: Math.round(performance.now() - started),
    }));
  }
  return ws.withConnection(async (conn) => {
    const rounds = await labelPropagation(conn, input.filter, options.progress);
    await conn.run(`CREATE OR REPLACE TEMP TABLE _c_sizes AS
      SELECT c.comp, count(*) FILTER (WHERE g.kind IN ('subject', 'person'))::INTEGER AS size,
        count(*) FILTER (WHERE g.kind = 'subject')::INTEGER AS subjects, count(*) FILTER (WHERE g.kind = 'person')::INTEGER AS persons
      FROM _c_final c JOIN graph_nodes g ON g.nid = c.nid GROUP BY c.comp`);
    if (!ws.readOnly) {
      await conn.run('BEGIN TRANSACTION');
      try {
        await conn.run('DELETE FROM graph_components');
        await conn.run('INSERT INTO graph_components SELECT nid, comp FROM _c_final ORDER BY nid');
        await conn.run('DELETE FROM graph_component_sizes');
        await conn.run('INSERT INTO graph_component_sizes SELECT comp, size, subjects, persons FROM _c_sizes ORDER BY size DESC, comp');
        await conn.run(`INSERT OR REPLACE INTO graph_state VALUES ('components_key', ?), ('components_rounds', ?)`, [key, String(rounds)]);
        await conn.run('COMMIT');
      } catch (err) {
        await conn.rawRun('ROLLBACK').catch(() => undefined);
        throw err;
      }
    }
    return {
      ...(await summarise(conn, '_c_sizes', limit, '_c_final')),
      iterations: rounds,
      cached: false,
      elapsedMs: Math.round(performance.now() - started),
    };
  }, options.signal);
}

/**
 * Computes _c_final(nid, comp) for every subject, and every person / hub with at least one edge passing the
 * filter. Returns the number of propagation rounds.
 *
 * Persons and hubs are contracted first: each is replaced by a star from its smallest subject neighbour to its
 * other subject neighbours (same connectivity, about half the nodes and edges, and fewer rounds), labels are
 * propagated over subjects only, and a person or hub then takes its smallest neighbour's label.
 */
export async function labelPropagation(conn: Conn, filter: GraphFilter | undefined, progress?: ProgressFn): Promise<number> {
  const maxHub = filter?.maxHubSize ?? DEFAULT_MAX_HUB_SIZE;
  await conn.run(`CREATE OR REPLACE TEMP TABLE _c_capped AS
    SELECT nid FROM graph_nodes WHERE kind IN ('address', 'phone') AND degree > ${maxHub}`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE _c_e AS
    SELECT a.src, a.dst, a.src_kind, a.dst_kind FROM graph_adj a
    WHERE ${edgeFilterSql(filter, 'a')} AND a.src NOT IN (SELECT nid FROM _c_capped) AND a.dst NOT IN (SELECT nid FROM _c_capped)`);
  // Each person / hub → its smallest subject neighbour.
  await conn.run(`CREATE OR REPLACE TEMP TABLE _c_m AS SELECT dst AS x, min(src) AS m FROM _c_e WHERE dst_kind >= 1 GROUP BY dst`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE _c_s AS
    WITH star AS (SELECT e.src AS s, m.m FROM _c_e e JOIN _c_m m ON m.x = e.dst WHERE e.dst_kind >= 1 AND e.src <> m.m)
    SELECT DISTINCT src, dst FROM (
      SELECT s AS src, m AS dst FROM star UNION ALL SELECT m, s FROM star
      UNION ALL SELECT src, dst FROM _c_e WHERE src_kind = 0 AND dst_kind = 0)`);
  await conn.run('DROP TABLE _c_e');
  await conn.run(`CREATE OR REPLACE TEMP TABLE _c_l AS SELECT src AS nid, least(src, min(dst)) AS lab FROM _c_s GROUP BY src`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE _c_chg AS SELECT nid, lab FROM _c_l`);
  let rounds = 0;
  for (; rounds < MAX_ROUNDS; rounds++) {
    // Neighbours of the nodes that changed, with the smallest label offered (edges are stored both ways).
    await conn.run(`CREATE OR REPLACE TEMP TABLE _c_cand AS
      SELECT e.dst AS nid, min(c.lab) AS lab FROM _c_chg c JOIN _c_s e ON e.src = c.nid GROUP BY e.dst`);
    // Those it improves, each then jumping to its new label's own label.
    await conn.run(`CREATE OR REPLACE TEMP TABLE _c_chg AS
      SELECT i.nid, least(i.lab, j.lab) AS lab
      FROM (SELECT c.nid, c.lab FROM _c_cand c JOIN _c_l l ON l.nid = c.nid WHERE c.lab < l.lab) i
      JOIN _c_l j ON j.nid = i.lab`);
    const changed = Number(await conn.scalar('SELECT count(*) FROM _c_chg'));
    progress?.('计算连通分量', rounds + 1, null);
    if (changed === 0) break;
    await conn.run(`CREATE OR REPLACE TEMP TABLE _c_l2 AS
      SELECT l.nid, coalesce(c.lab, l.lab) AS lab FROM _c_l l LEFT JOIN _c_chg c ON c.nid = l.nid`);
    await conn.run('DROP TABLE _c_l; ALTER TABLE _c_l2 RENAME TO _c_l');
  }
  await conn.run(`CREATE OR REPLACE TEMP TABLE _c_final AS
    SELECT g.nid, coalesce(l.lab, ml.lab, m.m, g.nid) AS comp
    FROM graph_nodes g LEFT JOIN _c_l l ON l.nid = g.nid LEFT JOIN _c_m m ON m.x = g.nid LEFT JOIN _c_l ml ON ml.nid = m.m
    WHERE g.kind = 'subject' OR m.x IS NOT NULL`);
  await conn.run('DROP TABLE _c_l; DROP TABLE _c_chg; DROP TABLE _c_cand; DROP TABLE _c_s; DROP TABLE _c_m; DROP TABLE _c_capped');
  return rounds + 1;
}

async function summarise(
  conn: Conn,
  sizes: string,
  limit: number,
  members = 'graph_components',
): Promise<Omit<ComponentsResult, 'iterations' | 'cached' | 'elapsedMs'>> {
  const totals = await conn.one<Record<string, number>>(`SELECT count(*) AS components, count(*) FILTER (WHERE size >= 2) AS non_trivial,
    coalesce(max(size), 0) AS largest, count(*) FILTER (WHERE size = 1) AS singletons FROM ${sizes}`);
  const top = await conn.all<{ comp: number; size: number; subjects: number; persons: number }>(
    `SELECT comp, size, subjects, persons FROM ${sizes} ORDER BY size DESC, comp LIMIT ${limit}`,
  );
  // Each listed component is named after its most connected subject.
  const names = top.length
    ? await conn.all<{ comp: number; id: string; label: string }>(`SELECT m.comp, arg_max(g.node_key, g.degree) AS id, arg_max(g.label, g.degree) AS label
        FROM ${members} m JOIN graph_nodes g ON g.nid = m.nid
        WHERE m.comp IN (${top.map((t) => Number(t.comp)).join(',')}) AND g.kind = 'subject' GROUP BY m.comp`)
    : [];
  const nameBy = new Map(names.map((n) => [Number(n.comp), n]));
  const rows: ComponentRow[] = top.map((t) => ({
    id: nameBy.get(Number(t.comp))?.id ?? String(t.comp),
    label: nameBy.get(Number(t.comp))?.label ?? '',
    size: Number(t.size),
    subjects: Number(t.subjects),
    persons: Number(t.persons),
  }));
  const hist = await conn.all<{ bucket: string; count: number; o: number }>(`SELECT bucket, count(*) AS count, min(o) AS o FROM (
      SELECT CASE WHEN size <= 1 THEN '1' WHEN size = 2 THEN '2' WHEN size <= 5 THEN '3–5' WHEN size <= 10 THEN '6–10'
        WHEN size <= 50 THEN '11–50' WHEN size <= 100 THEN '51–100' ELSE '101+' END AS bucket,
        CASE WHEN size <= 1 THEN 1 WHEN size = 2 THEN 2 WHEN size <= 5 THEN 3 WHEN size <= 10 THEN 4 WHEN size <= 50 THEN 5
        WHEN size <= 100 THEN 6 ELSE 7 END AS o FROM ${sizes}) GROUP BY bucket ORDER BY o`);
  return {
    components: Number(totals?.components ?? 0),
    nonTrivial: Number(totals?.non_trivial ?? 0),
    largest: Number(totals?.largest ?? 0),
    singletons: Number(totals?.singletons ?? 0),
    top: rows,
    histogram: hist.map((h) => ({ bucket: h.bucket, count: Number(h.count) })),
  };
}
