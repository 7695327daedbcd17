// Benchmark of a full evaluation (comprehensive + dental) on a large workspace: seconds, subjects/s, share of time
// per indicator, peak RSS, and the engine's own statements replayed on a bare DuckDB connection for the ratio. `npm run bench` calls benchEvaluate(wsPath); by hand:
//   npx tsx tests/bench/evaluate.bench.ts <ws.duckdb> [--as-of YYYY-MM-DD]
//   npx tsx tests/bench/evaluate.bench.ts --synthetic 1000000 /tmp/eval-bench.duckdb   (builds a plain SQL district
//   first, for when the demo generator is not at hand; its shape is a guess, not the generator's)
import fs from 'node:fs';
import os from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';
import { Conn, openWorkspace, type SqlParam } from '../../electron/core/workspace';
import { runEvaluation } from '../../electron/core/evaluate/run';
import { DATA_END } from '../../datasets/generate/context';

export interface EvaluateBenchResult {
  subjects: number;
  seconds: number;
  subjectsPerSecond: number;
  /** CPU time of this process (user + system, all threads) during the run: on an idle 2-core machine the wall time lies between cpuSeconds / 2 and cpuSeconds. */
  cpuSeconds: number;
  /** Highest RSS sampled (every 50 ms) while the evaluation ran. */
  peakRssMB: number;
  /** VmHWM: the process's peak so far (includes whatever ran before in the same process, e.g. the generator). */
  processPeakRssMB: number | null;
  rawSeconds: number | null;
  grades: Record<string, number>;
  topSteps: { step: string; ms: number; share: number }[];
}

function vmHwmMB(): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

export async function benchEvaluate(wsPath: string, options: { asOf?: string; raw?: boolean } = {}): Promise<EvaluateBenchResult> {
  const asOf = options.asOf ?? DATA_END;
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const ws = await openWorkspace(wsPath);
  let result;
  try {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const recorded = await recording(() => runEvaluation(ws, { asOf, operator: 'bench', note: 'benchmark' }));
    result = recorded.value;
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const processPeakRssMB = vmHwmMB();
    const peakRssMB = Math.round(peak / 1024 / 1024);
    const total = Object.values(result.timings).reduce((a, b) => a + b, 0);
    const steps = Object.entries(result.timings)
      .map(([step, ms]) => ({ step, ms, share: ms / total }))
      .sort((a, b) => b.ms - a.ms);
    ws.close();
    const rawSeconds = options.raw === false ? null : await replayBare(wsPath, recorded.statements, result.runId);
    const out: EvaluateBenchResult = {
      subjects: result.subjects,
      seconds,
      subjectsPerSecond: Math.round(result.subjects / seconds),
      cpuSeconds,
      peakRssMB,
      processPeakRssMB,
      rawSeconds,
      grades: { ...result.grades },
      topSteps: steps,
    };
    print(out);
    return out;
  } finally {
    clearInterval(sampler);
    if (!ws.isClosed) ws.close();
  }
}

interface Recorded {
  sql: string;
  params?: SqlParam[];
}

/** Records every statement the engine runs on its connection (not the read-only checks or the fingerprint). */
async function recording<T>(fn: () => Promise<T>): Promise<{ value: T; statements: Recorded[] }> {
  const statements: Recorded[] = [];
  const original = Conn.prototype.run;
  Conn.prototype.run = async function (this: Conn, sql: string, params?: SqlParam[]) {
    statements.push({ sql, params });
    return original.call(this, sql, params);
  };
  try {
    return { value: await fn(), statements };
  } finally {
    Conn.prototype.run = original;
  }
}

/**
 * The engine's own statements replayed on a bare DuckDB connection (same transaction, scores and inserts, under a
 * fresh run id that is deleted afterwards): what remains of our time beyond it is orchestration — model checks,
 * the data fingerprint, progress.
 */
