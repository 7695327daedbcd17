// A workspace is one DuckDB file. This module owns opening it with safe settings and running SQL; capability
// modules receive a Workspace and never create DuckDB instances themselves.
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBConnection, DuckDBInstance, DuckDBTypeId, type DuckDBMaterializedResult } from '@duckdb/node-api';
import { CoreError } from '../errors';
import { assertStrongEnough, createKeyFile, deriveKey, readKeyFile, removeKeyFile, wrongPassphrase } from '../security/keyfile';
import { enableWritableEncryption } from '../security/extensions';

export interface OpenOptions {
  /** Create the file if missing (otherwise opening a missing file is an error). */
  create?: boolean;
  readOnly?: boolean;
  /** DuckDB memory_limit; default about half of RAM. */
  memoryLimit?: string;
  threads?: number;
  /** Passphrase of an encrypted workspace (one with a `<file>.cws-key.json` beside it). Never logged. */
  passphrase?: string;
  /** With create: make a new workspace encrypted with the passphrase. */
  encrypt?: boolean;
}

/** Why a workspace is read-only: asked for, or encrypted and this machine cannot write encrypted files. */
export type ReadOnlyReason = 'requested' | 'encryption-unavailable' | null;

/** Catalog name under which an encrypted workspace file is attached (every connection USEs it). */
const ENCRYPTED_CATALOG = 'ws';

export type SqlParam = string | number | boolean | null | bigint;
export type Row = Record<string, unknown>;

export class Workspace {
  private connections = new Set<DuckDBConnection>();
  private closed = false;

  /** True when the file is DuckDB-encrypted (opened through ATTACH … ENCRYPTION_KEY). */
  encrypted = false;
  /** The memory_limit the workspace was opened with, as given (DuckDB prints it back rounded). */
  memoryLimit = '';
  readOnlyReason: ReadOnlyReason = null;

  private constructor(
    readonly path: string,
    readonly readOnly: boolean,
    private readonly instance: DuckDBInstance,
    /** The connection used for short bookkeeping statements. */
    private readonly main: DuckDBConnection,
    /** Attached catalog every new connection must USE (encrypted workspaces), else the instance's own file. */
    private readonly catalog: string | null = null,
  ) {}

