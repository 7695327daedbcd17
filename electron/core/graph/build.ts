// Building the relationship graph from relations and subjects, fully or incrementally.
//
// Nodes: every subject (subjects table, plus codes only named in relations), every person named in relations,
// and one hub node per normalised registered address / phone shared by ≥ 2 subjects. A hub instead of edges
// between every pair keeps N firms at one address at N edges (not N²); traversals pass through a hub as one hop,
// so firms at one address are 1 hop apart, and hubs larger than maxHubSize (集中登记地) are shown, not crossed.
//
// Codes are taken as stored: import trims and upper-cases every USCC column and derives person_id itself, so no
// per-row normalisation is paid here (on 4 M relations it cost more than the rest of the diff).
//
// Incremental strategy:
//  - a cheap stamp per source (row counts of relations / subjects / persons + their import_batches history)
//    says what may have changed; nothing changed → "unchanged" without touching data. Queries call ensureGraph,
//    which rebuilds through this path, so a query after an import sees the new data;
//  - relations: every row gets a 64-bit hash of its normalised columns, stored on its two graph_adj rows; rows
//    whose hash is new are inserted, rows whose hash vanished are deleted;
//  - subjects / persons (when their stamp changed, or always on an explicit graph.build): each subject's raw
//    address+phone hash is compared with the stored one and only changed subjects are re-normalised; the hubs
//    they left or joined are re-linked; labels, status and degrees are updated only where they differ;
//  - a full rebuild (sorted tables) when there is no graph yet, when asked, or when the delta exceeds a quarter
//    of the graph; appended rows are re-sorted into src order once they exceed 5 % of graph_adj.
import type { BuildResult } from '../../../shared/contract/graph';
import type { Conn, Workspace } from '../workspace';
import { CoreError } from '../errors';
import { ADDRESS_NORM_MACRO, MIN_ADDRESS_CHARS, MIN_PHONE_DIGITS, ROLE_CODE_SQL } from './sql';

export type ProgressFn = (phase: string, done: number, total: number | null) => void;

const KIND_CODE_SQL = (col: string) =>
  `(CASE ${col} WHEN 'subject' THEN 0 WHEN 'person' THEN 1 WHEN 'address' THEN 2 ELSE 3 END)::TINYINT`;

/** Share of graph_adj that may be unsorted appended rows before the table is rewritten in src order. */
const RESORT_FRACTION = 0.05;
/** Delta (changed relation rows + subjects with changed ties) above this share of the graph → full rebuild. */
const FULL_REBUILD_FRACTION = 0.25;

export interface GraphState {
  version: number;
  stamp: SourceStamp | null;
  builtAt: string | null;
  unsorted: number;
}

export interface SourceStamp {
  relations: string;
  subjects: string;
  persons: string;
}

export async function readState(db: Workspace | Conn): Promise<GraphState> {
  const rows = await db.all<{ key: string; value: string }>('SELECT key, value FROM graph_state');
  const m = new Map(rows.map((r) => [r.key, r.value]));
  let stamp: SourceStamp | null = null;
  try {
    stamp = m.get('stamp') ? (JSON.parse(m.get('stamp')!) as SourceStamp) : null;
  } catch {
    stamp = null;
  }
  return {
    version: Number(m.get('version') ?? 0),
    stamp,
    builtAt: m.get('built_at') ?? null,
    unsorted: Number(m.get('unsorted') ?? 0),
  };
}

async function writeState(conn: Conn, values: Record<string, string | number>): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    await conn.run(`INSERT OR REPLACE INTO graph_state VALUES (?, ?)`, [key, String(value)]);
  }
}

