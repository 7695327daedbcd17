// Audit entries of a read-only workspace. The workspace file cannot take them, yet every query of personal data and
// every export must be audited: they go to a sidecar file beside the workspace, `<ws>.audit-pending.jsonl` (mode
// 0600), one JSON line each, hash-chained like audit_log. The next time the workspace is opened writable they are
// appended to audit_log in order (re-chained there, original time kept, detail.pending_from = the sidecar) and the
// sidecar is removed only after that transaction has committed.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Workspace } from '../workspace/workspace';
import { CoreError } from '../errors';
import { auditActionLabel, type AuditEntryView } from '../../../shared/contract/audit';
import { appendNow, entryHash, serialised, verifyAudit, type AuditEntry, type AuditEntryInput, type AuditVerification } from './log';

/** The sidecar's own genesis: a fixed value, different from the table's so lines cannot be spliced across. */
export const PENDING_GENESIS_HASH = crypto.createHash('sha256').update('cws audit-pending genesis v1').digest('hex');

/** Action recorded for a sidecar line that could not be read back (its raw text is kept in detail). */
export const PENDING_INVALID_ACTION = 'audit.pending.invalid';

/** An entry of the sidecar: an audit entry whose detail is kept as parsed JSON. */
export interface PendingLine extends Omit<AuditEntry, 'detail'> {
  detail: Record<string, unknown> | null;
}

export function pendingAuditPath(workspacePath: string): string {
  return `${workspacePath}.audit-pending.jsonl`;
}

