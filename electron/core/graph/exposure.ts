// Blacklist exposure through relations: for every subject, how many listed nodes (subjects or persons on
// 严重失信主体名单 / 经营异常名录 / 失信被执行人 in force on the date) lie within 2 hops, and how far the nearest one is
// (1–3 hops; NULL beyond). The subject's own listing is reported apart (self_listed) and never counted.
//
// Set-based multi-source BFS from the listed nodes over relations in force on the date (and ties through hubs of
// at most maxHubSize firms; a hub pass is one hop): level by level, rows (origin, node) not reached before, so
// counts are distinct listed nodes. The third level only needs "some other listed node at 3 hops": each level-2
// node carries its smallest and largest origin, which always includes one that is not the node reached.
import crypto from 'node:crypto';
import type { ExposureDetail, ExposureHit, ExposureRow, ExposureSummary } from '../../../shared/contract/graph';
import type { Conn, Workspace } from '../workspace';
import { CoreError } from '../errors';
import { ensureGraph, readState, type ProgressFn } from './build';
import { DEFAULT_MAX_HUB_SIZE, EXPOSURE_LISTS, edgeFilterSql, listInForceSql, today } from './sql';
import { quoteLiteral } from '../workspace';

export interface ExposureOptions {
  /** Date the lists and relations are taken as of (YYYY-MM-DD); default today. */
  asOf?: string;
  /** Hubs shared by more firms than this are not crossed (default 100). */
  maxHubSize?: number;
  /** Return a stored run for the same date, settings, graph version and credit_lists content (default true). */
  reuse?: boolean;
  operator?: string;
  signal?: AbortSignal;
  progress?: ProgressFn;
}

const LIST_TYPES_SQL = Object.values(EXPOSURE_LISTS).map(quoteLiteral).join(', ');

/**
 * Computes (or reuses) an exposure run and stores it in graph_exposure_runs / graph_exposure / graph_exposure_hits.
 * This is the entry point for the tiering capability's related-party warning.
 */
export async function runExposure(ws: Workspace, options: ExposureOptions = {}): Promise<ExposureSummary> {
  const started = performance.now();
  const asOf = options.asOf ?? today();
  const maxHub = options.maxHubSize ?? DEFAULT_MAX_HUB_SIZE;
  if (ws.readOnly) throw new CoreError('READ_ONLY', '工作区以只读方式打开，无法保存关联风险结果。');
  const version = await ensureGraph(ws, options.signal, options.progress);
  const stamp = JSON.stringify({ version, lists: await listsFingerprint(ws) });
  if (options.reuse !== false) {
    const prior = await ws.scalar<string | null>(
      `SELECT run_id FROM graph_exposure_runs WHERE as_of = ?::DATE AND max_hub_size = ? AND sources_stamp = ?
       ORDER BY created_at DESC LIMIT 1`,
      [asOf, maxHub, stamp],
    );
    if (prior) return { ...(await exposureSummary(ws, prior)), reused: true, elapsedMs: Math.round(performance.now() - started) };
  }
  const runId = `gx-${asOf.replaceAll('-', '')}-${crypto.randomBytes(4).toString('hex')}`;
  const progress = options.progress ?? (() => undefined);
  await ws.withConnection(async (conn) => {
    progress('准备名单与关系', 0, 5);
    await computeReach(conn, asOf, maxHub, progress);
    progress('保存结果', 4, 5);
    await conn.run('BEGIN TRANSACTION');
    try {
      await storeRun(conn, runId, asOf);
      await conn.run(
        `INSERT INTO graph_exposure_runs (run_id, as_of, created_at, operator, graph_version, max_hub_size, subjects, exposed, listed_nodes, sources_stamp, elapsed_ms)
         SELECT ?, ?::DATE, now()::TIMESTAMP, ?, ?, ?,
           (SELECT count(*) FROM graph_exposure WHERE run_id = ?),
           (SELECT count(*) FROM graph_exposure WHERE run_id = ? AND black_within_2 + abnormal_within_2 + dishonest_within_2 > 0),
           (SELECT count(DISTINCT nid) FROM _x_l), ?, ?`,
        [runId, asOf, options.operator ?? null, version, maxHub, runId, runId, stamp, Math.round(performance.now() - started)],
      );
      await conn.run('COMMIT');
    } catch (err) {
      await conn.rawRun('ROLLBACK').catch(() => undefined);
      throw err;
    }
    await conn.run('DROP TABLE IF EXISTS _x_r; DROP TABLE IF EXISTS _x_e; DROP TABLE IF EXISTS _x_n3');
  }, options.signal);
  progress('完成', 5, 5);
  return { ...(await exposureSummary(ws, runId)), reused: false, elapsedMs: Math.round(performance.now() - started) };
}

