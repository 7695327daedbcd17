// Reading the audit log for the 审计 page and `cws audit`: newest first, filtered in SQL. Entries still waiting in
// the read-only sidecar (./pending.ts) come first, marked 待并入, filtered the same way in JS (the sidecar is small).
import type { Workspace, SqlParam } from '../workspace/workspace';
import { auditActionLabel, type AuditEntryView, type AuditListResult } from '../../../shared/contract/audit';
import { pendingAuditViews } from './pending';
import type { AuditEntry } from './log';

export interface AuditListFilter {
  offset?: number;
  limit?: number;
  action?: string;
  operator?: string;
  /** Local calendar dates, inclusive. */
  from?: string;
  to?: string;
  /** Text inside target, purpose or detail. */
  search?: string;
}

/** A local calendar date's first instant, as the UTC timestamp the log stores. */
function localDayStartUtc(date: string, plusDays = 0): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays).toISOString().replace('T', ' ').replace('Z', '');
}

export async function listAudit(ws: Workspace, filter: AuditListFilter = {}): Promise<AuditListResult> {
  const where: string[] = [];
  const params: SqlParam[] = [];
  if (filter.action) {
    where.push('action = ?');
    params.push(filter.action);
  }
  if (filter.operator) {
    where.push('operator = ?');
    params.push(filter.operator);
  }
  if (filter.from) {
    where.push('logged_at >= ?::TIMESTAMP');
    params.push(localDayStartUtc(filter.from));
  }
  if (filter.to) {
    where.push('logged_at < ?::TIMESTAMP');
    params.push(localDayStartUtc(filter.to, 1));
  }
  if (filter.search) {
    where.push(`(contains(coalesce(target, ''), ?) OR contains(coalesce(purpose, ''), ?) OR contains(coalesce(detail::VARCHAR, ''), ?))`);
    params.push(filter.search, filter.search, filter.search);
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const offset = Math.max(0, Math.floor(filter.offset ?? 0));
  const limit = Math.min(500, Math.max(1, Math.floor(filter.limit ?? 100)));
  const tableMaxSeq = Number((await ws.scalar(`SELECT coalesce(max(seq), 0) FROM audit_log`)) ?? 0);
  const allPending = ws.path === ':memory:' ? [] : pendingAuditViews(ws.path, tableMaxSeq);
  const pending = allPending.filter((e) => matchesFilter(e, filter)).reverse();
  const pendingPage = pending.slice(offset, offset + limit);
  const tableOffset = Math.max(0, offset - pending.length);
  const tableLimit = limit - pendingPage.length;
  const rows = tableLimit <= 0 ? [] : await ws.all<Omit<AuditEntry, 'prev_hash'>>(
    `SELECT seq, strftime(logged_at, '%Y-%m-%dT%H:%M:%S.%g') || 'Z' AS logged_at, operator, action, target, purpose,
            detail::VARCHAR AS detail, hash
     FROM audit_log ${whereSql} ORDER BY seq DESC LIMIT ${tableLimit} OFFSET ${tableOffset}`,
    params,
  );
  const total = Number(await ws.scalar(`SELECT count(*) FROM audit_log ${whereSql}`, params)) + pending.length;
  const actions = (await ws.all<{ action: string }>('SELECT DISTINCT action FROM audit_log')).map((a) => a.action);
  const operators = (await ws.all<{ operator: string }>('SELECT DISTINCT operator FROM audit_log')).map((o) => o.operator);
  const entries: AuditEntryView[] = pendingPage.concat(
    rows.map((r) => ({
      seq: Number(r.seq),
      loggedAt: r.logged_at,
      operator: r.operator,
      action: r.action,
      actionLabel: auditActionLabel(r.action),
      target: r.target,
      purpose: r.purpose,
      detail: parseDetail(r.detail),
      hash: r.hash,
    })),
  );
  return {
    entries,
    total,
    offset,
    actions: sortedUnique([...actions, ...allPending.map((e) => e.action)]).map((action) => ({ action, label: auditActionLabel(action) })),
    operators: sortedUnique([...operators, ...allPending.map((e) => e.operator)]),
  };
}

/** The same filters as the SQL above, for pending entries. */
function matchesFilter(e: AuditEntryView, filter: AuditListFilter): boolean {
  if (filter.action && e.action !== filter.action) return false;
  if (filter.operator && e.operator !== filter.operator) return false;
  const at = Date.parse(e.loggedAt);
  if (filter.from && !(at >= Date.parse(localDayStartUtc(filter.from).replace(' ', 'T') + 'Z'))) return false;
  if (filter.to && !(at < Date.parse(localDayStartUtc(filter.to, 1).replace(' ', 'T') + 'Z'))) return false;
  if (filter.search) {
    const s = filter.search;
    if (!(e.target ?? '').includes(s) && !(e.purpose ?? '').includes(s) && !JSON.stringify(e.detail ?? '').includes(s)) return false;
  }
  return true;
}

/** Sorted as DuckDB's ORDER BY sorts VARCHAR (by code point). */
function sortedUnique(values: string[]): string[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function parseDetail(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
  } catch {
    return { raw: text };
  }
}
