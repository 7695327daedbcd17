// Foundation benchmarks: the generator at scale N and a query round trip (SQL → Arrow → decoded), each beside raw
// DuckDB doing the same SQL in the same run; and the same 1M×5 result moved as Arrow IPC vs JSON row objects.
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromIPC } from 'apache-arrow';
import { openWorkspace, queryToArrow, guardUserSql, Conn, Workspace, type SqlParam } from '../../electron/core/workspace';
import { generateDemo } from '../../datasets/generate';
import { tempDir } from '../helpers/workspace';
import { fmtMs, peakRssMb, printTable, ratio, time, type BenchRow } from './util';

/** Returns the path of the generated workspace so later benchmarks can reuse it. */
export async function benchFoundation(scale = 1_000_000): Promise<string> {
  const dir = tempDir('cws-bench-');
  const wsPath = path.join(dir, `scale-${scale}.duckdb`);
  const rows: BenchRow[] = [];

  // 1. Generator through the workspace, recording every statement it runs (on the workspace or a job connection).
  const ws = await openWorkspace(wsPath, { create: true });
  const statements: { sql: string; params?: SqlParam[] }[] = [];
  const connRun = Conn.prototype.run;
  const wsRun = Workspace.prototype.run;
  Conn.prototype.run = function (sql, params) {
    statements.push({ sql, params });
    return connRun.call(this, sql, params);
  };
  Workspace.prototype.run = function (sql, params) {
    statements.push({ sql, params });
    return wsRun.call(this, sql, params);
  };
  const gen = await time(() => generateDemo(ws, { scale, seed: 1 })).finally(() => {
    Conn.prototype.run = connRun;
    Workspace.prototype.run = wsRun;
  });
  await ws.checkpoint();
  const counts = await ws.all<{ n: number }>('SELECT count(*) AS n FROM subjects');

  // Same statements on a bare DuckDB file with the same schema (copied empty from a fresh workspace).
  const rawPath = path.join(dir, 'raw.duckdb');
  (await openWorkspace(rawPath, { create: true })).close();
  const raw = await (await DuckDBInstance.create(rawPath)).connect();
  const rawGen = await time(async () => {
    for (const st of statements) await (st.params?.length ? raw.run(st.sql, st.params as never) : raw.run(st.sql));
  });
  raw.closeSync();
  rows.push({
    bench: `generator scale ${scale.toLocaleString()} (${counts[0]!.n.toLocaleString()} subjects)`,
    ours: fmtMs(gen.ms),
    raw: fmtMs(rawGen.ms),
    ratio: ratio(gen.ms, rawGen.ms),
    target: '< 120 s, < 4 GB',
    note: `peak RSS ${peakRssMb()} MB, ${statements.length} statements`,
  });

  // 2. Query round trip: 1M × 5 through the read-only path to Arrow and decoded, vs raw DuckDB to JS columns.
  const sql = 'SELECT uscc, name, town, registered_capital_wan, established_date FROM subjects';
  const limit = Math.min(scale, 1_000_000);
  // Pages in the app are ≤100,000 rows; the benchmark moves the whole result through the same Arrow builder.
  const ours = await time(async () => {
    const arrow = await ws.withConnection(async (conn) => {
      await guardUserSql(conn, sql);
      return (await queryToArrow(conn.raw, `${sql} LIMIT ${limit}`)).arrow;
    });
    return tableFromIPC(arrow).numRows;
  });
  const rawInstance = await DuckDBInstance.create(wsPath, { access_mode: 'READ_ONLY' }).catch(() => null);
  let rawMs = NaN;
  if (rawInstance) {
    const c = await rawInstance.connect();
    rawMs = (await time(async () => (await c.runAndReadAll(`${sql} LIMIT ${limit}`)).getColumnsJS())).ms;
    c.closeSync();
    rawInstance.closeSync();
  } else {
    rawMs = (await time(async () => ws.all(`${sql} LIMIT ${limit}`))).ms;
  }
  rows.push({ bench: `query round trip ${ours.value.toLocaleString()}×5 → Arrow → decoded`, ours: fmtMs(ours.ms), raw: fmtMs(rawMs), ratio: ratio(ours.ms, rawMs) });

  // 3. The same result moved as Arrow IPC vs as JSON row objects (serialise + parse).
  const page = await ws.withConnection((conn) => queryToArrow(conn.raw, `${sql} LIMIT ${limit}`));
  const arrowMove = await time(async () => tableFromIPC(page.arrow.slice()).numRows);
  const objects = await ws.all(`${sql} LIMIT ${limit}`);
  const jsonMove = await time(async () => JSON.parse(JSON.stringify(objects)).length);
  rows.push({
    bench: `move ${limit.toLocaleString()}×5: Arrow IPC vs JSON rows`,
    ours: `${fmtMs(arrowMove.ms)} (${(page.arrow.length / 1e6).toFixed(1)} MB)`,
    raw: `${fmtMs(jsonMove.ms)} (${(JSON.stringify(objects).length / 1e6).toFixed(1)} MB)`,
    ratio: ratio(arrowMove.ms, jsonMove.ms),
    note: 'raw column = JSON',
  });
  ws.close();
  printTable('Foundation', rows);
  return wsPath;
}
