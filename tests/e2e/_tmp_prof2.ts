import { openWorkspace } from '../../electron/core/workspace';
import { subjectProfile } from '../../electron/core/profile/profile';
import { overviewSummary } from '../../electron/core/profile/overview';
const ws = await openWorkspace('/tmp/ui-bench/w1m.duckdb', { readOnly: true });
const u = await ws.scalar<string>(`select uscc from penalties where uscc is not null limit 1 offset 7000`);
const which = process.argv[2] ?? 'profile';
await ws.withConnection(async (c) => {
  const log: [number, string][] = [];
  const wrap = (fn: any) => async (sql: string, p?: unknown[]) => { const t = performance.now(); try { return await fn.call(c, sql, p); } finally { log.push([Math.round(performance.now() - t), sql.replace(/\s+/g, ' ').slice(0, 110)]); } };
  const proxy = { all: wrap(c.all), one: wrap(c.one), scalar: wrap(c.scalar), run: wrap(c.run) } as any;
  for (let i = 0; i < 2; i++) {
    log.length = 0;
    const t = performance.now();
    if (which === 'profile') await subjectProfile(proxy, u, false);
    else await overviewSummary(proxy, which === 'town' ? { town: '南桥镇' } : {});
    console.log('total', Math.round(performance.now() - t));
  }
  for (const l of log.sort((a, b) => b[0] - a[0]).slice(0, 12)) console.log(l[0], l[1]);
});
ws.close();
