// Reading tier results: runs, the summary (heat map, distributions), supervision lists, 无事不扰 items and the
// warnings list. All aggregation happens in SQL; pages are small.
import type { Workspace } from '../workspace/workspace';
import { CoreError } from '../errors';
import { GRADES, RISK_CLASSES } from '../../../shared/domain/enums';
import {
  TIERS,
  type ExemptItemRow,
  type HeatCell,
  type ListKind,
  type MatrixEntry,
  type Tier,
  type TierListRow,
  type TierMatrix,
  type TierRunInfo,
  type TierSummary,
  type WarningFilter,
  type WarningRow,
  type WarningSeverity,
} from '../../../shared/contract/tiering';
import { parseMatrix, tiersOfList } from './matrix';
import { loadWarningRules } from './warnings';
import { sqlString } from './template';
import { emptyTierCounts } from './run';

interface TierRunRow {
  run_id: string;
  eval_run_id: string;
  as_of: string;
  matrix_id: string;
  matrix_sha256: string;
  matrix: unknown;
  risk_model_id: string;
  risk_model_sha256: string;
  warning_rules_id: string;
  warning_rules_sha256: string;
  created_at: string;
  operator: string | null;
  subjects: number;
  tiers: unknown;
  warnings: number;
  risk_sources: unknown;
  timings: unknown;
}

export interface LoadedRun {
  info: TierRunInfo;
  matrix: TierMatrix;
  matrixEntry: MatrixEntry;
}

const json = <T>(v: unknown, fallback: T): T => {
  if (v === null || v === undefined) return fallback;
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
};

function runFromRow(r: TierRunRow): LoadedRun {
  const matrix = parseMatrix(json(r.matrix, {}), `运行 ${r.run_id} 的矩阵`);
  const info: TierRunInfo = {
    runId: r.run_id,
    evalRunId: r.eval_run_id,
    asOf: r.as_of,
    createdAt: r.created_at,
    matrixId: r.matrix_id,
    matrixSha256: r.matrix_sha256,
    riskModelId: r.risk_model_id,
    riskModelSha256: r.risk_model_sha256,
    warningRulesId: r.warning_rules_id,
    warningRulesSha256: r.warning_rules_sha256,
    subjects: r.subjects,
    tiers: { ...emptyTierCounts(), ...json<Record<string, number>>(r.tiers, {}) },
    warnings: r.warnings,
    riskSources: json(r.risk_sources, { imported: 0, model: 0 }),
    timings: json(r.timings, {}),
    operator: r.operator,
  };
  const matrixEntry: MatrixEntry = {
    id: r.matrix_id,
    source: r.matrix_id.startsWith('ws-') ? 'workspace' : 'builtin',
    sha256: r.matrix_sha256,
    matrix,
    createdAt: null,
    operator: null,
    note: null,
  };
  return { info, matrix, matrixEntry };
}

/** The given tier run, else the latest one. */
export async function loadRun(ws: Workspace, runId?: string): Promise<LoadedRun> {
  const row = runId
    ? await ws.one<TierRunRow>(`SELECT * FROM tier_runs WHERE run_id = ?`, [runId])
    : await ws.one<TierRunRow>(`SELECT * FROM tier_runs ORDER BY created_at DESC, run_id DESC LIMIT 1`);
  if (!row) {
    throw new CoreError(
      'NOT_FOUND',
      runId ? `找不到风险分级运行 ${runId}。` : '还没有风险分级结果。请先运行风险分级（“风险分级”页的“运行分级”，或命令 cws tier <工作区>）。',
    );
  }
  return runFromRow(row);
}

export async function listRuns(ws: Workspace, limit = 50): Promise<TierRunInfo[]> {
  const rows = await ws.all<TierRunRow>(`SELECT * FROM tier_runs ORDER BY created_at DESC, run_id DESC LIMIT ?`, [limit]);
  return rows.map((r) => runFromRow(r).info);
}

