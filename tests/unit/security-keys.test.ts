// Key handling: scrypt parameters and the key file, the bundled-extension checks (manifest, pinned SHA-256, LOAD
// from a path, never INSTALL), and static guarantees about product code.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { createKeyFile, deriveKey, DEFAULT_KDF, keyFilePath, readKeyFile } from '../../electron/core/security/keyfile';
import { enableWritableEncryption, locateHttpfs, readManifest } from '../../electron/core/security/extensions';
import { tempDir } from '../helpers/workspace';

const dir = tempDir('cws-keys-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('key file', () => {
  it('uses a memory-hard scrypt of at least N = 2^15, r = 8, p = 1 by default', () => {
    expect(DEFAULT_KDF.N).toBeGreaterThanOrEqual(2 ** 15);
    expect(DEFAULT_KDF.r).toBe(8);
    expect(DEFAULT_KDF.p).toBe(1);
  });

  it('derives the same key as scrypt with the stored salt and parameters; a wrong passphrase fails the check', async () => {
    const ws = path.join(dir, 'a.duckdb');
    const params = { N: 2 ** 14, r: 8, p: 1 };
    const key = await createKeyFile(ws, '一段足够长的口令', params);
    const kf = readKeyFile(ws)!;
    expect(kf).toMatchObject({ kdf: 'scrypt', N: 2 ** 14, r: 8, p: 1, keyBytes: 32 });
    const expected = crypto.scryptSync('一段足够长的口令', Buffer.from(kf.salt, 'hex'), 32, { N: 2 ** 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    expect(key).toBe(expected.toString('hex'));
    expect(await deriveKey(kf, '一段足够长的口令')).toBe(key);
    await expect(deriveKey(kf, '一段足够长的口令 ')).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    // Salt is random per workspace: the same passphrase gives another key elsewhere.
    const other = await createKeyFile(path.join(dir, 'b.duckdb'), '一段足够长的口令', params);
    expect(other).not.toBe(key);
    // Never overwritten: that would lock the old workspace out.
    await expect(createKeyFile(ws, 'another passphrase', params)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('a corrupted or tampered key file is a clear error, not a crash', () => {
    const ws = path.join(dir, 'c.duckdb');
    fs.writeFileSync(keyFilePath(ws), 'not json');
    expect(() => readKeyFile(ws)).toThrow(expect.objectContaining({ code: 'OPEN_FAILED' }));
    fs.writeFileSync(keyFilePath(ws), JSON.stringify({ format: 'cws-key', version: 1, kdf: 'scrypt', N: 3, r: 8, p: 1, salt: '00', keyBytes: 32 }));
    expect(() => readKeyFile(ws)).toThrow(expect.objectContaining({ code: 'OPEN_FAILED' }));
  });
});

describe('bundled httpfs', () => {
  const version = 'v1.5.6';
  function bundle(name: string, body: Buffer, sha: string | null, file = 'linux_amd64/httpfs.duckdb_extension', duckdbVersion = version): string {
    const d = path.join(dir, name);
    fs.mkdirSync(path.join(d, 'linux_amd64'), { recursive: true });
    fs.writeFileSync(path.join(d, 'linux_amd64', 'httpfs.duckdb_extension'), body);
    fs.writeFileSync(path.join(d, 'manifest.json'), JSON.stringify({ duckdbVersion, extension: 'httpfs', platforms: { linux_amd64: { file, sha256: sha } } }));
    return d;
  }
  const body = Buffer.from('not really an extension');
  const digest = crypto.createHash('sha256').update(body).digest('hex');

  it('refuses a file without a pinned checksum, with a wrong one, for another DuckDB version, or outside the folder', () => {
    expect(locateHttpfs('linux_amd64', version, [bundle('unpinned', body, null)])).toMatchObject({ writable: false, reason: expect.stringContaining('未登记校验值') });
    expect(locateHttpfs('linux_amd64', version, [bundle('wrong', body, 'f'.repeat(64))])).toMatchObject({ writable: false, reason: expect.stringContaining('校验值不符') });
    expect(locateHttpfs('linux_amd64', version, [bundle('old', body, digest, undefined, 'v1.4.0')])).toMatchObject({ writable: false, reason: expect.stringContaining('v1.4.0') });
    expect(locateHttpfs('linux_amd64', version, [bundle('escape', body, digest, '../../etc/passwd')])).toMatchObject({ writable: false, reason: expect.stringContaining('不在扩展目录内') });
    expect(locateHttpfs('windows_amd64', version, [bundle('otherplat', body, digest)])).toMatchObject({ writable: false, reason: expect.stringContaining('windows_amd64') });
    expect(locateHttpfs('linux_amd64', version, [path.join(dir, 'nothing-here')])).toMatchObject({ writable: false });
  });

  it('accepts a file matching its pin, and then DuckDB itself refuses an unsigned impostor at LOAD', async () => {
    const d = bundle('pinned', body, digest);
    expect(locateHttpfs('linux_amd64', version, [d])).toEqual({ writable: true, extensionPath: path.join(d, 'linux_amd64', 'httpfs.duckdb_extension') });
    const saved = process.env.CWS_DUCKDB_EXTENSIONS_DIR;
    process.env.CWS_DUCKDB_EXTENSIONS_DIR = d;
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      const platform = String((await conn.runAndReadAll('SELECT platform FROM pragma_platform()')).getRows()[0]![0]);
      const result = await enableWritableEncryption(conn);
      expect(result.writable).toBe(false);
      if (platform === 'linux_amd64') expect(result).toMatchObject({ reason: expect.stringContaining('加载失败') });
      const loaded = (await conn.runAndReadAll(`SELECT loaded FROM duckdb_extensions() WHERE extension_name = 'httpfs'`)).getRows();
      expect(loaded[0]?.[0]).toBe(false);
    } finally {
      conn.closeSync();
      instance.closeSync();
      if (saved === undefined) delete process.env.CWS_DUCKDB_EXTENSIONS_DIR;
      else process.env.CWS_DUCKDB_EXTENSIONS_DIR = saved;
    }
  });

  it('the shipped manifest matches the bundled DuckDB and lists every packaged platform', async () => {
    const manifest = readManifest(path.resolve('electron/resources/duckdb-extensions'))!;
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    const v = String((await conn.runAndReadAll('SELECT library_version FROM pragma_version()')).getRows()[0]![0]);
    conn.closeSync();
    instance.closeSync();
    expect(manifest.duckdbVersion).toBe(v);
    expect(Object.keys(manifest.platforms)).toEqual(expect.arrayContaining(['linux_amd64', 'windows_amd64']));
    for (const [p, e] of Object.entries(manifest.platforms)) expect(e.file).toBe(`${p}/httpfs.duckdb_extension`);
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf-8')) as { build: { extraResources: { from: string }[] } };
    expect(pkg.build.extraResources.map((r) => r.from)).toContain('electron/resources/duckdb-extensions');
  });
});

describe('product code', () => {
  function sources(root: string): string[] {
    const out: string[] = [];
    for (const e of fs.readdirSync(root, { withFileTypes: true })) {
      const p = path.join(root, e.name);
      if (e.isDirectory()) out.push(...sources(p));
      else if (/\.(ts|tsx|mjs|js)$/.test(e.name)) out.push(p);
    }
    return out;
  }
  const product = ['electron', 'shared', 'renderer/src', 'datasets'].flatMap((d) => (fs.existsSync(d) ? sources(d) : []));

  it('never enables the insecure mbedtls writer and never INSTALLs an extension', () => {
    expect(product.length).toBeGreaterThan(20);
    const offenders = product.filter((f) => {
      const text = fs.readFileSync(f, 'utf-8');
      return /force_mbedtls_unsafe/i.test(text) || /['"`]\s*(FORCE\s+)?INSTALL\s+\w/i.test(text);
    });
    expect(offenders).toEqual([]);
  });
});
