// Benchmark of a tier run (risk classes + matrix + every warning rule) on a large workspace, plus the reads the
// 风险分级 page makes. `npm run bench` calls benchTiering(wsPath) on the lead's workspace (with an evaluation run).
// By hand:
//   npx tsx tests/bench/tiering.bench.ts <ws.duckdb>
//   npx tsx tests/bench/tiering.bench.ts --synthetic 1000000 [/tmp/tier-bench.duckdb]   (plain-SQL district with an
//   evaluation run inserted directly, for when the generator / evaluation are not at hand; its shape is a guess)
import fs from 'node:fs';
import os from 'node:os';
import { openWorkspace, type Workspace } from '../../electron/core/workspace';
import { runTiering } from '../../electron/core/tiering/run';
import { tierSummary, tierList, warningsList } from '../../electron/core/tiering/queries';
import { drawSample } from '../../electron/core/tiering/sampling';
import { tierMigration } from '../../electron/core/tiering/tier-migration';
import { fmtMs, peakRssMb, printTable, time, type BenchRow } from './util';

export async function benchTiering(wsPath: string): Promise<{ seconds: number; subjects: number; warnings: number }> {
  const ws = await openWorkspace(wsPath);
  try {
    const rows: BenchRow[] = [];
    const evalRuns = (await ws.scalar<number>(`SELECT count(*) FROM eval_runs`)) ?? 0;
    if (!evalRuns) {
      const t = await time(() => insertSyntheticEvaluation(ws));
      rows.push({ bench: 'no evaluation run: synthetic grades inserted', ours: fmtMs(t.ms), note: 'not part of the tier run' });
    }
    // CPU time beside wall time: on a shared machine the wall clock mostly measures the neighbours.
    const cpu0 = process.cpuUsage();
    const run = await time(() => runTiering(ws, { operator: 'bench' }));
    const cpu = process.cpuUsage(cpu0);
    const r = run.value;
    rows.push({
      bench: `tier run: ${r.subjects.toLocaleString()} subjects, ${r.warnings.toLocaleString()} warnings`,
      ours: fmtMs(run.ms),
      raw: `cpu ${fmtMs((cpu.user + cpu.system) / 1000)}`,
      target: '≤ 10 s',
      note: `risk imported ${r.riskSources.imported.toLocaleString()} / model ${r.riskSources.model.toLocaleString()}; tiers ${JSON.stringify(r.tiers)}`,
    });
    for (const [phase, ms] of Object.entries(r.timings).sort((a, b) => b[1] - a[1])) {
      const hits = phase.startsWith('warning:') ? r.warningsByRule[phase.slice('warning:'.length)] : undefined;
      rows.push({ bench: `  ${phase}`, ours: fmtMs(ms), note: hits !== undefined ? `${hits.toLocaleString()} hits` : '' });
    }
    const summary = await time(() => tierSummary(ws, r.runId));
    rows.push({ bench: 'summary (heat map, town/industry distribution, warnings by rule)', ours: fmtMs(summary.ms) });
    const list = await time(() => tierList(ws, r.runId, { kind: 'key' }, { offset: 1000, limit: 100 }));
    rows.push({ bench: '重点监管 list page (100 rows at offset 1000)', ours: fmtMs(list.ms), note: `${list.value.total.toLocaleString()} rows in list` });
    const warn = await time(() => warningsList(ws, { runId: r.runId, state: 'open' }, { offset: 0, limit: 100 }));
    rows.push({ bench: 'open warnings page (100 rows)', ours: fmtMs(warn.ms), note: `${warn.value.total.toLocaleString()} open` });
    const sample = await time(() => drawSample(ws, { runId: r.runId, total: 2000, seed: 'bench' }));
    rows.push({ bench: '双随机 sample of 2,000', ours: fmtMs(sample.ms), note: `${sample.value.drawn} drawn` });
    const prev = await ws.one<{ run_id: string }>(`SELECT run_id FROM tier_runs WHERE run_id <> ? ORDER BY created_at DESC LIMIT 1`, [r.runId]);
    if (prev) {
      const mig = await time(() => tierMigration(ws, { fromRunId: prev.run_id, toRunId: r.runId }));
      rows.push({ bench: 'migration matrix vs previous run', ours: fmtMs(mig.ms) });
    }
    rows.push({ bench: 'peak RSS', ours: `${peakRssMb()} MB`, note: `load average ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')} on ${os.cpus().length} cores` });
    printTable('tiering (信用+风险 分级分类 + 预警)', rows);
    return { seconds: run.ms / 1000, subjects: r.subjects, warnings: r.warnings };
  } finally {
    ws.close();
  }
}

