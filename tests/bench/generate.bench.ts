// Benchmark of the demo generator: wall seconds, peak resident memory and rows written for one scale.
// Exported for the bench runner (tests/bench/run.ts); also runnable alone: npx tsx tests/bench/generate.bench.ts 1000000
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openWorkspace } from '../../electron/core/workspace';
import { generateDemo } from '../../datasets/generate';
import { CANONICAL_TABLES } from '../../shared/domain/tables';

export interface GenerateBenchResult {
  scale: number;
  seconds: number;
  /** Process CPU seconds (all DuckDB threads): comparable across runs on a busy machine, unlike wall time. */
  cpuSeconds: number;
  /** Peak resident set size of this process so far (VmHWM). */
  peakRssMb: number;
  rows: number;
  rowsByTable: Record<string, number>;
}

export async function benchGenerate(scale: number, seed = 1): Promise<GenerateBenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cws-bench-generate-'));
  const ws = await openWorkspace(path.join(dir, 'bench.duckdb'), { create: true });
  try {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await generateDemo(ws, { scale, seed });
    await ws.checkpoint();
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const counts = await ws.all<{ name: string; n: number }>(
      CANONICAL_TABLES.map((t) => `SELECT '${t.name}' AS name, count(*) AS n FROM "${t.name}"`).join(' UNION ALL '),
    );
    const rowsByTable = Object.fromEntries(counts.map((c) => [c.name, Number(c.n)]));
    return {
      scale,
      seconds: round(seconds),
      cpuSeconds: round((cpu.user + cpu.system) / 1e6),
      peakRssMb: peakRssMb(),
      rows: Object.values(rowsByTable).reduce((s, n) => s + n, 0),
      rowsByTable,
    };
  } finally {
    ws.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function peakRssMb(): number {
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  const kb = /VmHWM:\s+(\d+)\s*kB/.exec(status)?.[1];
  return kb ? Math.round(Number(kb) / 1024) : Math.round(process.memoryUsage().rss / 1024 ** 2);
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const scale = Number(process.argv[2] ?? 20_000);
  benchGenerate(scale).then((r) => console.log(JSON.stringify(r, null, 2)));
}
