// 双随机 sampling: for a sector and a number of inspections, a reproducible random sample following the matrix's
// sampling shares.
//
// Allocation (pure, in allocateSample): each matrix cell (credit grade × risk class) weighs share% × the number of
// eligible subjects in it, i.e. the inspections the matrix's shares would call for. The requested total is split
// in proportion to the weights; a cell never gets more than its subjects (the excess is split again among the
// others, in proportion), and cells with share 0 get none. Rounding uses the largest remainder: every cell gets
// the floor of its exact quota, then the leftover inspections go one by one to the largest fractional parts
// (ties: higher share first, then matrix order A→D grade, A→D risk). If the total exceeds every drawable subject,
// all drawable subjects are taken.
//
// Selection (SQL): within a cell, subjects are ordered by md5(seed || ':' || uscc) ascending and the first
// quota are drawn — anyone can recompute the order from the seed printed on the export. Eligible subjects: those
// of the tier run that match the sector filter and are not 注销/吊销.
import crypto from 'node:crypto';
import type { Workspace } from '../workspace/workspace';
import { GRADES, RISK_CLASSES, type Grade, type RiskClass } from '../../../shared/domain/enums';
import { TIERS, type SampleAllocation, type SampleInput, type SampleResult, type SampleRow, type SectorFilter, type Tier, type TierMatrix } from '../../../shared/contract/tiering';
import { loadRun, type LoadedRun } from './queries';
import { sqlString } from './template';

export const SAMPLE_METHOD =
  '分配：各单元格（信用等级×风险类别）权重 = 抽查比例 × 符合条件的主体数，抽查总数按权重比例分配；超出单元格主体数的部分按比例再分给其他单元格；' +
  '取整用最大余数法（余数相同时抽查比例高者优先，再按矩阵顺序）；抽查比例为 0 的单元格不抽取。' +
  "抽取：单元格内按 md5(随机种子 + ':' + 统一社会信用代码) 升序取前 N 个，凭同一种子可复核。已注销、吊销的主体不参与抽取。";

export interface CellPopulation {
  grade: Grade;
  risk: RiskClass;
  tier: Tier;
  share: number;
  population: number;
}

/** Splits `total` inspections over the cells (see the module comment). Pure: unit-tested by hand. */
export function allocateSample(cells: CellPopulation[], total: number): SampleAllocation[] {
  const capacity = cells.map((c) => (c.share > 0 ? c.population : 0));
  const weight = cells.map((c, i) => (capacity[i]! > 0 ? (c.share / 100) * c.population : 0));
  const quotas = cells.map(() => 0);
  const exact = cells.map(() => 0);
  let remaining = Math.min(total, capacity.reduce((a, b) => a + b, 0));
  const active = new Set(cells.map((_, i) => i).filter((i) => weight[i]! > 0));
  // Fix cells whose proportional quota exceeds their population, then share the rest among the others.
  for (;;) {
    const w = [...active].reduce((a, i) => a + weight[i]!, 0);
    if (w <= 0 || remaining <= 0) break;
    const over = [...active].filter((i) => (remaining * weight[i]!) / w >= capacity[i]!);
    if (!over.length) {
      for (const i of active) exact[i] = (remaining * weight[i]!) / w;
      break;
    }
    for (const i of over) {
      exact[i] = capacity[i]!;
      remaining -= capacity[i]!;
      active.delete(i);
    }
  }
  for (let i = 0; i < cells.length; i++) quotas[i] = Math.floor(exact[i]! + 1e-9);
  const target = Math.min(total, capacity.reduce((a, b) => a + b, 0));
  let leftover = target - quotas.reduce((a, b) => a + b, 0);
  const order = cells
    .map((c, i) => ({ i, frac: exact[i]! - quotas[i]!, share: c.share }))
    .filter((x) => x.frac > 1e-9 && quotas[x.i]! < capacity[x.i]!)
    .sort((a, b) => b.frac - a.frac || b.share - a.share || a.i - b.i);
  for (const x of order) {
    if (leftover <= 0) break;
    quotas[x.i]! += 1;
    leftover--;
  }
  return cells.map((c, i) => ({ grade: c.grade, risk: c.risk, tier: c.tier, share: c.share, population: c.population, quota: quotas[i]! }));
}

