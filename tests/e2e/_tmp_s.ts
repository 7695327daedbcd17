import { openWorkspace } from '../../electron/core/workspace';
const ws = await openWorkspace('/tmp/seed-test/w.duckdb');
console.log(await ws.all(`select count(*) from subjects where contains(name, $1)`, ['东方美谷']));
console.log(await ws.all(`select count(*) from subjects where $2 and contains(name, $1)`, ['东方美谷', true]));
console.log(await ws.all(`select count(*) from subjects where name like $1 escape '\\'`, ['%东%方%']));
ws.close();
