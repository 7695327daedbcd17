import { createDemoWorkspace } from '../../electron/core/demo/services';
import fs from 'node:fs';
fs.rmSync('/tmp/gen-test', { recursive: true, force: true });
const t = Date.now();
try { await createDemoWorkspace('/tmp/gen-test/d.duckdb', { scale: Number(process.argv[2] ?? 2000), seed: 7 }); console.log('ok', Date.now() - t); }
catch (e) { console.log('fail', String(e).slice(0, 300)); }
