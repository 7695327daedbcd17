// Workspace foundation: migrations, Arrow round trip, cancel, read-only user SQL, statement progress, audit chain,
// wire framing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { openWorkspace, migrate, schemaVersion, runUserQuery, ALL_MIGRATIONS, type Workspace } from '../../electron/core/workspace';
import { appendAudit, verifyAudit } from '../../electron/core/audit';
import { CANONICAL_TABLES } from '../../shared/domain/tables';
import { encodeWire, decodeWire } from '../../shared/wire';
import { emptyWorkspace, tempWorkspacePath } from '../helpers/workspace';
import { CoreError } from '../../electron/core/errors';

let ws: Workspace;
beforeAll(async () => {
  ws = await emptyWorkspace();
  await ws.run(`INSERT INTO subjects (uscc, name, town, registered_capital_wan, established_date, status)
    SELECT '91310120MA1H' || lpad(i::VARCHAR, 6, '0'), '企业' || i, CASE WHEN i % 2 = 0 THEN '南桥镇' ELSE '奉城镇' END,
           i / 4, DATE '2020-01-01' + i::INTEGER, '存续' FROM range(3000) t(i)`);
  await ws.run(`INSERT INTO persons (person_id, name, id_number, id_masked, phone) VALUES
    (person_key('11010519491231002X'), '张三丰', '11010519491231002X', mask_id('11010519491231002X'), '13812345678')`);
});
afterAll(() => ws?.close());

