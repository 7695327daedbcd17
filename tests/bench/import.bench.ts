// Import benchmark (npm run bench import): a generated 双公示 penalty CSV in UTF-8 and in GBK through the full import,
// beside raw DuckDB `CREATE TABLE AS SELECT * FROM read_csv(...)` of the same UTF-8 file in the same run; then an
// XLSX sheet streamed through the full import, and a lower bound (the import's validating SELECT alone, straight into
// a table). Prints times, ratios and peak memory; asserts nothing.
// Targets on the 2-core machine: ≤ 1.5× raw (UTF-8), ≤ 2.5× raw (GBK), peak memory ≤ 2 GB.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { DuckDBInstance } from '@duckdb/node-api';
import { openWorkspace } from '../../electron/core/workspace';
import { runImport } from '../../electron/core/import';
import { IMPORT_MACROS_SQL, personKeyMacroSql } from '../../electron/core/import/sql';
import { prepareSource } from '../../electron/core/import/source';
import { validatingPlan } from '../../electron/core/import/run';
import { localToday } from '../../shared/domain/dates';
import { bestProfile, loadValidation, matchProfile } from '../../electron/core/import/profiles';
import { makeUscc } from '../../shared/domain/uscc';
import { idCheckChar } from '../../shared/domain/idcard';
import { fmtMs, printTable, ratio, time, type BenchRow } from './util';

const HEADERS = [
  '行政相对人名称', '行政相对人类别', '行政相对人代码_1（统一社会信用代码）', '法定代表人', '证件类型', '证件号码',
  '行政处罚决定书文号', '违法行为类型', '违法事实', '处罚依据', '处罚类别', '处罚内容', '罚款金额（万元）',
  '没收违法所得、没收非法财物的金额（万元）', '处罚决定日期', '处罚有效期', '公示截止期', '处罚机关',
  '处罚机关统一社会信用代码', '数据来源单位', '数据来源单位统一社会信用代码', '备注',
];

/** Resets this process's peak-RSS counter (Linux) so each phase reports its own peak. */
function resetPeak(): void {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // not Linux: the peak is cumulative
  }
}

function peakMb(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf-8'));
    if (m) return Math.round(Number(m[1]) / 1024);
  } catch {
    // not Linux
  }
  return Math.round(process.memoryUsage().rss / 1024 / 1024);
}

/** Wall time, CPU time of this process (DuckDB's threads included) and peak RSS of one phase. */
async function measure<T>(fn: () => Promise<T>): Promise<{ ms: number; cpu: number; peak: number; value: T }> {
  resetPeak();
  const c0 = process.cpuUsage();
  const r = await time(fn);
  const c = process.cpuUsage(c0);
  return { ...r, cpu: (c.user + c.system) / 1000, peak: peakMb() };
}

const pools = () => {
  const usccs = Array.from({ length: 2000 }, (_, i) => makeUscc('91', '310120', `MA1F${String(i).padStart(4, '0')}`));
  const ids = Array.from({ length: 500 }, (_, i) => {
    const first17 = `310120${1960 + (i % 40)}0${1 + (i % 9)}1${i % 10}${String(100 + i).slice(-3)}`;
    return first17 + idCheckChar(first17);
  });
  return { usccs, ids };
};

/**
 * The penalty CSV, written by DuckDB: ~1% rows invalid (empty name / bad code / bad date), ~0.5% repeats of an
 * earlier row's key, dates in every accepted format, ~5% natural persons.
 */
