// The writable encrypted path (what the packaged app does with its bundled httpfs), exercised here with DuckDB's
// insecure test-only crypto standing in for httpfs: create, migrate, write, audit, reopen — all through the
// product code — and the file stays free of plaintext.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tableFromIPC } from 'apache-arrow';

vi.mock('../../electron/core/security/extensions', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../electron/core/security/extensions')>();
  const { unsafeWritableCryptoForTests } = await import('../helpers/unsafe-crypto');
  return { ...original, enableWritableEncryption: unsafeWritableCryptoForTests };
});

import { openWorkspace, runUserQuery, schemaVersion, ALL_MIGRATIONS } from '../../electron/core/workspace';
import { appendAudit, verifyAudit } from '../../electron/core/audit';
import { keyFilePath } from '../../electron/core/security/keyfile';
import { createCore } from '../../electron/core/services';
import { main } from '../../electron/cli';
import { makeUscc } from '../../shared/domain/uscc';
import { tempDir } from '../helpers/workspace';

const PASSPHRASE = 'correct horse battery staple';
const USCC = makeUscc('91', '310120', 'MA1HQ2W4');
const COMPANY = '上海南桥加密测试有限公司';
let dir: string;
const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

beforeAll(() => {
  dir = tempDir('cws-encw-');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('writable encrypted workspace', () => {
  it('creates, migrates, writes through every path, and reopens with the passphrase only', async () => {
    const file = path.join(dir, 'w.duckdb');
    const ws = await openWorkspace(file, { create: true, encrypt: true, passphrase: PASSPHRASE, threads: 2 });
    try {
      expect(ws.encrypted).toBe(true);
      expect(ws.readOnly).toBe(false);
      expect(await schemaVersion(ws)).toBe(ALL_MIGRATIONS.length);
      await ws.run(`INSERT INTO subjects (uscc, name, status) VALUES (?, ?, '存续')`, [USCC, COMPANY]);
      // Dedicated connections (transactions) write to the same attached file.
      await ws.transaction(async (conn) => {
        await conn.run(`INSERT INTO persons (person_id, name, id_number, phone) VALUES (person_key('11010519491231002X'), '王小明', '11010519491231002X', '13700001111')`);
      });
      const page = await runUserQuery(ws, { sql: 'SELECT s.name, p.name AS person FROM subjects s, persons p' });
      expect(tableFromIPC(page.arrow).get(0)!.toJSON()).toEqual({ name: COMPANY, person: '王**' });
      await appendAudit(ws, { operator: 'tester', action: 'import.run', target: 'subjects' });
      expect(await verifyAudit(ws)).toMatchObject({ ok: true, entries: 1 });
      await ws.checkpoint();
    } finally {
      ws.close();
    }
    const bytes = fs.readFileSync(file);
    for (const needle of [COMPANY, USCC, '11010519491231002X', '王小明']) expect(bytes.includes(Buffer.from(needle))).toBe(false);

    const before = sha(file);
    await expect(openWorkspace(file, { passphrase: 'correct horse battery stapler' })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    expect(sha(file)).toBe(before);

    const again = await openWorkspace(file, { passphrase: PASSPHRASE });
    try {
      expect(again.readOnly).toBe(false);
      expect(await again.scalar('SELECT name FROM subjects')).toBe(COMPANY);
      expect(await again.scalar('SELECT count(*) FROM audit_log')).toBe(1);
    } finally {
      again.close();
    }
  });

  it('an import into an encrypted workspace writes no plaintext rejects CSV; its rejects stay inside', async () => {
    const file = path.join(dir, 'imp.duckdb');
    (await openWorkspace(file, { create: true, encrypt: true, passphrase: PASSPHRASE, threads: 2 })).close();
    const csv = path.join(dir, 'penalties.csv');
    fs.writeFileSync(
      csv,
      '行政相对人名称,行政相对人类别,统一社会信用代码,行政处罚决定书文号,处罚类别,处罚决定日期,处罚机关\n' +
        `${COMPANY},法人及非法人组织,${USCC},沪奉市监罚〔2026〕1号,警告,2026-03-02,区市场监管局\n` +
        `,法人及非法人组织,${USCC},沪奉市监罚〔2026〕2号,警告,2026-03-02,区市场监管局\n`,
    );
    const core = createCore({ workspacePath: file, passphrase: PASSPHRASE, operator: 'tester' });
    try {
      const reply = await core.call({ call: 'import.run', input: { file: csv, table: 'penalties' } });
      expect(reply).toMatchObject({ ok: true, result: { read: 2, loaded: 1, rejected: 1, rejectsFile: null } });
      const ws = await core.session.workspace();
      expect(await ws.scalar('SELECT count(*) FROM import_rejects')).toBe(1);
    } finally {
      core.close();
    }
    expect(fs.readdirSync(dir).filter((f) => /reject/i.test(f))).toEqual([]);
  });

  it('refuses short passphrases, existing plain files and stale key files', async () => {
    await expect(openWorkspace(path.join(dir, 'short.duckdb'), { create: true, encrypt: true, passphrase: '1234567' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    const plain = path.join(dir, 'plain.duckdb');
    (await openWorkspace(plain, { create: true })).close();
    await expect(openWorkspace(plain, { create: true, encrypt: true, passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'CONFLICT' });
    const stale = path.join(dir, 'stale.duckdb');
    fs.writeFileSync(keyFilePath(stale), '{}');
    await expect(openWorkspace(stale, { create: true, encrypt: true, passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'OPEN_FAILED' });
  });
});

describe('faces', () => {
  it('the contract creates an encrypted workspace; the passphrase is never in the audit log', async () => {
    const file = path.join(dir, 'contract.duckdb');
    const core = createCore({ operator: 'tester' });
    try {
      const created = await core.call({ call: 'security.openEncrypted', input: { path: file, passphrase: PASSPHRASE, create: true } });
      expect(created).toMatchObject({ ok: true, result: { encrypted: true, readOnly: false } });
      const unmask = await core.call({ call: 'audit.unmask', input: { purpose: '核查投诉线索' } });
      expect(unmask).toMatchObject({ ok: true, result: { active: true, purpose: '核查投诉线索' } });
      const list = await core.call({ call: 'audit.list', input: {} });
      expect(list.ok).toBe(true);
      expect(JSON.stringify(list)).not.toContain(PASSPHRASE);
      if (list.ok) expect((list.result as { entries: { action: string }[] }).entries.map((e) => e.action)).toEqual(['unmask.grant', 'workspace.create']);
    } finally {
      core.close();
    }
  });

  it('cws init --encrypt takes the passphrase from CWS_PASSPHRASE; cws query and cws audit honour it', async () => {
    const file = path.join(dir, 'cli.duckdb');
    const saved = process.env.CWS_PASSPHRASE;
    const out: string[] = [];
    const err: string[] = [];
    const outSpy = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => (out.push(String(c)), true));
    const errSpy = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => (err.push(String(c)), true));
    try {
      process.env.CWS_PASSPHRASE = PASSPHRASE;
      expect(await main(['init', file, '--encrypt', '--json'])).toBe(0);
      expect(fs.existsSync(keyFilePath(file))).toBe(true);
      out.length = 0;
      expect(await main(['query', file, 'SELECT count(*) AS n FROM subjects', '--json'])).toBe(0);
      expect(JSON.parse(out.join(''))).toMatchObject({ rows: [{ n: 0 }] });
      out.length = 0;
      expect(await main(['audit', file, '--verify', '--json'])).toBe(0);
      // workspace.create by init, then query.personal: subjects carries personal columns (phone, legal_rep_name).
      expect(JSON.parse(out.join(''))).toMatchObject({ ok: true, entries: 2 });
      process.env.CWS_PASSPHRASE = 'a wrong passphrase';
      err.length = 0;
      expect(await main(['query', file, 'SELECT 1', '--json'])).toBe(1);
      expect(err.join('')).toContain('口令不正确');
    } finally {
      outSpy.mockRestore();
      errSpy.mockRestore();
      if (saved === undefined) delete process.env.CWS_PASSPHRASE;
      else process.env.CWS_PASSPHRASE = saved;
    }
  });
});
