import { createSeededWorkspace } from './seed';
import { openWorkspace } from '../../electron/core/workspace';
import fs from 'node:fs';
const f = '/tmp/seed-test/w.duckdb';
fs.rmSync('/tmp/seed-test', { recursive: true, force: true });
const scale = Number(process.argv[2] ?? 2000);
const t = Date.now();
await createSeededWorkspace(f, scale);
console.log('seeded ms', Date.now() - t);
const ws = await openWorkspace(f);
for (const tb of ['subjects','persons','relations','licenses','penalties','credit_lists','commitments','repairs','inspections','industry_ratings','obligations','import_batches'])
  console.log(tb, await ws.scalar(`select count(*) from ${tb}`));
console.log(await ws.all(`select count(*) filter (where uscc_valid(uscc)) v, count(distinct uscc) d from subjects`));
console.log(await ws.all(`select count(*) filter (where id_valid(id_number)) v, count(distinct person_id) d from persons`));
console.log(await ws.all(`select * from subjects limit 3`));
ws.close();
