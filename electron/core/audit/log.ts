// Append-only audit log with a hash chain: each entry's hash covers its content and the previous entry's hash,
// so an edited, deleted or reordered entry breaks verification from that point on.
import crypto from 'node:crypto';
import type { Workspace } from '../workspace/workspace';
import { AUDIT_ACTION_LABELS } from '../../../shared/contract/audit';
import { AUDIT_HEAD_MIGRATION } from './schema';

export interface AuditEntryInput {
  operator: string;
  action: string;
  target?: string | null;
  purpose?: string | null;
  detail?: Record<string, unknown> | null;
  /** ISO time (UTC, milliseconds) the action happened; default now. Set when merging entries written elsewhere. */
  loggedAt?: string;
}

export interface AuditEntry {
  seq: number;
  logged_at: string;
  operator: string;
  action: string;
  target: string | null;
  purpose: string | null;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** Audit actions and their Chinese labels (the 审计 page shows these); the list lives in the contract. */
export const AUDIT_ACTIONS: Record<string, string> = AUDIT_ACTION_LABELS;

/** The hash of one entry chained to the previous one (also used by the read-only sidecar, ./pending.ts). */
export function entryHash(prev: string, e: Omit<AuditEntry, 'hash' | 'prev_hash'>): string {
  const body = JSON.stringify([e.seq, e.logged_at, e.operator, e.action, e.target, e.purpose, e.detail]);
  return crypto.createHash('sha256').update(prev).update('\n').update(body).digest('hex');
}

// Appends are serialised per workspace so two concurrent calls cannot take the same sequence number.
const queues = new WeakMap<Workspace, Promise<unknown>>();

/** Runs fn after every earlier append on this workspace (the pending-sidecar merge queues here too). */
export function serialised<T>(ws: Workspace, fn: () => Promise<T>): Promise<T> {
  const prev = queues.get(ws) ?? Promise.resolve();
  const next = prev.catch(() => undefined).then(fn);
  queues.set(ws, next);
  return next;
}

export function appendAudit(ws: Workspace, input: AuditEntryInput): Promise<AuditEntry> {
  return serialised(ws, async () => (await appendNow(ws, [input]))[0]!);
}

/**
 * Appends several entries in order in one transaction (all or none), each chained to the one before. Call it
 * inside `serialised(ws, …)`.
 */
export async function appendNow(ws: Workspace, inputs: AuditEntryInput[]): Promise<AuditEntry[]> {
  const last = await ws.one<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const entries: AuditEntry[] = inputs.map((input) => {
    seq += 1;
    const entry = {
      seq,
      logged_at: isHashableTime(input.loggedAt) ? input.loggedAt : new Date().toISOString(),
      operator: input.operator,
      action: input.action,
      target: input.target ?? null,
      purpose: input.purpose ?? null,
      detail: input.detail ? JSON.stringify(input.detail) : null,
    };
    const hash = entryHash(prevHash, entry);
    const full = { ...entry, prev_hash: prevHash, hash };
    prevHash = hash;
    return full;
  });
  if (!entries.length) return entries;
  // The entries and the chain head move together, so deleting the newest entries is detected too.
  await ws.transaction(async (conn) => {
    for (const e of entries) {
      await conn.run(
        `INSERT INTO audit_log (seq, logged_at, operator, action, target, purpose, detail, prev_hash, hash)
         VALUES (?, ?::TIMESTAMP, ?, ?, ?, ?, ?::JSON, ?, ?)`,
        [e.seq, e.logged_at.replace('T', ' ').replace('Z', ''), e.operator, e.action, e.target, e.purpose, e.detail, e.prev_hash, e.hash],
      );
    }
    if (await hasHeadTable(conn)) {
      const head = entries[entries.length - 1]!;
      await conn.run(`DELETE FROM audit_head`);
      await conn.run(`INSERT INTO audit_head VALUES (?, ?)`, [head.seq, head.hash]);
    }
  });
  return entries;
}

/** Times are hashed as verification re-reads them from the TIMESTAMP column: UTC, millisecond ISO form. */
function isHashableTime(t: string | undefined): t is string {
  return !!t && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(t) && !Number.isNaN(Date.parse(t));
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** First sequence number whose entry does not verify. */
  brokenAt: number | null;
  reason: string | null;
}

/** Re-computes the chain; the stored timestamp is re-read at microsecond precision as it was hashed. */
export async function verifyAudit(ws: Workspace): Promise<AuditVerification> {
  const rows = await ws.all<AuditEntry>(
    `SELECT seq, strftime(logged_at, '%Y-%m-%dT%H:%M:%S.%g') || 'Z' AS logged_at, operator, action, target, purpose,
            detail::VARCHAR AS detail, prev_hash, hash FROM audit_log ORDER BY seq`,
  );
  let prev = GENESIS_HASH;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const fail = (reason: string): AuditVerification => ({ ok: false, entries: rows.length, brokenAt: r.seq, reason });
    if (r.seq !== i + 1) return fail(`序号不连续：期望 ${i + 1}，实际 ${r.seq}（记录被删除或重排）`);
    if (r.prev_hash !== prev) return fail('前一条记录的哈希不符（记录被删除、插入或重排）');
    const h = entryHash(prev, { seq: r.seq, logged_at: r.logged_at, operator: r.operator, action: r.action, target: r.target, purpose: r.purpose, detail: r.detail });
    if (h !== r.hash) return fail('记录内容与哈希不符（记录被修改）');
    prev = r.hash;
  }
  const headRecorded = (await ws.scalar<number>(
    `SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_migrations' AND schema_name = 'main'`,
  )) > 0 && (await ws.scalar<number>(`SELECT count(*) FROM schema_migrations WHERE id = ?`, [AUDIT_HEAD_MIGRATION])) > 0;
  if (headRecorded && !(await hasHeadTable(ws))) {
    return { ok: false, entries: rows.length, brokenAt: rows.length ? rows[rows.length - 1]!.seq : 1, reason: '审计日志链头表被删除' };
  }
  if (await hasHeadTable(ws)) {
    const head = await ws.one<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head LIMIT 1');
    const last = rows[rows.length - 1];
    if (head && (!last || head.seq !== last.seq || head.hash !== last.hash)) {
      const reason =
        !last || head.seq > last.seq
          ? `日志末尾的记录被删除：链头记录为第 ${head.seq} 条，日志只到第 ${last?.seq ?? 0} 条`
          : '链头记录与最后一条日志不符（日志或链头被改动）';
      return { ok: false, entries: rows.length, brokenAt: Math.min(head.seq, (last?.seq ?? 0) + 1), reason };
    }
  }
  return { ok: true, entries: rows.length, brokenAt: null, reason: null };
}

async function hasHeadTable(db: Pick<Workspace, 'scalar'>): Promise<boolean> {
  return (await db.scalar<number>(`SELECT count(*) FROM duckdb_tables() WHERE table_name = 'audit_head' AND schema_name = 'main'`)) > 0;
}
