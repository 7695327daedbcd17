// User SQL lock-down beyond tests/unit/workspace.test.ts: other file readers, directory listing, settings and
// catalog functions, dynamic SQL, nested and FROM-first forms, statements other than SELECT, and masking that holds
// for SUMMARIZE/DESCRIBE too. Every refusal is a typed error with a Chinese message, and nothing is written.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { runUserQuery, type Workspace } from '../../electron/core/workspace';
import { emptyWorkspace } from '../helpers/workspace';

let ws: Workspace;
const rows = async (sql: string, unmasked = false) =>
  tableFromIPC((await runUserQuery(ws, { sql, unmasked })).arrow)
    .toArray()
    .map((r) => r.toJSON());

beforeAll(async () => {
  ws = await emptyWorkspace();
  await ws.run(`INSERT INTO persons (person_id, name, id_number, phone) VALUES ('P1', '张三丰', '11010519491231002X', '13812345678')`);
});
afterAll(() => ws?.close());

describe('refused', () => {
  it.each([
    // Other readers of files or URLs.
    [`SELECT * FROM read_parquet('/tmp/x.parquet')`, 'SQL_FORBIDDEN', 'read_parquet'],
    [`SELECT * FROM read_json('/etc/hosts')`, 'SQL_FORBIDDEN', 'read_json'],
    [`SELECT * FROM read_blob('/etc/passwd')`, 'SQL_FORBIDDEN', 'read_blob'],
    [`SELECT * FROM sniff_csv('/etc/passwd')`, 'SQL_FORBIDDEN', 'sniff_csv'],
    [`SELECT * FROM read_csv(['/etc/passwd'])`, 'SQL_FORBIDDEN', 'read_csv'],
    [`SELECT * FROM 'https://example.com/x.csv'`, 'SQL_FORBIDDEN', '读取文件'],
    // Directory listing, settings, secrets, attached databases.
    [`SELECT * FROM glob('/*')`, 'SQL_FORBIDDEN', 'glob'],
    ['FROM duckdb_settings()', 'SQL_FORBIDDEN', 'duckdb_settings'],
    ['FROM duckdb_secrets()', 'SQL_FORBIDDEN', 'duckdb_secrets'],
    ['SELECT * FROM duckdb_databases()', 'SQL_FORBIDDEN', 'duckdb_databases'],
    ['SELECT * FROM duckdb_extensions()', 'SQL_FORBIDDEN', 'duckdb_extensions'],
    // getenv exists only in DuckDB's own shell: unknown here.
    [`SELECT getenv('HOME')`, 'SQL_ERROR', 'getenv'],
    // Dynamic SQL that could name main.persons behind the guard's back.
    [`SELECT * FROM query_table('main.persons')`, 'SQL_FORBIDDEN', 'query_table'],
    [`SELECT * FROM json_execute_serialized_sql(json_serialize_sql('SELECT * FROM main.persons'))`, 'SQL_FORBIDDEN', 'json_execute_serialized_sql'],
    // Nested and FROM-first forms are walked too.
    [`SELECT (SELECT count(*) FROM read_csv('/etc/passwd'))`, 'SQL_FORBIDDEN', 'read_csv'],
    [`SELECT * FROM (FROM read_csv('/etc/passwd'))`, 'SQL_FORBIDDEN', 'read_csv'],
    [`WITH x AS MATERIALIZED (SELECT * FROM main.persons) SELECT * FROM x`, 'SQL_FORBIDDEN', 'main.persons'],
    [`SELECT * FROM unnest((SELECT list(id_number) FROM main.persons))`, 'SQL_FORBIDDEN', 'main.persons'],
    [`SELECT * FROM persons p JOIN "main"."persons" q USING (person_id)`, 'SQL_FORBIDDEN', 'main.persons'],
    ['SUMMARIZE main.persons', 'SQL_FORBIDDEN', 'main.persons'],
    ['DESCRIBE main.persons', 'SQL_FORBIDDEN', 'main.persons'],
    // Statements other than SELECT.
    [`EXPORT DATABASE '/tmp/cws-export-should-not-exist'`, 'SQL_FORBIDDEN', 'SELECT'],
    [`COPY (SELECT * FROM persons) TO '/tmp/cws-copy-should-not-exist.csv'`, 'SQL_FORBIDDEN', 'SELECT'],
    ['CALL pragma_version()', 'SQL_FORBIDDEN', 'SELECT'],
    ['EXPLAIN ANALYZE SELECT 1', 'SQL_FORBIDDEN', 'SELECT'],
    ['USE memory', 'SQL_FORBIDDEN', 'SELECT'],
    ['DETACH memory', 'SQL_FORBIDDEN', 'SELECT'],
    ['CHECKPOINT', 'SQL_FORBIDDEN', 'SELECT'],
    ['RESET search_path', 'SQL_FORBIDDEN', 'SELECT'],
    [`SET search_path = 'main'`, 'SQL_FORBIDDEN', 'SELECT'],
    ['UPDATE persons SET name = NULL', 'SQL_FORBIDDEN', 'SELECT'],
    ['DROP VIEW safe.persons', 'SQL_FORBIDDEN', 'SELECT'],
    ['CREATE MACRO mask_id(x) AS x', 'SQL_FORBIDDEN', 'SELECT'],
  ])('%s → %s', async (sql, code, mention) => {
    const err = await runUserQuery(ws, { sql }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code, message: expect.stringContaining(mention) });
    expect((err as Error).message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('left nothing behind: no export, no copy, masking intact', async () => {
    expect(fs.existsSync('/tmp/cws-export-should-not-exist')).toBe(false);
    expect(fs.existsSync('/tmp/cws-copy-should-not-exist.csv')).toBe(false);
    expect(await rows('SELECT name FROM persons')).toEqual([{ name: '张**' }]);
  });
});

describe('masking holds in every read form', () => {
  it('SUMMARIZE and FROM-first see the masked view', async () => {
    const summary = await rows('SUMMARIZE persons');
    const id = summary.find((r) => r.column_name === 'id_number')!;
    expect([id.min, id.max]).toEqual(['110105********002X', '110105********002X']);
    expect(await rows('FROM persons SELECT phone')).toEqual([{ phone: '138****5678' }]);
    expect(await rows('SELECT id_number FROM safe.persons')).toEqual([{ id_number: '110105********002X' }]);
  });

  it('with an unmask grant the raw values are visible', async () => {
    expect(await rows('SELECT id_number FROM main.persons', true)).toEqual([{ id_number: '11010519491231002X' }]);
    expect(await rows('SELECT name FROM persons', true)).toEqual([{ name: '张三丰' }]);
  });
});
