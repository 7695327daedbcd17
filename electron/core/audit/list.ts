// Reading the audit log for the 审计 page and `cws audit`: newest first, filtered in SQL.
import type { Workspace, SqlParam } from '../workspace/workspace';
import { auditActionLabel, type AuditEntryView, type AuditListResult } from '../../../shared/contract/audit';

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
  const rows = await ws.all<{
    seq: number;
    logged_at: string;
    operator: string;
    action: string;
    target: string | null;
    purpose: string | null;
    detail: string | null;
    hash: string;
  }>(
    `SELECT seq, strftime(logged_at, '%Y-%m-%dT%H:%M:%S.%g') || 'Z' AS logged_at, operator, action, target, purpose,
            detail::VARCHAR AS detail, hash
     FROM audit_log ${whereSql} ORDER BY seq DESC LIMIT ${limit} OFFSET ${offset}`,
    params,
  );
  const total = Number(await ws.scalar(`SELECT count(*) FROM audit_log ${whereSql}`, params));
  const actions = await ws.all<{ action: string }>('SELECT DISTINCT action FROM audit_log ORDER BY action');
  const operators = await ws.all<{ operator: string }>('SELECT DISTINCT operator FROM audit_log ORDER BY operator');
  const entries: AuditEntryView[] = rows.map((r) => ({
    seq: Number(r.seq),
    loggedAt: r.logged_at,
    operator: r.operator,
    action: r.action,
    actionLabel: auditActionLabel(r.action),
    target: r.target,
    purpose: r.purpose,
    detail: parseDetail(r.detail),
    hash: r.hash,
  }));
  return {
    entries,
    total,
    offset,
    actions: actions.map((a) => ({ action: a.action, label: auditActionLabel(a.action) })),
    operators: operators.map((o) => o.operator),
  };
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
