// penalties: 双公示 administrative penalties 2023-01-01 … DATA_END in the three repair tiers, with delivery dates of
// the 三书/四书 documents and reporting delays. Staged (repairs, lists and commitments refer to them), then inserted.
import { BATCH_ID, DATA_END, DATA_START, q, slotTableSql, weightedSlots, type GenContext } from './context';
import { dentalCount, dentalIndexSql } from './subjects';

type Tier = '轻微' | '一般' | '严重';
type Who = 'firm' | 'person';
/** Fine bands (yuan): small < 1万 (firms), mid 1万–99万, big ≥ 100万; p_small < 1000 (persons), p_mid 1000–5万. */
type FineBand = 'none' | 'small' | 'mid' | 'big' | 'p_small' | 'p_mid';

interface PenaltyKind {
  tier: Tier;
  who: Who;
  types: string;
  band: FineBand;
  confiscation: boolean;
  weight: number;
}

const k = (tier: Tier, who: Who, types: string, band: FineBand, confiscation: boolean, weight: number): PenaltyKind => ({
  tier, who, types, band, confiscation, weight,
});

/** 处罚类别 combinations per tier (multi-type decisions joined with '；' or '、' as they appear in real extracts). */
const PENALTY_KINDS: PenaltyKind[] = [
  k('轻微', 'firm', '警告', 'none', false, 30),
  k('轻微', 'firm', '通报批评', 'none', false, 10),
  k('轻微', 'firm', '罚款', 'small', false, 40),
  k('轻微', 'firm', '警告、罚款', 'small', false, 20),
  k('一般', 'firm', '罚款', 'mid', false, 50),
  k('一般', 'firm', '罚款；没收违法所得', 'mid', true, 18),
  k('一般', 'firm', '没收违法所得', 'none', true, 5),
  k('一般', 'firm', '警告、罚款', 'mid', false, 8),
  k('一般', 'firm', '责令停产停业', 'none', false, 4),
  k('一般', 'firm', '罚款；责令停产停业', 'mid', false, 3),
  k('一般', 'firm', '暂扣许可证件', 'none', false, 4),
  k('一般', 'firm', '罚款、没收非法财物', 'mid', true, 5),
  k('一般', 'firm', '降低资质等级', 'none', false, 3),
  k('严重', 'firm', '罚款', 'big', false, 25),
  k('严重', 'firm', '吊销许可证件', 'none', false, 20),
  k('严重', 'firm', '罚款；吊销许可证件', 'mid', false, 10),
  k('严重', 'firm', '吊销营业执照', 'none', false, 12),
  k('严重', 'firm', '责令关闭', 'none', false, 10),
  k('严重', 'firm', '限制开展生产经营活动', 'none', false, 10),
  k('严重', 'firm', '罚款，没收违法所得，吊销许可证件', 'big', true, 8),
  k('严重', 'firm', '罚款；没收违法所得；限制从业', 'mid', true, 5),
  k('轻微', 'person', '警告', 'none', false, 40),
  k('轻微', 'person', '罚款', 'p_small', false, 60),
  k('一般', 'person', '罚款', 'p_mid', false, 75),
  k('一般', 'person', '罚款；没收违法所得', 'p_mid', true, 25),
  k('严重', 'person', '限制从业', 'none', false, 60),
  k('严重', 'person', '罚款；限制从业', 'p_mid', false, 40),
];

/** Penalty rows ≈ 0.3 × subjects (a few candidate rows drop out: subjects founded after DATA_END − 30 days). */
const PENALTY_RATE = 0.31;
const NATURAL_PERSON_SHARE = 0.05;
/** Tier shares (firms / natural persons). */
const TIER_MINOR = { firm: 0.35, person: 0.5 };
const TIER_SERIOUS = { firm: 0.1, person: 0.05 };

function penaltyKindTable(): string {
  const groups = new Map<string, PenaltyKind[]>();
  for (const p of PENALTY_KINDS) groups.set(`${p.tier}|${p.who}`, [...(groups.get(`${p.tier}|${p.who}`) ?? []), p]);
  const rows = [...groups.values()].flatMap((kinds) =>
    weightedSlots(kinds.map((p) => ({ weight: p.weight, value: p })), 100).map(({ lo, hi, value: p }) => ({
      lo, hi, cells: [p.tier, p.who, p.types, p.band, p.confiscation],
    })),
  );
  return slotTableSql('gen_penalty_kind', ['tier', 'who', 'penalty_types', 'band', 'confiscation'], rows);
}

