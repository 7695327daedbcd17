// 三书同达 / 四书同达 by department (处罚机关): a penalty complies when its 决定书, 行政合规建议书 and 信用修复告知书
// were all delivered on the decision date, and in key sectors (datasets/rules/repair-district.json) also its
// 法治体检书. 两书同达 (决定书 + 信用修复告知书, 国办发〔2025〕22号) is counted alongside. A missing delivery date
// counts as not delivered on the decision date.
import type { DocumentsDeptRow, DocumentsResult } from '../../../shared/contract/repair';
import type { Workspace } from '../workspace/workspace';
import { quoteLiteral } from '../workspace/query';
import type { DistrictSettings } from './rules';

const lit = quoteLiteral;

/** SQL condition: penalty `p` (with subject industry `ind`) is in a key sector. */
export function keySectorSql(district: DistrictSettings, p = 'p', ind = 'ind'): string {
  const conds = district.documents.keySectors.flatMap((s) => [
    ...s.authorityKeywords.map((k) => `contains(coalesce(${p}.authority, ''), ${lit(k)})`),
    ...s.industryPrefixes.map((x) => `starts_with(coalesce(${ind}, ''), ${lit(x)})`),
  ]);
  return conds.length ? `(${conds.join(' OR ')})` : 'false';
}

export async function documentCompliance(
  ws: Workspace,
  district: DistrictSettings,
  o: { from?: string; to?: string },
): Promise<DocumentsResult> {
  const conds = ['p.decision_date IS NOT NULL'];
  if (o.from) conds.push(`p.decision_date >= DATE ${lit(o.from)}`);
  if (o.to) conds.push(`p.decision_date <= DATE ${lit(o.to)}`);
  const same = (col: string) => `coalesce(p.${col} = p.decision_date, false)`;
  const rows = await ws.all<DocumentsDeptRow & { is_total: boolean }>(`
    WITH d AS (
      SELECT coalesce(nullif(trim(p.authority), ''), '（未填）') AS dept,
        ${keySectorSql(district, 'p', 's.industry_code')} AS key_sector,
        ${same('doc_decision_date')} AS dec_ok, ${same('doc_compliance_date')} AS comp_ok,
        ${same('doc_repair_notice_date')} AS notice_ok, ${same('doc_checkup_date')} AS check_ok
      FROM penalties p
      LEFT JOIN (SELECT uscc, any_value(industry_code) AS industry_code FROM subjects GROUP BY uscc) s ON s.uscc = p.uscc
      WHERE ${conds.join(' AND ')}
    )
    SELECT grouping(dept) = 1 AS is_total, coalesce(dept, '合计') AS dept,
      count(*) AS penalties,
      count(*) FILTER (WHERE key_sector) AS "keySector",
      count(*) FILTER (WHERE dec_ok AND notice_ok) AS "twoDocs",
      count(*) FILTER (WHERE dec_ok AND comp_ok AND notice_ok AND (NOT key_sector OR check_ok)) AS "allDocs",
      count(*) FILTER (WHERE dec_ok) AS "decisionOnTime",
      count(*) FILTER (WHERE comp_ok) AS "complianceOnTime",
      count(*) FILTER (WHERE notice_ok) AS "repairNoticeOnTime",
      count(*) FILTER (WHERE key_sector AND check_ok) AS "checkupOnTime"
    FROM d GROUP BY GROUPING SETS ((dept), ())
    ORDER BY is_total, penalties DESC, dept`);
  const withShare = (r: DocumentsDeptRow): DocumentsDeptRow => ({ ...r, share: r.penalties ? r.allDocs / r.penalties : null });
  const strip = ({ is_total: _t, ...r }: DocumentsDeptRow & { is_total: boolean }) => withShare(r as DocumentsDeptRow);
  const total = rows.find((r) => r.is_total);
  return {
    from: o.from ?? null,
    to: o.to ?? null,
    keySectors: district.documents.keySectors.map((s) => s.name),
    total: total
      ? strip(total)
      : withShare({ dept: '合计', penalties: 0, keySector: 0, twoDocs: 0, allDocs: 0, share: null, decisionOnTime: 0, complianceOnTime: 0, repairNoticeOnTime: 0, checkupOnTime: 0 }),
    byDept: rows.filter((r) => !r.is_total).map(strip),
  };
}