  static async open(file: string, options: OpenOptions = {}): Promise<Workspace> {
    const resolved = file === ':memory:' ? file : path.resolve(file);
    if (resolved !== ':memory:') {
      const exists = fs.existsSync(resolved);
      if (!exists && !options.create) {
        throw new CoreError('NOT_FOUND', `工作区文件不存在：${resolved}。请先用“新建工作区”或 cws init 创建。`);
      }
      if (!exists) fs.mkdirSync(path.dirname(resolved), { recursive: true });
      const keyFile = readKeyFile(resolved);
      if (keyFile || options.encrypt) return Workspace.openEncrypted(resolved, exists, keyFile, options);
    }
    const tempDir = resolved === ':memory:' ? path.join(os.tmpdir(), 'cws-mem.tmp') : `${resolved}.tmp`;
    const config: Record<string, string> = {
      memory_limit: defaultMemoryLimit(options),
      threads: String(options.threads ?? Math.max(1, os.cpus().length)),
      temp_directory: tempDir,
      // Offline machines: never try to download extensions.
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
    };
    if (options.readOnly) config.access_mode = 'READ_ONLY';
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(resolved, config);
    } catch (err) {
      throw translateOpenError(err, resolved);
    }
    const main = await instance.connect();
    const ws = new Workspace(resolved, !!options.readOnly, instance, main);
    ws.memoryLimit = config.memory_limit!;
    if (options.readOnly) ws.readOnlyReason = 'requested';
    return ws;
  }

  /**
   * Encrypted workspaces: an in-memory instance ATTACHes the file with the key derived from the passphrase and
   * USEs it, so every statement (migrations, macros, safe views) works on the file as usual. Writing needs the
   * bundled httpfs (OpenSSL); without it an existing encrypted workspace opens read-only and creating one fails.
   */
  private static async openEncrypted(
    resolved: string,
    exists: boolean,
    keyFile: ReturnType<typeof readKeyFile>,
    options: OpenOptions,
  ): Promise<Workspace> {
    const creating = !exists;
    if (creating && !options.encrypt) {
      throw new CoreError('CONFLICT', `工作区文件不存在，但旁边有密钥参数文件 ${resolved}.cws-key.json：请确认文件位置，或删除该密钥文件后再新建。`);
    }
    if (!creating && !keyFile) {
      throw new CoreError('CONFLICT', `工作区 ${resolved} 已存在且未加密：不能在原文件上直接加密，请新建一个加密工作区。`);
    }
    if (!options.passphrase) {
      throw new CoreError('ENCRYPTED', `工作区 ${path.basename(resolved)} 已加密，请提供口令（界面输入，或命令行的环境变量 CWS_PASSPHRASE / 提示输入）。`);
    }
    if (creating) assertStrongEnough(options.passphrase);
    // Spilling to disk stays off until encrypted temp files can be written (else plaintext could reach the disk).
    const config: Record<string, string> = {
      memory_limit: defaultMemoryLimit(options),
      threads: String(options.threads ?? Math.max(1, os.cpus().length)),
      temp_directory: '',
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
    };
    const instance = await DuckDBInstance.create(':memory:', config);
    const main = await instance.connect();
    let createdKeyFile = false;
    try {
      const cryptoState = options.readOnly ? null : await enableWritableEncryption(main);
      const writable = !!cryptoState?.writable;
      if (creating && !writable) {
        throw new CoreError(
          'ENCRYPTION_UNAVAILABLE',
          '本机缺少加密组件（DuckDB httpfs 扩展），无法新建加密工作区。请使用正式安装包（已内置加密组件），或新建不加密的工作区；已有的加密工作区仍可只读打开。',
          cryptoState && !cryptoState.writable ? cryptoState.reason : undefined,
        );
      }
      let key: string;
      if (creating) {
        key = await createKeyFile(resolved, options.passphrase);
        createdKeyFile = true;
      } else {
        key = await deriveKey(keyFile!, options.passphrase);
      }
      if (writable) {
        await main.run(`SET temp_directory = ${sqlString(`${resolved}.tmp`)}`);
        await main.run(`SET temp_file_encryption = true`);
      }
      const readOnly = !writable;
      try {
        await main.run(`ATTACH ${sqlString(resolved)} AS ${ENCRYPTED_CATALOG} (ENCRYPTION_KEY '${key}'${readOnly ? ', READ_ONLY' : ''})`);
      } catch (err) {
        throw translateOpenError(scrubKey(err, key), resolved);
      }
      await main.run(`USE ${ENCRYPTED_CATALOG}`);
      const ws = new Workspace(resolved, readOnly, instance, main, ENCRYPTED_CATALOG);
      ws.memoryLimit = config.memory_limit!;
      ws.encrypted = true;
      ws.readOnlyReason = options.readOnly ? 'requested' : readOnly ? 'encryption-unavailable' : null;
      return ws;
    } catch (err) {
      main.closeSync();
      instance.closeSync();
      // A failed creation leaves nothing behind (the file did not exist before).
      if (createdKeyFile) {
        removeKeyFile(resolved);
        for (const f of [resolved, `${resolved}.wal`]) fs.rmSync(f, { force: true });
      }
      throw err;
    }
  }

  /** A fresh connection that sees the workspace as its default database. */
  private async connect(): Promise<DuckDBConnection> {
    const conn = await this.instance.connect();
    if (this.catalog) {
      try {
        await conn.run(`USE ${this.catalog}`);
      } catch (err) {
        conn.closeSync();
        throw CoreError.fromDuckDB(err);
      }
    }
    return conn;
  }

  /** Runs statements without reading results. */
  async run(sql: string, params?: SqlParam[]): Promise<void> {
    this.assertOpen();
    await runOn(this.main, sql, params);
  }

  /** Runs a query and returns plain row objects (BIGINT → number when safe, DATE → 'YYYY-MM-DD'). */
  async all<T = Row>(sql: string, params?: SqlParam[]): Promise<T[]> {
    this.assertOpen();
    return allOn<T>(this.main, sql, params);
  }

  async one<T = Row>(sql: string, params?: SqlParam[]): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  /** Single value of the first row's first column. */
  async scalar<T = unknown>(sql: string, params?: SqlParam[]): Promise<T> {
    const row = await this.one<Row>(sql, params);
    return (row ? Object.values(row)[0] : undefined) as T;
  }

  /**
   * Runs work on a dedicated connection that is interrupted when the signal aborts, so a long query can be
   * cancelled without touching other work.
   */
  async withConnection<T>(fn: (conn: Conn) => Promise<T>, signal?: AbortSignal): Promise<T> {
    this.assertOpen();
    if (signal?.aborted) throw CoreError.cancelled();
    const raw = await this.connect();
    this.connections.add(raw);
    const onAbort = () => raw.interrupt();
    signal?.addEventListener('abort', onAbort);
    try {
      return await fn(new Conn(raw, signal));
    } catch (err) {
      if (signal?.aborted) throw CoreError.cancelled();
      throw err;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.connections.delete(raw);
      raw.closeSync();
    }
  }

  /** One transaction on a dedicated connection: committed if fn resolves, rolled back otherwise (and on cancel). */
  async transaction<T>(fn: (conn: Conn) => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.withConnection((conn) => inTransaction(conn, () => fn(conn)), signal);
  }

  async checkpoint(): Promise<void> {
    if (!this.readOnly) await this.run('CHECKPOINT');
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const c of this.connections) c.closeSync();
    this.main.closeSync();
    this.instance.closeSync();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private assertOpen(): void {
    if (this.closed) throw new CoreError('WORKSPACE_CLOSED', '工作区已关闭，请重新打开。');
  }
}

