// Encrypted workspaces on a machine without DuckDB's httpfs (like these build machines): existing encrypted
// workspaces open read-only with the right passphrase, a wrong passphrase changes nothing, the file holds no
// plaintext, and creating a new encrypted workspace fails with a clear Chinese error.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { openWorkspace, runUserQuery, schemaVersion, ALL_MIGRATIONS } from '../../electron/core/workspace';
import { keyFilePath, readKeyFile } from '../../electron/core/security/keyfile';
import { Session } from '../../electron/core/session';
import { createCore } from '../../electron/core/services';
import { makeUscc } from '../../shared/domain/uscc';
import { createUnsafeEncryptedFixture } from '../helpers/unsafe-encrypted-fixture';
import { tempDir } from '../helpers/workspace';

const PASSPHRASE = '奉贤信用办 2026 口令';
const USCC = makeUscc('91', '310120', 'MA1H7K3Q');
const COMPANY = '上海奉贤测试信用科技有限公司';
const PERSON = '欧阳秀英';
const ID_NUMBER = '11010519491231002X';

let dir: string;
let file: string;
const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

beforeAll(async () => {
  dir = tempDir('cws-enc-');
  file = path.join(dir, 'secret.duckdb');
  await createUnsafeEncryptedFixture(file, PASSPHRASE, async (ws) => {
    await ws.run(`INSERT INTO subjects (uscc, name, town, status) VALUES (?, ?, '南桥镇', '存续')`, [USCC, COMPANY]);
    await ws.run(`INSERT INTO persons (person_id, name, id_number, id_masked, phone) VALUES (person_key(?), ?, ?, mask_id(?), '13912345678')`, [
      ID_NUMBER, PERSON, ID_NUMBER, ID_NUMBER,
    ]);
  });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('encrypted file at rest', () => {
  it('holds no plaintext: neither the subject name, its USCC, nor the ID number', () => {
    const bytes = fs.readFileSync(file);
    expect(bytes.length).toBeGreaterThan(0);
    for (const needle of [COMPANY, USCC, ID_NUMBER, PERSON]) expect(bytes.includes(Buffer.from(needle, 'utf-8'))).toBe(false);
    // The key file beside it carries KDF parameters only, never the passphrase or the key.
    const keyText = fs.readFileSync(keyFilePath(file), 'utf-8');
    expect(keyText.includes(PASSPHRASE)).toBe(false);
    expect(readKeyFile(file)).toMatchObject({ kdf: 'scrypt', r: 8, p: 1 });
  });

  it('the same data in a plain workspace is readable in the bytes (so the check above can fail)', async () => {
    const plain = path.join(dir, 'plain.duckdb');
    const ws = await openWorkspace(plain, { create: true, threads: 2 });
    await ws.run(`INSERT INTO subjects (uscc, name) VALUES (?, ?)`, [USCC, COMPANY]);
    await ws.checkpoint();
    ws.close();
    const bytes = fs.readFileSync(plain);
    expect(bytes.includes(Buffer.from(USCC))).toBe(true);
    expect(bytes.includes(Buffer.from(COMPANY, 'utf-8'))).toBe(true);
  });
});

describe('opening without httpfs', () => {
  it('a wrong passphrase is WRONG_PASSPHRASE and the file stays byte-for-byte the same', async () => {
    const before = sha(file);
    const mtime = fs.statSync(file).mtimeMs;
    await expect(openWorkspace(file, { passphrase: '不是这个口令' })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    expect(sha(file)).toBe(before);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
    expect(fs.existsSync(`${file}.wal`)).toBe(false);
  });

  it('without the key check value DuckDB itself refuses the wrong key, also as WRONG_PASSPHRASE', async () => {
    const copy = path.join(dir, 'nocheck.duckdb');
    fs.copyFileSync(file, copy);
    const kf = JSON.parse(fs.readFileSync(keyFilePath(file), 'utf-8')) as Record<string, unknown>;
    delete kf.check;
    fs.writeFileSync(keyFilePath(copy), JSON.stringify(kf));
    const before = sha(copy);
    const err = await openWorkspace(copy, { passphrase: 'wrong passphrase' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'WRONG_PASSPHRASE' });
    // The derived key never appears in the error.
    expect(JSON.stringify(err)).not.toMatch(/[0-9a-f]{64}/);
    expect(sha(copy)).toBe(before);
    // And the right passphrase still opens it.
    const ws = await openWorkspace(copy, { passphrase: PASSPHRASE });
    expect(await ws.scalar('SELECT name FROM subjects')).toBe(COMPANY);
    ws.close();
  });

  it('no passphrase: ENCRYPTED, asking for one', async () => {
    await expect(openWorkspace(file)).rejects.toMatchObject({ code: 'ENCRYPTED', message: expect.stringContaining('口令') });
  });

  it('the right passphrase opens it read-only; data, macros, safe views and dedicated connections work', async () => {
    const before = sha(file);
    const ws = await openWorkspace(file, { passphrase: PASSPHRASE });
    try {
      expect(ws.encrypted).toBe(true);
      expect(ws.readOnly).toBe(true);
      expect(ws.readOnlyReason).toBe('encryption-unavailable');
      expect(await schemaVersion(ws)).toBe(ALL_MIGRATIONS.length);
      expect(await ws.one('SELECT uscc, name, uscc_valid(uscc) AS ok FROM subjects')).toEqual({ uscc: USCC, name: COMPANY, ok: true });
      // person_key macro reads the workspace salt: the stored person_id is reproduced.
      expect(await ws.scalar(`SELECT person_key(?) = person_id FROM persons`, [ID_NUMBER])).toBe(true);
      // User SQL on a dedicated connection (USE ws) sees the masked views.
      const page = await runUserQuery(ws, { sql: 'SELECT name, id_number, phone FROM persons' });
      expect(tableFromIPC(page.arrow).get(0)!.toJSON()).toEqual({ name: '欧***', id_number: '110105********002X', phone: '139****5678' });
      await expect(ws.run(`INSERT INTO subjects (uscc, name) VALUES ('x', 'y')`)).rejects.toThrow();
    } finally {
      ws.close();
    }
    expect(sha(file)).toBe(before);
  });

  it('creating an encrypted workspace fails with ENCRYPTION_UNAVAILABLE and leaves nothing behind', async () => {
    const target = path.join(dir, 'new-secret.duckdb');
    const err = await openWorkspace(target, { create: true, encrypt: true, passphrase: PASSPHRASE }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ENCRYPTION_UNAVAILABLE', message: expect.stringContaining('本机缺少加密组件') });
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.existsSync(keyFilePath(target))).toBe(false);
  });

  it('a workspace whose key file is missing says it is encrypted and the key file is needed', async () => {
    const copy = path.join(dir, 'nokey.duckdb');
    fs.copyFileSync(file, copy);
    await expect(openWorkspace(copy, { passphrase: PASSPHRASE })).rejects.toMatchObject({
      code: 'ENCRYPTED',
      message: expect.stringContaining('cws-key.json'),
    });
  });
});

describe('through the core and the session', () => {
  it('CWS_PASSPHRASE opens it for every face that uses a Session', async () => {
    const saved = process.env.CWS_PASSPHRASE;
    process.env.CWS_PASSPHRASE = PASSPHRASE;
    try {
      const session = new Session({ workspacePath: file });
      const ws = await session.workspace();
      expect(ws.encrypted).toBe(true);
      session.close();
    } finally {
      if (saved === undefined) delete process.env.CWS_PASSPHRASE;
      else process.env.CWS_PASSPHRASE = saved;
    }
  });

  it('asks the passphrase provider only for encrypted workspaces', async () => {
    const asked: string[] = [];
    const session = new Session({ workspacePath: file, passphraseProvider: async (p) => (asked.push(p), PASSPHRASE) });
    expect((await session.workspace()).encrypted).toBe(true);
    expect(asked).toEqual([file]);
    session.close();
  });

  it('security.openEncrypted opens with the passphrase from the call; status reports read-only; unmask is refused', async () => {
    const core = createCore({ operator: 'tester' });
    try {
      const wrong = await core.call({ call: 'security.openEncrypted', input: { path: file, passphrase: 'nope-S3CRET' } });
      expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
      // A passphrase never comes back in an error, whatever went wrong.
      const tooLong = await core.call({ call: 'security.openEncrypted', input: { path: file, passphrase: `S3CRET${'x'.repeat(2000)}`, evil: 1 } });
      expect(tooLong).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
      for (const r of [wrong, tooLong]) expect(JSON.stringify(r)).not.toContain('S3CRET');
      const reply = await core.call({ call: 'security.openEncrypted', input: { path: file, passphrase: PASSPHRASE } });
      expect(reply).toMatchObject({ ok: true, result: { encrypted: true, readOnly: true, readOnlyReason: 'encryption-unavailable' } });
      const status = await core.call({ call: 'security.status', input: {} });
      expect(status).toMatchObject({
        ok: true,
        result: { encryptionAvailable: false, workspace: { encrypted: true, readOnly: true }, unmask: { active: false } },
      });
      if (status.ok) expect((status.result as { encryptionUnavailableReason: string }).encryptionUnavailableReason).toContain('本机缺少加密组件');
      // Unmasking cannot be audited in a read-only workspace, so it is refused.
      const unmask = await core.call({ call: 'audit.unmask', input: { purpose: '核查举报线索', minutes: 5 } });
      expect(unmask).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
      const q = await core.call({ call: 'query.run', input: { sql: 'SELECT name FROM subjects' } });
      expect(q.ok).toBe(true);
      const create = await core.call({ call: 'security.openEncrypted', input: { path: path.join(dir, 'x.duckdb'), passphrase: PASSPHRASE, create: true } });
      expect(create).toMatchObject({ ok: false, error: { code: 'ENCRYPTION_UNAVAILABLE' } });
    } finally {
      core.close();
    }
  });
});
