// Disclosure of every penalty as of a date: tier, rule set, earliest repair date, end of disclosure and status,
// written to penalty_disclosure in one set-based statement (the table holds the latest run; repair_runs logs runs).
import { randomUUID } from 'node:crypto';
import {
  DISCLOSURE_STATUSES,
  PENALTY_TIERS,
  RULE_SET_IDS,
  type DisclosureStatus,
  type PenaltyTier,
  type RepairRunResult,
  type RuleSetId,
} from '../../../shared/contract/repair';
import type { Conn, Workspace } from '../workspace/workspace';
import { quoteLiteral } from '../workspace/query';
import { classifySql, periodSql } from './tiering-sql';
import { DOMAIN_FIELDS, loadRuleBook, ruleHash, ruleSetById, type RuleBook } from './rules';

const lit = quoteLiteral;

export interface DisclosureOptions {
  asOf: string;
  /** 'auto' (default): the rule set in force on each decision date. */
  ruleSet?: 'auto' | RuleSetId;
  /** Rule sets to apply (default: the shipped ones); tests pass edited copies. */
  book?: RuleBook;
  operator?: string;
}

/** SQL condition: a repairs row `r` that ended in a successful repair on or before asOf. */
export function successfulRepairSql(book: RuleBook, asOf: string, r = 'r'): string {
  const fails = book.district.repairOutcome.failureKeywords.map((k) => `contains(coalesce(${r}.result, ''), ${lit(k)})`);
  return `${r}.finished_date IS NOT NULL AND ${r}.finished_date <= DATE ${lit(asOf)}${fails.length ? ` AND NOT (${fails.join(' OR ')})` : ''}`;
}

/** The INSERT … SELECT that fills penalty_disclosure for one run. */
export function disclosureInsertSql(book: RuleBook, runId: string, asOf: string, choice: 'auto' | RuleSetId): string {
  const switchDate = book.order36.effectiveFrom;
  const ruleSetExpr =
    choice === 'auto' ? `CASE WHEN p.decision_date >= DATE ${lit(switchDate)} THEN 'order36' ELSE 'order58' END` : lit(choice);
  const classified = RULE_SET_IDS.map((id) => {
    const rs = ruleSetById(book, id);
    return periodSql(rs, classifySql(rs, 'src'));
  }).join('\nUNION ALL\n');
  const asOfLit = `DATE ${lit(asOf)}`;
  // A penalty of a natural person has no uscc: any successful repair of its decision counts.
  const repaired = `CASE WHEN c.uscc IS NULL THEN rd.repaired_date ELSE rs.repaired_date END`;
  const repairId = `CASE WHEN c.uscc IS NULL THEN rd.repair_id ELSE rs.repair_id END`;
  return `
INSERT INTO penalty_disclosure
WITH src AS (
  SELECT p.decision_no, p.uscc, p.person_id, p.subject_name, p.subject_kind, p.authority, p.decision_date,
    p.penalty_types, p.fine_wan, ${DOMAIN_FIELDS.filter((f) => f !== 'penalty_types').map((f) => `p.${f}`).join(', ')},
    ${ruleSetExpr} AS rule_set, ${lit(choice === 'auto' ? 'auto' : 'user')} AS rule_set_source
  FROM penalties p
  WHERE p.decision_date IS NOT NULL AND p.decision_date <= ${asOfLit} AND nullif(trim(p.decision_no), '') IS NOT NULL
  QUALIFY row_number() OVER (PARTITION BY p.decision_no, p.uscc, p.person_id ORDER BY p.decision_date, p.source_row NULLS LAST) = 1
),
cls AS (${classified}),
rep_s AS (
  SELECT r.decision_no, r.uscc, min(r.finished_date) AS repaired_date, arg_min(r.repair_id, r.finished_date) AS repair_id
  FROM repairs r WHERE r.decision_no IS NOT NULL AND ${successfulRepairSql(book, asOf)}
  GROUP BY r.decision_no, r.uscc
),
rep_d AS (
  SELECT decision_no, min(repaired_date) AS repaired_date, arg_min(repair_id, repaired_date) AS repair_id FROM rep_s GROUP BY decision_no
),
subj AS (SELECT uscc, any_value(name) AS name, any_value(town) AS town FROM subjects GROUP BY uscc)
SELECT
  ${lit(runId)} AS run_id,
  ${asOfLit} AS as_of_date,
  c.decision_no, c.uscc, c.person_id, c.kind AS subject_kind,
  CASE WHEN c.kind = '自然人' THEN mask_name(c.subject_name) ELSE coalesce(c.subject_name, s.name) END AS subject_name,
  s.town, c.authority AS dept, c.decision_date, c.penalty_types, c.fine_wan,
  c.tier, c.tier_rank, c.tier_basis, c.rule_set, c.rule_set_source, c.special_domain, c.disclose,
  c.min_months, c.max_months, c.earliest_repair, c.disclosure_end,
  CASE
    WHEN ${repaired} IS NOT NULL THEN '已修复'
    WHEN NOT c.disclose THEN '不予公示'
    WHEN ${asOfLit} >= c.disclosure_end THEN '公示期满'
    WHEN ${asOfLit} >= c.earliest_repair THEN '可申请修复'
    ELSE '公示中' END AS status,
  ${repairId} AS repair_id, ${repaired} AS repaired_date
FROM cls c
LEFT JOIN rep_s rs ON rs.decision_no = c.decision_no AND rs.uscc = c.uscc
LEFT JOIN rep_d rd ON rd.decision_no = c.decision_no
LEFT JOIN subj s ON s.uscc = c.uscc`;
}

