// `cws` end to end: init --demo, info, query in csv/json, uscc, and the exit codes of the contract.
import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { cws } from '../helpers/cli';
import { tempDir } from '../helpers/workspace';
import { makeUscc } from '../../shared/domain/uscc';

let ws = '';
let subjects = 0;

beforeAll(() => {
  ws = path.join(tempDir('cws-cli-'), 'w.duckdb');
  const r = cws(['init', ws, '--demo', '--scale', '1500', '--seed', '3', '--json']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const info = r.json<{ path: string; tables: { name: string; rows: number }[] }>();
  expect(info.path).toBe(ws);
  subjects = info.tables.find((t) => t.name === 'subjects')!.rows;
});

describe('cws', () => {
  it('init --demo creates the requested number of subjects and fills the other tables', () => {
    expect(subjects).toBe(1500);
    const info = cws(['info', ws, '--json']).json<{ tables: { name: string; rows: number }[]; fingerprint: string }>();
    for (const t of ['penalties', 'licenses', 'persons', 'relations', 'credit_lists']) {
      expect(info.tables.find((x) => x.name === t)!.rows).toBeGreaterThan(0);
    }
    expect(info.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('query prints json rows and csv with a header', () => {
    const json = cws(['query', ws, 'select count(*) as n from subjects', '--format', 'json']);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([{ n: 1500 }]);
    const csv = cws(['query', ws, "select town, count(*) as n from subjects group by town order by town"]);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('town,n');
    expect(lines.slice(1).reduce((s, l) => s + Number(l.split(',')[1]), 0)).toBe(1500);
    const obj = cws(['query', ws, 'select 1 as a', '--json']).json<{ columns: string[]; rows: unknown[] }>();
    expect(obj).toEqual({ columns: ['a'], rows: [{ a: 1 }], rowCount: 1 });
  });

  it('query masks personal data and refuses writes with exit code 1', () => {
    const ids = JSON.parse(cws(['query', ws, 'select id_number from persons limit 5', '--format', 'json']).stdout) as { id_number: string }[];
    expect(ids.length).toBe(5);
    for (const r of ids) expect(r.id_number).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    const refused = cws(['query', ws, "copy subjects to '/tmp/leak.csv'", '--json']);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('只读');
  });

  it('uscc prints one line per code', () => {
    const good = makeUscc('91', '310120', '12345678');
    const r = cws(['uscc', good, '91310120123456781X', 'abc']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(`${good} valid`);
    expect(lines[1]).toMatch(/^91310120123456781X invalid /);
    expect(lines[2]).toMatch(/^ABC invalid LENGTH/);
    const json = cws(['uscc', good, '--json']).json<{ results: { valid: boolean }[] }>();
    expect(json.results[0]!.valid).toBe(true);
  });

  it('user errors exit 1 with a Chinese message on stderr', () => {
    const missing = cws(['info', '/tmp/no-such-workspace-cws.duckdb', '--json']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('不存在');
    expect(cws(['frobnicate']).status).toBe(1);
    expect(cws(['init', ws, '--demo', '--json']).status).toBe(1); // exists already
  });
});
