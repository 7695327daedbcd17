// Relationship graph benchmark on its own synthetic workspace: 1,000,000 subjects, 2,000,000 persons and
// 4,000,000 relations (legal representatives, shareholders incl. company holders, officers; ~10 % ended), plus
// shared addresses (some 集中登记地 over 100 firms) and phones, and blacklists. Measures the full build, an
// incremental rebuild after a small import, the 2-hop ego network (median of 20 random subjects, target ≤ 200 ms),
// shortest paths, connected components (target ≤ 30 s) and the exposure run; beside the ego network, raw DuckDB
// doing the same 2-hop neighbourhood (a) on the relations table as imported and (b) as one SQL on graph_adj.
// `npm run bench graph` calls benchGraph(); by hand: npx tsx tests/bench/graph.bench.ts [subjects]
import os from 'node:os';
import path from 'node:path';
import { openWorkspace, type Workspace } from '../../electron/core/workspace';
import { buildGraph, components, egoNetwork, runExposure, shortestPath } from '../../electron/core/graph';
import { tempDir } from '../helpers/workspace';
import { fmtMs, median, peakRssMb, printTable, ratio, time, type BenchRow } from './util';

export interface GraphBenchResult {
  subjects: number;
  persons: number;
  relations: number;
  buildMs: number;
  incrementalMs: number;
  egoMedianMs: number;
  egoP90Ms: number;
  egoCpuMs: number;
  egoNodesMedian: number;
  rawRelationsMedianMs: number;
  rawAdjMedianMs: number;
  pathMedianMs: number;
  componentsMs: number;
  componentRounds: number;
  exposureMs: number;
  peakRssMB: number;
}

const USCC = (i: string) => `('91310120' || lpad((${i})::VARCHAR, 10, '0'))`;
const PID = (i: string) => `('P' || lpad((${i})::VARCHAR, 24, '0'))`;

