import { openWorkspace } from '../../electron/core/workspace';
import { overviewSummary, freshness } from '../../electron/core/profile/overview';
import { searchSubjects } from '../../electron/core/profile/search';
const ws = await openWorkspace('/tmp/ui-bench/w1m.duckdb', { readOnly: true });
for (const f of [{}, {}, { town: '南桥镇' }, { town: '南桥镇', industry: '贸易代理' }, {}]) {
  const t = performance.now();
  const s = await ws.withConnection((c) => overviewSummary(c, f, 'k'));
  console.log(JSON.stringify(f), Math.round(performance.now() - t), 'ms', s.subjects, s.records.find((r) => r.table === 'penalties')?.rows);
}
let t = performance.now();
await ws.withConnection((c) => freshness(c, 'k'));
console.log('freshness', Math.round(performance.now() - t));
t = performance.now();
await ws.withConnection((c) => freshness(c, 'k'));
console.log('freshness cached', Math.round(performance.now() - t));
for (const q of ['美谷', '9131012012', '东方美谷化妆', '上海东方美谷化妆品有限责任公司']) {
  t = performance.now();
  const r = await ws.withConnection((c) => searchSubjects(c, q, 20));
  console.log('search', q, Math.round(performance.now() - t), r.length, r[0]?.match);
}
ws.close();
