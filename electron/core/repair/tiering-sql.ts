// SQL expressions generated from a rule set: the penalty's subject kind, its tier (most severe of its 处罚类别 parts
// and its fine), the Order 58 special-domain minimum, and the disclosure periods. Keywords and thresholds come from
// the validated JSON and are embedded as quoted literals; column names come from a fixed allowlist.
import type { PenaltyTier } from '../../../shared/contract/repair';
import { PENALTY_TIERS } from '../../../shared/contract/repair';
import { quoteLiteral } from '../workspace/query';
import type { RuleSet } from './rules';

export const TIER_RANK: Record<PenaltyTier, number> = { 轻微: 1, 一般: 2, 严重: 3 };

const lit = quoteLiteral;
const regexEscape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Regex of the separators: a character class such as [；;、,，/] when all are single characters. */
export function separatorPattern(rs: RuleSet): string {
  if (rs.separators.every((x) => [...x].length === 1)) return `[${rs.separators.map((x) => x.replace(/[\]\\^-]/g, '\\$&')).join('')}]`;
  return `(${rs.separators.map(regexEscape).join('|')})`;
}

/** Subject kind of a penalty row `p` (the thresholds depend on it). */
export function subjectKindExpr(rs: RuleSet, p = 'p'): string {
  const kind = `coalesce(trim(${p}.subject_kind), '')`;
  return `CASE
    WHEN ${kind} IN ('法人及非法人组织', '个体工商户', '自然人') THEN ${kind}
    WHEN contains(${kind}, '个体') THEN '个体工商户'
    WHEN contains(${kind}, '自然人') OR contains(${kind}, '个人') THEN '自然人'
    WHEN contains(${kind}, '法人') OR contains(${kind}, '组织') OR contains(${kind}, '企业') THEN '法人及非法人组织'
    WHEN nullif(trim(${p}.uscc), '') IS NULL AND ${p}.person_id IS NOT NULL THEN '自然人'
    WHEN substr(upper(trim(${p}.uscc)), 1, 2) = '92' THEN '个体工商户'
    ELSE ${lit(rs.fineThresholds.unknownSubjectKind)} END`;
}

/** Rank (1–3) of one 处罚类别 part `x`: the most severe category whose keyword it contains, else the default. */
function partRankExpr(rs: RuleSet, x: string): string {
  const ordered = [...rs.categories].sort((a, b) => TIER_RANK[b.tier] - TIER_RANK[a.tier]);
  const whens = ordered.map(
    (c) => `WHEN ${c.keywords.map((k) => `contains(${x}, ${lit(k)})`).join(' OR ')} THEN ${TIER_RANK[c.tier]}`,
  );
  return `CASE ${whens.join(' ')} ELSE ${TIER_RANK[rs.defaultTier]} END`;
}

/** Threshold lookup: a department override for (authority, kind) if any, else the district default for the kind. */
export function thresholdExprs(rs: RuleSet, kindCol: string, deptCol: string): { small: string; huge: string } {
  const d = rs.fineThresholds.default;
  const byKind = (field: 'smallBelowWan' | 'hugeFromWan') =>
    `CASE ${kindCol} WHEN '自然人' THEN ${d['自然人'][field]} WHEN '个体工商户' THEN ${d['个体工商户'][field]} ELSE ${d['法人及非法人组织'][field]} END`;
  const overrides = rs.fineThresholds.departmentOverrides.flatMap((o) =>
    o.subjectKinds.map((k) => ({ dept: o.dept.trim(), kind: k, small: o.smallBelowWan, huge: o.hugeFromWan })),
  );
  if (!overrides.length) return { small: byKind('smallBelowWan'), huge: byKind('hugeFromWan') };
  const pick = (field: 'small' | 'huge') =>
    `CASE ${overrides.map((o) => `WHEN trim(${deptCol}) = ${lit(o.dept)} AND ${kindCol} = ${lit(o.kind)} THEN ${o[field]}`).join(' ')} ELSE ${byKind(field === 'small' ? 'smallBelowWan' : 'hugeFromWan')} END`;
  return { small: pick('small'), huge: pick('huge') };
}

/** The special domains (Order 58: 特种设备, 安全生产, 消防) a penalty row `p` belongs to, and their minimum. */
/** The text searched for domain keywords, computed once per row (column dom_text). */
function domainTextExpr(rs: RuleSet, p: string): string {
  return rs.domainMinimums.domains.length ? `concat_ws(' ', ${rs.domainMinimums.fields.map((f) => `${p}.${f}`).join(', ')})` : `''`;
}

