import { openWorkspace } from '../../electron/core/workspace';
const ws = await openWorkspace('/tmp/seed-test/w.duckdb');
const q = process.argv[2]!;
console.log(await ws.all(q));
ws.close();