/** Cheap change detector per source: row count plus the import history of that table. */
export async function sourceStamp(db: Workspace | Conn): Promise<SourceStamp> {
  const rows = await db.all<{ t: string; n: number; b: string | null }>(`
    WITH b AS (SELECT table_name AS t, count(*) || '/' || coalesce(max(finished_at)::VARCHAR, '') || '/' || count(undone_at) AS b
               FROM import_batches WHERE table_name IN ('relations', 'subjects', 'persons') GROUP BY 1),
    n AS (SELECT 'relations' AS t, count(*) AS n FROM relations UNION ALL SELECT 'subjects', count(*) FROM subjects
          UNION ALL SELECT 'persons', count(*) FROM persons)
    SELECT n.t, n.n, b.b FROM n LEFT JOIN b ON b.t = n.t`);
  const get = (t: string) => {
    const r = rows.find((x) => x.t === t);
    return `${r?.n ?? 0}|${r?.b ?? ''}`;
  };
  return { relations: get('relations'), subjects: get('subjects'), persons: get('persons') };
}

const sameStamp = (a: SourceStamp | null, b: SourceStamp) =>
  !!a && a.relations === b.relations && a.subjects === b.subjects && a.persons === b.persons;

// Builds are serialised per workspace: two calls that both find the graph stale must not both rebuild it.
const locks = new WeakMap<Workspace, Promise<unknown>>();

function serialised<T>(ws: Workspace, fn: () => Promise<T>): Promise<T> {
  const prev = locks.get(ws) ?? Promise.resolve();
  const next = prev.catch(() => undefined).then(fn);
  locks.set(ws, next);
  return next;
}

/**
 * Makes sure the graph exists and reflects the sources (by the cheap stamps), rebuilding incrementally when
 * stale. Read-only workspaces use whatever graph they hold. Returns the graph version.
 */
export async function ensureGraph(ws: Workspace, signal?: AbortSignal, progress?: ProgressFn): Promise<number> {
  const state = await readState(ws);
  if (ws.readOnly) {
    if (!state.version) {
      throw new CoreError('NOT_FOUND', '关系图谱尚未构建，且工作区以只读方式打开：请以可写方式打开工作区后执行“构建关系图谱”。');
    }
    return state.version;
  }
  if (state.version && sameStamp(state.stamp, await sourceStamp(ws))) return state.version;
  const result = await buildGraph(ws, { signal, progress, auto: true });
  return result.version;
}

export interface BuildOptions {
  full?: boolean;
  signal?: AbortSignal;
  progress?: ProgressFn;
  /**
   * Called by ensureGraph: trust the stamps (skip when unchanged; diff subjects/persons only when theirs
   * changed). An explicit build diffs every source's content.
   */
  auto?: boolean;
}

export function buildGraph(ws: Workspace, options: BuildOptions = {}): Promise<BuildResult> {
  if (ws.readOnly) throw new CoreError('READ_ONLY', '工作区以只读方式打开，无法构建关系图谱。');
  return serialised(ws, () => ws.transaction((conn) => buildIn(conn, options), options.signal));
}