async function listsFingerprint(ws: Workspace): Promise<string> {
  const row = await ws.one<{ n: number; h: string }>(`SELECT count(*) AS n,
    coalesce(sum(hash(list_type, uscc, person_id, in_date, out_date))::HUGEINT, 0)::VARCHAR AS h FROM credit_lists`);
  return `${row?.n ?? 0}/${row?.h ?? 0}`;
}

/** Temp tables: _x_l (listed nodes), _x_r(origin, nid, d) for d ≤ 2, _x_n3(nid) nodes with another listed node at 3. */
async function computeReach(conn: Conn, asOf: string, maxHub: number, progress: ProgressFn): Promise<void> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE _x_l AS
    SELECT g.nid, g.node_key, g.kind, l.list_type, min(l.in_date) AS in_date
    FROM credit_lists l JOIN graph_nodes g ON g.kind = 'subject' AND g.node_key = l.uscc
    WHERE l.list_type IN (${LIST_TYPES_SQL}) AND ${listInForceSql(asOf)}
    GROUP BY ALL
    UNION
    SELECT g.nid, g.node_key, g.kind, l.list_type, min(l.in_date)
    FROM credit_lists l JOIN graph_nodes g ON g.kind = 'person' AND g.node_key = l.person_id
    WHERE l.list_type IN (${LIST_TYPES_SQL}) AND ${listInForceSql(asOf)} AND l.person_id IS NOT NULL
    GROUP BY ALL`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE _x_e AS
    SELECT a.src, a.dst, a.dst_kind FROM graph_adj a
    WHERE ${edgeFilterSql({ asOf }, 'a')}
      AND a.src NOT IN (SELECT nid FROM graph_nodes WHERE kind IN ('address', 'phone') AND degree > ${maxHub})
      AND a.dst NOT IN (SELECT nid FROM graph_nodes WHERE kind IN ('address', 'phone') AND degree > ${maxHub})`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE _x_r AS SELECT DISTINCT nid AS origin, nid, 0 AS d FROM _x_l`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE _x_f AS SELECT origin, nid FROM _x_r`);
  for (let d = 1; d <= 2; d++) {
    progress(`第 ${d} 度关联`, d, 5);
    await expandLevel(conn, '_x_f', 'origin');
    await conn.run(`CREATE OR REPLACE TEMP TABLE _x_f AS
      SELECT DISTINCT s.origin, s.nid FROM _x_step s ANTI JOIN _x_r r ON r.origin = s.origin AND r.nid = s.nid`);
    await conn.run(`INSERT INTO _x_r SELECT origin, nid, ${d} FROM _x_f`);
  }
  progress('第 3 度（最近距离）', 3, 5);
  // Level 3 for the nearest distance only: two origins per level-2 node suffice (see the header).
  await conn.run(`CREATE OR REPLACE TEMP TABLE _x_f AS
    SELECT nid, min(origin) AS o1, max(origin) AS o2 FROM _x_f GROUP BY nid`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE _x_f AS
    SELECT o1 AS origin, nid FROM _x_f UNION SELECT o2, nid FROM _x_f`);
  await expandLevel(conn, '_x_f', 'origin');
  await conn.run(`CREATE OR REPLACE TEMP TABLE _x_n3 AS SELECT DISTINCT nid FROM _x_step WHERE origin <> nid`);
  await conn.run('DROP TABLE _x_step; DROP TABLE _x_f');
}

/** _x_step(origin, nid): one hop from the frontier (firms/persons directly, or through a hub to its firms). */
async function expandLevel(conn: Conn, frontier: string, origin: string): Promise<void> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE _x_n AS
    SELECT f.${origin} AS origin, e.dst AS nid, e.dst_kind FROM ${frontier} f JOIN _x_e e ON e.src = f.nid`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE _x_step AS
    SELECT origin, nid FROM _x_n WHERE dst_kind < 2
    UNION ALL
    SELECT h.origin, e.dst FROM (SELECT DISTINCT origin, nid FROM _x_n WHERE dst_kind >= 2) h JOIN _x_e e ON e.src = h.nid
    WHERE e.dst_kind < 2`);
  await conn.run('DROP TABLE _x_n');
}

async function storeRun(conn: Conn, runId: string, asOf: string): Promise<void> {
  const run = quoteLiteral(runId);
  const date = `DATE ${quoteLiteral(asOf)}`;
  await conn.run(`INSERT INTO graph_exposure
    WITH hits AS (SELECT r.nid, r.origin, r.d FROM _x_r r WHERE r.d >= 1),
    agg AS (
      SELECT h.nid,
        count(DISTINCT h.origin) FILTER (WHERE l.list_type = ${quoteLiteral(EXPOSURE_LISTS.black)})::INTEGER AS black,
        count(DISTINCT h.origin) FILTER (WHERE l.list_type = ${quoteLiteral(EXPOSURE_LISTS.abnormal)})::INTEGER AS abnormal,
        count(DISTINCT h.origin) FILTER (WHERE l.list_type = ${quoteLiteral(EXPOSURE_LISTS.dishonest)})::INTEGER AS dishonest,
        min(h.d)::INTEGER AS nearest
      FROM hits h JOIN _x_l l ON l.nid = h.origin GROUP BY h.nid),
    self AS (SELECT nid, list_sort(list(DISTINCT list_type)) AS lists FROM _x_l GROUP BY nid)
    SELECT ${run}, ${date}, g.node_key, coalesce(s.lists, []::VARCHAR[]),
      coalesce(a.black, 0), coalesce(a.abnormal, 0), coalesce(a.dishonest, 0),
      coalesce(a.nearest, CASE WHEN n3.nid IS NOT NULL THEN 3 END)
    FROM graph_nodes g LEFT JOIN agg a ON a.nid = g.nid LEFT JOIN self s ON s.nid = g.nid
      LEFT JOIN _x_n3 n3 ON n3.nid = g.nid
    WHERE g.kind = 'subject'
    ORDER BY g.node_key`);
  await conn.run(`INSERT INTO graph_exposure_hits
    SELECT ${run}, t.node_key, l.node_key, l.kind, l.list_type, l.in_date, r.d
    FROM _x_r r JOIN graph_nodes t ON t.nid = r.nid AND t.kind = 'subject' JOIN _x_l l ON l.nid = r.origin
    WHERE r.d >= 1
    ORDER BY t.node_key, r.d, l.node_key`);
}

export async function exposureSummary(ws: Workspace, runId: string): Promise<Omit<ExposureSummary, 'reused' | 'elapsedMs'>> {
  const run = await ws.one<Record<string, unknown>>(
    `SELECT run_id, as_of, graph_version, max_hub_size, subjects, exposed, listed_nodes FROM graph_exposure_runs WHERE run_id = ?`,
    [runId],
  );
  if (!run) throw new CoreError('NOT_FOUND', `没有编号为 ${runId.slice(0, 60)} 的关联风险计算结果：请重新计算。`);
  const counts = await ws.one<Record<string, number>>(`SELECT count(*) FILTER (WHERE black_within_2 > 0) AS black,
      count(*) FILTER (WHERE abnormal_within_2 > 0) AS abnormal, count(*) FILTER (WHERE dishonest_within_2 > 0) AS dishonest
    FROM graph_exposure WHERE run_id = ?`, [runId]);
  const dist = await ws.all<{ distance: number; subjects: number }>(`SELECT nearest_distance AS distance, count(*) AS subjects
    FROM graph_exposure WHERE run_id = ? AND nearest_distance IS NOT NULL GROUP BY 1 ORDER BY 1`, [runId]);
  return {
    runId,
    asOf: String(run.as_of),
    subjects: Number(run.subjects),
    exposed: Number(run.exposed),
    black: Number(counts?.black ?? 0),
    abnormal: Number(counts?.abnormal ?? 0),
    dishonest: Number(counts?.dishonest ?? 0),
    byDistance: dist.map((d) => ({ distance: Number(d.distance), subjects: Number(d.subjects) })),
    listedNodes: Number(run.listed_nodes),
    maxHubSize: Number(run.max_hub_size),
    graphVersion: Number(run.graph_version),
  };
}

/** The latest stored run (optionally for one date), or null. */
export async function latestExposureRun(ws: Workspace, asOf?: string): Promise<{ runId: string; asOf: string } | null> {
  const row = await ws.one<{ run_id: string; as_of: string }>(
    `SELECT run_id, as_of FROM graph_exposure_runs ${asOf ? 'WHERE as_of = ?::DATE' : ''} ORDER BY created_at DESC LIMIT 1`,
    asOf ? [asOf] : [],
  );
  return row ? { runId: row.run_id, asOf: row.as_of } : null;
}

async function resolveRun(ws: Workspace, runId?: string): Promise<{ runId: string; asOf: string }> {
  if (runId) {
    const row = await ws.one<{ as_of: string }>('SELECT as_of FROM graph_exposure_runs WHERE run_id = ?', [runId]);
    if (!row) throw new CoreError('NOT_FOUND', `没有编号为 ${runId.slice(0, 60)} 的关联风险计算结果。`);
    return { runId, asOf: row.as_of };
  }
  const latest = await latestExposureRun(ws);
  if (!latest) throw new CoreError('NOT_FOUND', '尚未计算关联风险：请先执行“计算关联风险”。');
  return latest;
}

/** USCCs as a comma-separated parameter (codes are alphanumeric; anything else cannot match and is dropped). */
function keyList(usccs: string[]): string {
  return usccs.map((u) => u.trim().toUpperCase()).filter((u) => /^[0-9A-Z]+$/.test(u)).join(',');
}

const ROW_SQL = `SELECT x.uscc, n.label AS name, x.self_listed, x.black_within_2, x.abnormal_within_2, x.dishonest_within_2, x.nearest_distance
  FROM graph_exposure x LEFT JOIN graph_nodes n ON n.node_key = x.uscc AND n.kind = 'subject'`;

function toRow(r: Record<string, unknown>): ExposureRow {
  return {
    uscc: String(r.uscc),
    name: (r.name as string | null) ?? null,
    selfListed: (r.self_listed as string[] | null) ?? [],
    blackWithin2: Number(r.black_within_2),
    abnormalWithin2: Number(r.abnormal_within_2),
    dishonestWithin2: Number(r.dishonest_within_2),
    nearestDistance: r.nearest_distance === null ? null : Number(r.nearest_distance),
  };
}

/**
 * Exposure rows of the given subjects (all subjects when usccs is omitted — use a SQL join on graph_exposure for
 * bulk work instead). Subjects not in the run are absent.
 */
export async function exposureFor(ws: Workspace, options: { runId?: string; usccs?: string[] } = {}): Promise<{ runId: string; asOf: string; rows: ExposureRow[] }> {
  const run = await resolveRun(ws, options.runId);
  const keys = options.usccs ? keyList(options.usccs) : null;
  const rows = await ws.all<Record<string, unknown>>(
    `${ROW_SQL} WHERE x.run_id = ? ${keys !== null ? `AND x.uscc IN (SELECT unnest(string_split(?, ',')))` : ''} ORDER BY x.uscc`,
    keys !== null ? [run.runId, keys] : [run.runId],
  );
  return { ...run, rows: rows.map(toRow) };
}

/**
 * Evidence: the listed nodes within 2 hops of subjects, optionally only listings that began on or after
 * `listedSince` (for "a related party newly blacklisted" warnings). Person labels are masked.
 */
export async function exposureHits(
  ws: Workspace,
  options: { runId?: string; usccs?: string[]; listedSince?: string; maxDistance?: 1 | 2 } = {},
): Promise<{ runId: string; asOf: string; hits: ExposureHit[] }> {
  const run = await resolveRun(ws, options.runId);
  const where: string[] = ['h.run_id = ?'];
  const params: string[] = [run.runId];
  if (options.usccs) {
    where.push(`h.uscc IN (SELECT unnest(string_split(?, ',')))`);
    params.push(keyList(options.usccs));
  }
  if (options.listedSince) {
    where.push('h.in_date >= ?::DATE');
    params.push(options.listedSince);
  }
  if (options.maxDistance) where.push(`h.distance <= ${options.maxDistance === 1 ? 1 : 2}`);
  const rows = await ws.all<Record<string, unknown>>(
    `SELECT h.uscc, h.node_key, h.node_kind, coalesce(n.label, h.node_key) AS label, h.list_type, h.in_date, h.distance
     FROM graph_exposure_hits h LEFT JOIN graph_nodes n ON n.node_key = h.node_key
     WHERE ${where.join(' AND ')} ORDER BY h.uscc, h.distance, h.node_key, h.list_type`,
    params,
  );
  return {
    ...run,
    hits: rows.map((r) => ({
      uscc: String(r.uscc),
      nodeId: String(r.node_key),
      nodeKind: r.node_kind as 'subject' | 'person',
      label: String(r.label),
      listType: String(r.list_type),
      inDate: (r.in_date as string | null) ?? null,
      distance: Number(r.distance),
    })),
  };
}

export async function exposureOf(ws: Workspace, uscc: string, runId?: string): Promise<ExposureDetail> {
  const { rows, ...run } = await exposureFor(ws, { runId, usccs: [uscc] });
  const { hits } = await exposureHits(ws, { runId: run.runId, usccs: [uscc] });
  return { ...run, row: rows[0] ?? null, hits };
}

export async function exposureList(
  ws: Workspace,
  options: { runId?: string; offset?: number; limit?: number } = {},
): Promise<{ runId: string; asOf: string; total: number; rows: ExposureRow[] }> {
  const run = await resolveRun(ws, options.runId);
  const total = Number(
    await ws.scalar(`SELECT count(*) FROM graph_exposure WHERE run_id = ? AND nearest_distance IS NOT NULL`, [run.runId]),
  );
  const rows = await ws.all<Record<string, unknown>>(
    `${ROW_SQL} WHERE x.run_id = ? AND x.nearest_distance IS NOT NULL
     ORDER BY x.black_within_2 + x.abnormal_within_2 + x.dishonest_within_2 DESC, x.nearest_distance, x.uscc
     LIMIT ${options.limit ?? 100} OFFSET ${options.offset ?? 0}`,
    [run.runId],
  );
  return { ...run, total, rows: rows.map(toRow) };
}

/** Graph version the stored run was computed on (for callers checking freshness). */
export async function graphVersion(ws: Workspace): Promise<number> {
  return (await readState(ws)).version;
}