/** How subjects without a registered town are labelled in the summary; as a list filter it selects exactly them. */
export const UNREGISTERED_TOWN = '(未登记街镇)';

const tierOrderSql = (col: string) => `list_position([${TIERS.map(sqlString).join(', ')}], ${col})`;

export async function tierSummary(ws: Workspace, runId?: string): Promise<TierSummary> {
  const run = await loadRun(ws, runId);
  const id = run.info.runId;
  const counts = await ws.all<{ grade: string; risk: string; n: number }>(
    `SELECT grade, risk_class AS risk, subjects AS n FROM tier_run_cells WHERE run_id = ?`,
    [id],
  );
  const heat: HeatCell[] = [];
  for (const g of GRADES) {
    for (const r of RISK_CLASSES) {
      const c = run.matrix.cells[g][r];
      heat.push({ grade: g, risk: r, tier: c.tier, share: c.share, frequency: c.frequency, subjects: counts.find((x) => x.grade === g && x.risk === r)?.n ?? 0 });
    }
  }
  const byTown = await ws.all<{ town: string; tier: Tier; subjects: number }>(
    `SELECT * FROM (
       SELECT coalesce(s.town, ${sqlString(UNREGISTERED_TOWN)}) AS town, t.tier, count(*) AS subjects
       FROM tier_results t LEFT JOIN subjects s ON s.uscc = t.uscc
       WHERE t.run_id = ? GROUP BY ALL
     ) ORDER BY town, ${tierOrderSql('tier')}`,
    [id],
  );
  // Top industries by subjects; the rest are summed under 其他行业.
  const byIndustry = await ws.all<{ industry: string; tier: Tier; subjects: number }>(
    `WITH x AS (
       SELECT coalesce(s.industry_name, s.industry_code, '(未登记行业)') AS industry, t.tier
       FROM tier_results t LEFT JOIN subjects s ON s.uscc = t.uscc WHERE t.run_id = ?
     ), top AS (SELECT industry FROM x GROUP BY industry ORDER BY count(*) DESC, industry LIMIT 15)
     SELECT * FROM (
       SELECT CASE WHEN industry IN (SELECT industry FROM top) THEN industry ELSE '其他行业' END AS industry, tier, count(*) AS subjects
       FROM x GROUP BY ALL
     ) ORDER BY industry = '其他行业', industry, ${tierOrderSql('tier')}`,
    [id],
  );
  const rules = loadWarningRules().rules.rules;
  const hitCounts = await ws.all<{ rule_id: string; severity: WarningSeverity; hits: number; open: number }>(
    `SELECT w.rule_id, any_value(w.severity) AS severity, count(*) AS hits, count(*) FILTER (WHERE st.state IS NULL) AS open
     FROM warning_hits w
     LEFT JOIN warning_states st ON st.rule_id = w.rule_id AND st.uscc = w.uscc AND st.evidence_key = w.evidence_key
     WHERE w.run_id = ? GROUP BY w.rule_id`,
    [id],
  );
  const warningsByRule = rules.map((r) => {
    const h = hitCounts.find((x) => x.rule_id === r.id);
    return { ruleId: r.id, label: r.label, severity: r.severity, hits: h?.hits ?? 0, open: h?.open ?? 0 };
  });
  for (const h of hitCounts) {
    if (!rules.some((r) => r.id === h.rule_id)) warningsByRule.push({ ruleId: h.rule_id, label: h.rule_id, severity: h.severity, hits: h.hits, open: h.open });
  }
  return { run: run.info, matrix: run.matrixEntry, heat, byTown, byIndustry, warningsByRule };
}

export interface ListQuery {
  kind: ListKind;
  tier?: Tier;
  town?: string;
  industry?: string;
  search?: string;
}