async function buildIn(conn: Conn, options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const progress = options.progress ?? (() => undefined);
  const state = await readState(conn);
  const stamp = await sourceStamp(conn);
  if (options.auto && !options.full && state.version && sameStamp(state.stamp, stamp)) {
    return summary(conn, 'unchanged', state.version, { added: 0, removed: 0, skipped: 0 }, started);
  }
  await conn.run(ADDRESS_NORM_MACRO.replaceAll('CREATE OR REPLACE MACRO', 'CREATE OR REPLACE TEMP MACRO'));
  progress('读取关联关系', 0, 5);
  const skipped = await prepareRelations(conn);
  let mode: BuildResult['mode'];
  let delta = { added: 0, removed: 0 };
  if (options.full || !state.version) {
    delta = await fullBuild(conn, progress);
    mode = 'full';
  } else {
    const entities = !options.auto || state.stamp?.subjects !== stamp.subjects || state.stamp?.persons !== stamp.persons;
    progress('比较变化', 1, 5);
    const d = await diffRelations(conn);
    const ties = entities ? await diffSubjects(conn) : 0;
    const size = Number(await conn.scalar('SELECT count(*) FROM graph_adj')) / 2 + Number(await conn.scalar('SELECT count(*) FROM graph_subject_ties'));
    if (d.added + d.removed + ties > FULL_REBUILD_FRACTION * Math.max(size, 1)) {
      progress('变化较多，全量构建', 2, 5);
      delta = await fullBuild(conn, progress);
      mode = 'full';
    } else {
      progress('增量更新', 2, 5);
      const changed = await applyDelta(conn, entities);
      if (!changed && d.added + d.removed + ties === 0) {
        await writeState(conn, { stamp: JSON.stringify(stamp) });
        return summary(conn, 'unchanged', state.version, { added: 0, removed: 0, skipped }, started);
      }
      delta = { added: d.added, removed: d.removed };
      mode = 'incremental';
      await writeState(conn, { unsorted: await resortIfNeeded(conn, state.unsorted) });
    }
  }
  const version = state.version + 1;
  await writeState(conn, {
    version,
    stamp: JSON.stringify(stamp),
    built_at: new Date().toISOString(),
    ...(mode === 'full' ? { unsorted: 0 } : {}),
  });
  progress('完成', 5, 5);
  return summary(conn, mode, version, { ...delta, skipped }, started);
}

async function summary(
  conn: Conn,
  mode: BuildResult['mode'],
  version: number,
  delta: { added: number; removed: number; skipped: number },
  started: number,
): Promise<BuildResult> {
  const counts = await conn.one<Record<string, number>>(`SELECT
    count(*) AS nodes,
    count(*) FILTER (WHERE kind = 'subject') AS subjects,
    count(*) FILTER (WHERE kind = 'person') AS persons,
    count(*) FILTER (WHERE kind IN ('address', 'phone')) AS hubs,
    (SELECT count(*) FROM graph_adj WHERE fwd) AS edges
    FROM graph_nodes`);
  return {
    mode,
    version,
    nodes: Number(counts?.nodes ?? 0),
    subjects: Number(counts?.subjects ?? 0),
    persons: Number(counts?.persons ?? 0),
    hubs: Number(counts?.hubs ?? 0),
    edges: Number(counts?.edges ?? 0),
    addedEdges: delta.added,
    removedEdges: delta.removed,
    skippedRelations: delta.skipped,
    elapsedMs: Math.round(performance.now() - started),
  };
}

/**
 * _g_rel: the relation edges as keys with their content hash, one row per valid relations row (duplicates share a
 * hash and are merged where edges are written). Returns the number of rows skipped.
 */
async function prepareRelations(conn: Conn): Promise<number> {
  // Roles are mapped once per distinct spelling, not per row.
  await conn.run(`CREATE OR REPLACE TEMP TABLE _g_rel AS
    WITH roles AS (SELECT role, ${ROLE_CODE_SQL('role')}::TINYINT AS kind FROM (SELECT DISTINCT role FROM relations WHERE role IS NOT NULL)),
    r AS (SELECT nullif(r.uscc, '') AS dst_key, roles.kind, nullif(r.person_id, '') AS pid,
            nullif(r.related_uscc, '') AS rid, r.share_pct, r.start_date, r.end_date
          FROM relations r JOIN roles ON roles.role = r.role),
    e AS (SELECT coalesce(pid, rid) AS src_key, (CASE WHEN pid IS NOT NULL THEN 1 ELSE 0 END)::TINYINT AS src_kind,
            dst_key, kind, share_pct, start_date, end_date
          FROM r WHERE kind IS NOT NULL AND dst_key IS NOT NULL AND coalesce(pid, rid) IS NOT NULL AND NOT (pid IS NULL AND rid = dst_key))
    SELECT *, hash(src_key, src_kind, dst_key, kind, share_pct, start_date, end_date) AS rel_hash FROM e`);
  const total = Number(await conn.scalar('SELECT count(*) FROM relations'));
  return total - Number(await conn.scalar('SELECT count(*) FROM _g_rel'));
}