async function replayBare(wsPath: string, statements: Recorded[], runId: string): Promise<number> {
  const rawId = `${runId}-raw`;
  const swap = (x: SqlParam | undefined) => (typeof x === 'string' ? x.split(runId).join(rawId) : x);
  const instance = await DuckDBInstance.create(wsPath);
  const conn = await instance.connect();
  try {
    const t0 = performance.now();
    for (const st of statements) {
      const sql = st.sql.split(runId).join(rawId);
      if (st.params?.length) await conn.run(sql, st.params.map(swap) as never);
      else await conn.run(sql);
    }
    const seconds = (performance.now() - t0) / 1000;
    for (const t of ['eval_contributions', 'eval_scores', 'eval_runs']) await conn.run(`DELETE FROM ${t} WHERE run_id = '${rawId}'`);
    return seconds;
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

function print(r: EvaluateBenchResult): void {
  const lines = [
    `\n## evaluate (comprehensive + dental): ${r.subjects.toLocaleString()} subjects in ${r.seconds.toFixed(2)} s (${r.subjectsPerSecond.toLocaleString()} subjects/s; target ≤ 30 s)`,
    `  CPU ${r.cpuSeconds.toFixed(1)} s (user + system, all threads; load average now ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores)`,
    `  peak RSS during the run ${r.peakRssMB} MB (target ≤ 4096)${r.processPeakRssMB !== null ? `, process peak so far ${r.processPeakRssMB} MB` : ''}`,
    `  grades ${JSON.stringify(r.grades)}`,
    r.rawSeconds !== null ? `  bare DuckDB replaying the engine's statements: ${r.rawSeconds.toFixed(2)} s → ratio ${(r.seconds / r.rawSeconds).toFixed(2)} (the rest: model checks, data fingerprint, progress)` : '',
    '  time per step (largest first):',
    ...r.topSteps.map((s) => `    ${s.step.padEnd(32)} ${String(s.ms).padStart(7)} ms  ${(s.share * 100).toFixed(1).padStart(5)}%`),
  ].filter(Boolean);
  console.log(lines.join('\n'));
}

/** A plain-SQL district for measuring before the demo generator exists (rough shape, deterministic). */
export async function buildSyntheticWorkspace(file: string, n: number): Promise<void> {
  const ws = await openWorkspace(file, { create: true });
  const towns = `['南桥镇','奉城镇','庄行镇','金汇镇','四团镇','青村镇','柘林镇','海湾镇','西渡街道','奉浦街道','金海街道','海湾旅游区','奉贤经济开发区']`;
  const r = (salt: number, expr = 'i') => `(hash(${expr}, ${salt}) % 1000000)::INTEGER`;
  try {
    await ws.run(`
INSERT INTO subjects (uscc, name, subject_kind, industry_code, industry_name, town, address, legal_rep_person_id, established_date, registered_capital_wan, status)
SELECT printf('91310120%010d', i), '主体' || i, '法人及非法人组织',
  CASE WHEN ${r(1)} < 5000 THEN '8425' ELSE lpad((${r(2)} % 90 + 10)::VARCHAR, 2, '0') || '11' END,
  CASE WHEN ${r(1)} < 5000 THEN '口腔医疗' ELSE '行业' || (${r(2)} % 90 + 10) END,
  ${towns}[${r(3)} % 13 + 1], '地址' || i, CASE WHEN ${r(4)} < 980000 THEN 'P' || (${r(5)} % ${Math.max(1, Math.floor(n * 0.8))}) END,
  DATE '1995-01-01' + (${r(6)} % 11400), (${r(7)} % 5000)::DECIMAL(18,4),
  CASE WHEN ${r(8)} < 900000 THEN '存续' WHEN ${r(8)} < 970000 THEN '注销' ELSE '吊销' END
FROM range(${n}) t(i);
INSERT INTO penalties (decision_no, uscc, subject_name, penalty_types, fine_wan, confiscated_wan, decision_date, authority, source_dept)
SELECT 'CF' || j, printf('91310120%010d', ${r(11, 'j')} % ${n}), 'x',
  CASE WHEN ${r(12, 'j')} < 600000 THEN '警告' WHEN ${r(12, 'j')} < 970000 THEN '罚款' ELSE '吊销许可证' END,
  (${r(13, 'j')} % 2000) / 100.0, CASE WHEN ${r(14, 'j')} < 100000 THEN 1.5 ELSE 0 END,
  DATE '2020-01-01' + (${r(15, 'j')} % 2400),
  CASE WHEN ${r(16, 'j')} < 100000 THEN '奉贤区卫生健康委员会' ELSE '奉贤区市场监督管理局' END, '区市场监管局'
FROM range(${Math.round(n * 0.3)}) t(j);
INSERT INTO licenses (decision_no, uscc, subject_name, license_name, decision_date, valid_from_date, valid_to_date, authority, status)
SELECT 'XK' || j, printf('91310120%010d', ${r(21, 'j')} % ${n}), 'x',
  CASE WHEN ${r(22, 'j')} < 10000 THEN '医疗机构执业许可证' ELSE '食品经营许可证' END,
  DATE '2019-01-01' + (${r(23, 'j')} % 2500), DATE '2019-01-01' + (${r(23, 'j')} % 2500), DATE '2021-01-01' + (${r(24, 'j')} % 3000),
  '审批局', CASE WHEN ${r(25, 'j')} < 950000 THEN '有效' ELSE '注销' END
FROM range(${Math.round(n * 0.8)}) t(j);
INSERT INTO inspections (inspection_id, uscc, dept, inspection_date, result, random_draw)
SELECT 'JC' || j, printf('91310120%010d', ${r(31, 'j')} % ${n}), '区市场监管局', DATE '2022-01-01' + (${r(32, 'j')} % 1600),
  CASE WHEN ${r(33, 'j')} < 900000 THEN '合格' ELSE '不合格' END, ${r(34, 'j')} < 500000
FROM range(${Math.round(n * 0.6)}) t(j);
INSERT INTO credit_lists (list_type, uscc, in_date, out_date)
SELECT ['严重失信主体名单','经营异常名录','失信被执行人','红名单','A级纳税人','AEO高级认证','专精特新','表彰'][${r(41, 'j')} % 8 + 1],
  printf('91310120%010d', ${r(42, 'j')} % ${n}), DATE '2019-01-01' + (${r(43, 'j')} % 2500),
  CASE WHEN ${r(44, 'j')} < 500000 THEN DATE '2023-01-01' + (${r(45, 'j')} % 1400) END
FROM range(${Math.round(n * 0.15)}) t(j);
INSERT INTO commitments (commitment_id, uscc, commitment_type, made_date, term_end_date, status, broken_date)
SELECT 'CN' || j, printf('91310120%010d', ${r(51, 'j')} % ${n}), '主动公示型', DATE '2022-01-01' + (${r(52, 'j')} % 1600),
  DATE '2024-01-01' + (${r(52, 'j')} % 1600),
  CASE WHEN ${r(53, 'j')} < 850000 THEN 'kept' WHEN ${r(53, 'j')} < 950000 THEN 'pending' ELSE 'broken' END,
  CASE WHEN ${r(53, 'j')} >= 950000 THEN DATE '2023-01-01' + (${r(54, 'j')} % 1200) END
FROM range(${Math.round(n * 0.4)}) t(j);
INSERT INTO obligations (uscc, kind, period, due_wan, paid_wan, arrears_wan, tax_grade)
SELECT printf('91310120%010d', s), k, DATE '2024-04-01' + INTERVAL (m) MONTH, 10, 10 - a, a,
  CASE WHEN k = 'tax' AND m % 12 = 11 THEN ['A','B','M','C','D'][${r(61, 's')} % 5 + 1] END
FROM (SELECT i AS s FROM range(${n}) t(i) WHERE ${r(60)} < 400000) subj,
     (SELECT unnest(['tax','social_insurance']) AS k) kinds,
     range(24) mm(m),
     LATERAL (SELECT CASE WHEN ${r(62, 's * 1000 + m')} < 20000 THEN 2.5 ELSE 0 END AS a) x;
INSERT INTO complaints (complaint_id, uscc, received_date, category, substantiated, dept)
SELECT 'TS' || j, printf('91310120%010d', ${r(71, 'j')} % ${n}), DATE '2024-01-01' + (${r(72, 'j')} % 900), '服务', ${r(73, 'j')} < 300000, '12345'
FROM range(${Math.round(n * 0.05)}) t(j);
INSERT INTO industry_ratings (uscc, industry, period, rating, rated_date, dept)
SELECT uscc, '口腔医疗', '2025', ['A','B','C','D'][${r(81, 'uscc')} % 4 + 1], DATE '2025-06-30', '区卫健委'
FROM subjects WHERE industry_name = '口腔医疗';`);
    await ws.checkpoint();
  } finally {
    ws.close();
  }
}

if (process.argv[1] && /evaluate\.bench\.ts$/.test(process.argv[1])) {
  const args = process.argv.slice(2);
  const asOfIdx = args.indexOf('--as-of');
  const asOf = asOfIdx >= 0 ? args[asOfIdx + 1] : undefined;
  const synIdx = args.indexOf('--synthetic');
  const main = async () => {
    let file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--as-of' && args[i - 1] !== '--synthetic');
    if (synIdx >= 0) {
      const n = Number(args[synIdx + 1]);
      file ??= `/tmp/eval-bench-${n}.duckdb`;
      if (!fs.existsSync(file)) {
        const t0 = performance.now();
        await buildSyntheticWorkspace(file, n);
        console.log(`synthetic workspace ${file}: ${n.toLocaleString()} subjects built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      }
    }
    if (!file) throw new Error('usage: npx tsx tests/bench/evaluate.bench.ts <ws.duckdb> [--as-of YYYY-MM-DD] | --synthetic N [file]');
    await benchEvaluate(file, { asOf });
  };
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
