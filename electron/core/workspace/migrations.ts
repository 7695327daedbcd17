// Applies every capability's migrations in order, each once, recording them in schema_migrations.
import type { Migration } from './migration';
import type { Workspace } from './workspace';
import { coreMigrations } from './schema';
import { migrations as importMigrations } from '../import/schema';
import { migrations as auditMigrations } from '../audit/schema';
import { migrations as evaluateMigrations } from '../evaluate/schema';
import { migrations as tieringMigrations } from '../tiering/schema';
import { migrations as repairMigrations } from '../repair/schema';
import { migrations as graphMigrations } from '../graph/schema';
import { migrations as reportMigrations } from '../report/schema';
import { MACROS_SQL, PERSON_KEY_MACRO_SQL } from './macros';

export const ALL_MIGRATIONS: Migration[] = [
  ...coreMigrations,
  ...importMigrations,
  ...auditMigrations,
  ...evaluateMigrations,
  ...tieringMigrations,
  ...repairMigrations,
  ...graphMigrations,
  ...reportMigrations,
];

export interface MigrationResult {
  applied: string[];
  version: number;
}

export async function migrate(ws: Workspace, migrations: Migration[] = ALL_MIGRATIONS): Promise<MigrationResult> {
  const ids = new Set<string>();
  for (const m of migrations) {
    if (ids.has(m.id)) throw new Error(`duplicate migration id ${m.id}`);
    ids.add(m.id);
  }
  if (ws.readOnly) {
    return { applied: [], version: await schemaVersion(ws) };
  }
  await ws.run(`CREATE TABLE IF NOT EXISTS schema_migrations (
    seq INTEGER NOT NULL, id VARCHAR PRIMARY KEY, description VARCHAR, applied_at TIMESTAMP NOT NULL)`);
  await ws.run(MACROS_SQL);
  const done = new Set((await ws.all<{ id: string }>('SELECT id FROM schema_migrations')).map((r) => r.id));
  const applied: string[] = [];
  for (const m of migrations) {
    if (done.has(m.id)) continue;
    await ws.transaction(async (conn) => {
      if (typeof m.up === 'string') await conn.run(m.up);
      else await m.up(conn);
      await conn.run(
        `INSERT INTO schema_migrations SELECT coalesce(max(seq), 0) + 1, ?, ?, now()::TIMESTAMP FROM schema_migrations`,
        [m.id, m.description],
      );
    });
    applied.push(m.id);
  }
  await ws.run(PERSON_KEY_MACRO_SQL);
  return { applied, version: await schemaVersion(ws) };
}

export async function schemaVersion(ws: Workspace): Promise<number> {
  const exists = await ws.scalar<number>(
    `SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_migrations' AND schema_name = 'main'`,
  );
  if (!exists) return 0;
  return (await ws.scalar<number>('SELECT coalesce(max(seq), 0) FROM schema_migrations')) ?? 0;
}