/** One row per distinct relation edge. */
const DISTINCT_REL = '(SELECT DISTINCT ON (rel_hash) * FROM _g_rel)';

/** _g_subj: one row per subject with its raw-address/phone hash. */
async function prepareSubjects(conn: Conn): Promise<void> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE _g_subj AS
    SELECT uscc AS k, min(name) AS name, min(status) AS status, min(address) AS address, min(phone) AS phone,
      hash(min(address), min(phone)) AS src_hash
    FROM subjects WHERE uscc <> '' GROUP BY 1`);
}

/** Ties (hub keys) of the subjects in `from` (a query over _g_subj rows). Keys are salted 64-bit hashes. */
function tiesSql(from: string): string {
  return `WITH salt AS (SELECT coalesce(max(value), '') AS v FROM workspace_meta WHERE key = 'person_salt'),
    n AS (SELECT k AS uscc, src_hash, trim(address) AS addr_label, graph_addr_norm(address) AS an, graph_phone_norm(phone) AS pn FROM (${from}))
    SELECT uscc, src_hash,
      CASE WHEN length(an) >= ${MIN_ADDRESS_CHARS} THEN 'A:' || lpad(to_hex(hash((SELECT v FROM salt), 'A', an)), 16, '0') END AS addr_key,
      CASE WHEN length(an) >= ${MIN_ADDRESS_CHARS} THEN addr_label END AS addr_label,
      CASE WHEN length(pn) >= ${MIN_PHONE_DIGITS} THEN 'T:' || lpad(to_hex(hash((SELECT v FROM salt), 'T', pn)), 16, '0') END AS phone_key,
      CASE WHEN length(pn) >= ${MIN_PHONE_DIGITS} THEN mask_phone(pn) END AS phone_label
    FROM n`;
}

const TIES_COLUMNS = 'uscc, src_hash, addr_key, addr_label, phone_key, phone_label';

/** _g_nodes_src: every node the sources call for (needs _g_rel, _g_subj and _g_ties). */
async function prepareNodeSources(conn: Conn): Promise<void> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE _g_nodes_src AS
    WITH refs AS (SELECT dst_key AS k FROM _g_rel UNION SELECT src_key FROM _g_rel WHERE src_kind = 0),
    pers AS (SELECT DISTINCT src_key AS k FROM _g_rel WHERE src_kind = 1),
    pnames AS (SELECT person_id AS k, min(name) AS name FROM persons WHERE person_id IS NOT NULL GROUP BY 1)
    SELECT k AS node_key, 'subject' AS kind, coalesce(name, k) AS label, status FROM _g_subj
    UNION ALL SELECT r.k, 'subject', r.k, NULL FROM refs r ANTI JOIN _g_subj s ON s.k = r.k
    UNION ALL SELECT p.k, 'person', coalesce(nullif(mask_name(n.name), ''), '自然人'), NULL
      FROM pers p LEFT JOIN pnames n ON n.k = p.k ANTI JOIN _g_subj s ON s.k = p.k
    UNION ALL SELECT addr_key, 'address', min(addr_label), NULL FROM _g_ties WHERE addr_key IS NOT NULL GROUP BY 1 HAVING count(*) >= 2
    UNION ALL SELECT phone_key, 'phone', min(phone_label), NULL FROM _g_ties WHERE phone_key IS NOT NULL GROUP BY 1 HAVING count(*) >= 2`);
}

