// Import end to end: every reject reason, encodings, XLSX title rows, quoted multi-line fields, duplicates,
// idempotent re-import, cancellation, undo, Parquet/JSON, preview and counts that reconcile. Expected values are
// worked out by hand from the rules in datasets/profiles/README.md.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyWorkspace, tempDir } from '../helpers/workspace';
import type { Workspace } from '../../electron/core/workspace';
import { runImport, previewImport, undoBatch, batchRejects } from '../../electron/core/import';
import { parseBytes, withImportMemoryLimit } from '../../electron/core/import/run';
import { makeUscc } from '../../shared/domain/uscc';
import { PARALLEL_TRANSCODE_MIN_BYTES } from '../../electron/core/import/transcode-parallel';
import { idCheckChar } from '../../shared/domain/idcard';
import type { CoreError } from '../../electron/core/errors';

const TODAY = '2026-03-31';
const U1 = makeUscc('91', '310120', 'MA1FL001');
const U2 = makeUscc('91', '310120', 'MA1FL002');
const U3 = makeUscc('92', '310120', 'MA1FL003');
const BAD_USCC = U1.slice(0, 17) + (U1[17] === 'A' ? 'B' : 'A');
const id17 = '31012019900307123';
const ID_OK = id17 + idCheckChar(id17);
const ID_BAD = id17 + (ID_OK[17] === '1' ? '2' : '1');

const HEADERS = ['行政相对人名称', '行政相对人类别', '行政相对人代码_1（统一社会信用代码）', '证件类型', '证件号码', '行政处罚决定书文号', '处罚决定日期', '罚款金额（万元）', '处罚机关'];
type Row = [string, string, string, string, string, string, string, string, string];
const ok = (name: string, code: string, no: string, more: Partial<{ date: string; fine: string; kind: string }> = {}): Row => [
  name, more.kind ?? '法人及非法人组织', code, '', '', no, more.date ?? '2026-03-01', more.fine ?? '1.5', '奉贤区市场监督管理局',
];

