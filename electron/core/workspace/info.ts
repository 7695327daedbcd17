// Workspace facts for the overview: tables with row counts and labels, schema version, data fingerprint.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Workspace } from './workspace';
import { CANONICAL_TABLES, RESULT_TABLE_LABELS } from '../../../shared/domain/tables';
import { schemaVersion } from './migrations';
import type { TableInfo, WorkspaceInfo } from '../../../shared/contract/workspace';

export type { TableInfo, WorkspaceInfo };

export async function listTables(ws: Workspace): Promise<TableInfo[]> {
  const rows = await ws.all<{ name: string }>(
    `SELECT table_name AS name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT internal ORDER BY table_name`,
  );
  if (!rows.length) return [];
  const counts = await ws.all<{ name: string; rows: number }>(
    rows.map((r) => `SELECT '${r.name}' AS name, count(*) AS rows FROM main."${r.name}"`).join(' UNION ALL '),
  );
  const countBy = new Map(counts.map((c) => [c.name, Number(c.rows)]));
  const canonical = new Map(CANONICAL_TABLES.map((t) => [t.name, t.label]));
  return rows.map((r) => ({
    name: r.name,
    label: canonical.get(r.name) ?? RESULT_TABLE_LABELS[r.name] ?? r.name,
    rows: countBy.get(r.name) ?? 0,
    canonical: canonical.has(r.name),
  }));
}

/**
 * SHA-256 over every canonical table's row count and an order-independent sum of row hashes: equal data gives an
 * equal fingerprint whatever the load order; any changed value changes it.
 */
export async function dataFingerprint(ws: Workspace): Promise<string> {
  const parts = await ws.all<{ name: string; n: number; h: string }>(
    CANONICAL_TABLES.map(
      (t) =>
        `SELECT '${t.name}' AS name, count(*) AS n, coalesce(sum(hash(${t.columns.map((c) => `"${c.name}"`).join(', ')})::HUGEINT), 0)::VARCHAR AS h FROM main."${t.name}"`,
    ).join(' UNION ALL '),
  );
  parts.sort((a, b) => a.name.localeCompare(b.name));
  return crypto.createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

export async function workspaceInfo(ws: Workspace, withFingerprint = false): Promise<WorkspaceInfo> {
  return {
    path: ws.path,
    readOnly: ws.readOnly,
    encrypted: ws.encrypted,
    readOnlyReason: ws.readOnlyReason,
    schemaVersion: await schemaVersion(ws),
    sizeBytes: ws.path !== ':memory:' && fs.existsSync(ws.path) ? fs.statSync(ws.path).size : 0,
    tables: await listTables(ws),
    ...(withFingerprint ? { fingerprint: await dataFingerprint(ws) } : {}),
  };
}