describe('migrations', () => {
  it('creates every canonical table with typed columns and records versions', async () => {
    const tables = await ws.all<{ table_name: string }>(`SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'`);
    const names = new Set(tables.map((t) => t.table_name));
    for (const t of CANONICAL_TABLES) expect(names.has(t.name)).toBe(true);
    const types = await ws.all<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'penalties' AND schema_name = 'main'`,
    );
    const byName = Object.fromEntries(types.map((t) => [t.column_name, t.data_type]));
    expect(byName.decision_date).toBe('DATE');
    expect(byName.fine_wan).toBe('DECIMAL(18,4)');
    expect(byName.uscc).toBe('VARCHAR');
    expect(await schemaVersion(ws)).toBe(ALL_MIGRATIONS.length);
  });

  it('is idempotent and applies only new migrations', async () => {
    expect((await migrate(ws)).applied).toEqual([]);
    const extra = [...ALL_MIGRATIONS, { id: 'test-999', description: 't', up: 'CREATE TABLE t999 (x INTEGER)' }];
    const result = await migrate(ws, extra);
    expect(result.applied).toEqual(['test-999']);
    expect(result.version).toBe(ALL_MIGRATIONS.length + 1);
  });

  it('rolls back a failing migration completely', async () => {
    const bad = [...ALL_MIGRATIONS, { id: 'test-bad', description: 'bad', up: 'CREATE TABLE tbad (x INTEGER); SELECT * FROM no_such_table' }];
    await expect(migrate(ws, bad)).rejects.toThrow();
    const left = await ws.scalar<number>(`SELECT count(*) FROM duckdb_tables() WHERE table_name = 'tbad'`);
    expect(left).toBe(0);
    expect(await ws.scalar<number>(`SELECT count(*) FROM schema_migrations WHERE id = 'test-bad'`)).toBe(0);
  });
});

describe('query → Arrow', () => {
  it('round-trips types through Arrow IPC with paging, sort and filters in SQL', async () => {
    const page = await runUserQuery(ws, {
      sql: 'SELECT uscc, name, town, registered_capital_wan, established_date FROM subjects',
      offset: 10,
      limit: 5,
      sort: [{ column: 'registered_capital_wan', desc: true }],
      filters: [{ column: 'town', op: 'eq', value: '南桥镇' }],
      withTotal: true,
    });
    expect(page.total).toBe(1500);
    const table = tableFromIPC(page.arrow);
    expect(table.numRows).toBe(5);
    const first = table.get(0)!.toJSON();
    // Even i in 0..2998 sorted by capital desc: 2998, 2996, … the 11th is i = 2978.
    expect(first.name).toBe('企业2978');
    expect(first.registered_capital_wan).toBeCloseTo(2978 / 4, 4);
    // 2020-01-01 + 2978 days: 2922 days to 2028-01-01, then 56 more.
    expect(first.established_date).toBe('2028-02-26');
    expect(page.columns.find((c) => c.name === 'registered_capital_wan')?.type).toBe('DECIMAL(18,4)');
  });

  it('masks natural persons by default and refuses main. for personal tables', async () => {
    const page = await runUserQuery(ws, { sql: 'SELECT name, id_number, phone FROM persons' });
    const row = tableFromIPC(page.arrow).get(0)!.toJSON();
    expect(row.name).toBe('张**');
    expect(row.id_number).toBe('110105********002X');
    expect(row.phone).toBe('138****5678');
    expect(page.personal).toBe(true);
    await expect(runUserQuery(ws, { sql: 'SELECT * FROM main.persons' })).rejects.toMatchObject({ code: 'SQL_FORBIDDEN' });
    const unmasked = await runUserQuery(ws, { sql: 'SELECT name FROM persons', unmasked: true });
    expect(tableFromIPC(unmasked.arrow).get(0)!.toJSON().name).toBe('张三丰');
  });

  it.each([
    ["COPY subjects TO '/tmp/x.csv'", 'SQL_FORBIDDEN'],
    ["ATTACH '/tmp/other.duckdb' AS o", 'SQL_FORBIDDEN'],
    ['INSTALL httpfs', 'SQL_FORBIDDEN'],
    ['LOAD httpfs', 'SQL_FORBIDDEN'],
    ["SELECT * FROM read_csv('/etc/passwd')", 'SQL_FORBIDDEN'],
    ["SELECT * FROM '/etc/passwd'", 'SQL_FORBIDDEN'],
    ["SELECT * FROM read_text('/etc/passwd')", 'SQL_FORBIDDEN'],
    ["SELECT * FROM query('SELECT 1')", 'SQL_FORBIDDEN'],
    ['SET threads = 1', 'SQL_FORBIDDEN'],
    ["SET enable_external_access = true", 'SQL_FORBIDDEN'],
    ['PRAGMA version', 'SQL_FORBIDDEN'],
    ['DELETE FROM subjects', 'SQL_FORBIDDEN'],
    ['CREATE TABLE x AS SELECT 1', 'SQL_FORBIDDEN'],
    ['SELECT 1; DROP TABLE subjects', 'SQL_FORBIDDEN'],
    ['SELEC 1', 'SQL_ERROR'],
  ])('refuses %s', async (sql, code) => {
    await expect(runUserQuery(ws, { sql })).rejects.toMatchObject({ code });
    expect(await ws.scalar<number>('SELECT count(*) FROM subjects')).toBe(3000);
  });

  it('cancels a running query', async () => {
    const controller = new AbortController();
    const running = runUserQuery(ws, { sql: 'SELECT count(*) FROM range(10000000000) a', limit: 1 }, controller.signal);
    setTimeout(() => controller.abort(), 200);
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('progress of one long statement', () => {
  it('reports DuckDB\'s estimate between 0 and 100, never going back, and can still be cancelled', async () => {
    const seen: number[] = [];
    // A table scan (DuckDB estimates progress from it) long enough for several polls.
    const slow = 'SELECT sum(hash(i, md5(i::VARCHAR))) AS h FROM big';
    await ws.withConnection(async (conn) => {
      await conn.run('CREATE TEMP TABLE big AS SELECT range AS i FROM range(10000000)');
      await conn.runWithProgress(`CREATE TEMP TABLE p AS ${slow}`, (p) => seen.push(p));
    });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every((p, i) => p >= 0 && p <= 100 && (i === 0 || p > seen[i - 1]!))).toBe(true);
    expect(seen.some((p) => p > 0 && p < 100)).toBe(true);

    const controller = new AbortController();
    const running = ws.withConnection(async (conn) => {
      await conn.run('CREATE TEMP TABLE big AS SELECT range AS i FROM range(10000000)');
      setTimeout(() => controller.abort(), 300);
      // Half a minute of work unless the cancel stops it.
      await conn.runWithProgress(`${slow}, range(50)`, () => undefined);
    }, controller.signal);
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('audit chain', () => {
  it('verifies, then detects edits, deletions and reordering', async () => {
    const local = await openWorkspace(tempWorkspacePath(), { create: true });
    try {
      for (let i = 0; i < 4; i++) await appendAudit(local, { operator: 'u', action: 'query.personal', detail: { i } });
      expect((await verifyAudit(local)).ok).toBe(true);
      await local.run(`UPDATE audit_log SET detail = '{"i":9}' WHERE seq = 2`);
      expect(await verifyAudit(local)).toMatchObject({ ok: false, brokenAt: 2 });
      await local.run(`UPDATE audit_log SET detail = '{"i":1}' WHERE seq = 2`);
      expect((await verifyAudit(local)).ok).toBe(true);
      await local.run(`DELETE FROM audit_log WHERE seq = 3`);
      expect(await verifyAudit(local)).toMatchObject({ ok: false, brokenAt: 4 });
    } finally {
      local.close();
    }
  });
});

describe('wire framing', () => {
  it('carries bytes and nested values unchanged', () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    const decoded = decodeWire<{ ok: boolean; result: { arrow: Uint8Array; n: number; s: string } }>(
      encodeWire({ ok: true, result: { arrow: bytes, n: 3, s: '中文' } }),
    );
    expect(Array.from(decoded.result.arrow)).toEqual([0, 1, 2, 250, 255]);
    expect(decoded.result.s).toBe('中文');
  });
});

describe('errors', () => {
  it('opening a missing workspace without create is a clear Chinese error', async () => {
    await expect(openWorkspace('/tmp/definitely-missing-cws.duckdb')).rejects.toBeInstanceOf(CoreError);
    await expect(openWorkspace('/tmp/definitely-missing-cws.duckdb')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
