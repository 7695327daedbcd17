// Saved runs: their record, the exact models they used (from eval_model_files), and group distributions.
import type { Conn, Workspace } from '../workspace';
import { CoreError } from '../errors';
import { EVAL_GROUP_SQL, type EvalRunInfo, type GroupDistribution, type MigrationMatrix } from '../../../shared/contract/evaluate';
import { parseModelText, sortModels, type LoadedModel } from './model';

type Db = Workspace | Conn;

interface RunRow {
  run_id: string;
  created_at: string;
  as_of: string;
  models: string;
  data_fingerprint: string | null;
  subjects: number;
  grades: string | null;
  timings: string | null;
  operator: string | null;
  note: string | null;
}

const RUN_COLUMNS = `run_id, strftime(created_at, '%Y-%m-%d %H:%M:%S') AS created_at, as_of, models::VARCHAR AS models,
  data_fingerprint, subjects, grades::VARCHAR AS grades, timings::VARCHAR AS timings, operator, note`;

function toInfo(r: RunRow): EvalRunInfo {
  return {
    runId: r.run_id,
    createdAt: r.created_at,
    asOf: r.as_of,
    models: JSON.parse(r.models),
    dataFingerprint: r.data_fingerprint,
    subjects: Number(r.subjects ?? 0),
    grades: r.grades ? JSON.parse(r.grades) : { A: 0, B: 0, C: 0, D: 0 },
    timings: r.timings ? JSON.parse(r.timings) : {},
    operator: r.operator,
    note: r.note,
  };
}

export async function listRuns(db: Db, limit = 100): Promise<EvalRunInfo[]> {
  const rows = await db.all<RunRow>(`SELECT ${RUN_COLUMNS} FROM eval_runs ORDER BY created_at DESC, run_id DESC LIMIT ${Math.floor(limit)}`);
  return rows.map(toInfo);
}

export async function getRun(db: Db, runId: string): Promise<EvalRunInfo> {
  const row = await db.one<RunRow>(`SELECT ${RUN_COLUMNS} FROM eval_runs WHERE run_id = ?`, [runId]);
  if (!row) throw new CoreError('NOT_FOUND', `找不到评价记录 ${runId}：它可能已被删除，请在“历次评价”中重新选择。`);
  return toInfo(row);
}

/** The models of a run exactly as they were (text stored by hash), comprehensive first. */
export async function runModels(db: Db, run: EvalRunInfo): Promise<LoadedModel[]> {
  const out: LoadedModel[] = [];
  for (const ref of run.models) {
    const row = await db.one<{ content: string; origin: string }>(`SELECT content, origin FROM eval_model_files WHERE sha256 = ?`, [ref.sha256]);
    if (!row) throw new CoreError('NOT_FOUND', `评价 ${run.runId} 使用的模型 ${ref.id}（${ref.sha256.slice(0, 12)}）未留存，无法复现。`);
    out.push({ spec: parseModelText(row.content, ref.id), sha256: ref.sha256, text: row.content, origin: row.origin ?? ref.origin });
  }
  return sortModels(out);
}

export const NO_GRADE = '未评价';
export const MATRIX_LABELS = ['A', 'B', 'C', 'D', NO_GRADE];

/** Grade counts per group over a score relation with columns grade, final_score and the group column. */
export async function distribution(db: Db, relation: string, groupExpr: string, top?: number): Promise<GroupDistribution[]> {
  const rows = await db.all<GroupDistribution & { key: string }>(
    `SELECT ${groupExpr} AS key,
       count(*) FILTER (WHERE grade = 'A')::BIGINT AS "A", count(*) FILTER (WHERE grade = 'B')::BIGINT AS "B",
       count(*) FILTER (WHERE grade = 'C')::BIGINT AS "C", count(*) FILTER (WHERE grade = 'D')::BIGINT AS "D",
       count(*)::BIGINT AS total, round(avg(final_score), 2)::DOUBLE AS "avgScore"
     FROM ${relation} GROUP BY 1 ORDER BY total DESC, key`,
  );
  const list = rows.map((r) => ({ key: r.key, A: +r.A, B: +r.B, C: +r.C, D: +r.D, total: +r.total, avgScore: r.avgScore === null ? null : +r.avgScore }));
  if (!top || list.length <= top) return list;
  const head = list.slice(0, top);
  const rest = list.slice(top);
  const sum = (k: 'A' | 'B' | 'C' | 'D' | 'total') => rest.reduce((n, r) => n + r[k], 0);
  const weighted = rest.reduce((n, r) => n + (r.avgScore ?? 0) * r.total, 0);
  head.push({ key: `其他行业（${rest.length} 个）`, A: sum('A'), B: sum('B'), C: sum('C'), D: sum('D'), total: sum('total'), avgScore: Math.round((weighted / sum('total')) * 100) / 100 });
  return head;
}

// Shared with the result list in the renderer, which filters on the same labels the distributions show.
export const TOWN_KEY = EVAL_GROUP_SQL.town;
export const INDUSTRY_KEY = EVAL_GROUP_SQL.industry;

/** Migration between two (uscc, grade) relations: rows = grade in `from`, columns = grade in `to`. */
export async function migrationMatrix(db: Db, from: string, to: string): Promise<MigrationMatrix> {
  const rows = await db.all<{ f: string; t: string; n: number }>(
    `SELECT coalesce(a.grade, '${NO_GRADE}') AS f, coalesce(b.grade, '${NO_GRADE}') AS t, count(*)::BIGINT AS n
     FROM (${from}) a FULL OUTER JOIN (${to}) b ON a.uscc = b.uscc GROUP BY ALL`,
  );
  const matrix = MATRIX_LABELS.map(() => MATRIX_LABELS.map(() => 0));
  let total = 0;
  let unchanged = 0;
  let upgraded = 0;
  let downgraded = 0;
  for (const r of rows) {
    const i = MATRIX_LABELS.indexOf(r.f);
    const j = MATRIX_LABELS.indexOf(r.t);
    const n = Number(r.n);
    matrix[i]![j]! += n;
    total += n;
    if (i === j) unchanged += n;
    else if (i < 4 && j < 4) {
      if (j < i) upgraded += n;
      else downgraded += n;
    }
  }
  return { labels: MATRIX_LABELS, matrix, total, unchanged, upgraded, downgraded };
}