/** Synthetic sources in plain SQL (shape chosen for the benchmark, not the demo generator's). */
export async function generate(ws: Workspace, subjects: number): Promise<void> {
  const persons = subjects * 2;
  await ws.run(`INSERT INTO subjects (uscc, name, address, phone, status)
    SELECT ${USCC('i')}, '测试企业' || i || '有限公司',
      CASE WHEN i % 1000 = 0 THEN '上海市奉贤区集中登记地' || (i % 7) || '号'            -- ~143 firms each: not crossed
           WHEN i % 10 < 3 THEN '上海市奉贤区南桥镇共享路' || (hash(i, 'a') % ${Math.floor(subjects / 10)}) || '号'
           ELSE '上海市奉贤区独立路' || i || '号' END,
      CASE WHEN i % 20 = 0 THEN '021' || (57000000 + hash(i, 'p') % ${Math.floor(subjects / 50)}) ELSE '139' || lpad(i::VARCHAR, 8, '0') END,
      '存续'
    FROM range(${subjects}) t(i)`);
  await ws.run(`INSERT INTO persons (person_id, name)
    SELECT ${PID('i')}, ['张','王','李','赵','陈','刘','杨','黄'][1 + i % 8] || ['伟','芳','娜','敏','静','强','磊','军'][1 + (i // 8) % 8]
    FROM range(${persons}) t(i)`);
  // Person picks are uniform, except 1 % of legal representatives drawn from 2,000 "professional" persons.
  const dates = (seed: string) => `DATE '2010-01-01' + (hash(j, '${seed}s') % 5000)::INTEGER,
      CASE WHEN hash(j, '${seed}e') % 10 = 0 THEN DATE '2010-01-01' + (hash(j, '${seed}s') % 5000)::INTEGER + 365 END`;
  await ws.run(`INSERT INTO relations (uscc, role, person_id, related_uscc, share_pct, start_date, end_date)
    SELECT ${USCC('j')}, 'legal_rep',
      ${PID(`CASE WHEN j % 100 = 0 THEN hash(j, 'lp') % 2000 ELSE hash(j, 'l') % ${persons} END`)}, NULL, NULL, ${dates('l')}
    FROM range(${subjects}) t(j)`);
  await ws.run(`INSERT INTO relations (uscc, role, person_id, related_uscc, share_pct, start_date, end_date)
    SELECT ${USCC('j // 2')}, 'shareholder',
      CASE WHEN j % 10 <> 0 THEN ${PID(`hash(j, 's') % ${persons}`)} END,
      CASE WHEN j % 10 = 0 THEN ${USCC(`(j // 2 + 1 + hash(j, 'c') % ${subjects - 1}) % ${subjects}`)} END,
      CASE WHEN j % 2 = 0 THEN 60 ELSE 40 END, ${dates('s')}
    FROM range(${subjects * 2}) t(j)`);
  await ws.run(`INSERT INTO relations (uscc, role, person_id, related_uscc, share_pct, start_date, end_date)
    SELECT ${USCC('j')}, 'officer', ${PID(`hash(j, 'o') % ${persons}`)}, NULL, NULL, ${dates('o')}
    FROM range(${subjects}) t(j)`);
  await ws.run(`INSERT INTO credit_lists (list_type, uscc, person_id, in_date, out_date)
    SELECT ['严重失信主体名单', '经营异常名录', '失信被执行人'][1 + i % 3], ${USCC(`hash(i, 'b') % ${subjects}`)}, NULL,
      DATE '2020-01-01' + (i % 1500)::INTEGER, NULL
    FROM range(${Math.floor(subjects / 50)}) t(i)`);
  await ws.run(`INSERT INTO credit_lists (list_type, uscc, person_id, in_date, out_date)
    SELECT '失信被执行人', NULL, ${PID(`hash(i, 'd') % ${persons}`)}, DATE '2020-01-01' + (i % 1500)::INTEGER, NULL
    FROM range(${Math.floor(subjects / 100)}) t(i)`);
}

/** The same 2-hop neighbourhood as plain SQL on the relations table as imported (no graph tables). */
function rawRelationsSql(uscc: string): string {
  return `WITH h1 AS (
      SELECT coalesce(person_id, related_uscc) AS n FROM relations WHERE uscc = '${uscc}'
      UNION SELECT uscc FROM relations WHERE related_uscc = '${uscc}'),
    h2 AS (
      SELECT r.uscc AS n FROM relations r JOIN h1 ON r.person_id = h1.n
      UNION SELECT r.uscc FROM relations r JOIN h1 ON r.related_uscc = h1.n
      UNION SELECT coalesce(r.person_id, r.related_uscc) FROM relations r JOIN h1 ON r.uscc = h1.n)
    SELECT count(*) AS n FROM (SELECT n FROM h1 UNION SELECT n FROM h2 UNION SELECT '${uscc}')`;
}

/** The same on graph_adj in one statement (relations only, no hubs, no ranking or presentation). */
function rawAdjSql(nid: number): string {
  return `WITH h1 AS (SELECT dst AS n FROM graph_adj WHERE src = ${nid} AND kind <= 3),
    h2 AS (SELECT a.dst AS n FROM graph_adj a JOIN h1 ON a.src = h1.n WHERE a.kind <= 3)
    SELECT count(*) AS n FROM (SELECT n FROM h1 UNION SELECT n FROM h2 UNION SELECT ${nid})`;
}

export async function benchGraph(subjects = Number(process.env.CWS_BENCH_GRAPH_SUBJECTS ?? 1_000_000)): Promise<GraphBenchResult> {
  const wsPath = path.join(tempDir('cws-graph-bench-'), 'graph.duckdb');
  const ws = await openWorkspace(wsPath, { create: true });
  const rows: BenchRow[] = [];
  try {
    const gen = await time(() => generate(ws, subjects));
    const relations = Number(await ws.scalar('SELECT count(*) FROM relations'));
    rows.push({ bench: `synthetic sources (${subjects} subjects, ${subjects * 2} persons, ${relations} relations)`, ours: fmtMs(gen.ms) });

    const build = await time(() => buildGraph(ws));
    const b = build.value;
    rows.push({
      bench: 'graph build (full)',
      ours: fmtMs(build.ms),
      note: `${b.nodes} nodes (${b.persons} persons, ${b.hubs} hubs), ${b.edges} edges`,
    });
    await ws.checkpoint();

    // 20 random subjects, the same for every variant; one warm-up call first.
    const sample = await ws.all<{ uscc: string; nid: number }>(
      `SELECT n.node_key AS uscc, n.nid FROM graph_nodes n WHERE kind = 'subject' USING SAMPLE 20 ROWS (reservoir, 7)`,
    );
    await egoNetwork(ws, { center: sample[0]!.uscc, hops: 2 });
    const egoMs: number[] = [];
    const egoCpu: number[] = [];
    const egoNodes: number[] = [];
    for (const s of sample) {
      const cpu = process.cpuUsage();
      const r = await time(() => egoNetwork(ws, { center: s.uscc, hops: 2 }));
      const used = process.cpuUsage(cpu);
      egoMs.push(r.ms);
      egoCpu.push((used.user + used.system) / 1000);
      egoNodes.push(r.value.nodes.length + r.value.truncated);
    }
    const rawRel: number[] = [];
    const rawAdj: number[] = [];
    for (const s of sample) {
      rawRel.push((await time(() => ws.all(rawRelationsSql(s.uscc)))).ms);
      rawAdj.push((await time(() => ws.all(rawAdjSql(Number(s.nid))))).ms);
    }
    const egoMedian = median(egoMs);
    const egoP90 = [...egoMs].sort((a, b) => a - b)[Math.floor(egoMs.length * 0.9)]!;
    rows.push({
      bench: '2-hop ego network (graph.ego, median of 20)',
      ours: fmtMs(egoMedian),
      raw: fmtMs(median(rawRel)),
      ratio: ratio(egoMedian, median(rawRel)),
      target: '≤ 200 ms',
      note: `p90 ${fmtMs(egoP90)}; CPU ${fmtMs(median(egoCpu))}; median ${median(egoNodes)} nodes reached; raw = same 2 hops on relations as imported`,
    });
    rows.push({
      bench: '2-hop neighbourhood as one SQL on graph_adj',
      ours: fmtMs(median(rawAdj)),
      note: 'lower bound: no hubs, ranking, labels, lists or grades',
    });

    const pathMs: number[] = [];
    for (let i = 0; i + 1 < sample.length; i += 2) {
      pathMs.push((await time(() => shortestPath(ws, { source: sample[i]!.uscc, target: sample[i + 1]!.uscc }))).ms);
    }
    rows.push({ bench: 'shortest path (≤ 6 hops, median of 10 pairs)', ours: fmtMs(median(pathMs)) });

    const comp = await time(() => components(ws, {}));
    rows.push({
      bench: 'connected components (label propagation)',
      ours: fmtMs(comp.ms),
      target: '≤ 30 s',
      note: `${comp.value.components} components, largest ${comp.value.largest}, ${comp.value.iterations} rounds`,
    });

    const exposure = await time(() => runExposure(ws, { asOf: '2026-01-01', reuse: false }));
    rows.push({
      bench: 'exposure run (all subjects, 2 hops + nearest ≤ 3)',
      ours: fmtMs(exposure.ms),
      note: `${exposure.value.listedNodes} listed nodes, ${exposure.value.exposed} subjects exposed`,
    });

    // A small import: 1,000 new relations and 100 removed → incremental rebuild.
    await ws.run(`INSERT INTO relations (uscc, role, person_id, share_pct, start_date)
      SELECT ${USCC(`hash(i, 'n') % ${subjects}`)}, 'officer', ${PID(`hash(i, 'm') % ${subjects * 2}`)}, NULL, DATE '2025-01-01' FROM range(1000) t(i)`);
    await ws.run(`DELETE FROM relations WHERE role = 'officer' AND uscc IN (SELECT ${USCC('i * 997')} FROM range(100) t(i))`);
    const inc = await time(() => buildGraph(ws));
    rows.push({
      bench: 'incremental rebuild (+1,000 / −100 relations)',
      ours: fmtMs(inc.ms),
      ratio: ratio(inc.ms, build.ms),
      note: `${inc.value.mode}: +${inc.value.addedEdges} / −${inc.value.removedEdges} edges (ratio vs full build)`,
    });
    const egoAfter: number[] = [];
    for (const s of sample) egoAfter.push((await time(() => egoNetwork(ws, { center: s.uscc, hops: 2 }))).ms);
    rows.push({ bench: '2-hop ego network after the incremental rebuild', ours: fmtMs(median(egoAfter)), target: '≤ 200 ms' });

    const peak = peakRssMb();
    rows.push({ bench: 'peak RSS', ours: `${peak} MB` });
    // The machine is shared: wall times stretch with the load (2 cores).
    rows.push({ bench: 'load average (1 min) at the end', ours: os.loadavg()[0]!.toFixed(1), note: `${os.cpus().length} cores` });
    printTable('关系图谱 graph', rows);
    return {
      subjects,
      persons: b.persons,
      relations,
      buildMs: build.ms,
      incrementalMs: inc.ms,
      egoMedianMs: egoMedian,
      egoP90Ms: egoP90,
      egoCpuMs: median(egoCpu),
      egoNodesMedian: median(egoNodes),
      rawRelationsMedianMs: median(rawRel),
      rawAdjMedianMs: median(rawAdj),
      pathMedianMs: median(pathMs),
      componentsMs: comp.ms,
      componentRounds: comp.value.iterations,
      exposureMs: exposure.ms,
      peakRssMB: peak,
    };
  } finally {
    ws.close();
  }
}

if (process.argv[1] && /graph\.bench\.ts$/.test(process.argv[1])) {
  const n = process.argv[2] ? Number(process.argv[2]) : undefined;
  benchGraph(n).then(
    (r) => console.log(JSON.stringify(r)),
    (err) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
