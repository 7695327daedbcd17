// TEST ONLY — INSECURE. Builds encrypted workspaces on machines without DuckDB's httpfs (OpenSSL) by switching on
// DuckDB's mbedtls write path (force_mbedtls_unsafe: predictable GCM nonces). The product never does this; this
// file lives under tests/ and its name says so. Data are filled in a plain workspace through the product code, then
// copied into an encrypted file with the key the product derives from the passphrase.
import fs from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { openWorkspace, type Workspace } from '../../electron/core/workspace';
import { createKeyFile } from '../../electron/core/security/keyfile';
import { UNSAFE_TEST_CRYPTO_SQL } from './unsafe-crypto';

/** Lowest KDF cost the key file accepts: keeps tests fast (the product default is N = 2^17). */
export const FAST_TEST_KDF = { N: 2 ** 14, r: 8, p: 1 };

/** Creates `target` (encrypted) + its key file, holding whatever `fill` puts into a fresh migrated workspace. */
export async function createUnsafeEncryptedFixture(
  target: string,
  passphrase: string,
  fill: (ws: Workspace) => Promise<void>,
): Promise<void> {
  const plain = `${target}.plain-source.duckdb`;
  const ws = await openWorkspace(plain, { create: true, threads: 2 });
  try {
    await fill(ws);
    await ws.checkpoint();
  } finally {
    ws.close();
  }
  const key = await createKeyFile(target, passphrase, FAST_TEST_KDF);
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false', autoload_known_extensions: 'false', threads: '2' });
  const conn = await instance.connect();
  try {
    await conn.run(UNSAFE_TEST_CRYPTO_SQL);
    await conn.run(`ATTACH '${plain}' AS src (READ_ONLY)`);
    await conn.run(`ATTACH '${target}' AS dst (ENCRYPTION_KEY '${key}')`);
    await conn.run(`COPY FROM DATABASE src TO dst`);
    await conn.run(`DETACH dst`);
  } finally {
    conn.closeSync();
    instance.closeSync();
    for (const f of [plain, `${plain}.wal`]) fs.rmSync(f, { force: true });
    fs.rmSync(`${plain}.tmp`, { recursive: true, force: true });
  }
}
