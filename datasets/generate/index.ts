// Seeded synthetic district data: fills every canonical table of a freshly migrated workspace in one transaction,
// in set-based DuckDB SQL. The same (scale, seed) gives the same rows (see README for proportions and patterns).
import type { Workspace } from '../../electron/core/workspace/workspace';
import { CoreError } from '../../electron/core/errors';
import { CANONICAL_TABLES } from '../../shared/domain/tables';
import { computeSizes, type GenContext } from './context';
import { randomMacrosSql } from './random';
import { createLookups } from './lookups';
import { generateDepartments } from './departments';
import { insertPersons, stagePersons } from './persons';
import { insertSubjects, stageClusters, stageSubjects } from './subjects';
import { insertPenalties, stagePenalties } from './penalties';
import { generateRelations } from './relations';
import { generateLicenses } from './licenses';
import { generateRepairs } from './repairs';
import { generateCommitments } from './commitments';
import { generateObligations } from './obligations';
import { generateCreditLists } from './credit-lists';
import { generateComplaints, generateInspections, generateRiskClasses } from './supervision';
import { generateIndustryRatings } from './ratings';
import { generateFinancing } from './financing';

export interface GenerateOptions {
  scale: number;
  seed: number;
}

export interface GenerateHooks {
  signal?: AbortSignal;
  onProgress?: (phase: string, done: number, total: number) => void;
}

interface Step {
  phase: string;
  run: (ctx: GenContext) => Promise<void>;
}

/** Steps in dependency order; each phase name is what the progress bar shows. */
const STEPS: Step[] = [
  { phase: '准备词表', run: async (ctx) => { await ctx.conn.run(randomMacrosSql(ctx.seed)); await createLookups(ctx); } },
  { phase: '部门', run: generateDepartments },
  { phase: '自然人（编码）', run: stagePersons },
  { phase: '主体（编码）', run: async (ctx) => stageSubjects(ctx, await stageClusters(ctx)) },
  { phase: '行政处罚', run: async (ctx) => { await stagePenalties(ctx); await insertPenalties(ctx); } },
  { phase: '主体', run: insertSubjects },
  { phase: '自然人', run: insertPersons },
  { phase: '关联关系', run: generateRelations },
  { phase: '行政许可', run: generateLicenses },
  { phase: '信用修复', run: generateRepairs },
  { phase: '信用承诺', run: generateCommitments },
  { phase: '履约', run: generateObligations },
  { phase: '名单', run: generateCreditLists },
  { phase: '检查', run: generateInspections },
  { phase: '投诉举报', run: generateComplaints },
  { phase: '行业评价', run: generateIndustryRatings },
  { phase: '市场监管风险分类', run: generateRiskClasses },
  { phase: '信易贷融资', run: generateFinancing },
];

const TEMP_TABLES = [
  'gen_ind_slot', 'gen_kind', 'gen_town', 'gen_town_slot', 'gen_cluster_town_slot', 'gen_dept', 'gen_domain', 'gen_viol_slot',
  'gen_license_kind', 'gen_key_occ', 'gen_persons', 'gen_clusters', 'gen_subjects', 'gen_penalty_kind', 'gen_sector_license',
  'gen_penalties', 'gen_key_employer', 'gen_repairs', 'gen_tracked', 'gen_tax_grade',
];

export async function generateDemo(ws: Workspace, options: GenerateOptions, hooks: GenerateHooks = {}): Promise<void> {
  const { scale, seed } = options;
  if (!Number.isInteger(scale) || scale < 1 || scale > 10_000_000) {
    throw new CoreError('BAD_INPUT', `规模须为 1 至 10,000,000 之间的整数（当前 ${scale}）。`);
  }
  if (!Number.isSafeInteger(seed)) throw new CoreError('BAD_INPUT', `随机种子须为整数（当前 ${seed}）。`);
  await assertEmpty(ws);
  const total = STEPS.length + 1;
  await withMemoryCap(ws, () => ws.transaction(async (conn) => {
    const ctx: GenContext = { conn, seed, sizes: computeSizes(scale) };
    for (const [done, step] of STEPS.entries()) {
      if (hooks.signal?.aborted) throw CoreError.cancelled();
      hooks.onProgress?.(step.phase, done, total);
      await step.run(ctx);
    }
    if (hooks.signal?.aborted) throw CoreError.cancelled();
    hooks.onProgress?.('清理', STEPS.length, total);
    // Temp tables die with the connection anyway; dropping them frees memory before COMMIT.
    for (const t of TEMP_TABLES) await conn.run(`DROP TABLE IF EXISTS temp.${t}`);
  }, hooks.signal));
  hooks.onProgress?.('完成', total, total);
}

/** Demo rows go into an empty workspace only: mixing them with imported data would corrupt both. */
async function assertEmpty(ws: Workspace): Promise<void> {
  const counts = await ws.all<{ name: string; n: number }>(
    CANONICAL_TABLES.map((t) => `SELECT '${t.name}' AS name, count(*) AS n FROM main."${t.name}"`).join(' UNION ALL '),
  );
  const filled = counts.filter((c) => Number(c.n) > 0).map((c) => c.name);
  if (filled.length) {
    throw new CoreError('CONFLICT', `工作区已有数据（${filled.join('、')}），示例数据只能生成到新建的空工作区。`);
  }
}

/**
 * DuckDB fills its buffer pool up to memory_limit (half the RAM by default) before spilling; generation at a
 * million subjects runs fine in 2 GiB (peak RSS ≈ 2.4 GB), so the limit is lowered while it runs and restored after.
 */
const GENERATION_MEMORY_LIMIT_GIB = 2;

async function withMemoryCap<T>(ws: Workspace, fn: () => Promise<T>): Promise<T> {
  const before = String(await ws.scalar(`SELECT current_setting('memory_limit')`));
  const lower = (parseGiB(before) ?? Infinity) > GENERATION_MEMORY_LIMIT_GIB;
  if (lower) await ws.run(`SET memory_limit = '${GENERATION_MEMORY_LIMIT_GIB}GiB'`);
  try {
    return await fn();
  } finally {
    if (lower && !ws.isClosed) await ws.run(`SET memory_limit = '${before.replaceAll("'", "")}'`).catch(() => undefined);
  }
}

/** '10.2 GiB' / '512.0 MiB' / '4GB' → GiB; undefined when unreadable. */
function parseGiB(setting: string): number | undefined {
  const m = /^\s*([\d.]+)\s*([KMGT]i?B)\s*$/i.exec(setting);
  if (!m) return undefined;
  const unit = m[2]!.toUpperCase();
  const power = { K: 1, M: 2, G: 3, T: 4 }[unit[0] as 'K' | 'M' | 'G' | 'T'];
  const base = unit.includes('I') ? 1024 : 1000;
  return (Number(m[1]) * base ** power) / 1024 ** 3;
}
