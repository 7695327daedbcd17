import { openWorkspace } from '../../electron/core/workspace';
const ws = await openWorkspace('/tmp/ui-bench/w1m.duckdb', { readOnly: true });
const time = async (l: string, sql: string, p: unknown[]) => { const t = performance.now(); const r = await ws.all(sql, p as never); console.log(l, (performance.now() - t).toFixed(0), r.length); };
const q = '东方美谷化妆';
for (let i = 0; i < 2; i++) {
await time('prefix code', `select uscc from subjects where starts_with(uscc, ?) limit 20`, ['9131012012']);
await time('contains', `select uscc from subjects where contains(name, ?) limit 20`, ['美谷']);
await time('contains all', `select count(*) from subjects where contains(name, ?)`, ['美谷']);
await time('like subseq', `select count(*) from subjects where name like ?`, ['%东%方%美%谷%']);
await time('jaro', `select count(*) from subjects where jaro_winkler_similarity(name, ?) >= 0.8`, [q]);
await time('names', `select name from subjects limit 5`, []);
}
ws.close();
