// 主体画像 (一户一档): one subject's records, read table by table (uscc = ?), masked unless an unmask grant is
// active, arranged in the sections of the national public credit report, with the latest evaluation and tier,
// a timeline of every dated record and the subject's direct relations.
import { quoteLiteral } from '../workspace';
import { CoreError } from '../errors';
import { BOOKKEEPING_COLUMNS, TABLE_BY_NAME, columnLabel } from '../../../shared/domain/tables';
import { BLACK_LIST_TYPES, OBLIGATION_KIND_LABELS, RELATION_ROLE_LABELS } from '../../../shared/domain/enums';
import type {
  ProfileEvaluation,
  ProfileSection,
  ProfileTable,
  ProfileTier,
  RelationEdge,
  RelationNode,
  SubjectProfile,
} from '../../../shared/contract/profile';
import { EVALUATION_AFTER, HIDDEN_COLUMNS, SECTIONS, type SectionPart } from './sections';
import { latestRun, source, tableCatalog, type Db, type TableCatalog } from './tables';
import { timelineEvents } from './timeline';

export const ROWS_PER_PART = 500;
export const MAX_RELATION_NODES = 60;

type Row = Record<string, unknown>;

function shownColumns(table: string): { name: string; label: string }[] {
  const def = TABLE_BY_NAME[table];
  if (!def) return [];
  const bookkeeping = new Set(BOOKKEEPING_COLUMNS.map((c) => c.name));
  return def.columns.filter((c) => !HIDDEN_COLUMNS.has(c.name) && !bookkeeping.has(c.name)).map((c) => ({ name: c.name, label: c.label }));
}

async function readPart(ws: Db, part: SectionPart, uscc: string, unmasked: boolean): Promise<ProfileTable> {
  const columns = shownColumns(part.table);
  const rows = await ws.all<Row>(
    `SELECT ${columns.map((c) => `"${c.name}"`).join(', ')}, count(*) OVER () AS _total
     FROM ${source(part.table, unmasked)} WHERE uscc = ?${part.where ? ` AND (${part.where})` : ''}
     ORDER BY ${part.order} LIMIT ${ROWS_PER_PART}`,
    [uscc],
  );
  const total = rows.length ? Number(rows[0]!._total) : 0;
  for (const r of rows) delete r._total;
  return { key: part.key, label: part.label, table: part.table, columns, rows, total };
}