/** A connection handed to work that may be cancelled; every call checks the signal first. */
export class Conn {
  constructor(
    readonly raw: DuckDBConnection,
    readonly signal?: AbortSignal,
  ) {}

  throwIfCancelled(): void {
    if (this.signal?.aborted) throw CoreError.cancelled();
  }

  /** Runs statements; returns the rows the last one inserted, updated or deleted. */
  async run(sql: string, params?: SqlParam[]): Promise<number> {
    this.throwIfCancelled();
    return runOn(this.raw, sql, params);
  }

  /**
   * Runs one long statement and reports DuckDB's own estimate of its progress (0–100, never going back) about four
   * times a second, for progress bars on work that is a single statement. Returns the rows it changed.
   */
  async runWithProgress(sql: string, onPercent: (percent: number) => void): Promise<number> {
    this.throwIfCancelled();
    await runOn(this.raw, 'SET enable_progress_bar = true; SET enable_progress_bar_print = false');
    let last = -1;
    const timer = setInterval(() => {
      const p = Math.min(100, Math.floor(this.raw.progress.percentage));
      if (p > last) onPercent((last = p));
    }, 250);
    try {
      return await runOn(this.raw, sql);
    } finally {
      clearInterval(timer);
    }
  }

  /** Run without the cancellation check (used for ROLLBACK after a cancel). */
  async rawRun(sql: string): Promise<void> {
    await this.raw.run(sql);
  }

  async all<T = Row>(sql: string, params?: SqlParam[]): Promise<T[]> {
    this.throwIfCancelled();
    return allOn<T>(this.raw, sql, params);
  }

  async one<T = Row>(sql: string, params?: SqlParam[]): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  async scalar<T = unknown>(sql: string, params?: SqlParam[]): Promise<T> {
    const row = await this.one<Row>(sql, params);
    return (row ? Object.values(row)[0] : undefined) as T;
  }
}