const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const toCsv = (headers: string[], rows: string[][]) => [headers, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';

let ws: Workspace | undefined;
afterEach(() => {
  ws?.close();
  ws = undefined;
});

async function setup(): Promise<{ ws: Workspace; dir: string }> {
  ws = await emptyWorkspace();
  return { ws, dir: tempDir('cws-import-') };
}

const rejectRows = (w: Workspace, batch: string) =>
  w.all<{ row_number: number; reasons: string[] }>('SELECT row_number, reasons FROM import_rejects WHERE batch_id = ? ORDER BY row_number', [batch]);

describe('penalty validation: every reason code', () => {
  it('rejects each bad row with all of its reasons and loads the good ones', async () => {
    const { ws, dir } = await setup();
    const rows: Row[] = [
      ok('甲公司', U1, '奉罚〔2026〕1号'), // 1 loaded
      ['  ', '法人及非法人组织', U2, '', '', '奉罚〔2026〕2号', '2026-03-01', '1', '奉贤区市场监督管理局'], // 2 NAME_MISSING
      ['乙公司', '企业', 'XYZ', '', '', '奉罚〔2026〕3号', '2026-03-01', '1', '奉贤区市场监督管理局'], // 3 KIND_INVALID only
      ok('丙公司', BAD_USCC, '奉罚〔2026〕4号'), // 4 USCC_INVALID
      ['张三', '自然人', '', '身份证', ID_BAD, '奉罚〔2026〕5号', '2026-03-01', '0.2', '奉贤区公安局'], // 5 ID_INVALID
      ok('丁公司', U2, ''), // 6 DECISION_NO_MISSING
      ok('戊公司', U2, '奉罚〔2026〕7号', { date: '2026-02-30' }), // 7 DATE_INVALID (no such day)
      ok('己公司', U2, '奉罚〔2026〕8号', { date: '1989-12-31' }), // 8 DATE_INVALID (before 1990)
      ok('庚公司', U2, '奉罚〔2026〕9号', { date: '2026-04-01' }), // 9 DATE_INVALID (after the import day)
      ok('辛公司', U2, '奉罚〔2026〕10号', { fine: '1,000' }), // 10 AMOUNT_INVALID
      ok('壬公司', U2, '奉罚〔2026〕11号', { fine: '-1' }), // 11 AMOUNT_INVALID
      ['癸公司', '法人及非法人组织', U2, '', '', '奉罚〔2026〕12号', '2026-03-01', '1', ''], // 12 AUTHORITY_MISSING
      ['', '法人及非法人组织', 'BAD', '', '', '', 'x', 'abc', ''], // 13 all reasons that apply
      ['李四', '自然人', '', '身份证', ID_OK.toLowerCase(), '奉罚〔2026〕14号', '2026年3月2日', '0', '奉贤区公安局'], // 14 loaded
      ['王五', '自然人', '', '护照', 'E1234567', '奉罚〔2026〕15号', '20260303', '', '奉贤区公安局'], // 15 loaded (no ID check)
      ok('子公司', U3, '奉罚〔2026〕16号', { fine: '1e3' }), // 16 AMOUNT_INVALID
    ];
    const file = path.join(dir, 'p.csv');
    fs.writeFileSync(file, toCsv(HEADERS, rows));
    const r = await runImport(ws, { file, table: 'penalties' }, { today: TODAY });
    expect(r).toMatchObject({ table: 'penalties', read: 16, loaded: 3, rejected: 13, duplicates: 0, profile: 'penalties-xyzg' });
    expect(await rejectRows(ws, r.batchId)).toEqual([
      { row_number: 2, reasons: ['NAME_MISSING'] },
      { row_number: 3, reasons: ['KIND_INVALID'] },
      { row_number: 4, reasons: ['USCC_INVALID'] },
      { row_number: 5, reasons: ['ID_INVALID'] },
      { row_number: 6, reasons: ['DECISION_NO_MISSING'] },
      { row_number: 7, reasons: ['DATE_INVALID'] },
      { row_number: 8, reasons: ['DATE_INVALID'] },
      { row_number: 9, reasons: ['DATE_INVALID'] },
      { row_number: 10, reasons: ['AMOUNT_INVALID'] },
      { row_number: 11, reasons: ['AMOUNT_INVALID'] },
      { row_number: 12, reasons: ['AUTHORITY_MISSING'] },
      { row_number: 13, reasons: ['NAME_MISSING', 'USCC_INVALID', 'DECISION_NO_MISSING', 'DATE_INVALID', 'AMOUNT_INVALID', 'AUTHORITY_MISSING'] },
      { row_number: 16, reasons: ['AMOUNT_INVALID'] },
    ]);
    const loaded = await ws.all<Record<string, unknown>>(
      `SELECT source_row, decision_no, uscc, subject_kind, decision_date, fine_wan::VARCHAR AS fine, person_id, id_masked, extra::VARCHAR AS extra
       FROM penalties ORDER BY source_row`,
    );
    expect(loaded.map((x) => [x.source_row, x.decision_no, x.decision_date, x.fine])).toEqual([
      [1, '奉罚〔2026〕1号', '2026-03-01', '1.5000'],
      [14, '奉罚〔2026〕14号', '2026-03-02', '0.0000'],
      [15, '奉罚〔2026〕15号', '2026-03-03', null],
    ]);
    // Natural persons: hashed id and masked number only; the raw number is nowhere outside persons.
    const expectedKey = await ws.scalar<string>('SELECT person_key(?)', [ID_OK]);
    expect(loaded[1]).toMatchObject({ person_id: expectedKey, id_masked: `310120********${ID_OK.slice(-4)}` });
    const leaks = await ws.scalar<number>(
      `SELECT (SELECT count(*) FROM penalties WHERE strpos(upper(coalesce(extra::VARCHAR, '') || coalesce(id_masked, '')), ?) > 0)
            + (SELECT count(*) FROM import_rejects WHERE strpos(upper(original::VARCHAR), ?) > 0)`,
      [ID_OK, ID_BAD],
    );
    expect(leaks).toBe(0);
    // The rejects CSV: UTF-8 with BOM, one line per rejected row plus the header.
    const csv = fs.readFileSync(r.rejectsFile!);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString('utf8').slice(1);
    expect(text.split('\n')[0]).toBe(['行号', '原因代码', '原因说明', ...HEADERS].join(','));
    expect(text.trim().split('\n')).toHaveLength(14);
    expect(text).toContain('13,NAME_MISSING|USCC_INVALID|DECISION_NO_MISSING|DATE_INVALID|AMOUNT_INVALID|AUTHORITY_MISSING,');
    const batch = await ws.one<Record<string, unknown>>('SELECT * FROM import_batches WHERE batch_id = ?', [r.batchId]);
    expect(batch).toMatchObject({ read_rows: 16, loaded_rows: 3, rejected_rows: 13, duplicate_rows: 0, table_name: 'penalties' });
    const grouped = await batchRejects(ws, { batchId: r.batchId, reason: 'DATE_INVALID' });
    expect(grouped.total).toBe(4);
    expect(grouped.byReason.find((x) => x.reason === 'AMOUNT_INVALID')?.count).toBe(4);
  });
});

describe('duplicates', () => {
  it('counts repeats of a key in the file and in the workspace; a second run loads nothing', async () => {
    const { ws, dir } = await setup();
    const rows: Row[] = [
      ['甲公司', '法人及非法人组织', U1, '', '', 'D-1', '2026-03-01', '1', '局'], // 1 invalid (authority ok, but see row 2 key)
      ok('甲公司', U1, 'D-1'), // 2 loaded
      ok('乙公司', U2, 'D-2'), // 3 loaded
      ok('甲公司（重复）', U1.toLowerCase(), 'D-1'), // 4 duplicate of row 2 (code normalised)
      ['', '法人及非法人组织', U1, '', '', 'D-1', '2026-03-01', '1', '局'], // 5 invalid: rejected, never a duplicate
      ok('丙公司', U2, 'D-3'), // 6 loaded
    ];
    rows[0]![6] = '2026-13-01'; // row 1 invalid date: the valid row 2 with the same key is the first valid one
    const file = path.join(dir, 'd.csv');
    fs.writeFileSync(file, toCsv(HEADERS, rows));
    const first = await runImport(ws, { file, table: 'penalties' }, { today: TODAY });
    expect(first).toMatchObject({ read: 6, loaded: 3, rejected: 2, duplicates: 1 });
    expect(first.read).toBe(first.loaded + first.rejected + first.duplicates);
    expect(await ws.all('SELECT source_row FROM penalties ORDER BY source_row')).toEqual([{ source_row: 2 }, { source_row: 3 }, { source_row: 6 }]);
    const second = await runImport(ws, { file, table: 'penalties' }, { today: TODAY });
    expect(second).toMatchObject({ read: 6, loaded: 0, rejected: 2, duplicates: 4 });
    expect(await ws.scalar('SELECT count(*) FROM penalties')).toBe(3);
    expect(await ws.scalar('SELECT count(*) FROM import_batches')).toBe(2);
  });

  it('undo removes the batch rows, marks the batch and lets the file load again', async () => {
    const { ws, dir } = await setup();
    const file = path.join(dir, 'u.csv');
    fs.writeFileSync(file, toCsv(HEADERS, [ok('甲', U1, 'U-1'), ok('乙', U2, 'U-2')]));
    const a = await runImport(ws, { file, table: 'penalties' }, { today: TODAY });
    expect(await undoBatch(ws, a.batchId)).toEqual({ batchId: a.batchId, table: 'penalties', deleted: 2 });
    expect(await ws.scalar('SELECT count(*) FROM penalties')).toBe(0);
    expect(await ws.scalar('SELECT undone_at IS NOT NULL FROM import_batches WHERE batch_id = ?', [a.batchId])).toBe(true);
    await expect(undoBatch(ws, a.batchId)).rejects.toMatchObject({ code: 'CONFLICT' });
    const b = await runImport(ws, { file, table: 'penalties' }, { today: TODAY });
    expect(b.loaded).toBe(2);
  });
});

describe('CSV reading', () => {
  it('keeps file row numbers through quoted fields with commas and newlines', async () => {
    const { ws, dir } = await setup();
    const headers = [...HEADERS, '备注', '违法事实'];
    const rows = [
      [...ok('甲', U1, 'Q-1'), '含,逗号\n和换行', '第一行\n第二行\n第三行'],
      [...ok('乙', U2, 'Q-2').slice(0, 8), '', '"引号"\n换行', 'x'], // 2 AUTHORITY_MISSING
      [...ok('丙', U3, 'Q-3'), '', '多\n\n行'],
      [...ok('丁', 'BAD', 'Q-4'), 'a,b', 'c'], // 4 USCC_INVALID
    ];
    const file = path.join(dir, 'q.csv');
    fs.writeFileSync(file, toCsv(headers, rows));
    const r = await runImport(ws, { file, table: 'penalties' }, { today: TODAY });
    expect(r).toMatchObject({ read: 4, loaded: 2, rejected: 2, duplicates: 0 });
    expect(await rejectRows(ws, r.batchId)).toEqual([
      { row_number: 2, reasons: ['AUTHORITY_MISSING'] },
      { row_number: 4, reasons: ['USCC_INVALID'] },
    ]);
    expect(await ws.all('SELECT source_row, remark, facts FROM penalties ORDER BY source_row')).toEqual([
      { source_row: 1, remark: '含,逗号\n和换行', facts: '第一行\n第二行\n第三行' },
      { source_row: 3, remark: null, facts: '多\n\n行' },
    ]);
    const original = await ws.scalar<string>('SELECT original::VARCHAR FROM import_rejects WHERE row_number = 2');
    expect(JSON.parse(original)).toMatchObject({ 备注: '"引号"\n换行', 处罚机关: null });
  });

  it('reads GBK and GB18030 (4-byte characters survive), UTF-8 with BOM and UTF-16', async () => {
    const { ws, dir } = await setup();
    const rows = [ok('奉贤𠀀商贸有限公司', U1, 'E-1'), ok('庄行镇㐀食品店', U2, 'E-2')];
    const text = toCsv(HEADERS, rows);
    const gb = path.join(dir, 'gb18030.csv');
    fs.writeFileSync(gb, iconv.encode(text, 'gb18030'));
    expect(iconv.encode('𠀀', 'gb18030')).toHaveLength(4);
    const r1 = await runImport(ws, { file: gb, table: 'penalties' }, { today: TODAY });
    expect(r1).toMatchObject({ read: 2, loaded: 2, encoding: 'gb18030' });
    expect(await ws.all('SELECT subject_name FROM penalties ORDER BY source_row')).toEqual([
      { subject_name: '奉贤𠀀商贸有限公司' },
      { subject_name: '庄行镇㐀食品店' },
    ]);

    const gbkRows = [ok('南桥镇某某有限公司', U3, 'E-3')];
    const gbk = path.join(dir, 'gbk.csv');
    fs.writeFileSync(gbk, iconv.encode(toCsv(HEADERS, gbkRows), 'gbk'));
    const r2 = await runImport(ws, { file: gbk, table: 'penalties', encoding: 'gbk' }, { today: TODAY });
    expect(r2).toMatchObject({ loaded: 1, encoding: 'gbk' });
    const r2auto = await previewImport(ws, { file: gbk });
    expect(r2auto.encoding).toBe('gb18030');
    expect(r2auto.rows[0]![0]).toBe('南桥镇某某有限公司');

    const bom = path.join(dir, 'bom.csv');
    fs.writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(toCsv(HEADERS, [ok('金汇镇某公司', U1, 'E-4')]))]));
    const r3 = await runImport(ws, { file: bom, table: 'penalties' }, { today: TODAY });
    expect(r3).toMatchObject({ loaded: 1, encoding: 'utf-8', profile: 'penalties-xyzg' });

    const u16 = path.join(dir, 'u16.csv');
    fs.writeFileSync(u16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(toCsv(HEADERS, [ok('四团镇某公司', U2, 'E-5')]), 'utf16le')]));
    const r4 = await runImport(ws, { file: u16, table: 'penalties' }, { today: TODAY });
    expect(r4).toMatchObject({ loaded: 1, encoding: 'utf-16le' });
    expect(await ws.scalar("SELECT subject_name FROM penalties WHERE decision_no = 'E-5'")).toBe('四团镇某公司');
  });

  it('reads as GB18030 a file whose first megabytes are plain ASCII and whose GBK text comes late', async () => {
    const { ws, dir } = await setup();
    // ASCII-only rows (valid UTF-8) for more than the head that is checked before DuckDB reads, then GBK Chinese:
    // DuckDB meets the GBK bytes while reading, and the import starts again as GB18030.
    const asciiRows: string[][] = [];
    for (let i = 0, bytes = 0; bytes < 9.5 * 2 ** 20; i++) {
      asciiRows.push([`Fengxian Trading Co ${i}`, '', U1, '', '', `A-${i}`, '2026-03-01', '1.5', 'FX AMR']);
      bytes += asciiRows[i]!.join(',').length + 1;
    }
    const lateRows = [ok('奉贤区南桥镇某某有限公司', U2, 'G-1'), ok('庄行镇𠀀食品店', U3, 'G-2', { kind: '个体工商户' })];
    const ascii = toCsv(['subject_name', 'subject_kind', 'uscc', 'id_type', 'id_number', 'decision_no', 'decision_date', 'fine_wan', 'authority'], asciiRows);
    const file = path.join(dir, 'late-gbk.csv');
    const bytes = Buffer.concat([Buffer.from(ascii), iconv.encode(toCsv([], lateRows).replace(/^\n/, ''), 'gb18030')]);
    fs.writeFileSync(file, bytes);
    expect(bytes.length).toBeGreaterThan(9 * 2 ** 20);
    const r = await runImport(ws, { file, table: 'penalties' }, { today: TODAY });
    expect(r).toMatchObject({ read: asciiRows.length + 2, loaded: asciiRows.length + 2, rejected: 0, encoding: 'gb18030' });
    expect(await ws.all("SELECT subject_name, source_row FROM penalties WHERE decision_no LIKE 'G-%' ORDER BY source_row")).toEqual([
      { subject_name: '奉贤区南桥镇某某有限公司', source_row: asciiRows.length + 1 },
      { subject_name: '庄行镇𠀀食品店', source_row: asciiRows.length + 2 },
    ]);
    const sha = crypto.createHash('sha256').update(bytes).digest('hex');
    expect(await ws.scalar('SELECT file_sha256 FROM import_batches WHERE batch_id = ?', [r.batchId])).toBe(sha);
    expect(await ws.scalar('SELECT count(*) FROM import_batches')).toBe(1);
  });

  it('refuses a file of UTF-8 Chinese with a broken byte far on, naming the line, instead of guessing GBK', async () => {
    const { ws, dir } = await setup();
    const rows: string[][] = [];
    for (let i = 0, bytes = 0; bytes < 9 * 2 ** 20; i++) {
      rows.push(ok(`奉贤区南桥镇某某${i}有限公司`, U1, `K-${i}`));
      bytes += Buffer.byteLength(rows[i]!.join(',')) + 1;
    }
    const good = Buffer.from(toCsv(HEADERS, rows));
    const file = path.join(dir, 'broken-utf8.csv');
    // One more line whose name holds a byte that is not UTF-8.
    fs.writeFileSync(file, Buffer.concat([good, Buffer.from('坏'), Buffer.from([0xff]), Buffer.from(`公司,法人及非法人组织,${U1},,,K-x,2026-03-01,1,局\n`)]));
    const run = runImport(ws, { file, table: 'penalties' }, { today: TODAY });
    await expect(run).rejects.toMatchObject({ code: 'IMPORT_FAILED', message: expect.stringContaining(`第 ${rows.length + 2} 行`) });
    await expect(run).rejects.toMatchObject({ message: expect.stringContaining('不是 UTF-8 的字节') });
    expect(await ws.scalar('SELECT count(*) FROM penalties')).toBe(0);
    expect(await ws.scalar('SELECT count(*) FROM import_batches')).toBe(0);
  });

  it('decodes a big GBK file on several threads with every row, its number and its text intact', async () => {
    const { ws, dir } = await setup();
    // Past the size where decoding is split over threads; quoted multi-line facts may straddle a cut.
    const headers = [...HEADERS, '违法事实'];
    const rows: string[][] = [];
    for (let i = 0, bytes = 0; bytes < PARALLEL_TRANSCODE_MIN_BYTES + (2 << 20); i++) {
      const row = [...ok(`奉贤𠀀商贸${i}有限公司`, i % 2 ? U1 : U2, `P-${i}`), i % 5 === 0 ? `第${i}行，\n含换行` : `违法事实${i}`];
      rows.push(row);
      bytes += Buffer.byteLength(row.join(',')) * 0.7; // about the GBK size (Chinese: 3 bytes in UTF-8, 2 in GBK)
    }
    const file = path.join(dir, 'big-gbk.csv');
    const bytes = iconv.encode(toCsv(headers, rows), 'gb18030');
    fs.writeFileSync(file, bytes);
    expect(bytes.length).toBeGreaterThan(PARALLEL_TRANSCODE_MIN_BYTES);
    const events: { phase: string; done: number; total: number | null; message?: string }[] = [];
    const r = await runImport(ws, { file, table: 'penalties' }, {
      today: TODAY,
      progress: (phase, done, total, message) => events.push({ phase, done, total, message }),
    });
    expect(r).toMatchObject({ read: rows.length, loaded: rows.length, rejected: 0, encoding: 'gb18030' });
    // The two long statements say how many rows, as the bar's detail: estimated from the file's head while reading
    // (quoted line breaks make it a little high), counted for the write.
    const rowsOf = (phase: string) =>
      events.filter((e) => e.phase === phase).map((e) => /^约 ([\d,]+) \/ (约 )?([\d,]+) 行$/.exec(e.message ?? ''));
    const staging = rowsOf('解析与校验');
    expect(staging.length).toBeGreaterThan(0);
    for (const m of staging) {
      expect(m?.[2]).toBe('约 ');
      const total = Number(m![3]!.replace(/,/g, ''));
      expect(total).toBeGreaterThan(rows.length * 0.9);
      expect(total).toBeLessThan(rows.length * 1.4);
    }
    const writing = rowsOf('写入数据表');
    expect(writing.length).toBeGreaterThan(0);
    for (const m of writing) {
      expect(m?.[2]).toBeUndefined();
      expect(m![3]!.replace(/,/g, '')).toBe(String(rows.length));
    }
    // Progress: the phases in order, each counting up (the two long statements in percent, as DuckDB estimates it).
    const phases = [...new Set(events.map((e) => e.phase))];
    expect(phases).toEqual(['检测编码', '转换编码', '解析与校验', '写入数据表', '拒绝记录', '完成']);
    for (const phase of phases) {
      const done = events.filter((e) => e.phase === phase).map((e) => e.done);
      expect(done.every((d, i) => i === 0 || d >= done[i - 1]!)).toBe(true);
    }
    for (const phase of ['解析与校验', '写入数据表']) {
      expect(events.filter((e) => e.phase === phase).every((e) => e.total === 100 && e.done >= 0 && e.done <= 100)).toBe(true);
    }
    const picks = [0, 1, Math.floor(rows.length / 2), Math.floor(rows.length / 2) + 1, rows.length - 1];
    const got = await ws.all<{ source_row: number; subject_name: string; facts: string }>(
      `SELECT source_row, subject_name, facts FROM penalties WHERE source_row IN (${picks.map((i) => i + 1).join(', ')}) ORDER BY source_row`,
    );
    expect(got).toEqual(picks.map((i) => ({ source_row: i + 1, subject_name: rows[i]![0], facts: rows[i]![9] })));
    // Every row kept its own decision number at its own row number.
    expect(await ws.scalar(`SELECT count(*) FROM penalties WHERE decision_no <> 'P-' || (source_row - 1)`)).toBe(0);
    expect(await ws.scalar('SELECT file_sha256 FROM import_batches WHERE batch_id = ?', [r.batchId])).toBe(crypto.createHash('sha256').update(bytes).digest('hex'));
  });

  it('finds the header below title lines, converts 元 to 万元 and keeps unmapped columns in extra', async () => {
    const { ws, dir } = await setup();
    const headers = ['行政相对人名称', '统一社会信用代码', '行政处罚决定书文号', '处罚决定日期', '罚款金额（元）', '处罚机关', '案件来源'];
    const file = path.join(dir, 't.csv');
    fs.writeFileSync(file, '2026年奉贤区行政处罚信息\n\n' + toCsv(headers, [['甲公司', U1, 'Y-1', '2026/3/5', '12500', '局', '投诉']]));
    const p = await previewImport(ws, { file });
    expect(p).toMatchObject({ headerRowIndex: 2, table: 'penalties', unmatched: ['案件来源'] });
    expect(p.mapping['罚款金额（元）']).toBe('fine_wan');
    const r = await runImport(ws, { file, table: 'penalties' }, { today: TODAY });
    expect(r).toMatchObject({ read: 1, loaded: 1 });
    const row = await ws.one<{ fine: string; extra: string; d: string }>('SELECT fine_wan::VARCHAR AS fine, extra::VARCHAR AS extra, decision_date AS d FROM penalties');
    expect(row).toEqual({ fine: '1.2500', extra: '{"案件来源":"投诉"}', d: '2026-03-05' });
  });

  it('trims whitespace around checked values (full-width too) and keeps free text as written', async () => {
    const { ws, dir } = await setup();
    const headers = [...HEADERS, '违法事实'];
    const file = path.join(dir, 'ws.csv');
    fs.writeFileSync(file, toCsv(headers, [
      ['\u3000甲公司\t', ' 法人及非法人组织 ', ` ${U1.toLowerCase()}\u00a0`, '', '', ' W-1 ', ' 2026-03-01 ', ' 1.5 ', '局\u3000', '  事实 原文  '],
    ]));
    const r = await runImport(ws, { file, table: 'penalties' }, { today: TODAY });
    expect(r).toMatchObject({ read: 1, loaded: 1, rejected: 0 });
    expect(await ws.one('SELECT subject_name, subject_kind, uscc, decision_no, decision_date, fine_wan::VARCHAR AS fine, authority, facts FROM penalties')).toEqual({
      subject_name: '甲公司', subject_kind: '法人及非法人组织', uscc: U1, decision_no: 'W-1', decision_date: '2026-03-01', fine: '1.5000', authority: '局', facts: '  事实 原文  ',
    });
  });

  it('honours delimiter, no-header and mapping overrides', async () => {
    const { ws, dir } = await setup();
    const file = path.join(dir, 's.txt');
    fs.writeFileSync(file, `甲公司;${U1};S-1;2026-03-01;局\n乙公司;${U2};S-2;2026-03-02;局\n`);
    const mapping = { 列1: 'subject_name', 列2: 'uscc', 列3: 'decision_no', 列4: 'decision_date', 列5: 'authority' };
    const r = await runImport(ws, { file, table: 'penalties', header: false, delimiter: ';', mapping }, { today: TODAY });
    expect(r).toMatchObject({ read: 2, loaded: 2, rejected: 0 });
    expect(await ws.scalar("SELECT subject_name FROM penalties WHERE decision_no = 'S-2'")).toBe('乙公司');
    await expect(runImport(ws, { file, table: 'penalties', header: false, delimiter: ';', mapping: { 不存在: 'uscc' } })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});

describe('XLSX, Parquet and JSON lines', () => {
  it('streams an XLSX sheet whose header sits below a title row', async () => {
    const { ws, dir } = await setup();
    const file = path.join(dir, 'p.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file });
    wb.addWorksheet('说明').addRow(['本文件由系统导出']).commit();
    const sheet = wb.addWorksheet('处罚');
    sheet.addRow(['2026年奉贤区行政处罚公示']).commit();
    sheet.addRow([]).commit();
    sheet.addRow(HEADERS).commit();
    sheet.addRow(['甲公司', '法人及非法人组织', U1, '', '', 'X-1', new Date(Date.UTC(2026, 2, 3)), 2.5, '局']).commit();
    sheet.addRow(['乙公司', '法人及非法人组织', U2, '', '', 'X-2', 46112, 0, '局']).commit(); // Excel serial → 2026-03-31
    sheet.addRow(['丙公司', '法人及非法人组织', 'BAD', '', '', 'X-3', '2026-03-01', 1, '局']).commit();
    sheet.commit();
    await wb.commit();
    const p = await previewImport(ws, { file, sheet: '处罚' });
    expect(p).toMatchObject({ format: 'xlsx', sheets: ['说明', '处罚'], sheet: '处罚', headerRowIndex: 2, headers: HEADERS, table: 'penalties' });
    expect(p.rows).toHaveLength(3);
    const r = await runImport(ws, { file, table: 'penalties', sheet: '处罚' }, { today: TODAY });
    expect(r).toMatchObject({ read: 3, loaded: 2, rejected: 1, duplicates: 0 });
    expect(await rejectRows(ws, r.batchId)).toEqual([{ row_number: 3, reasons: ['USCC_INVALID'] }]);
    expect(await ws.all('SELECT decision_no, decision_date, fine_wan::VARCHAR AS f FROM penalties ORDER BY source_row')).toEqual([
      { decision_no: 'X-1', decision_date: '2026-03-03', f: '2.5000' },
      { decision_no: 'X-2', decision_date: '2026-03-31', f: '0.0000' },
    ]);
    await expect(runImport(ws, { file, table: 'penalties', sheet: '没有' }, { today: TODAY })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reads Parquet and JSON lines through DuckDB', async () => {
    const { ws, dir } = await setup();
    const pq = path.join(dir, 'l.parquet');
    const jl = path.join(dir, 'l.jsonl');
    const select = `SELECT * FROM (VALUES ('甲公司', '${U1}', 'L-1', DATE '2026-03-01', '许可局'), ('乙公司', '${U2}', 'L-2', DATE '2026-03-02', '许可局'),
      ('丙公司', '${U3}', 'L-3', DATE '2099-01-01', '许可局')) t(XK_XDR_MC, XK_XDR_SHXYM, XK_WSH, XK_JDRQ, XK_XKJG)`;
    await ws.run(`COPY (${select}) TO '${pq}' (FORMAT parquet)`);
    await ws.run(`COPY (${select}) TO '${jl}' (FORMAT json)`);
    const a = await runImport(ws, { file: pq, table: 'licenses' }, { today: TODAY });
    expect(a).toMatchObject({ read: 3, loaded: 2, rejected: 1, profile: 'licenses-xyzg' });
    const b = await runImport(ws, { file: jl, table: 'licenses' }, { today: TODAY });
    expect(b).toMatchObject({ read: 3, loaded: 0, rejected: 1, duplicates: 2 });
    expect(await rejectRows(ws, b.batchId)).toEqual([{ row_number: 3, reasons: ['DATE_INVALID'] }]);
  });
});

describe('USCC check digits', () => {
  /** Well-shaped codes whose last character is wrong (distinct). */
  const badCodes = (n: number) =>
    Array.from({ length: n }, (_, i) => {
      const good = makeUscc('91', '310120', `MA1B${String(i).padStart(4, '0')}`);
      return good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    });

  // Few distinct bad codes: looked up in a list built from the file's distinct codes; many: computed per row.
  for (const n of [40, 300]) {
    it(`rejects every row of ${n} distinct bad codes with its reasons in rule order`, async () => {
      const { ws, dir } = await setup();
      const bad = badCodes(n);
      const rows: string[][] = [];
      bad.forEach((code, i) => {
        rows.push(ok(`公司${i}`, code, `U-${i}-a`), ok(`公司${i}`, U1, `U-${i}-ok`));
        // The same code again, also without a name: both reasons, in rule order.
        rows.push(ok(i % 2 ? '' : `公司${i}乙`, code, `U-${i}-b`));
      });
      rows.push(ok('形状不对的公司', 'ABC', 'U-shape'));
      const file = path.join(dir, `bad-${n}.csv`);
      fs.writeFileSync(file, toCsv(HEADERS, rows));
      const r = await runImport(ws, { file, table: 'penalties' }, { today: TODAY });
      expect(r).toMatchObject({ read: rows.length, rejected: 2 * n + 1, loaded: n, duplicates: 0 });
      const rejects = await rejectRows(ws, r.batchId);
      expect(rejects.map((x) => x.row_number)).toEqual(
        rows.flatMap((row, i) => (row[2] === U1 ? [] : [i + 1])),
      );
      for (const x of rejects) {
        const row = rows[x.row_number - 1]!;
        expect(x.reasons).toEqual(row[0] === '' ? ['NAME_MISSING', 'USCC_INVALID'] : ['USCC_INVALID']);
      }
      expect(await ws.scalar('SELECT count(*) FROM penalties WHERE uscc <> ?', [U1])).toBe(0);
    });
  }
});

describe('atomicity', () => {
  it('a cancelled import leaves no rows, no batch, no rejects and no temp files', async () => {
    const { ws, dir } = await setup();
    const rows: string[][] = [];
    for (let i = 0; i < 3000; i++) rows.push(ok(`公司${i}`, i % 10 === 0 ? 'BAD' : U1, `C-${i}`));
    const file = path.join(dir, 'c.csv');
    fs.writeFileSync(file, iconv.encode(toCsv(HEADERS, rows), 'gbk'));
    for (const phase of ['转换编码', '解析与校验', '写入数据表', '拒绝记录']) {
      const controller = new AbortController();
      const run = runImport(ws, { file, table: 'penalties' }, {
        today: TODAY,
        signal: controller.signal,
        progress: (p) => {
          if (p === phase) controller.abort();
        },
      });
      await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    }
    expect(await ws.scalar('SELECT count(*) FROM penalties')).toBe(0);
    expect(await ws.scalar('SELECT count(*) FROM import_batches')).toBe(0);
    expect(await ws.scalar('SELECT count(*) FROM import_rejects')).toBe(0);
    const leftovers = fs.readdirSync(path.dirname(ws.path)).filter((f) => f.startsWith('.cws-import-') || f.includes('.rejects-'));
    expect(leftovers).toEqual([]);
    // The workspace is usable afterwards and the same file imports completely.
    const r = await runImport(ws, { file, table: 'penalties' }, { today: TODAY });
    expect(r).toMatchObject({ read: 3000, rejected: 300, loaded: 2700, duplicates: 0 });
  });

  it('caps DuckDB memory while imports run and restores the workspace limit after the last, also after a failure', async () => {
    const { ws } = await setup();
    const limit = () => ws.scalar<string>(`SELECT current_setting('memory_limit')`);
    const before = await limit();
    expect(parseBytes(before)).toBeGreaterThan(parseBytes('800MB'));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // Two overlapping imports share one cap: the first to finish must not lift it under the other.
    const first = withImportMemoryLimit(ws, async () => {
      expect(parseBytes(await limit())).toBeLessThanOrEqual(parseBytes('800MB'));
      await gate;
      throw new Error('failed import');
    });
    const second = withImportMemoryLimit(ws, async () => parseBytes(await limit()));
    expect(await second).toBeLessThanOrEqual(parseBytes('800MB'));
    expect(parseBytes(await limit())).toBeLessThanOrEqual(parseBytes('800MB'));
    release();
    await expect(first).rejects.toThrow('failed import');
    expect(await limit()).toBe(before);
    expect(parseBytes('762.9 MiB')).toBe(Math.round(762.9 * 1024 ** 2));
    expect(parseBytes('1.5GB')).toBe(1.5e9);
    expect(parseBytes('nonsense')).toBe(Infinity);
  });

  it('names the same line for a broken row whether a big file is read whole (UTF-8) or in parts (GBK)', async () => {
    const { ws, dir } = await setup();
    // A title line above the header, quoted line breaks all through (a part may only start between records), and a
    // row with too many columns in the last quarter of a file big enough to be decoded in parts.
    const headers = [...HEADERS, '违法事实'];
    const rows: string[][] = [];
    for (let i = 0, bytes = 0; bytes < PARALLEL_TRANSCODE_MIN_BYTES + (4 << 20); i++) {
      rows.push([...ok(`奉贤商贸${i}有限公司`, U1, `L-${i}`), i % 3 === 0 ? `第${i}行，\n含换行` : `违法事实${i}`]);
      bytes += Buffer.byteLength(rows[i]!.join(',')) * 0.7;
    }
    const bad = Math.floor(rows.length * 0.8);
    const lines = toCsv(headers, rows).split(/\n(?=奉贤商贸)/);
    lines[bad + 1] += ',多出来的列';
    const text = '2026年奉贤区行政处罚信息\n' + lines.join('\n');
    const utf8 = path.join(dir, 'broken.utf8.csv');
    const gbk = path.join(dir, 'broken.gbk.csv');
    fs.writeFileSync(utf8, text);
    fs.writeFileSync(gbk, iconv.encode(text, 'gb18030'));
    expect(fs.statSync(gbk).size).toBeGreaterThan(PARALLEL_TRANSCODE_MIN_BYTES);
    const whole = await runImport(ws, { file: utf8, table: 'penalties' }, { today: TODAY }).catch((e: CoreError) => e);
    const parts = await runImport(ws, { file: gbk, table: 'penalties' }, { today: TODAY }).catch((e: CoreError) => e);
    expect(whole).toMatchObject({ code: 'IMPORT_FAILED' });
    expect(parts).toMatchObject({ code: 'IMPORT_FAILED' });
    const lineOf = (e: unknown) => Number(/文件第 (\d+) 行格式不正确/.exec((e as CoreError).message)?.[1]);
    // DuckDB counts records (a quoted line break does not start a line): title, header, then the rows.
    expect(lineOf(whole)).toBe(bad + 3);
    expect(lineOf(parts)).toBe(lineOf(whole));
    expect(await ws.scalar('SELECT count(*) FROM penalties')).toBe(0);
    expect(await ws.scalar('SELECT count(*) FROM import_batches')).toBe(0);
  });

  it('a file that cannot be parsed fails with the line and changes nothing', async () => {
    const { ws, dir } = await setup();
    const file = path.join(dir, 'broken.csv');
    fs.writeFileSync(file, toCsv(HEADERS, [ok('甲', U1, 'B-1')]) + '乙,法人及非法人组织,x,,,B-2,2026-03-01,1,局,多出来的列,又一列\n');
    await expect(runImport(ws, { file, table: 'penalties' }, { today: TODAY })).rejects.toMatchObject({ code: 'IMPORT_FAILED' });
    expect(await ws.scalar('SELECT count(*) FROM penalties')).toBe(0);
    expect(await ws.scalar('SELECT count(*) FROM import_batches')).toBe(0);
  });
});

describe('other tables', () => {
  it('applies the data rules of subjects and credit lists', async () => {
    const { ws, dir } = await setup();
    const subj = path.join(dir, 'subjects.csv');
    fs.writeFileSync(subj, toCsv(['统一社会信用代码', '企业名称', '注册资本（万元）', '成立日期', '法定代表人证件号码'], [
      [U1, '甲公司', '100', '1985-06-01', ID_OK],
      [BAD_USCC, '乙公司', '50', '2001-01-01', ''],
      [U2, '', 'abc', '2001-02-30', ''],
    ]));
    const s = await runImport(ws, { file: subj, table: 'subjects' }, { today: TODAY });
    expect(s).toMatchObject({ read: 3, loaded: 1, rejected: 2 });
    expect(await rejectRows(ws, s.batchId)).toEqual([
      { row_number: 2, reasons: ['USCC_INVALID'] },
      { row_number: 3, reasons: ['NAME_MISSING', 'AMOUNT_INVALID', 'DATE_INVALID'] },
    ]);
    expect(await ws.scalar('SELECT legal_rep_person_id = person_key(?) FROM subjects', [ID_OK])).toBe(true);
    const lists = path.join(dir, 'lists.csv');
    fs.writeFileSync(lists, toCsv(['名单类型', '统一社会信用代码', '身份证号', '列入日期'], [
      ['经营异常名录', U1, '', '2025-01-02'],
      ['黑名单', U1, '', '2025-01-02'],
      ['失信被执行人', '', '', '2025-01-02'],
      ['失信被执行人', '', ID_OK, '2025-01-02'],
    ]));
    const insp = path.join(dir, 'inspections.json');
    fs.writeFileSync(insp, JSON.stringify([
      { 检查编号: 'I-1', 统一社会信用代码: U1, 检查日期: '2026-01-05', 双随机: '是' },
      { 检查编号: 'I-2', 统一社会信用代码: U2, 检查日期: '2026-01-06', 双随机: '否' },
      { 检查编号: 'I-3', 统一社会信用代码: U2, 检查日期: '2026-01-07', 双随机: '也许' },
    ]));
    const i = await runImport(ws, { file: insp, table: 'inspections' }, { today: TODAY });
    expect(i).toMatchObject({ read: 3, loaded: 2, rejected: 1 });
    expect(await rejectRows(ws, i.batchId)).toEqual([{ row_number: 3, reasons: ['BOOLEAN_INVALID'] }]);
    expect(await ws.all('SELECT inspection_id, random_draw FROM inspections ORDER BY inspection_id')).toEqual([
      { inspection_id: 'I-1', random_draw: true },
      { inspection_id: 'I-2', random_draw: false },
    ]);
    const l = await runImport(ws, { file: lists, table: 'credit_lists' }, { today: TODAY });
    expect(l).toMatchObject({ read: 4, loaded: 2, rejected: 2 });
    expect(await rejectRows(ws, l.batchId)).toEqual([
      { row_number: 2, reasons: ['LIST_TYPE_INVALID'] },
      { row_number: 3, reasons: ['SUBJECT_MISSING'] },
    ]);
  });
});

describe('row numbers under parallel reading', () => {
  it('stay the file row numbers when DuckDB reads many small buffers in parallel', async () => {
    const { ws, dir } = await setup();
    const headers = [...HEADERS, '违法事实'];
    const rows: string[][] = [];
    const expected: number[] = [];
    for (let i = 1; i <= 6000; i++) {
      const bad = i % 97 === 0 || i === 6000;
      if (bad) expected.push(i);
      const facts = i % 3 === 0 ? `第${i}行事实，含逗号\n以及换行\n"引号"` : `第${i}行事实`;
      rows.push([...ok(`公司${i}`, bad ? 'BAD' : U1, `P-${i}`), facts]);
    }
    const file = path.join(dir, 'par.csv');
    fs.writeFileSync(file, toCsv(headers, rows));
    expect(fs.statSync(file).size).toBeGreaterThan(12 * 64 * 1024);
    process.env.CWS_IMPORT_CSV_BUFFER = String(64 * 1024);
    try {
      const r = await runImport(ws, { file, table: 'penalties' }, { today: TODAY });
      expect(r).toMatchObject({ read: 6000, rejected: expected.length, loaded: 6000 - expected.length, duplicates: 0 });
      expect((await rejectRows(ws, r.batchId)).map((x) => x.row_number)).toEqual(expected);
      const mismatched = await ws.scalar<number>(`SELECT count(*) FROM penalties WHERE decision_no <> 'P-' || source_row OR facts NOT LIKE '第' || source_row || '行事实%'`);
      expect(mismatched).toBe(0);
    } finally {
      delete process.env.CWS_IMPORT_CSV_BUFFER;
    }
  });
});

describe('XLSX text integrity', () => {
  it.each([true, false])('keeps Chinese text intact across zip chunks (shared strings: %s)', async (useSharedStrings) => {
    const { ws, dir } = await setup();
    const file = path.join(dir, `cjk-${useSharedStrings}.xlsx`);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings });
    const sheet = wb.addWorksheet('处罚');
    sheet.addRow(HEADERS).commit();
    const n = 3000;
    const facts = (i: number) => `当事人于奉贤区南桥镇经营超过保质期的食品，货值金额${i}元，违法所得若干，依法予以处罚。`.repeat(2);
    for (let i = 1; i <= n; i++) {
      sheet.addRow([`上海奉贤𠀀某某${i}号商贸有限公司`, '法人及非法人组织', U1, '', '', `Z-${i}`, '2026-03-01', 1, facts(i)]).commit();
    }
    sheet.commit();
    await wb.commit();
    const r = await runImport(ws, { file, table: 'penalties' }, { today: TODAY });
    expect(r).toMatchObject({ read: n, loaded: n, rejected: 0 });
    const wrong = await ws.scalar<number>(
      `SELECT count(*) FROM penalties WHERE subject_name <> '上海奉贤𠀀某某' || source_row || '号商贸有限公司'
         OR subject_kind <> '法人及非法人组织' OR strpos(authority, chr(65533)) > 0`,
    );
    expect(wrong).toBe(0);
    expect(await ws.scalar<string>("SELECT authority FROM penalties WHERE decision_no = 'Z-77'")).toBe(facts(77));
  });
});
