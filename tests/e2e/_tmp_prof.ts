import { openWorkspace } from '../../electron/core/workspace';
import { subjectProfile } from '../../electron/core/profile/profile';
import { overviewSummary } from '../../electron/core/profile/overview';
import { searchSubjects } from '../../electron/core/profile/search';
const ws = await openWorkspace(process.argv[2]!, { readOnly: true });
const u = await ws.scalar<string>(`select uscc from penalties where uscc is not null limit 1`);
for (let i = 0; i < 3; i++) {
  let t = performance.now();
  await ws.withConnection((c) => subjectProfile(c, u, false));
  const p = performance.now() - t; t = performance.now();
  await ws.withConnection((c) => overviewSummary(c, {}));
  const o = performance.now() - t; t = performance.now();
  await ws.withConnection((c) => overviewSummary(c, { town: '南桥镇' }));
  const o2 = performance.now() - t; t = performance.now();
  await ws.withConnection((c) => searchSubjects(c, '东方美谷', 20));
  const s = performance.now() - t; t = performance.now();
  const q = performance.now(); await ws.all('select 1'); const one = performance.now() - q;
  console.log({ profile: Math.round(p), overview: Math.round(o), overviewTown: Math.round(o2), search: Math.round(s), select1: one.toFixed(1) });
}
ws.close();