export async function subjectProfile(ws: Db, rawUscc: string, unmasked: boolean): Promise<SubjectProfile> {
  const started = performance.now();
  const uscc = rawUscc.trim().toUpperCase();
  const catalog = await tableCatalog(ws);
  const basicColumns = shownColumns('subjects').filter((c) => c.name !== 'legal_rep_person_id');
  const basicRow = await ws.one<Row>(
    `SELECT uscc, ${basicColumns.map((c) => `"${c.name}"`).join(', ')} FROM ${source('subjects', unmasked)} WHERE uscc = ? LIMIT 1`,
    [uscc],
  );
  if (!basicRow) {
    throw new CoreError('NOT_FOUND', `未找到统一社会信用代码为 ${uscc} 的主体：请检查代码是否完整，或改用名称搜索。`);
  }
  const basic: ProfileTable = {
    key: 'basic',
    label: '基础信息',
    table: 'subjects',
    columns: [{ name: 'uscc', label: columnLabel('subjects', 'uscc') }, { name: 'name', label: '主体名称' }, ...basicColumns.filter((c) => c.name !== 'name')],
    rows: [basicRow],
    total: 1,
  };

  const partRows: Record<string, Row[]> = {};
  const sections: ProfileSection[] = [{ key: 'basic', title: '基础信息', tables: [basic] }];
  const evaluation = await readEvaluation(ws, catalog, uscc);
  const tier = await readTier(ws, catalog, uscc);
  for (const def of SECTIONS) {
    const tables: ProfileTable[] = [];
    for (const part of def.parts) {
      if (!catalog.has(part.table)) continue;
      const t = await readPart(ws, part, uscc, unmasked);
      partRows[part.key] = t.rows;
      tables.push(t);
    }
    if (def.key === 'local') {
      if (catalog.has('obligations')) tables.push(await readObligations(ws, uscc));
      const warnings = await readWarnings(ws, catalog, uscc);
      if (warnings) {
        partRows.warnings = warnings.rows;
        tables.push(warnings);
      }
    }
    sections.push({ key: def.key, title: def.title, tables });
    if (def.key === EVALUATION_AFTER) sections.push(evaluationSection(evaluation, tier));
  }

  return {
    uscc,
    name: String(basicRow.name ?? ''),
    masked: !unmasked,
    basic,
    evaluation,
    tier,
    sections,
    timeline: timelineEvents(partRows, basicRow),
    relations: await readRelations(ws, uscc, String(basicRow.name ?? uscc), unmasked),
    generatedAt: new Date().toISOString(),
    elapsedMs: Math.round(performance.now() - started),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 信用评价

/** Indicator labels by `${modelId}/${indicatorId}`, found in the stored model files (tolerant of their layout). */
export function indicatorLabels(models: { modelId: string; content: string }[]): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (node: unknown, modelId: string) => {
    if (Array.isArray(node)) return node.forEach((x) => walk(x, modelId));
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    const label = typeof o.label === 'string' ? o.label : typeof o.name === 'string' ? o.name : null;
    if (typeof o.id === 'string' && label && !out.has(`${modelId}/${o.id}`)) out.set(`${modelId}/${o.id}`, label);
    Object.values(o).forEach((v) => walk(v, modelId));
  };
  for (const m of models) {
    try {
      walk(JSON.parse(m.content), m.modelId);
    } catch {
      // an unreadable model file leaves its indicators labelled by id
    }
  }
  return out;
}

async function readEvaluation(ws: Db, catalog: TableCatalog, uscc: string): Promise<ProfileEvaluation | null> {
  if (!catalog.has('eval_scores')) return null;
  const run = await latestRun(ws, catalog, 'eval_runs');
  if (!run) return null;
  const cols = catalog.columns('eval_scores');
  const opt = (c: string) => (cols.has(c) ? `"${c}"` : 'NULL');
  const score = await ws.one<Row>(
    `SELECT final_score, grade, ${opt('computed_grade')} AS computed_grade, ${opt('comprehensive')} AS comprehensive, ${opt('industry')} AS industry,
       ${opt('industry_model')} AS industry_model, ${opt('override')} AS override
     FROM main.eval_scores WHERE run_id = ? AND uscc = ? LIMIT 1`,
    [run.runId, uscc],
  );
  if (!score) return null;
  let contributions: ProfileEvaluation['contributions'] = [];
  if (catalog.has('eval_contributions')) {
    const rows = await ws.all<{ model_id: string; indicator_id: string; points: number; evidence_count: number }>(
      `SELECT model_id, indicator_id, points, evidence_count FROM main.eval_contributions
       WHERE run_id = ? AND uscc = ? ORDER BY abs(points) DESC, model_id, indicator_id`,
      [run.runId, uscc],
    );
    let labels = new Map<string, string>();
    if (catalog.has('eval_model_files') && rows.length) {
      const files = await ws.all<{ model_id: string; content: string }>(
        `SELECT model_id, content FROM main.eval_model_files WHERE model_id IN (${[...new Set(rows.map((r) => r.model_id))].map(quoteLiteral).join(', ')})
         ORDER BY stored_at DESC`,
      );
      labels = indicatorLabels(files.map((f) => ({ modelId: f.model_id, content: f.content })));
    }
    contributions = rows.map((r) => ({
      modelId: r.model_id,
      indicatorId: r.indicator_id,
      label: labels.get(`${r.model_id}/${r.indicator_id}`) ?? r.indicator_id,
      points: Number(r.points),
      evidenceCount: Number(r.evidence_count),
    }));
  }
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    ...run,
    finalScore: Number(score.final_score),
    grade: String(score.grade),
    computedGrade: (score.computed_grade as string | null) ?? null,
    comprehensive: num(score.comprehensive),
    industry: num(score.industry),
    industryModel: (score.industry_model as string | null) ?? null,
    override: (score.override as string | null) ?? null,
    contributions,
  };
}

async function readTier(ws: Db, catalog: TableCatalog, uscc: string): Promise<ProfileTier | null> {
  if (!catalog.has('tier_results')) return null;
  const run = await latestRun(ws, catalog, 'tier_runs');
  if (!run) return null;
  // Sampling share and frequency live in tier_results or, per matrix cell, in tier_run_cells.
  const cols = catalog.columns('tier_results');
  const cells = !cols.has('share') && catalog.has('tier_run_cells');
  const share = cols.has('share') ? 'r.share' : cells ? 'c.share' : 'NULL';
  const frequency = cols.has('frequency') ? 'r.frequency' : cells ? 'c.frequency' : 'NULL';
  const row = await ws.one<{ tier: string; grade: string; risk_class: string; share: number | null; frequency: string | null }>(
    `SELECT r.tier, r.grade, r.risk_class, ${share} AS share, ${frequency} AS frequency FROM main.tier_results r
     ${cells ? 'LEFT JOIN main.tier_run_cells c ON c.run_id = r.run_id AND c.grade = r.grade AND c.risk_class = r.risk_class' : ''}
     WHERE r.run_id = ? AND r.uscc = ? LIMIT 1`,
    [run.runId, uscc],
  );
  if (!row) return null;
  return {
    ...run,
    tier: row.tier,
    grade: row.grade,
    riskClass: row.risk_class,
    share: row.share === null ? null : Number(row.share),
    frequency: row.frequency,
  };
}

