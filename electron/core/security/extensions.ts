// Writable encryption needs OpenSSL, which DuckDB gets from its httpfs extension. It is not built in and cannot be
// downloaded at run time (offline machines, autoinstall off), so the packaging step puts the signed extension for
// each platform into the app's resources (electron/resources/duckdb-extensions/<platform>/httpfs.duckdb_extension, see the
// README there) with its SHA-256 pinned in manifest.json. Here it is checked against the pin and loaded from that
// path — never INSTALLed. DuckDB additionally checks its signature (unsigned extensions stay disallowed).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { DuckDBConnection } from '@duckdb/node-api';

const manifestSchema = z.object({
  duckdbVersion: z.string(),
  extension: z.literal('httpfs'),
  platforms: z.record(
    z.string(),
    z.object({
      file: z.string(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
      url: z.string().optional(),
    }),
  ),
});

export type ExtensionManifest = z.infer<typeof manifestSchema>;

export type CryptoAvailability =
  | { writable: true; extensionPath: string }
  | { writable: false; reason: string };

/** Where the bundled extensions may be: an explicit override, the packaged app's resources, the source tree. */
export function extensionDirCandidates(): string[] {
  const dirs: string[] = [];
  if (process.env.CWS_DUCKDB_EXTENSIONS_DIR) dirs.push(process.env.CWS_DUCKDB_EXTENSIONS_DIR);
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) dirs.push(path.join(resourcesPath, 'duckdb-extensions'));
  let dir = moduleDir();
  for (let i = 0; i < 6 && dir; i++) {
    dirs.push(path.join(dir, 'electron', 'resources', 'duckdb-extensions'));
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return dirs;
}

function moduleDir(): string {
  try {
    return path.dirname(fileURLToPath(import.meta.url));
  } catch {
    return process.cwd();
  }
}

export function readManifest(dir: string): ExtensionManifest | null {
  const file = path.join(dir, 'manifest.json');
  if (!fs.existsSync(file)) return null;
  const parsed = manifestSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf-8')));
  return parsed.success ? parsed.data : null;
}

export function sha256File(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/**
 * Finds the bundled httpfs for this DuckDB platform and checks it against the pinned checksum. Returns its path, or
 * why it cannot be used.
 */
export function locateHttpfs(platform: string, duckdbVersion: string, dirs = extensionDirCandidates()): CryptoAvailability {
  const reasons: string[] = [];
  for (const dir of dirs) {
    const manifest = readManifest(dir);
    if (!manifest) continue;
    const entry = manifest.platforms[platform];
    if (!entry) {
      reasons.push(`${dir}: 清单中没有平台 ${platform}`);
      continue;
    }
    if (manifest.duckdbVersion !== duckdbVersion) {
      reasons.push(`${dir}: 扩展为 DuckDB ${manifest.duckdbVersion} 构建，本程序为 ${duckdbVersion}`);
      continue;
    }
    const file = path.resolve(dir, entry.file);
    if (!file.startsWith(path.resolve(dir) + path.sep)) {
      reasons.push(`${dir}: 清单中的路径不在扩展目录内`);
      continue;
    }
    if (!fs.existsSync(file)) {
      reasons.push(`${dir}: 缺少 ${entry.file}`);
      continue;
    }
    if (!entry.sha256) {
      reasons.push(`${dir}: ${entry.file} 未登记校验值`);
      continue;
    }
    const actual = sha256File(file);
    if (actual !== entry.sha256) {
      reasons.push(`${dir}: ${entry.file} 校验值不符（文件可能被替换）`);
      continue;
    }
    return { writable: true, extensionPath: file };
  }
  return { writable: false, reason: reasons.length ? reasons.join('；') : '未找到随程序打包的加密组件（httpfs 扩展）' };
}

/**
 * Makes the instance able to write encrypted files by loading the pinned httpfs, if it is bundled. Returns whether
 * writing is possible; without it encrypted workspaces can still be read.
 */
export async function enableWritableEncryption(conn: DuckDBConnection): Promise<CryptoAvailability> {
  const facts = (await conn.runAndReadAll(`SELECT (SELECT platform FROM pragma_platform()) AS p, (SELECT library_version FROM pragma_version()) AS v`)).getRowObjectsJS()[0] as { p: string; v: string };
  const found = locateHttpfs(String(facts.p), String(facts.v));
  if (!found.writable) return found;
  try {
    await conn.run(`LOAD '${found.extensionPath.replace(/'/g, "''")}'`);
    return found;
  } catch (err) {
    return { writable: false, reason: `加密组件加载失败：${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  }
}