function hasSidecarPath(ws: Workspace): boolean {
  return ws.path !== ':memory:';
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

/**
 * Appends one entry to the sidecar of a read-only workspace, chained from its last line.
 * Encrypted workspaces: the sidecar is plaintext on disk while the workspace is not, and SQL text or values can
 * carry names and ID numbers, so only action, operator, time, target table names, purpose and row counts are kept
 * for them — never SQL text, filters, file names or values.
 */
export async function appendPendingAudit(ws: Workspace, input: AuditEntryInput): Promise<PendingLine | null> {
  if (!hasSidecarPath(ws)) return null;
  const safe = ws.encrypted ? redactForEncrypted(input) : input;
  const file = pendingAuditPath(ws.path);
  return serialised(ws, async () =>
    withSidecarLock(file, () => {
      const lines = readLines(file);
      const lastParsed = [...lines].reverse().find((l) => l.entry)?.entry;
      const entry = {
        seq: lines.length + 1,
        logged_at: safe.loggedAt ?? new Date().toISOString(),
        operator: safe.operator,
        action: safe.action,
        target: safe.target ?? null,
        purpose: safe.purpose ?? null,
        detail: safe.detail ?? null,
      };
      const prevHash = lastParsed?.hash ?? PENDING_GENESIS_HASH;
      const line: PendingLine = { ...entry, prev_hash: prevHash, hash: lineHash(prevHash, entry) };
      const fd = fs.openSync(file, 'a', 0o600);
      try {
        fs.fchmodSync(fd, 0o600);
        fs.writeSync(fd, JSON.stringify(line) + '\n');
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      return line;
    }),
  );
}

const TABLE_LIST = /^[A-Za-z_][A-Za-z0-9_]*(,[A-Za-z_][A-Za-z0-9_]*)*$/;
const ROW_COUNT_KEY = /^(rows|.*_rows|.*Rows)$/;

/** What an encrypted workspace's sidecar may hold: see appendPendingAudit. */
export function redactForEncrypted(input: AuditEntryInput): AuditEntryInput {
  const detail: Record<string, unknown> = { redacted: true };
  for (const [key, value] of Object.entries(input.detail ?? {})) {
    if (ROW_COUNT_KEY.test(key) && typeof value === 'number' && Number.isFinite(value)) detail[key] = value;
  }
  const target = input.target && TABLE_LIST.test(input.target) ? input.target : null;
  return { operator: input.operator, action: input.action, target, purpose: input.purpose ?? null, detail, loggedAt: input.loggedAt };
}

function lineHash(prev: string, e: Omit<PendingLine, 'prev_hash' | 'hash'>): string {
  return entryHash(prev, { ...e, detail: e.detail === null ? null : JSON.stringify(e.detail) });
}

// ---------------------------------------------------------------------------------------------------------------
// Reading and verifying

interface ReadLine {
  lineNo: number;
  raw: string;
  entry: PendingLine | null;
}

function readLines(file: string): ReadLine[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf-8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return text
    .split('\n')
    .filter((raw) => raw.trim() !== '')
    .map((raw, i) => ({ lineNo: i + 1, raw, entry: parseLine(raw) }));
}

function parseLine(raw: string): PendingLine | null {
  try {
    const v = JSON.parse(raw) as Record<string, unknown>;
    const str = (x: unknown) => typeof x === 'string';
    const strOrNull = (x: unknown) => x === null || typeof x === 'string';
    const detailOk = v.detail === null || (typeof v.detail === 'object' && !Array.isArray(v.detail));
    if (typeof v.seq === 'number' && str(v.logged_at) && str(v.operator) && str(v.action) && strOrNull(v.target) && strOrNull(v.purpose) && detailOk && str(v.prev_hash) && str(v.hash)) {
      return v as unknown as PendingLine;
    }
  } catch {
    // Not JSON: reported by verification, kept raw when merged.
  }
  return null;
}

/** Pending entries of a workspace's sidecar, oldest first (empty when there is none). */
export function readPendingAudit(workspacePath: string): PendingLine[] {
  return readLines(pendingAuditPath(workspacePath)).flatMap((l) => (l.entry ? [l.entry] : []));
}

/** Re-computes the sidecar chain. brokenAt is the sidecar's line number. */
export function verifyPendingAudit(workspacePath: string): AuditVerification {
  const lines = readLines(pendingAuditPath(workspacePath));
  let prev = PENDING_GENESIS_HASH;
  for (const l of lines) {
    const fail = (reason: string): AuditVerification => ({ ok: false, entries: lines.length, brokenAt: l.lineNo, reason });
    const e = l.entry;
    if (!e) return fail('无法读取（记录被修改或损坏）');
    if (e.seq !== l.lineNo) return fail(`序号不连续：期望 ${l.lineNo}，实际 ${e.seq}（记录被删除或重排）`);
    if (e.prev_hash !== prev) return fail('前一条记录的哈希不符（记录被删除、插入或重排）');
    const { prev_hash: _p, hash, ...body } = e;
    if (lineHash(prev, body) !== hash) return fail('记录内容与哈希不符（记录被修改）');
    prev = hash;
  }
  return { ok: true, entries: lines.length, brokenAt: null, reason: null };
}

/**
 * The table chain and the sidecar chain ('audit.verify'). entries counts both; a break in the sidecar is reported
 * after the table's entries (brokenAt = table entries + sidecar line) with the sidecar named in the reason.
 */
export async function verifyAuditWithPending(ws: Workspace): Promise<AuditVerification> {
  const table = await verifyAudit(ws);
  if (!hasSidecarPath(ws)) return table;
  const pending = verifyPendingAudit(ws.path);
  const entries = table.entries + pending.entries;
  if (!table.ok) return { ...table, entries };
  if (!pending.ok) {
    return {
      ok: false,
      entries,
      brokenAt: table.entries + pending.brokenAt!,
      reason: `待并入审计记录（${pendingAuditPath(ws.path)}）第 ${pending.brokenAt} 行：${pending.reason}`,
    };
  }
  return { ok: true, entries, brokenAt: null, reason: null };
}

/** Pending entries as the 审计 page and `cws audit` show them: numbered after the table, marked 待并入. */
export function pendingAuditViews(workspacePath: string, tableMaxSeq: number): AuditEntryView[] {
  return readPendingAudit(workspacePath).map((e, i) => ({
    seq: tableMaxSeq + i + 1,
    loggedAt: e.logged_at,
    operator: e.operator,
    action: e.action,
    actionLabel: `${auditActionLabel(e.action)}（待并入）`,
    target: e.target,
    purpose: e.purpose,
    detail: { ...(e.detail ?? {}), pending: true, pending_from: pendingAuditPath(workspacePath) },
    hash: e.hash,
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Merging

export interface PendingMerge {
  merged: number;
  /** The sidecar chain did not verify: the entries were merged anyway, each carrying the reason. */
  chainBroken: string | null;
}

/**
 * Moves the sidecar's entries into audit_log of a writable workspace: in order, in one transaction, through the
 * same append as every entry (re-chained there). A broken sidecar chain is not laundered: its entries are merged
 * with detail.pending_chain = the reason, and unreadable lines become PENDING_INVALID_ACTION entries with their raw
 * text. Entries already merged (same pending_hash) are skipped, so a sidecar that could not be removed after the
 * commit is not merged twice.
 */
export async function mergePendingAudit(ws: Workspace, operator = 'cws'): Promise<PendingMerge> {
  if (ws.readOnly || !hasSidecarPath(ws)) return { merged: 0, chainBroken: null };
  const file = pendingAuditPath(ws.path);
  if (!fs.existsSync(file)) return { merged: 0, chainBroken: null };
  return serialised(ws, () =>
    withSidecarLock(file, async () => {
      const lines = readLines(file);
      const check = verifyPendingAudit(ws.path);
      const chainBroken = check.ok ? null : `第 ${check.brokenAt} 行：${check.reason}`;
      const done = new Set(
        (
          await ws.all<{ h: string }>(
            `SELECT json_extract_string(detail, '$.pending_hash') AS h FROM audit_log
             WHERE json_extract_string(detail, '$.pending_from') = ?`,
            [file],
          )
        ).map((r) => r.h),
      );
      const inputs: AuditEntryInput[] = [];
      for (const l of lines) {
        const e = l.entry;
        const mark = { pending_from: file, pending_line: l.lineNo, ...(chainBroken ? { pending_chain: chainBroken } : {}) };
        if (!e) {
          inputs.push({ operator, action: PENDING_INVALID_ACTION, detail: { ...mark, raw: l.raw.slice(0, 4000) } });
          continue;
        }
        if (done.has(e.hash)) continue;
        inputs.push({
          operator: e.operator,
          action: e.action,
          target: e.target,
          purpose: e.purpose,
          loggedAt: e.logged_at,
          detail: { ...(e.detail ?? {}), ...mark, pending_hash: e.hash },
        });
      }
      await appendNow(ws, inputs);
      // Only now, with the transaction committed, may the sidecar go.
      fs.rmSync(file, { force: true });
      return { merged: inputs.length, chainBroken };
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// A lock file so two processes (two read-only opens, or a merge) never interleave lines of the chain.

const LOCK_WAIT_MS = 5_000;
const LOCK_STALE_MS = 30_000;

async function withSidecarLock<T>(file: string, fn: () => T | Promise<T>): Promise<T> {
  const lock = `${file}.lock`;
  const started = Date.now();
  for (;;) {
    try {
      fs.closeSync(fs.openSync(lock, 'wx', 0o600));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > LOCK_STALE_MS) fs.rmSync(lock, { force: true });
      else if (Date.now() - started > LOCK_WAIT_MS) throw new CoreError('CONFLICT', `审计待并入文件被另一进程占用：${lock}。请稍后重试；若无其他程序在用，可删除该 .lock 文件。`);
      else await new Promise((r) => setTimeout(r, 25));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}