/** WHERE clause (with params) selecting a list's subjects of a run. */
function listWhere(run: LoadedRun, q: ListQuery): { where: string; params: (string | number)[] } {
  const parts = ['t.run_id = ?'];
  const params: (string | number)[] = [run.info.runId];
  const tiers = tiersOfList(run.matrix, q.kind);
  if (tiers) parts.push(`t.tier IN (${tiers.map(sqlString).join(', ')})`);
  if (q.tier) {
    parts.push('t.tier = ?');
    params.push(q.tier);
  }
  if (q.town === UNREGISTERED_TOWN) {
    parts.push('s.town IS NULL');
  } else if (q.town) {
    parts.push('s.town = ?');
    params.push(q.town);
  }
  if (q.industry) {
    parts.push(`(starts_with(upper(coalesce(s.industry_code, '')), upper(?)) OR contains(coalesce(s.industry_name, ''), ?))`);
    params.push(q.industry, q.industry);
  }
  if (q.search) {
    parts.push(`(starts_with(t.uscc, upper(?)) OR contains(coalesce(s.name, ''), ?))`);
    params.push(q.search, q.search);
  }
  return { where: parts.join(' AND '), params };
}

const LIST_COLUMNS = `t.uscc, s.name, s.town, s.industry_code AS "industryCode", s.industry_name AS "industryName", t.grade,
  t.risk_class AS "riskClass", t.risk_source AS "riskSource", t.risk_points AS "riskPoints", t.tier, c.share, c.frequency`;

/** The run's results with subject facts and the cell's share and frequency. */
const LIST_FROM = `tier_results t LEFT JOIN subjects s ON s.uscc = t.uscc
  JOIN tier_run_cells c ON c.run_id = t.run_id AND c.grade = t.grade AND c.risk_class = t.risk_class`;

export async function tierList(
  ws: Workspace,
  runId: string | undefined,
  q: ListQuery,
  page: { offset?: number; limit?: number } = {},
): Promise<{ rows: TierListRow[]; total: number }> {
  const run = await loadRun(ws, runId);
  const { where, params } = listWhere(run, q);
  const from = `${LIST_FROM} WHERE ${where}`;
  const total = (await ws.scalar<number>(`SELECT count(*) FROM ${from}`, params)) ?? 0;
  const rows = await ws.all<TierListRow>(
    `WITH page AS (
       SELECT ${LIST_COLUMNS} FROM ${from}
       ORDER BY ${tierOrderSql('t.tier')} DESC, t.grade DESC, t.risk_class DESC, t.uscc
       LIMIT ? OFFSET ?
     )
     SELECT page.*, (SELECT count(*) FROM warning_hits w WHERE w.run_id = ? AND w.uscc = page.uscc) AS warnings FROM page
     ORDER BY ${tierOrderSql('page.tier')} DESC, page.grade DESC, page."riskClass" DESC, page.uscc`,
    [...params, page.limit ?? 100, page.offset ?? 0, run.info.runId],
  );
  return { rows, total };
}

/** All rows of a list (for export), ordered as the page shows them. */
export async function tierListAll(ws: Workspace, run: LoadedRun, q: ListQuery, max: number): Promise<TierListRow[]> {
  const { where, params } = listWhere(run, q);
  const total = (await ws.scalar<number>(`SELECT count(*) FROM ${LIST_FROM} WHERE ${where}`, params)) ?? 0;
  if (total > max) {
    throw new CoreError('BAD_INPUT', `清单共 ${total} 行，超过 XLSX 单表上限（${max} 行）。请按街镇或行业筛选后分批导出。`);
  }
  return ws.all<TierListRow>(
    `SELECT ${LIST_COLUMNS}, coalesce(w.n, 0) AS warnings
     FROM ${LIST_FROM}
     LEFT JOIN (SELECT uscc, count(*) AS n FROM warning_hits WHERE run_id = ? GROUP BY uscc) w ON w.uscc = t.uscc
     WHERE ${where}
     ORDER BY ${tierOrderSql('t.tier')} DESC, t.grade DESC, t.risk_class DESC, t.uscc`,
    [run.info.runId, ...params],
  );
}

