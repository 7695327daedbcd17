// Append-only audit log with a hash chain: each entry's hash covers its content and the previous entry's hash,
// so an edited, deleted or reordered entry breaks verification from that point on.
import crypto from 'node:crypto';
import type { Workspace } from '../workspace/workspace';

export interface AuditEntryInput {
  operator: string;
  action: string;
  target?: string | null;
  purpose?: string | null;
  detail?: Record<string, unknown> | null;
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

/** Audit actions and their Chinese labels (the 审计 page shows these). */
export const AUDIT_ACTIONS: Record<string, string> = {
  'workspace.create': '新建工作区',
  'workspace.open': '打开工作区',
  'import.run': '数据导入',
  'import.undo': '撤销导入批次',
  'query.personal': '查询个人信息',
  'unmask.grant': '临时查看未脱敏信息',
  'export.file': '导出文件',
  'evaluate.run': '信用评价',
  'tier.run': '风险分级',
  'repair.run': '信用修复测算',
  'report.export': '报告导出',
  'profile.view': '查看主体画像',
};

function entryHash(prev: string, e: Omit<AuditEntry, 'hash' | 'prev_hash'>): string {
  const body = JSON.stringify([e.seq, e.logged_at, e.operator, e.action, e.target, e.purpose, e.detail]);
  return crypto.createHash('sha256').update(prev).update('\n').update(body).digest('hex');
}

// Appends are serialised per workspace so two concurrent calls cannot take the same sequence number.
const queues = new WeakMap<Workspace, Promise<unknown>>();

export function appendAudit(ws: Workspace, input: AuditEntryInput): Promise<AuditEntry> {
  const prev = queues.get(ws) ?? Promise.resolve();
  const next = prev.catch(() => undefined).then(() => appendNow(ws, input));
  queues.set(ws, next);
  return next;
}

async function appendNow(ws: Workspace, input: AuditEntryInput): Promise<AuditEntry> {
  const last = await ws.one<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const entry = {
    seq,
    logged_at: new Date().toISOString(),
    operator: input.operator,
    action: input.action,
    target: input.target ?? null,
    purpose: input.purpose ?? null,
    detail: input.detail ? JSON.stringify(input.detail) : null,
  };
  const hash = entryHash(prevHash, entry);
  await ws.run(
    `INSERT INTO audit_log (seq, logged_at, operator, action, target, purpose, detail, prev_hash, hash)
     VALUES (?, ?::TIMESTAMP, ?, ?, ?, ?, ?::JSON, ?, ?)`,
    [seq, entry.logged_at.replace('T', ' ').replace('Z', ''), entry.operator, entry.action, entry.target, entry.purpose, entry.detail, prevHash, hash],
  );
  return { ...entry, prev_hash: prevHash, hash };
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
  return { ok: true, entries: rows.length, brokenAt: null, reason: null };
}