function evaluationSection(evaluation: ProfileEvaluation | null, tier: ProfileTier | null): ProfileSection {
  const tables: ProfileTable[] = [];
  if (evaluation) {
    tables.push({
      key: 'evalScore',
      label: `信用评价（${evaluation.asOf}）`,
      table: 'eval_scores',
      columns: [
        { name: 'grade', label: '等级' },
        { name: 'final_score', label: '最终得分' },
        { name: 'comprehensive', label: '综合评价得分' },
        { name: 'industry', label: '行业评价得分' },
        { name: 'industry_model', label: '行业模型' },
        { name: 'override', label: '等级否决事由' },
        { name: 'run_id', label: '评价批次' },
      ],
      rows: [
        {
          grade: evaluation.grade,
          final_score: evaluation.finalScore,
          comprehensive: evaluation.comprehensive,
          industry: evaluation.industry,
          industry_model: evaluation.industryModel,
          override: evaluation.override,
          run_id: evaluation.runId,
        },
      ],
      total: 1,
    });
    tables.push({
      key: 'evalContributions',
      label: '得分构成',
      table: 'eval_contributions',
      columns: [
        { name: 'label', label: '指标' },
        { name: 'modelId', label: '模型' },
        { name: 'points', label: '得分' },
        { name: 'evidenceCount', label: '依据记录数' },
      ],
      rows: evaluation.contributions.map((c) => ({ ...c })),
      total: evaluation.contributions.length,
    });
  }
  if (tier) {
    tables.push({
      key: 'tier',
      label: `分级分类监管（${tier.asOf}）`,
      table: 'tier_results',
      columns: [
        { name: 'tier', label: '监管层级' },
        { name: 'grade', label: '信用等级' },
        { name: 'riskClass', label: '风险类别' },
        { name: 'share', label: '抽查比例（%）' },
        { name: 'frequency', label: '检查频次' },
      ],
      rows: [{ tier: tier.tier, grade: tier.grade, riskClass: tier.riskClass, share: tier.share, frequency: tier.frequency }],
      total: 1,
    });
  }
  const note = evaluation
    ? undefined
    : '尚无该主体的信用评价结果：评价功能建成并运行一次评价后，这里会显示等级和得分构成。';
  return { key: 'evaluation', title: '信用评价', tables, ...(note ? { note } : {}) };
}

// ---------------------------------------------------------------------------------------------------------------
// 地方补充: obligations (summarised per kind) and warnings

async function readObligations(ws: Db, uscc: string): Promise<ProfileTable> {
  const rows = await ws.all<Row>(
    `SELECT kind, count(*) AS months, CAST(min(period) AS VARCHAR) AS first_period, CAST(max(period) AS VARCHAR) AS last_period,
       sum(due_wan) AS due_wan, sum(paid_wan) AS paid_wan, sum(arrears_wan) AS arrears_wan,
       count(*) FILTER (WHERE arrears_wan > 0) AS arrears_months,
       arg_max(tax_grade, period) FILTER (WHERE tax_grade IS NOT NULL) AS tax_grade
     FROM main.obligations WHERE uscc = ? GROUP BY kind ORDER BY kind`,
    [uscc],
  );
  for (const r of rows) r.kind = OBLIGATION_KIND_LABELS[String(r.kind)] ?? r.kind;
  return {
    key: 'obligations',
    label: '履约情况',
    table: 'obligations',
    columns: [
      { name: 'kind', label: '履约类型' },
      { name: 'months', label: '记录月数' },
      { name: 'first_period', label: '起始月份' },
      { name: 'last_period', label: '最近月份' },
      { name: 'due_wan', label: '应缴（万元）' },
      { name: 'paid_wan', label: '实缴（万元）' },
      { name: 'arrears_wan', label: '欠缴（万元）' },
      { name: 'arrears_months', label: '欠缴月数' },
      { name: 'tax_grade', label: '纳税信用等级' },
    ],
    rows,
    total: rows.length,
  };
}