/** 无事不扰事项清单: the run's matrix items per tier, with how many subjects of the run sit in that tier. */
export async function exemptItems(ws: Workspace, runId?: string): Promise<{ run: LoadedRun; rows: ExemptItemRow[] }> {
  const run = await loadRun(ws, runId);
  const rows: ExemptItemRow[] = [];
  for (const group of run.matrix.exemptItems) {
    for (const it of group.items) {
      rows.push({ tier: group.tier, item: it.item, dept: it.dept ?? null, note: it.note ?? null, subjects: run.info.tiers[group.tier] ?? 0 });
    }
  }
  rows.sort((a, b) => TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier));
  return { run, rows };
}

function warningWhere(runId: string, f: WarningFilter): { where: string; params: (string | number)[] } {
  const parts = ['w.run_id = ?'];
  const params: (string | number)[] = [runId];
  const eq = (col: string, v: string | undefined) => {
    if (v === undefined || v === '') return;
    parts.push(`${col} = ?`);
    params.push(v);
  };
  eq('w.rule_id', f.ruleId);
  eq('w.severity', f.severity);
  eq('t.tier', f.tier);
  eq('s.town', f.town);
  eq('w.uscc', f.uscc);
  if (f.state === 'open') parts.push('st.state IS NULL');
  else eq('st.state', f.state);
  if (f.search) {
    parts.push(`(starts_with(w.uscc, upper(?)) OR contains(coalesce(s.name, ''), ?))`);
    params.push(f.search, f.search);
  }
  return { where: parts.join(' AND '), params };
}

const WARNING_FROM = `warning_hits w
  LEFT JOIN subjects s ON s.uscc = w.uscc
  LEFT JOIN tier_results t ON t.run_id = w.run_id AND t.uscc = w.uscc
  LEFT JOIN warning_states st ON st.rule_id = w.rule_id AND st.uscc = w.uscc AND st.evidence_key = w.evidence_key`;

export async function warningsList(
  ws: Workspace,
  f: WarningFilter,
  page: { offset?: number; limit?: number } | null,
): Promise<{ run: LoadedRun; rows: WarningRow[]; total: number }> {
  const run = await loadRun(ws, f.runId);
  const { where, params } = warningWhere(run.info.runId, f);
  const total = (await ws.scalar<number>(`SELECT count(*) FROM ${WARNING_FROM} WHERE ${where}`, params)) ?? 0;
  const labels = Object.fromEntries(loadWarningRules().rules.rules.map((r) => [r.id, r.label]));
  const paging = page ? `LIMIT ${Math.floor(page.limit ?? 100)} OFFSET ${Math.floor(page.offset ?? 0)}` : '';
  const raw = await ws.all<Omit<WarningRow, 'ruleLabel' | 'evidence' | 'state'> & { evidence: unknown; state: string | null }>(
    `SELECT w.run_id AS "runId", w.rule_id AS "ruleId", w.uscc, s.name, s.town, t.tier, w.severity, w.event_date AS "eventDate",
       w.evidence_key AS "evidenceKey", w.evidence, w.summary, st.state, st.note AS "stateNote", st.operator AS "stateBy",
       st.updated_at AS "stateAt"
     FROM ${WARNING_FROM} WHERE ${where}
     ORDER BY list_position(['高', '中', '低'], w.severity), w.event_date DESC, w.uscc, w.rule_id, w.evidence_key ${paging}`,
    params,
  );
  const rows: WarningRow[] = raw.map((r) => ({
    ...r,
    ruleLabel: labels[r.ruleId] ?? r.ruleId,
    evidence: json(r.evidence, []),
    state: (r.state ?? 'open') as WarningRow['state'],
  }));
  return { run, rows, total };
}
