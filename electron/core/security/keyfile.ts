// Passphrase → workspace key. The key is derived with scrypt (memory-hard, so guessing passphrases on a stolen
// laptop is slow) from a random salt kept beside the workspace in `<ws>.cws-key.json` with the KDF parameters and a
// check value, so a wrong passphrase is refused before DuckDB ever opens the file. The key file holds no secret:
// without the passphrase it is useless, and without it the workspace cannot be opened at all (keep both together
// in backups).
import crypto from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { CoreError } from '../errors';

export const KEY_FILE_SUFFIX = '.cws-key.json';

/** OWASP's minimum for scrypt: N = 2^17, r = 8, p = 1 (128 MiB, about 0.3 s here). */
export const DEFAULT_KDF = { N: 2 ** 17, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const CHECK_LABEL = 'cws-workspace-key-check-v1';

const keyFileSchema = z.object({
  format: z.literal('cws-key'),
  version: z.literal(1),
  kdf: z.literal('scrypt'),
  N: z.number().int().min(2 ** 14).max(2 ** 22).refine((n) => (n & (n - 1)) === 0, 'N 必须是 2 的幂'),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  salt: z.string().regex(/^[0-9a-f]{32,128}$/),
  keyBytes: z.literal(KEY_BYTES),
  /** HMAC of a fixed label under the key: tells a wrong passphrase apart without touching the database. */
  check: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  cipher: z.string().optional(),
  createdAt: z.string().optional(),
});

export type KeyFile = z.infer<typeof keyFileSchema>;

export function keyFilePath(workspacePath: string): string {
  return `${workspacePath}${KEY_FILE_SUFFIX}`;
}

/** True when the workspace has a key file beside it (it is, or is meant to be, encrypted). */
export function isEncryptedWorkspace(workspacePath: string): boolean {
  return workspacePath !== ':memory:' && fs.existsSync(keyFilePath(workspacePath));
}

export function readKeyFile(workspacePath: string): KeyFile | null {
  const file = keyFilePath(workspacePath);
  if (!fs.existsSync(file)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf-8'));
  } catch (err) {
    throw new CoreError('OPEN_FAILED', `加密工作区的密钥参数文件已损坏：${file}。请从备份中恢复该文件。`, String(err));
  }
  const parsed = keyFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new CoreError('OPEN_FAILED', `加密工作区的密钥参数文件内容不正确：${file}。请从备份中恢复该文件。`, parsed.error.message);
  }
  return parsed.data;
}

function scrypt(passphrase: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  // maxmem must exceed 128·N·r bytes (Node's default of 32 MiB is too small for N = 2^17).
  const maxmem = 256 * params.N * params.r + 1024 * 1024;
  return new Promise((resolve, reject) =>
    crypto.scrypt(passphrase.normalize('NFC'), salt, KEY_BYTES, { ...params, maxmem }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

function checkValue(key: Buffer): string {
  return crypto.createHmac('sha256', key).update(CHECK_LABEL).digest('hex');
}

/** Derives the key of an existing encrypted workspace; WRONG_PASSPHRASE when the check value disagrees. */
export async function deriveKey(keyFile: KeyFile, passphrase: string): Promise<string> {
  const key = await scrypt(passphrase, Buffer.from(keyFile.salt, 'hex'), keyFile);
  if (keyFile.check) {
    const expected = Buffer.from(keyFile.check, 'hex');
    const actual = Buffer.from(checkValue(key), 'hex');
    if (!crypto.timingSafeEqual(expected, actual)) throw wrongPassphrase();
  }
  return key.toString('hex');
}

export function wrongPassphrase(detail?: string): CoreError {
  return new CoreError('WRONG_PASSPHRASE', '口令不正确，无法打开加密工作区。请确认口令后重试；工作区未作任何改动。', detail);
}

/** Minimum passphrase for new encrypted workspaces. */
export function assertStrongEnough(passphrase: string): void {
  if ([...passphrase].length < 8) {
    throw new CoreError('BAD_INPUT', '口令至少需要 8 个字符（建议使用一句话或多个词组合）。');
  }
}

/**
 * Writes a new key file for a workspace about to be created and returns the key. Refuses to overwrite an existing
 * key file: replacing it would lock the old workspace for good.
 */
export async function createKeyFile(
  workspacePath: string,
  passphrase: string,
  params: { N: number; r: number; p: number } = DEFAULT_KDF,
): Promise<string> {
  const file = keyFilePath(workspacePath);
  if (fs.existsSync(file)) {
    throw new CoreError('CONFLICT', `已存在密钥参数文件 ${file}：它可能属于另一个加密工作区。请换一个文件名，或确认无用后删除该文件。`);
  }
  const salt = crypto.randomBytes(16);
  const key = await scrypt(passphrase, salt, params);
  const body: KeyFile = {
    format: 'cws-key',
    version: 1,
    kdf: 'scrypt',
    N: params.N,
    r: params.r,
    p: params.p,
    salt: salt.toString('hex'),
    keyBytes: KEY_BYTES,
    check: checkValue(key),
    cipher: 'DuckDB AES-GCM',
    createdAt: new Date().toISOString(),
  };
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(body, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  fs.renameSync(tmp, file);
  return key.toString('hex');
}

export function removeKeyFile(workspacePath: string): void {
  fs.rmSync(keyFilePath(workspacePath), { force: true });
}
