// Public face of the workspace capability.
import { Workspace, type OpenOptions } from './workspace';
import { migrate } from './migrations';
import { mergePendingAudit } from '../audit/pending';

export { Workspace, Conn, inTransaction, type OpenOptions, type Row, type SqlParam } from './workspace';
export { migrate, schemaVersion, ALL_MIGRATIONS } from './migrations';
export type { Migration } from './migration';
export { queryToArrow, type ArrowResult } from './arrow';
export { runUserQuery, wrapQuery, quoteIdent, quoteLiteral, type PageRequest, type PageResult, type SortSpec, type FilterSpec } from './query';
export { guardUserSql, touchesPersonalData, stripTrailingSemicolons } from './readonly-sql';
export { workspaceInfo, listTables, dataFingerprint, type WorkspaceInfo, type TableInfo } from './info';

/** Opens (or creates) a workspace and brings its schema up to date. */
export async function openWorkspace(file: string, options: OpenOptions = {}): Promise<Workspace> {
  const ws = await Workspace.open(file, options);
  try {
    await migrate(ws);
    // Audit entries written beside a read-only workspace join its audit log as soon as it is writable again.
    await mergePendingAudit(ws);
  } catch (err) {
    ws.close();
    throw err;
  }
  return ws;
}
