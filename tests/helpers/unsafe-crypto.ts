// TEST ONLY — INSECURE. Stand-in for enableWritableEncryption (electron/core/security/extensions) in tests, on
// machines without DuckDB's httpfs: switches on DuckDB's mbedtls write path (force_mbedtls_unsafe, predictable GCM
// nonces). The product never does this. No product imports here, so a vi.mock factory can import this module
// without importing the module it mocks.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CryptoAvailability } from '../../electron/core/security/extensions';

export const UNSAFE_TEST_CRYPTO_SQL = `SET force_mbedtls_unsafe = 'true'`;

export async function unsafeWritableCryptoForTests(conn: DuckDBConnection): Promise<CryptoAvailability> {
  await conn.run(UNSAFE_TEST_CRYPTO_SQL);
  return { writable: true, extensionPath: '(test only: mbedtls, insecure)' };
}