export async function generatePenaltyCsv(file: string, rows: number): Promise<void> {
  const { usccs, ids } = pools();
  const inst = await DuckDBInstance.create(':memory:', { threads: String(Math.max(1, os.cpus().length)) });
  const conn = await inst.connect();
  try {
    await conn.run(`CREATE TABLE u AS SELECT unnest(${sqlList(usccs)}) AS code, generate_subscripts(${sqlList(usccs)}, 1) - 1 AS k`);
    await conn.run(`CREATE TABLE p AS SELECT unnest(${sqlList(ids)}) AS id, generate_subscripts(${sqlList(ids)}, 1) - 1 AS k`);
    const towns = sqlList(['南桥镇', '奉城镇', '庄行镇', '金汇镇', '四团镇', '青村镇', '柘林镇', '海湾镇', '西渡街道', '奉浦街道', '金海街道']);
    await conn.run(`COPY (
      WITH base AS (SELECT i, CASE WHEN i % 200 = 7 AND i > 200 THEN i - 100 ELSE i END AS j FROM range(1, ${rows + 1}) t(i))
      SELECT
        CASE WHEN i % 100 = 13 THEN '' WHEN j % 20 = 3 THEN '张' || (j % 1000) ELSE '上海' || ${towns}[1 + j % 11] || '某某' || j || '实业有限公司' END AS "${HEADERS[0]}",
        CASE WHEN j % 20 = 3 THEN '自然人' WHEN j % 10 = 5 THEN '个体工商户' ELSE '法人及非法人组织' END AS "${HEADERS[1]}",
        CASE WHEN j % 20 = 3 THEN '' WHEN i % 100 = 29 THEN '91310120MA1F00000X' ELSE u.code END AS "${HEADERS[2]}",
        '李' || (j % 500) AS "${HEADERS[3]}",
        CASE WHEN j % 20 = 3 THEN '身份证' ELSE '' END AS "${HEADERS[4]}",
        CASE WHEN j % 20 = 3 THEN p.id ELSE '' END AS "${HEADERS[5]}",
        '沪奉市监罚〔' || (2020 + j % 6) || '〕' || j || '号' AS "${HEADERS[6]}",
        '违反《食品安全法》第' || (j % 150) || '条' AS "${HEADERS[7]}",
        '当事人于' || (2020 + j % 6) || '年经营超过保质期的食品，货值金额' || (j % 9000) || '元，违法所得' || (j % 700) || '元。' AS "${HEADERS[8]}",
        '《中华人民共和国食品安全法》第一百二十四条第一款' AS "${HEADERS[9]}",
        CASE WHEN j % 3 = 0 THEN '警告;罚款' ELSE '罚款' END AS "${HEADERS[10]}",
        '罚款人民币' || (j % 50000) || '元' AS "${HEADERS[11]}",
        ((j % 50000) / 10000.0)::DECIMAL(18,4)::VARCHAR AS "${HEADERS[12]}",
        '0' AS "${HEADERS[13]}",
        CASE WHEN i % 100 = 41 THEN '2026-02-30'
             WHEN j % 5 = 0 THEN strftime(DATE '2020-01-01' + (j % 2000)::INTEGER, '%Y/%-m/%-d')
             WHEN j % 5 = 1 THEN strftime(DATE '2020-01-01' + (j % 2000)::INTEGER, '%Y%m%d')
             WHEN j % 5 = 2 THEN strftime(DATE '2020-01-01' + (j % 2000)::INTEGER, '%Y年%-m月%-d日')
             ELSE strftime(DATE '2020-01-01' + (j % 2000)::INTEGER, '%Y-%m-%d') END AS "${HEADERS[14]}",
        strftime(DATE '2021-01-01' + (j % 2000)::INTEGER, '%Y-%m-%d') AS "${HEADERS[15]}",
        strftime(DATE '2027-01-01' + (j % 700)::INTEGER, '%Y-%m-%d') AS "${HEADERS[16]}",
        '上海市奉贤区市场监督管理局' AS "${HEADERS[17]}",
        '11310120MB2F11111X' AS "${HEADERS[18]}",
        '上海市奉贤区市场监督管理局' AS "${HEADERS[19]}",
        '11310120MB2F11111X' AS "${HEADERS[20]}",
        CASE WHEN j % 50 = 0 THEN '备注，含逗号
和换行' ELSE '' END AS "${HEADERS[21]}"
      FROM base LEFT JOIN u ON u.k = base.j % ${usccs.length} LEFT JOIN p ON p.k = base.j % ${ids.length}
      ORDER BY i
    ) TO '${file.replace(/'/g, "''")}' (HEADER, DELIMITER ',')`);
  } finally {
    conn.closeSync();
    inst.closeSync();
  }
}

function sqlList(xs: string[]): string {
  return '[' + xs.map((x) => `'${x}'`).join(',') + ']';
}

async function toGbk(src: string, out: string): Promise<void> {
  await pipeline(fs.createReadStream(src, { highWaterMark: 1 << 20 }), iconv.decodeStream('utf8'), iconv.encodeStream('gbk'), fs.createWriteStream(out));
}

async function rawCtas(dir: string, csv: string): Promise<number> {
  const inst = await DuckDBInstance.create(path.join(dir, 'raw.duckdb'), { threads: String(Math.max(1, os.cpus().length)) });
  const conn = await inst.connect();
  try {
    const r = await time(() => conn.run(`CREATE TABLE raw AS SELECT * FROM read_csv('${csv.replace(/'/g, "''")}')`));
    return r.ms;
  } finally {
    conn.closeSync();
    inst.closeSync();
  }
}

/**
 * A lower bound for any import that validates: the import's own validating SELECT written straight into a table,
 * valid rows only — no row numbers, rejects, duplicate check or file hash.
 */
async function validatedSinglePass(dir: string, csv: string): Promise<number> {
  const ws = await openWorkspace(path.join(dir, 'floor.duckdb'), { create: true });
  try {
    return await ws.withConnection(async (conn) => {
      await conn.run(IMPORT_MACROS_SQL);
      await conn.run(personKeyMacroSql('bench'));
      const src = await prepareSource(csv, dir, {});
      const profile = bestProfile(src.headers, 'penalties')!.profile;
      const plan = await validatingPlan(conn, {
        table: 'penalties', relation: src.relation, headers: src.headers, mapping: matchProfile(profile, src.headers).mapping,
        validation: loadValidation(), today: localToday(), batchId: 'bench',
      });
      const select = plan.stageSql.replace(/^CREATE OR REPLACE TEMP TABLE \S+ AS /, '');
      const r = await time(() => conn.run(`CREATE TABLE floor AS SELECT * EXCLUDE (original, reasons) FROM (${select}) WHERE len(reasons) = 0`));
      return r.ms;
    });
  } finally {
    ws.close();
  }
}

