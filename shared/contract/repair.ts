// Calls of the repair capability (信用修复 and 信用承诺): disclosure periods of penalties as of a date under Order 36
// (from 2026-04-01) or Order 58, repair eligibility and outreach, repair efficiency in working days, 三书同达 and
// the commitment loop.
import { z } from 'zod';
import { defineCall, type Bytes } from './define';

export const PENALTY_TIERS = ['轻微', '一般', '严重'] as const;
export type PenaltyTier = (typeof PENALTY_TIERS)[number];

export const DISCLOSURE_STATUSES = ['不予公示', '公示中', '可申请修复', '已修复', '公示期满'] as const;
export type DisclosureStatus = (typeof DISCLOSURE_STATUSES)[number];

export const RULE_SET_IDS = ['order36', 'order58'] as const;
export type RuleSetId = (typeof RULE_SET_IDS)[number];
export const RULE_SET_LABELS: Record<RuleSetId, string> = { order36: '第36号令（2026）', order58: '第58号令（2023）' };

export const COMMITMENT_EFFECTIVE_STATUSES = ['kept', 'broken', 'pending'] as const;
export type CommitmentEffectiveStatus = (typeof COMMITMENT_EFFECTIVE_STATUSES)[number];

const isoDate = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });
const shortText = z.string().trim().min(1).max(200);

// ---------------------------------------------------------------------------------------------------------------
// Results

export interface RuleStamp {
  id: string;
  version: string;
  hash: string;
}

export interface RepairRunResult {
  runId: string;
  asOf: string;
  /** 'auto': each penalty under the rule set in force on its decision date. */
  ruleSet: 'auto' | RuleSetId;
  total: number;
  byStatus: Record<DisclosureStatus, number>;
  byTier: Record<PenaltyTier, number>;
  byRuleSet: Record<RuleSetId, number>;
  /** Counts by status × tier (non-zero cells). */
  byStatusTier: { status: DisclosureStatus; tier: PenaltyTier; count: number }[];
  /** Penalties decided after asOf (not yet in force on that date), left out. */
  excluded: number;
  rules: RuleStamp[];
  finishedAt: string;
  elapsedMs: number;
}

export interface DisclosureRow {
  decision_no: string;
  uscc: string | null;
  person_id: string | null;
  /** Masked for 自然人 unless an unmask grant is active. */
  subject_name: string | null;
  subject_kind: string;
  town: string | null;
  dept: string | null;
  decision_date: string;
  penalty_types: string | null;
  fine_wan: number | null;
  tier: PenaltyTier;
  /** What made the tier: the keyword or fine rule that decided it. */
  tier_basis: string;
  rule_set: RuleSetId;
  special_domain: string | null;
  min_months: number;
  max_months: number;
  earliest_repair: string;
  disclosure_end: string | null;
  status: DisclosureStatus;
  repair_id: string | null;
  repaired_date: string | null;
}

export interface DisclosurePage {
  run: { runId: string; asOf: string } | null;
  total: number;
  offset: number;
  rows: DisclosureRow[];
}

export interface OutreachItem {
  decision_no: string;
  uscc: string | null;
  subject_name: string | null;
  subject_kind: string;
  dept: string | null;
  tier: PenaltyTier;
  decision_date: string;
  earliest_repair: string;
  disclosure_end: string | null;
  /** Contact phone of the subject, masked unless an unmask grant is active. */
  phone: string | null;
}

export interface OutreachResult {
  run: { runId: string; asOf: string } | null;
  total: number;
  towns: { town: string; count: number; items: OutreachItem[] }[];
}

export interface EfficiencyCase {
  repair_id: string;
  uscc: string;
  subject_name: string | null;
  decision_no: string | null;
  dept: string | null;
  applied_date: string;
  accepted_date: string | null;
  finished_date: string | null;
  workdays: number;
  /** Still open on asOf (workdays counted up to asOf). */
  open: boolean;
}

export interface EfficiencyResult {
  from: string | null;
  to: string | null;
  asOf: string;
  limitWorkdays: number;
  applied: number;
  finished: number;
  succeeded: number;
  sameDay: number;
  /** sameDay / finished (受理即办结率); null when nothing finished. */
  sameDayShare: number | null;
  avgWorkdays: number | null;
  medianWorkdays: number | null;
  overLimit: number;
  acceptedInTime: number;
  accepted: number;
  /** Finished cases by working days taken: '0' … 'limit', then '>limit'. */
  distribution: { bucket: string; count: number }[];
  byMonth: { month: string; finished: number; sameDay: number; avgWorkdays: number | null }[];
  byDept: { dept: string; finished: number; sameDay: number; avgWorkdays: number | null; overLimit: number }[];
  overLimitCases: EfficiencyCase[];
}

export interface DocumentsDeptRow {
  dept: string;
  penalties: number;
  keySector: number;
  /** 决定书 + 信用修复告知书 on the decision date (两书同达). */
  twoDocs: number;
  /** All required documents on the decision date: 三书 (四书 in key sectors). */
  allDocs: number;
  share: number | null;
  decisionOnTime: number;
  complianceOnTime: number;
  repairNoticeOnTime: number;
  checkupOnTime: number;
}