export async function stagePenalties(ctx: GenContext): Promise<void> {
  const { subjects: n, persons } = ctx.sizes;
  const dental = dentalCount(n);
  const repeatGroups = Math.max(1, Math.ceil(n / 20));
  await ctx.conn.run(penaltyKindTable());
  // Main licence of each sector: what 吊销/暂扣许可证件 revokes.
  await ctx.conn.run(`
CREATE OR REPLACE TEMP TABLE gen_sector_license AS
SELECT sector, arg_min(license_name, lk) AS license_name, arg_min(no_prefix, lk) AS no_prefix FROM gen_license_kind GROUP BY sector`);
  await ctx.conn.run(`
CREATE OR REPLACE TEMP TABLE gen_penalties AS
WITH cand AS (
  SELECT r, g_u(r, 'pen-person') < ${NATURAL_PERSON_SHARE} AS is_person,
    -- dental clinics are sanctioned more often than average; 30 % of rows go to a 5 % group of repeat offenders
    CASE WHEN ${dental} > 0 AND g_u(r, 'pen-dental') < 0.008 THEN ${dentalIndexSql(`g_int(r, 'pen-dental-i', ${Math.max(1, dental)})`)}
         WHEN g_u(r, 'pen-repeat') < 0.3 THEN (g_int(r, 'pen-repeat-i', ${repeatGroups}) * 20 + 7) % ${n}
         ELSE g_int(r, 'pen-s', ${n}) END AS s_idx,
    g_int(r, 'pen-p', ${persons}) AS p_idx
  FROM range(${Math.ceil(n * PENALTY_RATE)}) t(r)
), who AS (
  SELECT c.r, FALSE AS is_person, s.idx, NULL::BIGINT AS p_idx, s.uscc, NULL::VARCHAR AS person_id, NULL::VARCHAR AS id_masked,
    s.name AS subject_name, s.subject_kind, s.legal_rep_name, s.sector, s.established_date + 30 AS earliest
  FROM cand c JOIN gen_subjects s ON s.idx = c.s_idx WHERE NOT c.is_person
  UNION ALL
  SELECT c.r, TRUE, NULL, c.p_idx, NULL, p.person_id, p.id_masked, p.name, '自然人', NULL, 'person', DATE '${DATA_START}'
  FROM cand c JOIN gen_persons p ON p.p_idx = c.p_idx WHERE c.is_person
), drawn AS (
  SELECT *,
    next_workday(g_day(greatest(DATE '${DATA_START}', earliest), DATE '${DATA_END}', r, 'pen-date')) AS decision_date,
    CASE WHEN g_u(r, 'tier') < CASE WHEN is_person THEN ${TIER_MINOR.person} ELSE ${TIER_MINOR.firm} END THEN '轻微'
         WHEN g_u(r, 'tier') > 1 - CASE WHEN is_person THEN ${TIER_SERIOUS.person} ELSE ${TIER_SERIOUS.firm} END THEN '严重'
         ELSE '一般' END AS tier,
    CASE WHEN is_person THEN 'person' ELSE 'firm' END AS who_kind,
    g_int(r, 'pen-kind', 100) AS kind_slot, g_int(r, 'pen-violation', 100) AS violation_slot
  FROM who WHERE earliest <= DATE '${DATA_END}'
), typed AS (
  SELECT d.*, pk.penalty_types, pk.band, pk.confiscation, vs.vtype, dom.dept_code, dom.basis, dom.facts, dom.key_sector,
    dept.name AS dept_name, dept.uscc AS dept_uscc, dept.pen_prefix, sl.license_name AS sector_license, sl.no_prefix
  FROM drawn d
  JOIN gen_penalty_kind pk ON pk.tier = d.tier AND pk.who = d.who_kind AND pk.slot = d.kind_slot
  JOIN gen_viol_slot vs ON vs.sector = d.sector AND vs.slot = d.violation_slot
  JOIN gen_domain dom ON dom.vtype = vs.vtype
  JOIN gen_dept dept ON dept.dept_code = dom.dept_code
  LEFT JOIN gen_sector_license sl ON sl.sector = d.sector
), amounts AS (
  SELECT *,
    CASE band
      WHEN 'small' THEN (1 + g_int(r, 'fine', 99)) * 100
      -- 1万 up to 99万 for firms, skewed low; 个体工商户 up to 5万
      WHEN 'mid' THEN least(990000, round(10000 * pow(CASE WHEN subject_kind = '个体工商户' THEN 5 ELSE 100 END, pow(g_u(r, 'fine'), 1.8)) / 100) * 100)
      WHEN 'big' THEN 1000000 + g_int(r, 'fine', 41) * 100000
      WHEN 'p_small' THEN (1 + g_int(r, 'fine', 19)) * 50
      WHEN 'p_mid' THEN (1 + g_int(r, 'fine', 50)) * 1000
    END::BIGINT AS fine_yuan,
    CASE WHEN confiscation THEN (10 + g_int(r, 'confiscated', 2990)) * 100 END::BIGINT AS confiscated_yuan,
    coalesce(sector_license, '经营许可证') || '（' || coalesce(no_prefix, 'XK') || lpad(g_int(r, 'license-no', 1000000)::VARCHAR, 6, '0') || '）' AS license_ref,
    year(decision_date) AS decision_year
  FROM typed
), delivered AS (
  -- 三书同达: most documents are delivered with the decision; before 2025 the compliance and repair notices were rare
  SELECT *,
    decision_date >= DATE '2025-01-01' AS plan_era,
    g_u(r, 'doc-same-day') < 0.82 AS same_day
  FROM amounts
)
SELECT r, is_person, idx, p_idx, tier, vtype, dept_code,
  pen_prefix || '〔' || decision_year || '〕' || row_number() OVER (PARTITION BY dept_code, decision_year ORDER BY decision_date, r) || '号' AS decision_no,
  uscc, person_id, id_masked, subject_name, subject_kind, legal_rep_name, vtype AS violation_type,
  '经查，当事人' || g_pick(facts, r, 'facts') || '，违反了相关规定。' AS facts,
  g_pick(basis, r, 'basis') AS basis,
  penalty_types,
  concat_ws('，',
    CASE WHEN penalty_types LIKE '%警告%' THEN '警告' END,
    CASE WHEN penalty_types LIKE '%通报批评%' THEN '通报批评' END,
    CASE WHEN fine_yuan IS NOT NULL THEN '罚款人民币' || fine_yuan || '元' END,
    CASE WHEN penalty_types LIKE '%没收违法所得%' THEN '没收违法所得人民币' || confiscated_yuan || '元' END,
    CASE WHEN penalty_types LIKE '%没收非法财物%' THEN '没收非法财物（价值人民币' || confiscated_yuan || '元）' END,
    CASE WHEN penalty_types LIKE '%暂扣许可证件%' THEN '暂扣' || coalesce(sector_license, '经营许可证') || '三个月' END,
    CASE WHEN penalty_types LIKE '%吊销许可证件%' THEN '吊销' || coalesce(sector_license, '经营许可证') END,
    CASE WHEN penalty_types LIKE '%吊销营业执照%' THEN '吊销营业执照' END,
    CASE WHEN penalty_types LIKE '%责令停产停业%' THEN '责令停产停业' || (5 + g_int(r, 'suspend-days', 26)) || '日' END,
    CASE WHEN penalty_types LIKE '%责令关闭%' THEN '责令关闭' END,
    CASE WHEN penalty_types LIKE '%限制开展生产经营活动%' THEN '限制开展生产经营活动六个月' END,
    CASE WHEN penalty_types LIKE '%限制从业%' THEN '五年内不得从事相关行业' END,
    CASE WHEN penalty_types LIKE '%降低资质等级%' THEN '降低资质等级' END) AS content,
  fine_yuan / 10000.0 AS fine_wan,
  confiscated_yuan / 10000.0 AS confiscated_wan,
  CASE WHEN penalty_types LIKE '%吊销许可证件%' OR penalty_types LIKE '%暂扣许可证件%' THEN license_ref
       WHEN penalty_types LIKE '%吊销营业执照%' THEN '营业执照（' || uscc || '）' END AS license_revoked,
  decision_date,
  CASE WHEN penalty_types SIMILAR TO '.*(责令停产停业|暂扣许可证件|限制开展生产经营活动|限制从业).*'
       THEN (decision_date + to_months(1 + g_int(r, 'validity', 12)::INTEGER))::DATE END AS validity_date,
  (decision_date + CASE tier WHEN '轻微' THEN INTERVAL 3 MONTH WHEN '一般' THEN INTERVAL 1 YEAR ELSE INTERVAL 3 YEAR END)::DATE AS publish_end_date,
  dept_name AS authority, dept_uscc AS authority_uscc, dept_name AS source_dept, dept_uscc AS source_dept_uscc,
  -- reported within 7 working days, except a department-dependent late share (never past DATA_END for old cases)
  CASE WHEN decision_date <= DATE '${DATA_END}' - 90
         AND g_u(r, 'late') < CASE dept_code WHEN 'SCJG' THEN 0.06 WHEN 'CGZF' THEN 0.3 WHEN 'JTW' THEN 0.25 ELSE 0.12 END
       THEN add_workdays(decision_date, 8 + g_int(r, 'late-days', 40))
       ELSE least(DATE '${DATA_END}', add_workdays(decision_date, g_pick([0, 1, 1, 2, 2, 3, 3, 4, 5, 6, 7], r, 'report-days'))) END AS reported_date,
  CASE WHEN g_u(r, 'doc-decision') < 0.92 THEN decision_date
       WHEN g_u(r, 'doc-decision') < 0.98 THEN g_happened(add_workdays(decision_date, 1 + g_int(r, 'doc-decision-days', 10))) END AS doc_decision_date,
  CASE WHEN g_u(r, 'doc-compliance') < CASE WHEN plan_era THEN 0.9 ELSE 0.45 END
       THEN CASE WHEN same_day THEN decision_date ELSE g_happened(add_workdays(decision_date, 1 + g_int(r, 'doc-compliance-days', 15))) END END AS doc_compliance_date,
  CASE WHEN g_u(r, 'doc-repair') < CASE WHEN plan_era THEN 0.9 ELSE 0.4 END
       THEN CASE WHEN same_day THEN decision_date ELSE g_happened(add_workdays(decision_date, 1 + g_int(r, 'doc-repair-days', 15))) END END AS doc_repair_notice_date,
  CASE WHEN key_sector AND g_u(r, 'doc-checkup') < CASE WHEN plan_era THEN 0.7 ELSE 0.1 END
       THEN CASE WHEN g_u(r, 'doc-checkup-same') < 0.75 THEN decision_date ELSE g_happened(add_workdays(decision_date, 1 + g_int(r, 'doc-checkup-days', 15))) END END AS doc_checkup_date,
  CASE WHEN tier = '轻微' AND g_u(r, 'simple-procedure') < 0.5 THEN '简易程序' END AS remark
FROM delivered`);
}

export async function insertPenalties(ctx: GenContext): Promise<void> {
  await ctx.conn.run(`
INSERT INTO penalties (decision_no, uscc, person_id, id_masked, subject_name, subject_kind, legal_rep_name, violation_type, facts,
  basis, penalty_types, content, fine_wan, confiscated_wan, license_revoked, decision_date, validity_date, publish_end_date,
  authority, authority_uscc, source_dept, source_dept_uscc, reported_date, doc_decision_date, doc_compliance_date,
  doc_repair_notice_date, doc_checkup_date, remark, batch_id)
SELECT decision_no, uscc, person_id, id_masked, subject_name, subject_kind, legal_rep_name, violation_type, facts,
  basis, penalty_types, content, fine_wan, confiscated_wan, license_revoked, decision_date, validity_date, publish_end_date,
  authority, authority_uscc, source_dept, source_dept_uscc, reported_date, doc_decision_date, doc_compliance_date,
  doc_repair_notice_date, doc_checkup_date, remark, ${q(BATCH_ID)}
FROM gen_penalties`);
}
