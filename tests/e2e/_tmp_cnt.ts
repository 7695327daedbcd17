import { openWorkspace } from '../../electron/core/workspace';
const ws = await openWorkspace('/tmp/ui-bench/w1m.duckdb', { readOnly: true });
const time = async (l: string, sql: string) => { const t = performance.now(); await ws.all(sql); console.log(l, (performance.now() - t).toFixed(1)); };
for (let i = 0; i < 3; i++) {
await time('count obligations', 'select count(*) from obligations');
await time('count all', `select [${['subjects','licenses','penalties','credit_lists','commitments','repairs','inspections','industry_ratings','obligations','complaints','financing'].map(t=>`(select count(*) from ${t})::varchar`).join(',')}]`);
await time('union', `${['subjects','licenses','penalties','credit_lists','commitments','repairs','inspections','industry_ratings','obligations','complaints','financing'].map(t=>`select count(*) from ${t}`).join(' union all ')}`);
await time('estimated', `select list(estimated_size) from duckdb_tables()`);
await time('catalog', `SELECT table_name AS t, column_name AS c FROM duckdb_columns() WHERE schema_name = 'main' AND NOT internal`);
await time('select1', `select 1`);
}
ws.close();
