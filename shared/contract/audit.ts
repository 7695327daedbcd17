// Calls of the audit capability: the hash-chained audit log (list, verify), unmasking with a stated purpose
// (查询事由, time-limited, audited), and encrypted workspaces (status, open/create with a passphrase).
import { z } from 'zod';
import { defineCall } from './define';
import type { WorkspaceInfo } from './workspace';

/** Audit actions and their Chinese labels (the 审计 page and cws show these). */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'workspace.create': '新建工作区',
  'workspace.open': '打开工作区',
  'import.run': '数据导入',
  'import.undo': '撤销导入批次',
  'query.personal': '查询个人信息',
  'unmask.grant': '临时查看未脱敏信息',
  'unmask.revoke': '结束查看未脱敏信息',
  'export.file': '导出文件',
  'evaluate.run': '信用评价',
  'tier.run': '风险分级',
  'repair.run': '信用修复测算',
  'graph.build': '构建关系图谱',
  'graph.view': '查看关系图谱',
  'graph.exposure': '关联风险传导分析',
  'tier.matrix.save': '修改分级矩阵',
  'tier.sample': '双随机抽查抽样',
  'tier.warning.state': '处理风险预警',
  'report.export': '报告导出',
  'profile.view': '查看主体画像',
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

export interface AuditEntryView {
  seq: number;
  /** ISO time (UTC). */
  loggedAt: string;
  operator: string;
  action: string;
  actionLabel: string;
  target: string | null;
  purpose: string | null;
  detail: Record<string, unknown> | null;
  hash: string;
}

export interface AuditListResult {
  entries: AuditEntryView[];
  /** Entries matching the filters. */
  total: number;
  offset: number;
  /** For the filter drop-downs: every action and operator present in the log. */
  actions: { action: string; label: string }[];
  operators: string[];
}

export interface AuditVerificationResult {
  ok: boolean;
  entries: number;
  /** First sequence number whose entry does not verify. */
  brokenAt: number | null;
  reason: string | null;
}

export interface UnmaskStatus {
  active: boolean;
  purpose: string | null;
  /** ISO time the grant ends. */
  until: string | null;
  remainingSeconds: number;
}

export interface SecurityStatus {
  /** This machine can create and write encrypted workspaces (the bundled httpfs is present and verified). */
  encryptionAvailable: boolean;
  /** Why not, when not (Chinese). */
  encryptionUnavailableReason: string | null;
  workspace: {
    path: string;
    encrypted: boolean;
    readOnly: boolean;
    /** 'encryption-unavailable': encrypted, opened read-only because this machine cannot write encrypted files. */
    readOnlyReason: 'requested' | 'encryption-unavailable' | null;
  } | null;
  unmask: UnmaskStatus;
}

export interface EncryptedOpenResult extends WorkspaceInfo {
  encrypted: boolean;
  readOnlyReason: 'requested' | 'encryption-unavailable' | null;
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const auditCalls = {
  'audit.list': defineCall<AuditListResult>()(
    z
      .object({
        offset: z.number().int().min(0).max(1e9).optional(),
        limit: z.number().int().min(1).max(500).optional(),
        action: z.string().min(1).max(100).optional(),
        operator: z.string().min(1).max(200).optional(),
        from: isoDate.optional(),
        to: isoDate.optional(),
        search: z.string().min(1).max(200).optional(),
      })
      .strict(),
    { description: '审计日志（分页，按操作类型、操作人、日期筛选，最新在前）' },
  ),
  'audit.verify': defineCall<AuditVerificationResult>()(z.object({}).strict(), {
    description: '校验审计日志哈希链：发现被修改、删除或重排的记录',
  }),
  'audit.unmask': defineCall<UnmaskStatus>()(
    z
      .object({
        purpose: z.string().trim().min(4, '请填写查询事由（至少 4 个字）').max(500),
        minutes: z.number().int().min(1).max(60).optional(),
      })
      .strict(),
    { description: '说明查询事由后临时查看未脱敏信息（1–60 分钟，默认 15 分钟，记入审计）' },
  ),
  'audit.unmaskStatus': defineCall<UnmaskStatus>()(z.object({}).strict(), { description: '当前是否可查看未脱敏信息' }),
  'audit.revoke': defineCall<UnmaskStatus>()(z.object({}).strict(), { description: '立即结束查看未脱敏信息' }),
  'security.status': defineCall<SecurityStatus>()(z.object({}).strict(), {
    description: '安全状态：本机能否加密、当前工作区是否加密或只读、脱敏状态',
  }),
  'security.openEncrypted': defineCall<EncryptedOpenResult>()(
    z
      .object({
        /** Default: the session's workspace (e.g. after an ENCRYPTED error). */
        path: z.string().min(1).max(4096).optional(),
        passphrase: z.string().min(1).max(1024),
        create: z.boolean().optional(),
      })
      .strict(),
    { description: '用口令打开加密工作区，或新建加密工作区（口令不记录）' },
  ),
};