function domainExprs(rs: RuleSet, p: string): { names: string; minMonths: string } {
  const domains = rs.domainMinimums.domains;
  if (!domains.length) return { names: 'CAST(NULL AS VARCHAR)', minMonths: '0' };
  const hits = domains.map((d) => {
    const conds = [
      ...d.keywords.map((k) => `contains(${p}.dom_text, ${lit(k)})`),
      ...d.authorityKeywords.map((k) => `contains(coalesce(${p}.authority, ''), ${lit(k)})`),
    ];
    return { name: d.name, min: d.minMonths, hit: `(${conds.join(' OR ')})` };
  });
  return {
    names: `nullif(concat_ws('、', ${hits.map((h) => `CASE WHEN ${h.hit} THEN ${lit(h.name)} END`).join(', ')}), '')`,
    minMonths: `greatest(0, ${hits.map((h) => `CASE WHEN ${h.hit} THEN ${h.min} ELSE 0 END`).join(', ')})`,
  };
}

/** A 万元 amount as short text: 150.0000 → 150, 0.0500 → 0.05. */
const num = (col: string) => `rtrim(rtrim(CAST(CAST(${col} AS DECIMAL(18,4)) AS VARCHAR), '0'), '.')`;

const byTier = (rs: RuleSet, tierCol: string, f: (t: PenaltyTier) => string) =>
  `CASE ${tierCol} ${PENALTY_TIERS.map((t) => `WHEN ${lit(t)} THEN ${f(t)}`).join(' ')} END`;

/**
 * One SELECT classifying every penalty of `source` (an alias-able relation with the penalties columns plus
 * rule_set) that falls under this rule set. Output: keys, kind, tier, basis, domain, periods, dates.
 */
export function classifySql(rs: RuleSet, source: string): string {
  const partRank = partRankExpr(rs, 'x');
  const dom = domainExprs(rs, 'p');
  const th = thresholdExprs(rs, 'k.kind', 'k.authority');
  const tierNames = `['轻微', '一般', '严重']`;
  return `
SELECT k.*,
  ${tierNames}[k.tier_rank] AS tier,
  CASE WHEN k.fine_rank > 0 AND k.fine_rank >= coalesce(k.part_rank, 0)
    THEN '罚款 ' || ${num('k.fine_wan')} || ' 万元' || CASE k.fine_rank
      WHEN 3 THEN '（≥ 巨额 ' || ${num('k.huge_wan')} || ' 万元）'
      WHEN 2 THEN '（≥ 较小数额上限 ' || ${num('k.small_wan')} || ' 万元）'
      ELSE '（< 较小数额上限 ' || ${num('k.small_wan')} || ' 万元）' END
    ELSE coalesce(k.best_part, '（处罚类别为空）') END AS tier_basis
FROM (
  SELECT j.*,
    greatest(coalesce(j.part_rank, ${TIER_RANK[rs.defaultTier]}), j.fine_rank) AS tier_rank
  FROM (
    SELECT i.*,
      CASE WHEN i.fine_wan IS NULL OR i.fine_wan <= 0 THEN 0
        WHEN i.fine_wan >= i.huge_wan THEN 3 WHEN i.fine_wan >= i.small_wan THEN 2 ELSE 1 END AS fine_rank,
      list_max(i.ranks) AS part_rank,
      list_extract(i.parts, list_position(i.ranks, list_max(i.ranks))) AS best_part
    FROM (
      SELECT k.*, ${th.small} AS small_wan, ${th.huge} AS huge_wan,
        list_transform(k.parts, x -> ${partRank}) AS ranks
      FROM (
        SELECT p.decision_no, p.uscc, p.person_id, p.subject_name, p.authority, p.decision_date, p.penalty_types,
          p.fine_wan, p.rule_set, p.rule_set_source,
          ${subjectKindExpr(rs, 'p')} AS kind,
          list_filter(list_transform(string_split_regex(coalesce(p.penalty_types, ''), ${lit(separatorPattern(rs))}), x -> trim(x)), x -> x <> '') AS parts,
          ${dom.names} AS special_domain,
          ${dom.minMonths} AS domain_min_months
        FROM (SELECT q.*, ${domainTextExpr(rs, 'q')} AS dom_text FROM ${source} q WHERE q.rule_set = ${lit(rs.id)}) p
      ) k
    ) i
  ) j
) k`;
}

/** Periods and dates over the classified rows `c` (columns tier, domain_min_months, decision_date). */
export function periodSql(rs: RuleSet, classified: string): string {
  const min = byTier(rs, 'c.tier', (t) => String(rs.periods[t].minMonths));
  const max = byTier(rs, 'c.tier', (t) => String(rs.periods[t].maxMonths));
  const disclose = byTier(rs, 'c.tier', (t) => (rs.periods[t].disclose ? 'true' : 'false'));
  return `
SELECT m.*,
  CASE WHEN m.disclose THEN CAST(m.decision_date + to_months(m.min_months) AS DATE) ELSE m.decision_date END AS earliest_repair,
  CASE WHEN m.disclose THEN CAST(m.decision_date + to_months(m.max_months) AS DATE) END AS disclosure_end
FROM (
  SELECT c.*, ${disclose} AS disclose,
    CASE WHEN ${disclose} THEN least(greatest(${min}, c.domain_min_months), ${max}) ELSE 0 END AS min_months,
    CASE WHEN ${disclose} THEN ${max} ELSE 0 END AS max_months
  FROM (${classified}) c
) m`;
}
