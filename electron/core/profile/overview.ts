// 总览: KPI counts and distributions by town / industry / month. One SQL pass aggregates every record table (and
// the latest evaluation, tiering and repair runs) by the subject's town, industry and month into a small cube,
// kept in memory until the data changes; any town / industry filter is then answered from the cube, so clicking a
// bar on a million subjects costs milliseconds. The town chart ignores the town filter (and the industry chart the
// industry filter) so the chart that set a filter still shows every bar to choose from.
import { TABLE_BY_NAME } from '../../../shared/domain/tables';
import type { DeptFreshness, FreshnessSummary, GroupCount, ImportFreshness, MonthCount, OverviewFilter, OverviewSummary } from '../../../shared/contract/profile';
import { latestRun, tableCatalog, type Db, type TableCatalog } from './tables';

/** Record tables counted on the overview, in display order. */
export const RECORD_TABLES = [
  'licenses', 'penalties', 'credit_lists', 'commitments', 'repairs', 'inspections', 'industry_ratings', 'obligations', 'complaints', 'financing',
] as const;

/** Tables counted per month (by decision date). */
const MONTHLY: Record<string, string> = { licenses: 'decision_date', penalties: 'decision_date' };

export const UNKNOWN = '未知';
const MAX_MONTHS = 120;

/** One cell of the cube: rows of `key` (a table, a grade, a tier …) for subjects of town t and industry i. */
interface Cell {
  kind: 'subjects' | 'records' | 'grades' | 'tiers' | 'warnings' | 'repairable';
  key: string;
  /** null: records whose subject is not in subjects (counted only without a filter). */
  t: string | null;
  i: string | null;
  /** YYYY-MM for monthly tables, else null. */
  m: string | null;
  n: number;
}

interface Cube {
  stamp: string;
  tables: string[];
  cells: Cell[];
  grades: { runId: string; asOf: string } | null;
  tiers: { runId: string; asOf: string } | null;
  repair: boolean;
  freshness?: FreshnessSummary;
}

const cubes = new Map<string, Cube>();

interface Runs {
  evalRun: { runId: string; asOf: string } | null;
  tierRun: { runId: string; asOf: string } | null;
  repairRun: { runId: string; asOf: string } | null;
  repair: boolean;
}

async function currentRuns(db: Db, catalog: TableCatalog): Promise<Runs> {
  const evalRun = catalog.has('eval_scores') ? await latestRun(db, catalog, 'eval_runs') : null;
  const tierRun = catalog.has('tier_results') ? await latestRun(db, catalog, 'tier_runs') : null;
  const repair = catalog.has('penalty_disclosure') && catalog.columns('penalty_disclosure').has('status');
  const repairRun = repair && catalog.columns('penalty_disclosure').has('run_id') ? await latestRun(db, catalog, 'repair_runs') : null;
  return { evalRun, tierRun, repairRun, repair };
}

/**
 * What the cube depends on, cheaply: row counts of the tables it reads, the import batches and the latest runs.
 * Imports append or undo whole batches and runs add rows, so any change that matters changes the stamp.
 */
async function dataStamp(db: Db, catalog: TableCatalog, runs: Runs): Promise<string> {
  const counted = ['subjects', ...RECORD_TABLES, 'penalty_disclosure', 'warning_hits', 'warning_states', 'import_batches'].filter((t) => catalog.has(t));
  // One count per table as a UNION (DuckDB answers a bare count(*) from table metadata; scalar subqueries it scans).
  const parts = [
    ...counted.map((t) => `SELECT '${t}' AS k, CAST(count(*) AS VARCHAR) AS v FROM main."${t}"`),
    ...(catalog.has('warning_states') ? [`SELECT 'ws', CAST(max(updated_at) AS VARCHAR) FROM main.warning_states`] : []),
    ...(catalog.has('import_batches') ? [`SELECT 'ib', CAST(max(coalesce(undone_at, finished_at)) AS VARCHAR) FROM main.import_batches`] : []),
  ];
  const rows = await db.all<{ k: string; v: string | null }>(parts.join(' UNION ALL '));
  rows.sort((a, b) => a.k.localeCompare(b.k));
  return JSON.stringify([rows, runs.evalRun?.runId, runs.tierRun?.runId, runs.repairRun?.runId]);
}

