// Benchmark of the repair capability on a large workspace: the disclosure run (tier + periods + status for every
// penalty), workdays_between over every penalty (the 双公示 7-working-day check), efficiency, 三书同达 and the
// commitment loop. `npm run bench` calls benchRepair(wsPath); by hand:
//   npx tsx tests/bench/repair.bench.ts <ws.duckdb> [--as-of YYYY-MM-DD]
//   npx tsx tests/bench/repair.bench.ts --synthetic 1000000   (plain SQL penalties/repairs/commitments, for when
//   the demo generator is not at hand; its shape is a guess, not the generator's)
import path from 'node:path';
import { openWorkspace, type Workspace } from '../../electron/core/workspace';
import { commitmentLoop, documentCompliance, loadRuleBook, repairEfficiency, runDisclosure } from '../../electron/core/repair';
import { tempDir } from '../helpers/workspace';
import { fmtMs, peakRssMb, printTable, time, type BenchRow } from './util';

export async function benchRepair(wsPath: string, options: { asOf?: string } = {}): Promise<BenchRow[]> {
  const asOf = options.asOf ?? '2026-06-30';
  const ws = await openWorkspace(wsPath);
  const rows: BenchRow[] = [];
  try {
    const penalties = Number(await ws.scalar('SELECT count(*) FROM penalties'));
    const run = await time(() => runDisclosure(ws, { asOf }));
    rows.push({
      bench: `repair.run (${penalties} penalties)`,
      ours: fmtMs(run.ms),
      note: `${Math.round(penalties / (run.ms / 1000))} rows/s; ${JSON.stringify(run.value.byStatus)}`,
    });
    const wd = await time(() =>
      ws.scalar<number>(`SELECT count(*) FILTER (WHERE workdays_between(decision_date, reported_date) <= 7) FROM penalties`),
    );
    rows.push({ bench: 'workdays_between over penalties', ours: fmtMs(wd.ms), note: `${wd.value} on time` });
    const book = loadRuleBook();
    const eff = await time(() => repairEfficiency(ws, book, { asOf }));
    rows.push({ bench: 'repair.efficiency', ours: fmtMs(eff.ms), note: `${eff.value.finished} finished` });
    const docs = await time(() => documentCompliance(ws, book.district, {}));
    rows.push({ bench: 'repair.documents', ours: fmtMs(docs.ms), note: `${docs.value.byDept.length} depts` });
    const com = await time(() => commitmentLoop(ws, asOf));
    rows.push({ bench: 'repair.commitments', ours: fmtMs(com.ms), note: `${com.value.total.total} commitments` });
    rows.push({ bench: 'peak RSS', ours: `${peakRssMb()} MB` });
  } finally {
    ws.close();
  }
  printTable('repair', rows);
  return rows;
}

/** A plain SQL district with n penalties (and n/5 repairs, n/5 commitments) for a stand-alone run. */
export async function syntheticRepairWorkspace(n: number): Promise<string> {
  const file = path.join(tempDir('cws-repair-bench-'), `repair-${n}.duckdb`);
  const ws: Workspace = await openWorkspace(file, { create: true });
  try {
    await ws.run(`
      INSERT INTO penalties (decision_no, uscc, subject_name, subject_kind, penalty_types, fine_wan, decision_date, reported_date,
        authority, violation_type, doc_decision_date, doc_compliance_date, doc_repair_notice_date, doc_checkup_date)
      SELECT 'F' || i, 'U' || (i % ${Math.max(1, Math.floor(n / 3))}), '主体' || i,
        ['法人及非法人组织', '个体工商户', '自然人'][1 + i % 3],
        ['警告', '罚款', '警告；没收违法所得', '罚款、责令停产停业', '吊销许可证', '通报批评'][1 + i % 6],
        (i % 2000) / 10.0,
        DATE '2022-01-01' + CAST(i % 1600 AS INTEGER),
        DATE '2022-01-01' + CAST(i % 1600 + i % 15 AS INTEGER),
        ['区市场监督管理局', '区应急管理局', '区生态环境局', '区消防救援支队', '区教育局'][1 + i % 5],
        ['虚假宣传', '无证经营', '特种设备未检验', '超标排放', '消防通道堵塞'][1 + i % 5],
        DATE '2022-01-01' + CAST(i % 1600 AS INTEGER),
        DATE '2022-01-01' + CAST(i % 1600 + (i % 4 = 0)::INTEGER AS INTEGER),
        DATE '2022-01-01' + CAST(i % 1600 AS INTEGER), NULL
      FROM range(${n}) t(i)`);
    await ws.run(`
      INSERT INTO repairs (repair_id, uscc, decision_no, applied_date, accepted_date, finished_date, result, dept)
      SELECT 'R' || i, 'U' || (i * 5 % ${Math.max(1, Math.floor(n / 3))}), 'F' || (i * 5),
        DATE '2023-01-01' + CAST(i % 1200 AS INTEGER), DATE '2023-01-01' + CAST(i % 1200 AS INTEGER),
        DATE '2023-01-01' + CAST(i % 1200 + i % 12 AS INTEGER), CASE WHEN i % 10 = 0 THEN '不予修复' ELSE '同意修复' END, '区市场监督管理局'
      FROM range(${Math.floor(n / 5)}) t(i)`);
    await ws.run(`
      INSERT INTO commitments (commitment_id, uscc, commitment_type, matter, dept, made_date, term_end_date, status)
      SELECT 'C' || i, 'U' || (i % ${Math.max(1, Math.floor(n / 3))}), ['审批替代型', '主动公示型', '行业自律型', '信用修复型'][1 + i % 4],
        ['虚假宣传', '无证经营', '特种设备未检验', '超标排放', '消防通道堵塞'][1 + i % 5], '区市场监督管理局',
        DATE '2022-06-01' + CAST(i % 1200 AS INTEGER), DATE '2023-06-01' + CAST(i % 1200 AS INTEGER), NULL
      FROM range(${Math.floor(n / 5)}) t(i)`);
    await ws.checkpoint();
  } finally {
    ws.close();
  }
  return file;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]).endsWith(path.join('tests', 'bench', 'repair.bench.ts'));
if (isMain) {
  const args = process.argv.slice(2);
  const asOfIdx = args.indexOf('--as-of');
  const asOf = asOfIdx >= 0 ? args[asOfIdx + 1] : undefined;
  const synIdx = args.indexOf('--synthetic');
  const file = synIdx >= 0 ? await syntheticRepairWorkspace(Number(args[synIdx + 1] ?? 1_000_000)) : args[0];
  if (!file) {
    console.error('用法：npx tsx tests/bench/repair.bench.ts <ws.duckdb> | --synthetic N');
    process.exit(1);
  }
  await benchRepair(file, { asOf });
}