async function fullImport(dir: string, name: string, file: string, encoding: 'auto' | 'gbk' = 'auto') {
  const ws = await openWorkspace(path.join(dir, `${name}.duckdb`), { create: true });
  try {
    return await runImport(ws, { file, table: 'penalties', encoding });
  } finally {
    ws.close();
  }
}

export async function writeXlsx(file: string, rows: number): Promise<void> {
  const { usccs } = pools();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const sheet = wb.addWorksheet('处罚');
  sheet.addRow(['2026年奉贤区行政处罚信息公示']).commit();
  sheet.addRow(HEADERS).commit();
  for (let j = 1; j <= rows; j++) {
    sheet
      .addRow([
        `上海某某${j}实业有限公司`, '法人及非法人组织', usccs[j % usccs.length], `李${j % 500}`, '', '',
        `沪奉市监罚〔2026〕${j}号`, '违反《食品安全法》', `当事人经营超过保质期的食品，货值金额${j % 9000}元。`,
        '《中华人民共和国食品安全法》第一百二十四条', '罚款', `罚款人民币${j % 50000}元`, (j % 50000) / 10000, 0,
        43831 + (j % 2000), '2027-01-01', '2027-06-30', '上海市奉贤区市场监督管理局', '', '上海市奉贤区市场监督管理局', '', '',
      ])
      .commit();
  }
  sheet.commit();
  await wb.commit();
}

export async function benchImport(rows = 5_000_000): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cws-bench-import-'));
  try {
    const utf8 = path.join(dir, 'penalties.utf8.csv');
    const gbk = path.join(dir, 'penalties.gbk.csv');
    const gen = await time(() => generatePenaltyCsv(utf8, rows));
    const gbkGen = await time(() => toGbk(utf8, gbk));
    const mb = (f: string) => `${(fs.statSync(f).size / 1024 ** 2).toFixed(0)} MB`;
    console.log(`\n生成 ${rows} 行：UTF-8 ${mb(utf8)}（${fmtMs(gen.ms)}），GBK ${mb(gbk)}（${fmtMs(gbkGen.ms)}）`);

    const raw = await measure(() => rawCtas(dir, utf8));
    const floor = await validatedSinglePass(dir, utf8);
    const u = await measure(() => fullImport(dir, 'utf8', utf8));
    const g = await measure(() => fullImport(dir, 'gbk', gbk));
    const rowsOut: BenchRow[] = [
      { bench: `raw read_csv CTAS (${rows})`, ours: fmtMs(raw.ms), note: `cpu ${fmtMs(raw.cpu)}; peak ${raw.peak} MB` },
      {
        bench: 'lower bound: validated single pass',
        ours: fmtMs(floor),
        raw: fmtMs(raw.ms),
        ratio: ratio(floor, raw.ms),
        note: 'the import\'s validating SELECT straight into a table; no row numbers, rejects, duplicates or hash',
      },
      {
        bench: 'full import UTF-8',
        ours: fmtMs(u.ms),
        raw: fmtMs(raw.ms),
        ratio: ratio(u.ms, raw.ms),
        target: '≤ 1.5×',
        note: `cpu ${fmtMs(u.cpu)} (${ratio(u.cpu, raw.cpu)} raw cpu); peak ${u.peak} MB; read ${u.value.read} loaded ${u.value.loaded} rejected ${u.value.rejected} dup ${u.value.duplicates}`,
      },
      {
        bench: 'full import GBK',
        ours: fmtMs(g.ms),
        raw: fmtMs(raw.ms),
        ratio: ratio(g.ms, raw.ms),
        target: '≤ 2.5×',
        note: `cpu ${fmtMs(g.cpu)} (${ratio(g.cpu, raw.cpu)} raw cpu); peak ${g.peak} MB; read ${g.value.read} loaded ${g.value.loaded} rejected ${g.value.rejected} dup ${g.value.duplicates}`,
      },
    ];
    fs.rmSync(gbk, { force: true });

    const xlsxRows = Number(process.env.CWS_BENCH_XLSX_ROWS ?? 500_000);
    const xlsx = path.join(dir, 'penalties.xlsx');
    const xw = await time(() => writeXlsx(xlsx, xlsxRows));
    const x = await measure(() => fullImport(dir, 'xlsx', xlsx));
    rowsOut.push({
      bench: `XLSX ${xlsxRows} rows (written in ${fmtMs(xw.ms)}, ${mb(xlsx)})`,
      ours: fmtMs(x.ms),
      note: `${Math.round(xlsxRows / (x.ms / 1000))} rows/s; peak ${x.peak} MB; loaded ${x.value.loaded} rejected ${x.value.rejected}`,
    });
    printTable('import', rowsOut);
    console.log(`load average at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} (2 cores; figures are noisy when others run)`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Direct run: node --import tsx tests/bench/import.bench.ts [rows]
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  await benchImport(Number(process.argv[2] ?? 1_000_000));
}
