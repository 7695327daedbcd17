import { createDemoWorkspace } from '../../electron/core/demo/services';
const t = Date.now();
await createDemoWorkspace('/tmp/ui-bench/w1m.duckdb', { scale: 1_000_000, seed: 7 }, undefined, (p, d, n) => console.log(p, d, n, Date.now() - t));
console.log('done', Date.now() - t);