/** Edge rows (natural direction) for relation rows in relTable and tie rows matching tiesWhere, as nids. */
function edgeRowsSql(relTable: string, tiesWhere: string): string {
  return `
    SELECT s.nid AS a, d.nid AS b, r.kind, r.share_pct, r.start_date, r.end_date, r.rel_hash,
      ${KIND_CODE_SQL('s.kind')} AS a_kind, ${KIND_CODE_SQL('d.kind')} AS b_kind
    FROM ${relTable} r JOIN graph_nodes s ON s.node_key = r.src_key JOIN graph_nodes d ON d.node_key = r.dst_key
    UNION ALL
    SELECT s.nid, h.nid, 4::TINYINT, NULL, NULL, NULL, NULL, 0::TINYINT, 2::TINYINT
    FROM _g_ties t JOIN graph_nodes s ON s.node_key = t.uscc JOIN graph_nodes h ON h.node_key = t.addr_key
    WHERE ${tiesWhere.replaceAll('$key', 't.addr_key')}
    UNION ALL
    SELECT s.nid, h.nid, 5::TINYINT, NULL, NULL, NULL, NULL, 0::TINYINT, 3::TINYINT
    FROM _g_ties t JOIN graph_nodes s ON s.node_key = t.uscc JOIN graph_nodes h ON h.node_key = t.phone_key
    WHERE ${tiesWhere.replaceAll('$key', 't.phone_key')}`;
}

/** Both directions of the edge rows in `e`. */
const BOTH_DIRECTIONS = `
  SELECT a AS src, b AS dst, kind, true AS fwd, a_kind AS src_kind, b_kind AS dst_kind, share_pct, start_date, end_date, rel_hash FROM e
  UNION ALL
  SELECT b, a, kind, false, b_kind, a_kind, share_pct, start_date, end_date, rel_hash FROM e`;

/** Indexes of schema.ts, dropped around bulk rewrites (maintaining an ART per inserted row is slower). */
const GRAPH_INDEXES = ['CREATE INDEX graph_nodes_nid ON graph_nodes (nid)', 'CREATE INDEX graph_adj_src ON graph_adj (src)'];

async function dropIndexes(conn: Conn): Promise<void> {
  await conn.run('DROP INDEX IF EXISTS graph_nodes_nid; DROP INDEX IF EXISTS graph_adj_src');
}

async function createIndexes(conn: Conn): Promise<void> {
  for (const sql of GRAPH_INDEXES) await conn.run(sql);
}

async function fullBuild(conn: Conn, progress: ProgressFn): Promise<{ added: number; removed: number }> {
  const before = Number(await conn.scalar('SELECT count(*) FROM graph_adj WHERE fwd'));
  await dropIndexes(conn);
  progress('规范化地址与电话', 2, 5);
  await prepareSubjects(conn);
  await conn.run(`CREATE OR REPLACE TEMP TABLE _g_ties AS ${tiesSql('SELECT * FROM _g_subj')}`);
  await prepareNodeSources(conn);
  progress('写入节点与关系', 3, 5);
  // Nodes first without degrees (edges need their nids), then edges sorted by src, then the degrees.
  await conn.run('TRUNCATE graph_nodes');
  await conn.run(`INSERT INTO graph_nodes (nid, node_key, kind, label, degree, status)
    SELECT (row_number() OVER (ORDER BY node_key) - 1)::INTEGER, node_key, kind, label, 0, status FROM _g_nodes_src ORDER BY node_key`);
  await conn.run('TRUNCATE graph_adj');
  await conn.run(`INSERT INTO graph_adj WITH e AS (${edgeRowsSql(DISTINCT_REL, 'TRUE')}) ${BOTH_DIRECTIONS} ORDER BY src, dst`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE _g_n AS
    SELECT n.nid, n.node_key, n.kind, n.label, coalesce(d.deg, 0)::INTEGER AS degree, n.status
    FROM graph_nodes n LEFT JOIN (SELECT src, count(*)::INTEGER AS deg FROM (SELECT DISTINCT src, dst FROM graph_adj) GROUP BY src) d
      ON d.src = n.nid`);
  await conn.run('TRUNCATE graph_nodes');
  await conn.run('INSERT INTO graph_nodes SELECT nid, node_key, kind, label, degree, status FROM _g_n ORDER BY nid');
  await conn.run('DROP TABLE _g_n');
  await conn.run('TRUNCATE graph_keys');
  await conn.run('INSERT INTO graph_keys SELECT hash(node_key), nid FROM graph_nodes ORDER BY 1');
  await conn.run('TRUNCATE graph_subject_ties');
  await conn.run(`INSERT INTO graph_subject_ties (${TIES_COLUMNS}) SELECT ${TIES_COLUMNS} FROM _g_ties ORDER BY uscc`);
  progress('建立索引', 4, 5);
  await createIndexes(conn);
  const after = Number(await conn.scalar('SELECT count(*) FROM graph_adj WHERE fwd'));
  return { added: after, removed: before };
}

/** _g_added (new relation rows), _g_removed (hashes of vanished rows). */
async function diffRelations(conn: Conn): Promise<{ added: number; removed: number }> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE _g_old AS SELECT DISTINCT rel_hash FROM graph_adj WHERE fwd AND rel_hash IS NOT NULL`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE _g_added AS SELECT DISTINCT ON (r.rel_hash) r.* FROM _g_rel r ANTI JOIN _g_old o ON o.rel_hash = r.rel_hash`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE _g_removed AS SELECT o.rel_hash FROM _g_old o ANTI JOIN _g_rel r ON r.rel_hash = o.rel_hash`);
  await conn.run('DROP TABLE _g_old');
  const row = await conn.one<{ a: number; r: number }>(`SELECT (SELECT count(*) FROM _g_added) AS a, (SELECT count(*) FROM _g_removed) AS r`);
  return { added: Number(row?.a ?? 0), removed: Number(row?.r ?? 0) };
}