function zeroCounts<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

async function countRun(
  conn: Conn | Workspace,
): Promise<Pick<RepairRunResult, 'total' | 'byStatus' | 'byTier' | 'byRuleSet' | 'byStatusTier'>> {
  const rows = await conn.all<{ dim: string; key: string; n: number }>(`
    SELECT 'status' AS dim, status AS key, count(*) AS n FROM penalty_disclosure GROUP BY status
    UNION ALL SELECT 'tier', tier, count(*) FROM penalty_disclosure GROUP BY tier
    UNION ALL SELECT 'rule_set', rule_set, count(*) FROM penalty_disclosure GROUP BY rule_set`);
  const byStatusTier = await conn.all<{ status: DisclosureStatus; tier: PenaltyTier; count: number }>(
    `SELECT status, tier, count(*) AS count FROM penalty_disclosure GROUP BY ALL ORDER BY status, tier`,
  );
  const byStatus = zeroCounts(DISCLOSURE_STATUSES);
  const byTier = zeroCounts(PENALTY_TIERS);
  const byRuleSet = zeroCounts(RULE_SET_IDS);
  for (const r of rows) {
    if (r.dim === 'status') byStatus[r.key as DisclosureStatus] = r.n;
    if (r.dim === 'tier') byTier[r.key as PenaltyTier] = r.n;
    if (r.dim === 'rule_set') byRuleSet[r.key as RuleSetId] = r.n;
  }
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
  return { total, byStatus, byTier, byRuleSet, byStatusTier };
}

/** Recomputes penalty_disclosure as of a date in one transaction and logs the run. */
export async function runDisclosure(ws: Workspace, options: DisclosureOptions, signal?: AbortSignal): Promise<RepairRunResult> {
  const started = Date.now();
  const book = options.book ?? loadRuleBook();
  const choice = options.ruleSet ?? 'auto';
  const runId = `repair-${options.asOf.replace(/-/g, '')}-${randomUUID().slice(0, 8)}`;
  const rules = [
    { id: book.order36.id, version: book.order36.version, hash: ruleHash(book.order36) },
    { id: book.order58.id, version: book.order58.version, hash: ruleHash(book.order58) },
    { id: book.district.id, version: book.district.version, hash: ruleHash(book.district) },
  ];
  return ws.transaction(async (conn) => {
    await conn.run('DELETE FROM penalty_disclosure');
    await conn.run(disclosureInsertSql(book, runId, options.asOf, choice));
    const counts = await countRun(conn);
    const excluded = await conn.scalar<number>(`SELECT count(*) FROM penalties WHERE decision_date > DATE ${lit(options.asOf)}`);
    const finishedAt = new Date().toISOString();
    const result: RepairRunResult = {
      runId,
      asOf: options.asOf,
      ruleSet: choice,
      ...counts,
      excluded: Number(excluded ?? 0),
      rules,
      finishedAt,
      elapsedMs: Date.now() - started,
    };
    await conn.run(
      `INSERT INTO repair_runs VALUES (?, CAST(? AS DATE), ?, CAST(? AS JSON), ?, CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP), ?, CAST(? AS JSON))`,
      [
        runId,
        options.asOf,
        choice,
        JSON.stringify(rules),
        options.operator ?? null,
        new Date(started).toISOString(),
        finishedAt,
        result.total,
        JSON.stringify(result),
      ],
    );
    return result;
  }, signal);
}

/** The latest run's summary (the one penalty_disclosure holds), or null before the first run. */
export async function latestRun(ws: Workspace): Promise<RepairRunResult | null> {
  const row = await ws.one<{ summary: string }>(
    `SELECT CAST(summary AS VARCHAR) AS summary FROM repair_runs
     WHERE run_id = (SELECT any_value(run_id) FROM penalty_disclosure) OR NOT EXISTS (SELECT 1 FROM penalty_disclosure)
     ORDER BY finished_at DESC LIMIT 1`,
  );
  return row ? (JSON.parse(row.summary) as RepairRunResult) : null;
}