async function buildCube(db: Db, catalog: TableCatalog, runs: Runs, stamp: string): Promise<Cube> {
  const tables = RECORD_TABLES.filter((t) => catalog.has(t));
  const sk = `sk AS (SELECT uscc, coalesce(town, '${UNKNOWN}') AS t, coalesce(industry_name, industry_code, '${UNKNOWN}') AS i FROM main.subjects)`;
  const parts: string[] = [
    `SELECT 'subjects' AS kind, 'subjects' AS key, t, i, NULL AS m, count(*) AS n FROM sk GROUP BY ALL`,
    // All record tables in one stream and one join: one hash table over the subjects.
    `SELECT 'records', r.tb, sk.t, sk.i, r.m, count(*) FROM (
       ${tables
         .map((t) => `SELECT '${t}' AS tb, uscc, ${MONTHLY[t] ? `strftime(${MONTHLY[t]}, '%Y-%m')` : 'NULL'} AS m FROM main."${t}"`)
         .join(' UNION ALL ')}
     ) r LEFT JOIN sk ON sk.uscc = r.uscc GROUP BY ALL`,
  ];
  if (runs.evalRun) {
    parts.push(`SELECT 'grades', e.grade, sk.t, sk.i, NULL, count(*) FROM main.eval_scores e LEFT JOIN sk ON sk.uscc = e.uscc
                WHERE e.run_id = '${runs.evalRun.runId.replace(/'/g, "''")}' GROUP BY ALL`);
  }
  if (runs.tierRun) {
    const run = `'${runs.tierRun.runId.replace(/'/g, "''")}'`;
    parts.push(`SELECT 'tiers', r.tier, sk.t, sk.i, NULL, count(*) FROM main.tier_results r LEFT JOIN sk ON sk.uscc = r.uscc
                WHERE r.run_id = ${run} GROUP BY ALL`);
    if (catalog.has('warning_hits')) {
      const open = catalog.has('warning_states')
        ? `AND NOT EXISTS (SELECT 1 FROM main.warning_states st WHERE st.rule_id = w.rule_id AND st.uscc = w.uscc AND st.evidence_key = w.evidence_key)`
        : '';
      parts.push(`SELECT 'warnings', 'open', sk.t, sk.i, NULL, count(*) FROM main.warning_hits w LEFT JOIN sk ON sk.uscc = w.uscc
                  WHERE w.run_id = ${run} ${open} GROUP BY ALL`);
    }
  }
  if (runs.repair) {
    const run = runs.repairRun ? ` AND d.run_id = '${runs.repairRun.runId.replace(/'/g, "''")}'` : '';
    parts.push(`SELECT 'repairable', d.status, sk.t, sk.i, NULL, count(*) FROM main.penalty_disclosure d LEFT JOIN sk ON sk.uscc = d.uscc
                WHERE d.status = '可申请修复'${run} GROUP BY ALL`);
  }
  const rows = await db.all<{ kind: Cell['kind']; key: string; t: string | null; i: string | null; m: string | null; n: number }>(
    `WITH ${sk} ${parts.join(' UNION ALL ')}`,
  );
  // A repair run that has published no rows yet still counts as "not measured".
  const repairMeasured = runs.repair && Number(await db.scalar(`SELECT count(*) FROM main.penalty_disclosure`)) > 0;
  return {
    stamp,
    tables,
    cells: rows.map((r) => ({ ...r, n: Number(r.n) })),
    grades: runs.evalRun,
    tiers: runs.tierRun,
    repair: repairMeasured,
  };
}

/** The cube for the workspace at `key` (its path), rebuilt when the data changed or when asked to. */
async function cubeFor(db: Db, key: string, refresh = false): Promise<Cube> {
  const catalog = await tableCatalog(db);
  const runs = await currentRuns(db, catalog);
  const stamp = await dataStamp(db, catalog, runs);
  const cached = cubes.get(key);
  if (cached && cached.stamp === stamp && !refresh) return cached;
  const cube = await buildCube(db, catalog, runs, stamp);
  cubes.set(key, cube);
  return cube;
}

type Match = (c: Cell) => boolean;

/** Cells of subjects in the filter; without any filter, also the records without a subject. */
function matcher(filter: OverviewFilter): Match {
  if (!filter.town && !filter.industry) return () => true;
  return (c) => c.t !== null && (!filter.town || c.t === filter.town) && (!filter.industry || c.i === filter.industry);
}

function sumBy(cells: Cell[], kind: Cell['kind'], match: Match, by: (c: Cell) => string | null): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of cells) {
    if (c.kind !== kind || !match(c)) continue;
    const k = by(c);
    if (k === null) continue;
    out.set(k, (out.get(k) ?? 0) + c.n);
  }
  return out;
}

function groups(cube: Cube, filter: OverviewFilter, dim: 't' | 'i', limit: number): GroupCount[] {
  const match = matcher(filter);
  const subjects = sumBy(cube.cells, 'subjects', match, (c) => c[dim]);
  const penalties = sumBy(cube.cells, 'records', (c) => c.key === 'penalties' && c.t !== null && match(c), (c) => c[dim]);
  return [...subjects.entries()]
    .map(([key, n]) => ({ key, subjects: n, penalties: penalties.get(key) ?? 0 }))
    .sort((a, b) => b.subjects - a.subjects || a.key.localeCompare(b.key, 'zh-CN'))
    .slice(0, limit);
}