export interface DocumentsResult {
  from: string | null;
  to: string | null;
  keySectors: string[];
  total: DocumentsDeptRow;
  byDept: DocumentsDeptRow[];
}

export interface CommitmentCount {
  key: string;
  total: number;
  kept: number;
  broken: number;
  pending: number;
  /** kept / (kept + broken); null when none has ended. */
  rate: number | null;
}

export interface BrokenCommitment {
  commitment_id: string;
  uscc: string;
  subject_name: string | null;
  commitment_type: string;
  matter: string | null;
  dept: string | null;
  made_date: string;
  term_end_date: string | null;
  broken_date: string | null;
  broken_by_decision_no: string | null;
  marked: boolean;
}

export interface CommitmentsResult {
  asOf: string;
  total: CommitmentCount;
  byType: CommitmentCount[];
  byDept: CommitmentCount[];
  broken: BrokenCommitment[];
  brokenTotal: number;
  /** Broken by a later penalty for the same matter though recorded as kept/pending. */
  brokenByPenaltyOnly: number;
}

export interface RulesInfo {
  ruleSets: {
    id: RuleSetId;
    title: string;
    version: string;
    hash: string;
    effectiveFrom: string;
    effectiveTo: string | null;
    periods: Record<PenaltyTier, { disclose: boolean; minMonths: number; maxMonths: number }>;
    categories: { tier: PenaltyTier; keywords: string[] }[];
    thresholds: Record<string, { smallBelowWan: number; hugeFromWan: number }>;
    departmentOverrides: number;
    domains: { name: string; minMonths: number }[];
    doc: string[];
  }[];
  calendar: { year: number; status: 'official' | 'provisional'; source: string }[];
  district: { limitWorkdays: number; keySectors: string[] };
}

// ---------------------------------------------------------------------------------------------------------------
// Inputs

export const disclosureFilterSchema = z
  .object({
    status: z.array(z.enum(DISCLOSURE_STATUSES)).max(5).optional(),
    tier: z.array(z.enum(PENALTY_TIERS)).max(3).optional(),
    ruleSet: z.enum(RULE_SET_IDS).optional(),
    dept: shortText.optional(),
    town: shortText.optional(),
    subjectKind: shortText.optional(),
    /** Contained in the decision number, USCC or subject name. */
    search: shortText.optional(),
    /** earliest_repair on or before this date (who may apply by then). */
    eligibleBy: isoDate.optional(),
  })
  .strict();
export type DisclosureFilter = z.infer<typeof disclosureFilterSchema>;

export const DISCLOSURE_SORT_COLUMNS = ['decision_date', 'earliest_repair', 'disclosure_end', 'tier', 'status', 'dept', 'town', 'fine_wan'] as const;

const periodFields = { from: isoDate.optional(), to: isoDate.optional() };

export const repairCalls = {
  'repair.run': defineCall<RepairRunResult>()(
    z.object({ asOf: isoDate, ruleSet: z.enum(['auto', ...RULE_SET_IDS]).optional() }).strict(),
    { description: '按测算日计算每条行政处罚的失信等级、公示期与修复状态（写入 penalty_disclosure）', long: true },
  ),
  'repair.latest': defineCall<RepairRunResult | null>()(z.object({}).strict(), {
    description: '最近一次信用修复测算的结果摘要',
  }),
  'repair.disclosure': defineCall<DisclosurePage>()(
    z
      .object({
        filter: disclosureFilterSchema.optional(),
        offset: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
        sort: z.object({ column: z.enum(DISCLOSURE_SORT_COLUMNS), desc: z.boolean().optional() }).strict().optional(),
      })
      .strict(),
    { description: '公示期与修复资格清单（分页、筛选）' },
  ),
  'repair.export': defineCall<{ fileName: string; rows: number; bytes: Bytes }>()(
    z
      .object({
        filter: disclosureFilterSchema.optional(),
        /** 导出用途, printed in the file's watermark and kept in the audit log (default: the active 查询事由). */
        purpose: z.string().max(200).optional(),
      })
      .strict(),
    { description: '导出公示期与修复资格清单（XLSX）', long: true },
  ),
  'repair.outreach': defineCall<OutreachResult>()(
    z.object({ town: shortText.optional(), limitPerTown: z.number().int().min(1).max(5000).optional() }).strict(),
    { description: '信用管家走访清单：当前可申请修复的主体，按街镇分组' },
  ),
  'repair.efficiency': defineCall<EfficiencyResult>()(
    z.object({ ...periodFields, dept: shortText.optional(), asOf: isoDate.optional() }).strict(),
    { description: '信用修复办理效率（工作日）：受理即办结率、超时案件' },
  ),
  'repair.documents': defineCall<DocumentsResult>()(z.object({ ...periodFields }).strict(), {
    description: '三书同达 / 四书同达：按部门统计文书与处罚决定同日送达的比例',
  }),
  'repair.commitments': defineCall<CommitmentsResult>()(
    z.object({ asOf: isoDate.optional(), limit: z.number().int().min(1).max(5000).optional() }).strict(),
    { description: '信用承诺闭环：按类型、部门的履约率与违诺清单' },
  ),
  'repair.rules': defineCall<RulesInfo>()(z.object({}).strict(), { description: '信用修复规则与工作日历说明' }),
};