export function sectorWhere(sector: SectorFilter | undefined): { sql: string; params: string[] } {
  const parts = [`coalesce(s.status, '') NOT IN ('注销', '吊销')`];
  const params: string[] = [];
  if (sector?.codePrefix) {
    const p = sector.codePrefix.toUpperCase();
    // A letter prefix matches the whole code (C27…); a digit prefix matches the numeric part (27… in C2710 or 2710).
    if (/^[A-Z]/.test(p)) parts.push(`starts_with(upper(coalesce(s.industry_code, '')), ?)`);
    else parts.push(`starts_with(regexp_replace(upper(coalesce(s.industry_code, '')), '^[A-Z]+', ''), ?)`);
    params.push(p);
  }
  if (sector?.nameContains) {
    parts.push(`contains(coalesce(s.industry_name, ''), ?)`);
    params.push(sector.nameContains);
  }
  if (sector?.featured) {
    parts.push(`s.featured_industry = ?`);
    params.push(sector.featured);
  }
  if (sector?.town) {
    parts.push(`s.town = ?`);
    params.push(sector.town);
  }
  return { sql: parts.join(' AND '), params };
}

function cellsOf(matrix: TierMatrix, counts: { grade: string; risk: string; n: number }[]): CellPopulation[] {
  const out: CellPopulation[] = [];
  for (const g of GRADES) {
    for (const r of RISK_CLASSES) {
      const c = matrix.cells[g][r];
      out.push({ grade: g, risk: r, tier: c.tier, share: c.share, population: counts.find((x) => x.grade === g && x.risk === r)?.n ?? 0 });
    }
  }
  return out;
}

export function randomSeed(): string {
  return String(crypto.randomInt(100_000_000, 1_000_000_000));
}

export async function drawSample(ws: Workspace, input: SampleInput): Promise<SampleResult & { run: LoadedRun }> {
  const run = await loadRun(ws, input.runId);
  const seed = input.seed === undefined ? randomSeed() : String(input.seed);
  const filter = sectorWhere(input.sector);
  const from = `tier_results t LEFT JOIN subjects s ON s.uscc = t.uscc WHERE t.run_id = ? AND ${filter.sql}`;
  const params = [run.info.runId, ...filter.params];
  const counts = await ws.all<{ grade: string; risk: string; n: number }>(
    `SELECT t.grade, t.risk_class AS risk, count(*) AS n FROM ${from} GROUP BY ALL`,
    params,
  );
  const allocation = allocateSample(cellsOf(run.matrix, counts), input.total);
  const quotas = allocation.filter((a) => a.quota > 0);
  let rows: SampleRow[] = [];
  if (quotas.length) {
    const values = quotas.map((a) => `(${sqlString(a.grade)}, ${sqlString(a.risk)}, ${a.quota})`).join(', ');
    rows = await ws.all<SampleRow>(
      `WITH q(grade, risk, quota) AS (VALUES ${values}),
       pop AS (
         -- only cells that draw anything are hashed and ranked
         SELECT t.uscc, t.grade, t.risk_class, t.tier, s.name, s.town, s.industry_code, s.industry_name,
           md5(? || ':' || t.uscc) AS draw_key
         FROM ${from} AND (t.grade, t.risk_class) IN (SELECT (grade, risk) FROM q)
       ), ranked AS (
         SELECT *, row_number() OVER (PARTITION BY grade, risk_class ORDER BY draw_key, uscc) AS rn FROM pop
       )
       SELECT r.tier, r.grade, r.risk_class AS "riskClass", r.rn AS "drawOrder", r.uscc, r.name, r.town,
         r.industry_code AS "industryCode", r.industry_name AS "industryName", r.draw_key AS "drawKey"
       FROM ranked r JOIN q ON q.grade = r.grade AND q.risk = r.risk_class AND r.rn <= q.quota
       ORDER BY list_position([${TIERS.map(sqlString).join(', ')}], r.tier) DESC, r.grade DESC, r.risk_class DESC, r.rn`,
      [seed, ...params],
    );
  }
  const byTier = Object.fromEntries(TIERS.map((t) => [t, { population: 0, quota: 0 }])) as SampleResult['byTier'];
  for (const a of allocation) {
    byTier[a.tier].population += a.population;
    byTier[a.tier].quota += a.quota;
  }
  return { run, runId: run.info.runId, seed, requested: input.total, drawn: rows.length, method: SAMPLE_METHOD, allocation, byTier, rows };
}
