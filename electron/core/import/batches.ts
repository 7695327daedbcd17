// Import history: batches, their rejected rows (grouped by reason, paged) and undo.
import { TABLE_BY_NAME } from '../../../shared/domain/tables';
import { reasonLabel, type ImportBatch, type ImportRejects } from '../../../shared/contract/import';
import type { Workspace } from '../workspace/workspace';
import { quoteIdent as qi } from '../workspace/query';
import { CoreError } from '../errors';

export async function listBatches(ws: Workspace, options: { table?: string; limit?: number } = {}): Promise<ImportBatch[]> {
  const params: string[] = [];
  let where = '';
  if (options.table) {
    where = 'WHERE table_name = ?';
    params.push(options.table);
  }
  const rows = await ws.all<Record<string, unknown>>(
    `SELECT batch_id, table_name, file_name, file_sha256, encoding, profile_id, read_rows, loaded_rows, rejected_rows,
       duplicate_rows, rejects_file, strftime(started_at, '%Y-%m-%d %H:%M:%S') AS started_at,
       strftime(finished_at, '%Y-%m-%d %H:%M:%S') AS finished_at, operator, strftime(undone_at, '%Y-%m-%d %H:%M:%S') AS undone_at
     FROM import_batches ${where} ORDER BY started_at DESC, batch_id DESC LIMIT ${options.limit ?? 200}`,
    params,
  );
  return rows.map((r) => ({
    batchId: String(r.batch_id),
    table: String(r.table_name),
    fileName: (r.file_name as string | null) ?? null,
    fileSha256: (r.file_sha256 as string | null) ?? null,
    encoding: (r.encoding as string | null) ?? null,
    profileId: (r.profile_id as string | null) ?? null,
    read: Number(r.read_rows ?? 0),
    loaded: Number(r.loaded_rows ?? 0),
    rejected: Number(r.rejected_rows ?? 0),
    duplicates: Number(r.duplicate_rows ?? 0),
    rejectsFile: (r.rejects_file as string | null) ?? null,
    startedAt: (r.started_at as string | null) ?? null,
    finishedAt: (r.finished_at as string | null) ?? null,
    operator: (r.operator as string | null) ?? null,
    undoneAt: (r.undone_at as string | null) ?? null,
  }));
}

async function requireBatch(ws: Workspace, batchId: string): Promise<{ table_name: string; undone_at: string | null }> {
  const b = await ws.one<{ table_name: string; undone_at: string | null }>('SELECT table_name, undone_at FROM import_batches WHERE batch_id = ?', [batchId]);
  if (!b) throw new CoreError('NOT_FOUND', `找不到导入批次 ${batchId}。`);
  return b;
}

export async function batchRejects(
  ws: Workspace,
  input: { batchId: string; reason?: string; offset?: number; limit?: number },
): Promise<ImportRejects> {
  await requireBatch(ws, input.batchId);
  const byReason = await ws.all<{ reason: string; count: number }>(
    `SELECT reason, count(*) AS count FROM (SELECT unnest(reasons) AS reason FROM import_rejects WHERE batch_id = ?)
     GROUP BY reason ORDER BY count DESC, reason`,
    [input.batchId],
  );
  const filter = input.reason ? 'AND list_contains(reasons, ?)' : '';
  const params = input.reason ? [input.batchId, input.reason] : [input.batchId];
  const total = (await ws.scalar<number>(`SELECT count(*) FROM import_rejects WHERE batch_id = ? ${filter}`, params)) ?? 0;
  const offset = input.offset ?? 0;
  const rows = await ws.all<{ row_number: number; reasons: string[]; original: string | null }>(
    `SELECT row_number, reasons, original::VARCHAR AS original FROM import_rejects WHERE batch_id = ? ${filter}
     ORDER BY row_number LIMIT ${input.limit ?? 100} OFFSET ${offset}`,
    params,
  );
  return {
    batchId: input.batchId,
    total,
    offset,
    byReason: byReason.map((r) => ({ reason: r.reason, label: reasonLabel(r.reason), count: r.count })),
    rows: rows.map((r) => ({
      rowNumber: r.row_number,
      reasons: r.reasons,
      original: r.original ? (JSON.parse(r.original) as Record<string, string | null>) : {},
    })),
  };
}

/** Deletes the rows a batch loaded and marks it undone (one transaction). Undoing twice is an error. */
export async function undoBatch(ws: Workspace, batchId: string, signal?: AbortSignal): Promise<{ batchId: string; table: string; deleted: number }> {
  if (ws.readOnly) throw new CoreError('READ_ONLY', '工作区以只读方式打开，不能撤销导入。');
  const b = await requireBatch(ws, batchId);
  if (b.undone_at) throw new CoreError('CONFLICT', `批次 ${batchId} 已于 ${b.undone_at} 撤销。`);
  if (!TABLE_BY_NAME[b.table_name]) throw new CoreError('INTERNAL', `批次 ${batchId} 记录的表 ${b.table_name} 不存在。`);
  return ws.transaction(async (conn) => {
    const deleted = (await conn.scalar<number>(`SELECT count(*) FROM main.${qi(b.table_name)} WHERE batch_id = ?`, [batchId])) ?? 0;
    await conn.run(`DELETE FROM main.${qi(b.table_name)} WHERE batch_id = ?`, [batchId]);
    await conn.run('UPDATE import_batches SET undone_at = now()::TIMESTAMP WHERE batch_id = ?', [batchId]);
    return { batchId, table: b.table_name, deleted };
  }, signal);
}