/** An evaluation run with hash-derived grades over every 存续 subject (only when the workspace has none). */
async function insertSyntheticEvaluation(ws: Workspace): Promise<void> {
  await ws.transaction(async (conn) => {
    await conn.run(`INSERT INTO eval_runs (run_id, created_at, as_of, models, subjects, note)
      SELECT 'bench-eval', now()::TIMESTAMP, DATE '2026-03-31', '[]'::JSON, count(*), 'synthetic grades for the tiering benchmark' FROM subjects`);
    await conn.run(`INSERT INTO eval_scores (run_id, uscc, comprehensive, final_score, grade)
      SELECT 'bench-eval', uscc, 70, 70, ['A', 'B', 'B', 'B', 'C', 'C', 'D'][(hash(uscc, 9) % 7)::INTEGER + 1] FROM subjects`);
  });
}

/** A plain-SQL district (rough shape, deterministic) with the tables the tiering rules read. */
export async function buildSyntheticTieringWorkspace(file: string, n: number): Promise<void> {
  const ws = await openWorkspace(file, { create: true });
  const towns = `['南桥镇','奉城镇','庄行镇','金汇镇','四团镇','青村镇','柘林镇','海湾镇','西渡街道','奉浦街道','金海街道','海湾旅游区','奉贤经济开发区']`;
  const r = (salt: number, expr = 'i') => `(hash(${expr}, ${salt}) % 1000000)::INTEGER`;
  const u = (expr: string) => `printf('91310120%010d', ${expr})`;
  try {
    await ws.run(`
INSERT INTO subjects (uscc, name, subject_kind, industry_code, industry_name, town, legal_rep_person_id, status)
SELECT ${u('i')}, '主体' || i, '法人及非法人组织', ['C', 'F', 'I', 'Q', 'E', 'H'][${r(1)} % 6 + 1] || lpad((${r(2)} % 90 + 10)::VARCHAR, 2, '0') || '11',
  '行业' || (${r(2)} % 90 + 10), ${towns}[${r(3)} % 13 + 1], 'P' || (${r(5)} % ${Math.max(1, Math.floor(n * 0.8))}),
  CASE WHEN ${r(8)} < 900000 THEN '存续' WHEN ${r(8)} < 970000 THEN '注销' ELSE '吊销' END
FROM range(${n}) t(i);
INSERT INTO risk_classes (uscc, period, risk_class, dept)
SELECT ${u('s')}, DATE '2025-01-01' + INTERVAL (m) MONTH, ['A', 'A', 'B', 'B', 'C', 'D'][${r(9, 's * 100 + m')} % 6 + 1], '区市场监管局'
FROM (SELECT i AS s FROM range(${n}) t(i) WHERE ${r(10)} < 400000) x, range(0, 15, 3) mm(m);
INSERT INTO penalties (decision_no, uscc, subject_name, subject_kind, penalty_types, fine_wan, decision_date, authority)
SELECT 'CF' || j, ${u(`${r(11, 'j')} % ${n}`)}, 'x', '法人及非法人组织',
  CASE WHEN ${r(12, 'j')} < 600000 THEN '警告' WHEN ${r(12, 'j')} < 970000 THEN '罚款' ELSE '吊销许可证' END,
  (${r(13, 'j')} % 20000) / 100.0, DATE '2020-01-01' + (${r(15, 'j')} % 2400), '奉贤区市场监督管理局'
FROM range(${Math.round(n * 0.3)}) t(j);
INSERT INTO inspections (inspection_id, uscc, dept, inspection_date, result, random_draw)
SELECT 'JC' || j, ${u(`${r(31, 'j')} % ${n}`)}, '区市场监管局', DATE '2022-01-01' + (${r(32, 'j')} % 1600),
  CASE WHEN ${r(33, 'j')} < 900000 THEN '合格' ELSE '不合格' END, ${r(34, 'j')} < 500000
FROM range(${Math.round(n * 0.6)}) t(j);
INSERT INTO credit_lists (list_type, uscc, person_id, in_date, out_date)
SELECT ['严重失信主体名单','经营异常名录','失信被执行人','红名单','A级纳税人','AEO高级认证','专精特新','表彰'][${r(41, 'j')} % 8 + 1],
  CASE WHEN ${r(46, 'j')} < 800000 THEN ${u(`${r(42, 'j')} % ${n}`)} END,
  CASE WHEN ${r(46, 'j')} >= 800000 THEN 'P' || (${r(47, 'j')} % ${Math.max(1, Math.floor(n * 0.8))}) END,
  DATE '2019-01-01' + (${r(43, 'j')} % 2650), CASE WHEN ${r(44, 'j')} < 500000 THEN DATE '2023-01-01' + (${r(45, 'j')} % 1400) END
FROM range(${Math.round(n * 0.15)}) t(j);
INSERT INTO commitments (commitment_id, uscc, commitment_type, matter, made_date, term_end_date, status, broken_date)
SELECT 'CN' || j, ${u(`${r(51, 'j')} % ${n}`)}, '主动公示型', '事项' || (${r(55, 'j')} % 50), DATE '2022-01-01' + (${r(52, 'j')} % 1600),
  DATE '2024-01-01' + (${r(52, 'j')} % 1600),
  CASE WHEN ${r(53, 'j')} < 850000 THEN 'kept' WHEN ${r(53, 'j')} < 950000 THEN 'pending' ELSE 'broken' END,
  CASE WHEN ${r(53, 'j')} >= 950000 THEN DATE '2023-01-01' + (${r(54, 'j')} % 1200) END
FROM range(${Math.round(n * 0.4)}) t(j);
INSERT INTO obligations (uscc, kind, period, due_wan, paid_wan, arrears_wan)
SELECT ${u('s')}, k, DATE '2024-04-01' + INTERVAL (m) MONTH, 10, 10 - a, a
FROM (SELECT i AS s FROM range(${n}) t(i) WHERE ${r(60)} < 400000) subj,
     (SELECT unnest(['tax', 'social_insurance', 'electricity']) AS k) kinds,
     range(24) mm(m),
     LATERAL (SELECT CASE WHEN ${r(62, 's * 1000 + m')} < 20000 OR (${r(63, 's')} < 5000 AND m >= 18) THEN 2.5 ELSE 0 END AS a) x;
INSERT INTO complaints (complaint_id, uscc, received_date, category, substantiated, dept)
SELECT 'TS' || j, ${u(`${r(71, 'j')} % ${n}`)}, DATE '2024-01-01' + (${r(72, 'j')} % 900), '服务', ${r(73, 'j')} < 300000, '12345'
FROM range(${Math.round(n * 0.05)}) t(j);
INSERT INTO relations (uscc, role, person_id, related_uscc, share_pct, start_date)
SELECT ${u(`${r(81, 'j')} % ${n}`)}, CASE WHEN ${r(82, 'j')} < 500000 THEN 'shareholder' ELSE 'officer' END,
  CASE WHEN ${r(83, 'j')} < 800000 THEN 'P' || (${r(84, 'j')} % ${Math.max(1, Math.floor(n * 0.8))}) END,
  CASE WHEN ${r(83, 'j')} >= 800000 THEN ${u(`${r(85, 'j')} % ${n}`)} END, 10, DATE '2015-01-01'
FROM range(${Math.round(n * 1.5)}) t(j);`);
    await ws.checkpoint();
  } finally {
    ws.close();
  }
}

if (process.argv[1] && /tiering\.bench\.ts$/.test(process.argv[1])) {
  const args = process.argv.slice(2);
  const synIdx = args.indexOf('--synthetic');
  const main = async () => {
    let file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--synthetic');
    if (synIdx >= 0) {
      const n = Number(args[synIdx + 1]);
      file ??= `/tmp/tier-bench-${n}.duckdb`;
      if (!fs.existsSync(file)) {
        const t0 = performance.now();
        await buildSyntheticTieringWorkspace(file, n);
        console.log(`synthetic workspace ${file}: ${n.toLocaleString()} subjects built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      }
    }
    if (!file) throw new Error('usage: npx tsx tests/bench/tiering.bench.ts <ws.duckdb> | --synthetic N [file]');
    await benchTiering(file);
  };
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