/**
 * _g_subj, _g_ties (all subjects, re-normalising only those whose raw address/phone changed), _g_tchg (subjects
 * whose ties changed, old and new rows). Returns the number of subjects whose ties changed.
 */
async function diffSubjects(conn: Conn): Promise<number> {
  await prepareSubjects(conn);
  await conn.run(`CREATE OR REPLACE TEMP TABLE _g_ties AS
    SELECT t.uscc, t.src_hash, t.addr_key, t.addr_label, t.phone_key, t.phone_label
    FROM graph_subject_ties t JOIN _g_subj s ON s.k = t.uscc AND s.src_hash = t.src_hash`);
  await conn.run(`INSERT INTO _g_ties ${tiesSql('SELECT s.* FROM _g_subj s ANTI JOIN _g_ties t ON t.uscc = s.k')}`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE _g_tchg AS
    (SELECT ${TIES_COLUMNS} FROM _g_ties EXCEPT SELECT ${TIES_COLUMNS} FROM graph_subject_ties)
    UNION ALL
    (SELECT ${TIES_COLUMNS} FROM graph_subject_ties EXCEPT SELECT ${TIES_COLUMNS} FROM _g_ties)`);
  return Number(await conn.scalar('SELECT count(DISTINCT uscc) FROM _g_tchg'));
}

/**
 * Applies the diff in place. With `entities` the node set, labels and hubs are diffed against the sources;
 * without, only nodes at the ends of added/removed relations can appear or vanish. Returns whether anything
 * changed.
 */
async function applyDelta(conn: Conn, entities: boolean): Promise<boolean> {
  // Nodes touched: their degree is recomputed at the end.
  await conn.run('CREATE OR REPLACE TEMP TABLE _g_aff (nid INTEGER)');
  let newNodes: string;
  if (entities) {
    await prepareNodeSources(conn);
    await conn.run(`CREATE OR REPLACE TEMP TABLE _g_hubs AS
      SELECT addr_key AS k FROM _g_tchg WHERE addr_key IS NOT NULL UNION SELECT phone_key FROM _g_tchg WHERE phone_key IS NOT NULL`);
    newNodes = 'SELECT s.* FROM _g_nodes_src s ANTI JOIN graph_nodes n ON n.node_key = s.node_key';
  } else {
    // Only relation rows changed: new nodes are the unknown ends of added rows (persons, or codes not in subjects).
    await conn.run(`CREATE OR REPLACE TEMP TABLE _g_hubs (k VARCHAR)`);
    await conn.run(`CREATE OR REPLACE TEMP TABLE _g_ties AS SELECT ${TIES_COLUMNS} FROM graph_subject_ties LIMIT 0`);
    newNodes = `WITH ends AS (SELECT DISTINCT src_key AS k, src_kind AS kind FROM _g_added UNION SELECT DISTINCT dst_key, 0 FROM _g_added),
      unknown AS (SELECT e.* FROM ends e ANTI JOIN graph_nodes n ON n.node_key = e.k),
      pnames AS (SELECT person_id AS k, min(name) AS name FROM persons
                 WHERE person_id IN (SELECT k FROM unknown WHERE kind = 1) GROUP BY 1)
      SELECT u.k AS node_key, CASE WHEN u.kind = 1 THEN 'person' ELSE 'subject' END AS kind,
        CASE WHEN u.kind = 1 THEN coalesce(nullif(mask_name(p.name), ''), '自然人') ELSE u.k END AS label, NULL AS status
      FROM unknown u LEFT JOIN pnames p ON p.k = u.k`;
  }
  // New nodes get ids after the current maximum (the tail is not in key order; lookups go through graph_keys).
  await conn.run(`CREATE OR REPLACE TEMP TABLE _g_new AS
    SELECT ((SELECT coalesce(max(nid), -1) FROM graph_nodes) + row_number() OVER (ORDER BY node_key))::INTEGER AS nid, node_key, kind, label, status
    FROM (${newNodes})`);
  await conn.run(`INSERT INTO graph_nodes (nid, node_key, kind, label, degree, status) SELECT nid, node_key, kind, label, 0, status FROM _g_new ORDER BY nid`);
  await conn.run(`INSERT INTO graph_keys SELECT hash(node_key), nid FROM _g_new ORDER BY 1`);

  // Edges of vanished relation rows, and every tie of a hub whose membership may have changed.
  await conn.run(`CREATE OR REPLACE TEMP TABLE _g_hub_nids AS SELECT n.nid FROM graph_nodes n JOIN _g_hubs h ON h.k = n.node_key`);
  const dropWhere = `rel_hash IN (SELECT rel_hash FROM _g_removed) OR src IN (SELECT nid FROM _g_hub_nids) OR dst IN (SELECT nid FROM _g_hub_nids)`;
  await conn.run(`INSERT INTO _g_aff SELECT src FROM graph_adj WHERE ${dropWhere}`);
  await conn.run(`DELETE FROM graph_adj WHERE ${dropWhere}`);

  // Nodes no longer called for.
  if (entities) {
    await conn.run(`CREATE OR REPLACE TEMP TABLE _g_gone AS SELECT n.nid FROM graph_nodes n ANTI JOIN _g_nodes_src s ON s.node_key = n.node_key`);
  } else {
    // Persons, and codes not in subjects, whose last relation went.
    await conn.run(`CREATE OR REPLACE TEMP TABLE _g_gone AS
      SELECT n.nid FROM graph_nodes n JOIN (SELECT DISTINCT nid FROM _g_aff) a ON a.nid = n.nid
      WHERE n.kind IN ('person', 'subject') AND NOT EXISTS (SELECT 1 FROM graph_adj x WHERE x.src = n.nid)
        AND (n.kind = 'person' OR n.node_key NOT IN (SELECT uscc FROM graph_subject_ties))`);
  }
  await conn.run(`INSERT INTO _g_aff SELECT src FROM graph_adj WHERE src IN (SELECT nid FROM _g_gone) OR dst IN (SELECT nid FROM _g_gone)`);
  await conn.run(`DELETE FROM graph_adj WHERE src IN (SELECT nid FROM _g_gone) OR dst IN (SELECT nid FROM _g_gone)`);
  await conn.run('DELETE FROM graph_keys WHERE nid IN (SELECT nid FROM _g_gone)');
  await conn.run('DELETE FROM graph_nodes WHERE nid IN (SELECT nid FROM _g_gone)');

  // New edges: added relation rows, and the ties of the re-linked hubs.
  const before = Number(await conn.scalar('SELECT count(*) FROM graph_adj'));
  await conn.run(`CREATE OR REPLACE TEMP TABLE _g_ins AS WITH e AS (${edgeRowsSql('_g_added', '$key IN (SELECT k FROM _g_hubs)')}) ${BOTH_DIRECTIONS}`);
  await conn.run('INSERT INTO graph_adj SELECT * FROM _g_ins ORDER BY src, dst');
  await conn.run('INSERT INTO _g_aff SELECT src FROM _g_ins');
  const inserted = Number(await conn.scalar('SELECT count(*) FROM graph_adj')) - before;
  await conn.run(`INSERT OR REPLACE INTO graph_state VALUES ('pending_unsorted', ?)`, [String(inserted)]);

  let relabelled = 0;
  if (entities) {
    relabelled = Number(
      await conn.scalar(`SELECT count(*) FROM graph_nodes n JOIN _g_nodes_src s ON s.node_key = n.node_key
        WHERE n.label IS DISTINCT FROM s.label OR n.status IS DISTINCT FROM s.status`),
    );
    if (relabelled) {
      await conn.run(`UPDATE graph_nodes SET label = s.label, status = s.status FROM _g_nodes_src s
        WHERE s.node_key = graph_nodes.node_key AND (graph_nodes.label IS DISTINCT FROM s.label OR graph_nodes.status IS DISTINCT FROM s.status)`);
    }
    await conn.run(`DELETE FROM graph_subject_ties WHERE uscc IN (SELECT uscc FROM _g_tchg)`);
    await conn.run(`INSERT INTO graph_subject_ties (${TIES_COLUMNS})
      SELECT ${TIES_COLUMNS} FROM _g_ties WHERE uscc IN (SELECT uscc FROM _g_tchg)`);
  }
  // Degrees of the touched nodes only.
  await conn.run(`CREATE OR REPLACE TEMP TABLE _g_deg AS
    SELECT a.nid, coalesce(d.deg, 0)::INTEGER AS deg FROM (SELECT DISTINCT nid FROM _g_aff) a
    LEFT JOIN (SELECT x.src, count(DISTINCT x.dst) AS deg FROM graph_adj x JOIN (SELECT DISTINCT nid FROM _g_aff) f ON x.src = f.nid GROUP BY x.src) d
      ON d.src = a.nid`);
  await conn.run(`UPDATE graph_nodes SET degree = d.deg FROM _g_deg d WHERE d.nid = graph_nodes.nid AND d.deg <> graph_nodes.degree`);
  const counts = await conn.one<{ n: number; g: number }>(`SELECT (SELECT count(*) FROM _g_new) AS n, (SELECT count(*) FROM _g_gone) AS g`);
  return inserted > 0 || Number(counts?.n ?? 0) > 0 || Number(counts?.g ?? 0) > 0 || relabelled > 0;
}

/** Rewrites graph_adj in src order once appended rows exceed RESORT_FRACTION; returns the unsorted count. */
async function resortIfNeeded(conn: Conn, unsortedBefore: number): Promise<number> {
  const pending = Number((await conn.scalar(`SELECT value FROM graph_state WHERE key = 'pending_unsorted'`)) ?? 0);
  const unsorted = unsortedBefore + pending;
  const total = Number(await conn.scalar('SELECT count(*) FROM graph_adj'));
  if (unsorted <= RESORT_FRACTION * total) return unsorted;
  await conn.run('CREATE OR REPLACE TEMP TABLE _g_sorted AS SELECT * FROM graph_adj');
  await dropIndexes(conn);
  await conn.run('TRUNCATE graph_adj');
  await conn.run('INSERT INTO graph_adj SELECT * FROM _g_sorted ORDER BY src, dst');
  await conn.run('DROP TABLE _g_sorted');
  await createIndexes(conn);
  return 0;
}