function months(cube: Cube, match: Match): MonthCount[] {
  const pen = sumBy(cube.cells, 'records', (c) => c.key === 'penalties' && match(c), (c) => c.m);
  const lic = sumBy(cube.cells, 'records', (c) => c.key === 'licenses' && match(c), (c) => c.m);
  const all = [...pen.keys(), ...lic.keys()].sort();
  if (!all.length) return [];
  // Every month from the first to the last record (empty months at 0), the latest MAX_MONTHS at most.
  const out: MonthCount[] = [];
  let [y, m] = all[all.length - 1]!.split('-').map(Number) as [number, number];
  const first = all[0]!;
  for (let k = 0; k < MAX_MONTHS; k++) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month < first) break;
    out.push({ month, penalties: pen.get(month) ?? 0, licenses: lic.get(month) ?? 0 });
    if (--m === 0) [y, m] = [y - 1, 12];
  }
  return out.reverse();
}

export async function overviewSummary(db: Db, filter: OverviewFilter, key = 'default', refresh = false): Promise<OverviewSummary> {
  const started = performance.now();
  const cube = await cubeFor(db, key, refresh);
  const match = matcher(filter);
  const total = (kind: Cell['kind']) => [...sumBy(cube.cells, kind, match, (c) => c.key).values()].reduce((a, b) => a + b, 0);
  const records = sumBy(cube.cells, 'records', match, (c) => c.key);
  const counts = (kind: Cell['kind']) => Object.fromEntries([...sumBy(cube.cells, kind, match, (c) => c.key).entries()].sort());
  return {
    filter,
    subjects: total('subjects'),
    records: cube.tables.map((t) => ({ table: t, label: TABLE_BY_NAME[t]?.label ?? t, rows: records.get(t) ?? 0 })),
    grades: cube.grades ? { ...cube.grades, counts: counts('grades') } : null,
    tiers: cube.tiers ? { ...cube.tiers, counts: counts('tiers') } : null,
    openWarnings: cube.tiers && cube.cells.some((c) => c.kind === 'warnings') ? total('warnings') : cube.tiers ? 0 : null,
    repairable: cube.repair ? total('repairable') : null,
    byTown: groups(cube, { industry: filter.industry }, 't', 100),
    byIndustry: groups(cube, { town: filter.town }, 'i', 20),
    byMonth: months(cube, match),
    elapsedMs: Math.round(performance.now() - started),
  };
}

/** Rows and latest dates per source department, and the latest import of each table (cached with the cube). */
export async function freshness(db: Db, key = 'default'): Promise<FreshnessSummary> {
  const cube = await cubeFor(db, key);
  if (!cube.freshness) cube.freshness = await readFreshness(db);
  return cube.freshness;
}

async function readFreshness(ws: Db): Promise<FreshnessSummary> {
  const catalog = await tableCatalog(ws);
  // (table, department column, business date column, reported date column)
  const sources: [string, string, string, string | null][] = [
    ['licenses', 'source_dept', 'decision_date', 'reported_date'],
    ['penalties', 'source_dept', 'decision_date', 'reported_date'],
    ['inspections', 'dept', 'inspection_date', null],
    ['commitments', 'dept', 'made_date', null],
    ['repairs', 'dept', 'applied_date', null],
    ['industry_ratings', 'dept', 'rated_date', null],
    ['credit_lists', 'authority', 'in_date', null],
  ];
  const present = sources.filter(([t]) => catalog.has(t));
  const deptRows = await ws.all<{ dept: string; t: string; rows: number; last_decision: string | null; last_reported: string | null }>(
    present
      .map(
        ([t, dept, date, reported]) =>
          `SELECT coalesce(${dept}, '${UNKNOWN}') AS dept, '${t}' AS t, count(*) AS rows, max(${date}) AS last_decision,
             ${reported ? `max(${reported})` : 'NULL::DATE'} AS last_reported FROM main."${t}" GROUP BY 1`,
      )
      .join(' UNION ALL ') + ' ORDER BY dept, t',
  );
  const departments: DeptFreshness[] = deptRows.map((r) => ({
    dept: r.dept,
    table: r.t,
    label: TABLE_BY_NAME[r.t]?.label ?? r.t,
    rows: Number(r.rows),
    lastDecision: r.last_decision,
    lastReported: r.last_reported,
  }));
  let imports: ImportFreshness[] = [];
  if (catalog.has('import_batches')) {
    const rows = await ws.all<{ table_name: string; batches: number; last_import: string; file_name: string | null; loaded_rows: number | null; operator: string | null }>(
      `SELECT table_name, count(*) OVER (PARTITION BY table_name) AS batches, CAST(coalesce(finished_at, started_at) AS VARCHAR) AS last_import,
         file_name, loaded_rows, operator
       FROM main.import_batches WHERE undone_at IS NULL
       QUALIFY row_number() OVER (PARTITION BY table_name ORDER BY coalesce(finished_at, started_at) DESC NULLS LAST) = 1
       ORDER BY table_name`,
    );
    imports = rows.map((r) => ({
      table: r.table_name,
      label: TABLE_BY_NAME[r.table_name]?.label ?? r.table_name,
      batches: Number(r.batches),
      lastImport: String(r.last_import ?? '').slice(0, 19),
      fileName: r.file_name,
      loadedRows: r.loaded_rows === null ? null : Number(r.loaded_rows),
      operator: r.operator,
    }));
  }
  return { departments, imports };
}
