// npm run bench: every capability's benchmark in one run (not part of npm test). Scale with CWS_BENCH_SCALE.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchFoundation } from './foundation.bench';

const here = path.dirname(fileURLToPath(import.meta.url));
const scale = Number(process.env.CWS_BENCH_SCALE ?? 1_000_000);
const only = process.argv.slice(2);
const wanted = (name: string) => only.length === 0 || only.includes(name);

async function optional(file: string, exportName: string, ...args: unknown[]): Promise<void> {
  if (!fs.existsSync(path.join(here, file))) {
    console.log(`\n## ${file}: not present yet`);
    return;
  }
  const mod = (await import(`./${file}`)) as Record<string, (...a: unknown[]) => Promise<unknown>>;
  if (typeof mod[exportName] !== 'function') {
    console.log(`\n## ${file}: no export ${exportName}`);
    return;
  }
  try {
    await mod[exportName]!(...args);
  } catch (err) {
    console.log(`\n## ${file} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

const wsPath = await benchFoundation(scale);
if (wanted('evaluate')) await optional('evaluate.bench.ts', 'benchEvaluate', wsPath);
if (wanted('tiering')) await optional('tiering.bench.ts', 'benchTiering', wsPath);
if (wanted('repair')) await optional('repair.bench.ts', 'benchRepair', wsPath);
if (wanted('report')) await optional('report.bench.ts', 'benchReport', wsPath);
if (wanted('ui')) await optional('ui.bench.ts', 'benchUi', wsPath);
if (wanted('import')) await optional('import.bench.ts', 'benchImport', Number(process.env.CWS_BENCH_IMPORT_ROWS ?? 5_000_000));
if (wanted('graph')) await optional('graph.bench.ts', 'benchGraph');