async function readWarnings(ws: Db, catalog: TableCatalog, uscc: string): Promise<ProfileTable | null> {
  if (!catalog.has('warning_hits')) return null;
  const run = await latestRun(ws, catalog, 'tier_runs');
  if (!run) return null;
  const state = catalog.has('warning_states')
    ? `coalesce((SELECT CASE st.state WHEN 'acknowledged' THEN '已知悉' WHEN 'handled' THEN '已处置' ELSE st.state END FROM main.warning_states st
         WHERE st.rule_id = w.rule_id AND st.uscc = w.uscc AND st.evidence_key = w.evidence_key), '未处理')`
    : `'未处理'`;
  const rows = await ws.all<Row>(
    `SELECT rule_id, severity, event_date, summary, ${state} AS state FROM main.warning_hits w
     WHERE run_id = ? AND uscc = ? ORDER BY event_date DESC NULLS LAST, rule_id LIMIT ${ROWS_PER_PART}`,
    [run.runId, uscc],
  );
  return {
    key: 'warnings',
    label: `预警（${run.asOf}）`,
    table: 'warning_hits',
    columns: [
      { name: 'rule_id', label: '预警规则' },
      { name: 'severity', label: '级别' },
      { name: 'event_date', label: '事件日期' },
      { name: 'summary', label: '说明' },
      { name: 'state', label: '处理状态' },
    ],
    rows,
    total: rows.length,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Direct relations: people and firms tied to the subject, and the other firms its people hold roles in.

export async function readRelations(ws: Db, uscc: string, name: string, unmasked: boolean): Promise<SubjectProfile['relations']> {
  const active = `(end_date IS NULL OR end_date >= current_date)`;
  // One statement: the subject's own ties (both directions) and the other firms of its people.
  const rel = await ws.all<{ dir: string; role: string; person_id: string | null; other: string | null; share_pct: number | null }>(
    `WITH d AS (
       SELECT 'in' AS dir, role, person_id, related_uscc AS other, share_pct FROM main.relations WHERE uscc = $1 AND ${active}
       UNION ALL
       SELECT 'out', role, NULL, uscc, share_pct FROM main.relations WHERE related_uscc = $1 AND ${active}),
     o AS (
       SELECT 'person' AS dir, role, person_id, uscc AS other, share_pct FROM main.relations
       WHERE person_id IN (SELECT person_id FROM d WHERE person_id IS NOT NULL) AND uscc <> $1 AND ${active}
       ORDER BY person_id, uscc LIMIT ${MAX_RELATION_NODES * 2})
     SELECT * FROM d UNION ALL SELECT * FROM o`,
    [uscc],
  );
  const nodes = new Map<string, RelationNode>();
  const edges: RelationEdge[] = [];
  let truncated = false;
  const addNode = (n: RelationNode) => {
    if (nodes.has(n.id)) return true;
    if (nodes.size >= MAX_RELATION_NODES) {
      truncated = true;
      return false;
    }
    nodes.set(n.id, n);
    return true;
  };
  const roleLabel = (role: string, share: number | null) =>
    `${RELATION_ROLE_LABELS[role] ?? role}${share !== null && share !== undefined ? ` ${Number(share)}%` : ''}`;
  addNode({ id: uscc, kind: 'subject', label: name, center: true, lists: [] });
  for (const r of rel) {
    const label = roleLabel(r.role, r.share_pct);
    if (r.dir === 'person') {
      // Another firm of one of the subject's people (a legal representative of a blacklisted firm, say).
      if (r.other && nodes.has(r.person_id!) && addNode({ id: r.other, kind: 'subject', label: r.other, center: false, lists: [] })) {
        edges.push({ source: r.person_id!, target: r.other, role: r.role, label });
      }
    } else if (r.person_id) {
      if (addNode({ id: r.person_id, kind: 'person', label: '自然人', center: false, lists: [] })) edges.push({ source: r.person_id, target: uscc, role: r.role, label });
    } else if (r.other && r.other !== uscc) {
      if (addNode({ id: r.other, kind: 'subject', label: r.other, center: false, lists: [] })) {
        edges.push(r.dir === 'in' ? { source: r.other, target: uscc, role: r.role, label } : { source: uscc, target: r.other, role: r.role, label });
      }
    }
  }
  // Names (persons masked unless unmasked) and black lists in force, in one statement.
  const ids = [...nodes.keys()].map(quoteLiteral).join(', ');
  const facts = await ws.all<{ k: string; id: string; v: string | null }>(
    `SELECT 'subject' AS k, uscc AS id, name AS v FROM main.subjects WHERE uscc IN (${ids})
     UNION ALL SELECT 'person', person_id, name FROM ${source('persons', unmasked)} WHERE person_id IN (${ids})
     UNION ALL SELECT DISTINCT 'list', coalesce(uscc, person_id), list_type FROM main.credit_lists
       WHERE (uscc IN (${ids}) OR person_id IN (${ids})) AND list_type IN (${BLACK_LIST_TYPES.map((t) => quoteLiteral(t)).join(', ')})
         AND in_date <= current_date AND (out_date IS NULL OR out_date > current_date)`,
  );
  for (const f of facts) {
    const node = nodes.get(f.id);
    if (!node) continue;
    if (f.k === 'subject' && !node.center && f.v) node.label = f.v;
    else if (f.k === 'person') node.label = f.v ?? '（未登记姓名）';
    else if (f.k === 'list' && f.v && !node.lists.includes(f.v)) node.lists = [...node.lists, f.v].sort();
  }
  return { nodes: [...nodes.values()], edges, truncated };
}