/**
 * fn inside BEGIN … COMMIT on a connection of withConnection: rolled back if fn throws or the work was cancelled.
 * (Workspace.transaction is this on a fresh connection; use this one when the same connection must first do work
 * outside the transaction.)
 */
export async function inTransaction<T>(conn: Conn, fn: () => Promise<T>): Promise<T> {
  await conn.run('BEGIN TRANSACTION');
  try {
    const result = await fn();
    conn.throwIfCancelled();
    await conn.run('COMMIT');
    return result;
  } catch (err) {
    await conn.rawRun('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** Runs SQL; returns the rows the (last) statement changed (INSERT/UPDATE/DELETE), else 0. */
async function runOn(conn: DuckDBConnection, sql: string, params?: SqlParam[]): Promise<number> {
  try {
    const result = params && params.length ? await conn.run(sql, params as never) : await conn.run(sql);
    return result.rowsChanged;
  } catch (err) {
    throw CoreError.fromDuckDB(err);
  }
}

async function allOn<T>(conn: DuckDBConnection, sql: string, params?: SqlParam[]): Promise<T[]> {
  let reader;
  try {
    reader = params && params.length ? await conn.runAndReadAll(sql, params as never) : await conn.runAndReadAll(sql);
  } catch (err) {
    throw CoreError.fromDuckDB(err);
  }
  const names = reader.deduplicatedColumnNames();
  const types = reader.columnTypes().map((t) => t.typeId);
  const columns = reader.getColumnsJS();
  const n = reader.currentRowCount;
  const rows: Row[] = new Array(n);
  for (let r = 0; r < n; r++) {
    const row: Row = {};
    for (let c = 0; c < names.length; c++) row[names[c]!] = plainValue(columns[c]![r], types[c]!);
    rows[r] = row;
  }
  return rows as T[];
}

/** JS value → JSON-friendly value for the contract (dates as ISO strings, safe bigints as numbers). */
export function plainValue(v: unknown, typeId: DuckDBTypeId): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v.toString();
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    return typeId === DuckDBTypeId.DATE ? v.toISOString().slice(0, 10) : v.toISOString();
  }
  if (Array.isArray(v)) return v.map((x) => plainValue(x, DuckDBTypeId.VARCHAR));
  if (typeof v === 'object') {
    const out: Row = {};
    for (const [k, x] of Object.entries(v as Row)) out[k] = plainValue(x, DuckDBTypeId.VARCHAR);
    return out;
  }
  return v;
}

/** DuckDB memory_limit: as asked, else about half of RAM. */
function defaultMemoryLimit(options: OpenOptions): string {
  return options.memoryLimit ?? `${Math.max(1, Math.floor(os.totalmem() / 2 / 1024 ** 3))}GB`;
}

const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** The key must not travel on in an error message or log line. */
function scrubKey(err: unknown, key: string): Error {
  const msg = err instanceof Error ? err.message : String(err);
  return new Error(msg.split(key).join('***'));
}

function translateOpenError(err: unknown, file: string): CoreError {
  const msg = err instanceof Error ? err.message : String(err);
  if (/lock/i.test(msg)) {
    return new CoreError('WORKSPACE_LOCKED', `工作区 ${file} 正被另一个程序使用（文件被锁定）。请关闭其他窗口或 cws 命令后重试。`, msg);
  }
  if (/Wrong encryption key/i.test(msg)) return wrongPassphrase(msg);
  if (/encrypt/i.test(msg)) {
    return new CoreError(
      'ENCRYPTED',
      `该工作区已加密，需要口令和旁边的密钥参数文件 ${path.basename(file)}.cws-key.json 才能打开（口令可在界面输入，或用环境变量 CWS_PASSPHRASE）。若该文件缺失，请从备份中恢复。`,
      msg,
    );
  }
  return new CoreError('OPEN_FAILED', `无法打开工作区 ${file}：${msg}`, msg);
}
