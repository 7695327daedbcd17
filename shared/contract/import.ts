// Calls of the import capability: preview a file, run an import, batch history, rejects, undo, profiles.
import { z } from 'zod';
import { defineCall } from './define';

export const IMPORT_ENCODINGS = ['auto', 'utf-8', 'gbk', 'gb18030', 'utf-16le', 'utf-16be'] as const;

/** Reject reason codes and their Chinese labels (codes of other tables come from datasets/profiles/_validation.json). */
export const REJECT_REASON_LABELS: Record<string, string> = {
  NAME_MISSING: '名称为空',
  KIND_INVALID: '类别不在允许的取值中',
  USCC_INVALID: '统一社会信用代码校验不通过',
  ID_INVALID: '身份证号码校验不通过',
  DECISION_NO_MISSING: '决定书文号为空',
  DATE_INVALID: '日期无法识别、不是真实日期或超出范围',
  AMOUNT_INVALID: '金额不是非负数字',
  AUTHORITY_MISSING: '决定机关为空',
  NUMBER_INVALID: '数值无法识别',
  BOOLEAN_INVALID: '是/否取值无法识别',
  ROLE_INVALID: '关系类型不在允许的取值中',
  PARTY_MISSING: '缺少关联人或关联主体',
  LIST_TYPE_INVALID: '名单类型不在允许的取值中',
  SUBJECT_MISSING: '缺少主体代码或证件号码',
  ID_MISSING: '编号为空',
  TYPE_INVALID: '类型不在允许的取值中',
  STATUS_INVALID: '状态不在允许的取值中',
  INDUSTRY_MISSING: '行业为空',
  PERIOD_MISSING: '周期为空',
  RISK_CLASS_INVALID: '风险类别须为 A、B、C、D',
};

export const reasonLabel = (code: string): string => REJECT_REASON_LABELS[code] ?? code;

const filePath = z.string().min(1).max(4096);
const sourceOptions = {
  file: filePath,
  encoding: z.enum(IMPORT_ENCODINGS).optional(),
  sheet: z.string().min(1).max(200).optional(),
  /** Override of the CSV delimiter: one character, or 'tab'. */
  delimiter: z.string().min(1).max(3).optional(),
  quote: z.string().length(1).optional(),
  /** false: the CSV has no header row. */
  header: z.boolean().optional(),
  profile: z.string().min(1).max(4096).optional(),
};

export interface ImportTarget {
  name: string;
  label: string;
  required: boolean;
  /** Import-only column (e.g. 证件号码 → person_id and id_masked). */
  virtual: boolean;
}

export interface ImportPreview {
  file: string;
  format: 'csv' | 'xlsx' | 'parquet' | 'json';
  encoding: string | null;
  delimiter: string | null;
  sheets: string[];
  sheet: string | null;
  /** 0-based index of the header row in the file/sheet (-1: no header row); rows above it are title rows. */
  headerRowIndex: number;
  headers: string[];
  /** The first data rows (at most 100), decoded, one string per column. */
  rows: string[][];
  table: string | null;
  profile: { id: string; name: string; table: string; score: number } | null;
  candidates: { id: string; name: string; table: string; score: number }[];
  /** source header → canonical column, or null (kept in the extra JSON column). */
  mapping: Record<string, string | null>;
  unmatched: string[];
  missingRequired: string[];
  targets: ImportTarget[];
}

export interface ImportSummary {
  table: string;
  read: number;
  loaded: number;
  rejected: number;
  duplicates: number;
  batchId: string;
  /** UTF-8 (BOM) CSV of the rejected rows beside the workspace; null when nothing was rejected. */
  rejectsFile: string | null;
  reasons: { reason: string; label: string; count: number }[];
  profile: string | null;
  encoding: string | null;
  elapsedMs: number;
}

export interface ImportBatch {
  batchId: string;
  table: string;
  fileName: string | null;
  fileSha256: string | null;
  encoding: string | null;
  profileId: string | null;
  read: number;
  loaded: number;
  rejected: number;
  duplicates: number;
  rejectsFile: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  operator: string | null;
  undoneAt: string | null;
}

export interface ImportRejectRow {
  rowNumber: number;
  reasons: string[];
  original: Record<string, string | null>;
}

export interface ImportRejects {
  batchId: string;
  total: number;
  byReason: { reason: string; label: string; count: number }[];
  offset: number;
  rows: ImportRejectRow[];
}

export interface ImportProfileInfo {
  id: string;
  name: string;
  table: string;
  version: number;
  columns: number;
  synonyms: number;
  file: string;
}

export const importCalls = {
  'import.preview': defineCall<ImportPreview>()(
    z.object({ ...sourceOptions, table: z.string().min(1).max(100).optional() }).strict(),
    { description: '导入预览：识别编码、格式、表头行，显示前 100 行并给出字段映射建议', long: true },
  ),
  'import.run': defineCall<ImportSummary>()(
    z
      .object({
        ...sourceOptions,
        table: z.string().min(1).max(100),
        /** Overrides per source column: header → canonical column, or null to keep it in extra. */
        mapping: z.record(z.string().max(500), z.string().max(100).nullable()).optional(),
      })
      .strict(),
    { description: '导入文件到标准数据表（校验、去重、拒绝记录，整批原子提交）', long: true },
  ),
  'import.batches': defineCall<ImportBatch[]>()(
    z.object({ table: z.string().max(100).optional(), limit: z.number().int().min(1).max(1000).optional() }).strict(),
    { description: '导入批次历史' },
  ),
  'import.rejects': defineCall<ImportRejects>()(
    z
      .object({
        batchId: z.string().min(1).max(100),
        reason: z.string().max(60).optional(),
        offset: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
      })
      .strict(),
    { description: '某批次被拒绝的行（按原因分组，分页）' },
  ),
  'import.undo': defineCall<{ batchId: string; table: string; deleted: number }>()(
    z.object({ batchId: z.string().min(1).max(100) }).strict(),
    { description: '撤销一个导入批次（删除该批次写入的行）' },
  ),
  'import.profiles': defineCall<ImportProfileInfo[]>()(z.object({}).strict(), { description: '可用的字段映射配置' }),
};
