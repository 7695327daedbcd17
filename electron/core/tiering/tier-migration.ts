// Migration between two tier runs (two periods): how many subjects moved from each tier to each tier, plus the
// subjects behind one cell. A subject present in only one run counts against null (新纳入 / 退出).
import type { Workspace } from '../workspace/workspace';
import { CoreError } from '../errors';
import { TIERS, type MigrationCell, type MigrationResult, type Tier } from '../../../shared/contract/tiering';
import { loadRun } from './queries';

const PAIRS = `WITH a AS (SELECT uscc, tier, grade, risk_class FROM tier_results WHERE run_id = ?),
  b AS (SELECT uscc, tier, grade, risk_class FROM tier_results WHERE run_id = ?),
  pairs AS (
    SELECT coalesce(a.uscc, b.uscc) AS uscc, a.tier AS from_tier, b.tier AS to_tier,
      a.grade AS from_grade, b.grade AS to_grade, a.risk_class AS from_risk, b.risk_class AS to_risk
    FROM a FULL OUTER JOIN b ON a.uscc = b.uscc
  )`;

export async function tierMigration(
  ws: Workspace,
  input: { fromRunId: string; toRunId: string; from?: Tier | null; to?: Tier | null; offset?: number; limit?: number },
): Promise<MigrationResult> {
  if (input.fromRunId === input.toRunId) throw new CoreError('BAD_INPUT', '请选择两次不同的分级运行进行比较。');
  const fromRun = await loadRun(ws, input.fromRunId);
  const toRun = await loadRun(ws, input.toRunId);
  const counted = await ws.all<{ from_tier: Tier | null; to_tier: Tier | null; n: number }>(
    `${PAIRS} SELECT from_tier, to_tier, count(*) AS n FROM pairs GROUP BY ALL`,
    [input.fromRunId, input.toRunId],
  );
  const cells: MigrationCell[] = [];
  const axis: (Tier | null)[] = [...TIERS, null];
  for (const f of axis) {
    for (const t of axis) {
      if (f === null && t === null) continue;
      const n = counted.find((c) => c.from_tier === f && c.to_tier === t)?.n ?? 0;
      cells.push({ from: f, to: t, subjects: n });
    }
  }
  const result: MigrationResult = {
    fromRun: { runId: fromRun.info.runId, asOf: fromRun.info.asOf },
    toRun: { runId: toRun.info.runId, asOf: toRun.info.asOf },
    cells,
  };
  if (input.from !== undefined || input.to !== undefined) {
    const cond: string[] = [];
    const params: (string | number)[] = [input.fromRunId, input.toRunId];
    for (const [col, v] of [['from_tier', input.from], ['to_tier', input.to]] as const) {
      if (v === undefined) continue;
      if (v === null) cond.push(`${col} IS NULL`);
      else {
        cond.push(`${col} = ?`);
        params.push(v);
      }
    }
    const where = cond.join(' AND ');
    const total = (await ws.scalar<number>(`${PAIRS} SELECT count(*) FROM pairs WHERE ${where}`, params)) ?? 0;
    const rows = await ws.all<NonNullable<MigrationResult['members']>['rows'][number]>(
      `${PAIRS} SELECT p.uscc, s.name, s.town, p.from_tier AS "fromTier", p.to_tier AS "toTier", p.from_grade AS "fromGrade",
         p.to_grade AS "toGrade", p.from_risk AS "fromRisk", p.to_risk AS "toRisk"
       FROM pairs p LEFT JOIN subjects s ON s.uscc = p.uscc WHERE ${where}
       ORDER BY p.uscc LIMIT ? OFFSET ?`,
      [...params, input.limit ?? 100, input.offset ?? 0],
    );
    result.members = { rows, total };
  }
  return result;
}
