// Calls of the workspace capability: open/info, queries (Arrow pages), cancel, demo data.
import { z } from 'zod';
import { defineCall, type Bytes } from './define';

export interface TableInfo {
  name: string;
  label: string;
  rows: number;
  canonical: boolean;
}

export interface WorkspaceInfo {
  path: string;
  readOnly: boolean;
  /** DuckDB-encrypted file; readOnlyReason says why a workspace is read-only (e.g. encryption component missing). */
  encrypted: boolean;
  readOnlyReason: 'requested' | 'encryption-unavailable' | null;
  schemaVersion: number;
  sizeBytes: number;
  tables: TableInfo[];
  fingerprint?: string;
}

export interface QueryPage {
  /** Arrow IPC stream: decode with apache-arrow tableFromIPC. */
  arrow: Bytes;
  rows: number;
  columns: { name: string; type: string }[];
  total: number | null;
  offset: number;
  tables: string[];
  /** The query read tables holding natural persons' data (it was audited). */
  personal: boolean;
  elapsedMs: number;
}

export const sortSchema = z.object({ column: z.string().min(1).max(200), desc: z.boolean().optional() });
export const filterSchema = z.object({
  column: z.string().min(1).max(200),
  op: z.enum(['eq', 'ne', 'contains', 'starts', 'gt', 'gte', 'lt', 'lte', 'null', 'notnull']),
  value: z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]).optional(),
});

export type SortSpec = z.infer<typeof sortSchema>;
export type FilterSpec = z.infer<typeof filterSchema>;

export const workspaceCalls = {
  'workspace.info': defineCall<WorkspaceInfo>()(z.object({ fingerprint: z.boolean().optional() }).strict(), {
    description: '工作区信息：表、行数、版本、数据指纹',
  }),
  'workspace.open': defineCall<WorkspaceInfo>()(
    z.object({ path: z.string().min(1).max(4096), create: z.boolean().optional() }).strict(),
    { description: '打开或新建工作区' },
  ),
  'query.run': defineCall<QueryPage>()(
    z
      .object({
        sql: z.string().min(1).max(100_000),
        offset: z.number().int().min(0).optional(),
        limit: z.number().int().min(0).max(100_000).optional(),
        sort: z.array(sortSchema).max(10).optional(),
        filters: z.array(filterSchema).max(50).optional(),
        withTotal: z.boolean().optional(),
      })
      .strict(),
    { description: '只读 SQL 查询（分页，结果为 Arrow）', long: true },
  ),
  'query.cancel': defineCall<{ cancelled: boolean }>()(z.object({ jobId: z.string().min(1).max(100) }).strict(), {
    description: '取消正在运行的查询或长任务',
  }),
  'demo.create': defineCall<WorkspaceInfo>()(
    z
      .object({
        path: z.string().min(1).max(4096).optional(),
        scale: z.number().int().min(100).max(5_000_000).optional(),
        seed: z.number().int().min(0).max(2 ** 31).optional(),
      })
      .strict(),
    { description: '生成演示数据工作区', long: true },
  ),
};
