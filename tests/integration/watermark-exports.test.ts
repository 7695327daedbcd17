// The tiering and repair XLSX exports carry the watermark (operator, time, purpose) in the workbook properties and
// as a visible line, and the audit entry of each export keeps the purpose. The workbooks are read back with exceljs
// (and their custom properties straight from the zip, which exceljs does not read).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { openWorkspace } from '../../electron/core/workspace';
import { createCore, type Core } from '../../electron/core/services';
import { localTime } from '../../electron/core/security/watermark';
import { callOk } from '../helpers/core';
import { tempDir } from '../helpers/workspace';
import { addEvalRun, addRiskClass, addSubjects, code } from './tiering.fixture';

const OPERATOR = '张 分析员';
const LINE_START = '内部资料 注意保密｜导出人：张 分析员｜导出时间：';

let dir: string;
let core: Core;
let wsFile: string;

beforeAll(async () => {
  dir = tempDir('cws-watermark-exports-');
  wsFile = path.join(dir, '奉贤.duckdb');
  const ws = await openWorkspace(wsFile, { create: true, threads: 2 });
  // Tiering: 3 subjects A×A (无感监管 in the default matrix) and 2 C×C (重点监管).
  await addSubjects(ws, [1, 2, 3, 4, 5].map((n) => ({ n, industry_code: 'F5211' })));
  for (const n of [1, 2, 3]) await addRiskClass(ws, n, '2026-01-01', 'A');
  for (const n of [4, 5]) await addRiskClass(ws, n, '2026-01-01', 'C');
  await addEvalRun(ws, 'E1', '2026-03-31', '2026-04-01 08:00:00', [[1, 'A'], [2, 'A'], [3, 'A'], [4, 'C'], [5, 'C']]);
  // Repair: two penalties decided before the as-of date (both land in penalty_disclosure), one after it (excluded).
  await ws.run(`INSERT INTO penalties (decision_no, uscc, person_id, subject_name, subject_kind, penalty_types, fine_wan, decision_date, authority) VALUES
    ('P1', '${code(1)}', NULL, '测试企业1', '法人及非法人组织', '警告；没收违法所得', NULL, DATE '2026-05-31', '区市场监督管理局'),
    ('P2', '${code(4)}', NULL, '测试企业4', '法人及非法人组织', '吊销营业执照', NULL, DATE '2026-06-15', '区市场监督管理局'),
    ('P3', '${code(5)}', NULL, '测试企业5', '法人及非法人组织', '警告', NULL, DATE '2026-09-01', '区教育局')`);
  ws.close();
  core = createCore({ workspacePath: wsFile, operator: OPERATOR });
});

afterAll(() => {
  core?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Calls an export and brackets the time it ran in (whole seconds: the core properties keep no milliseconds). */
async function timed<T>(fn: () => Promise<T>): Promise<{ out: T; from: number; to: number }> {
  const from = Math.floor(Date.now() / 1000) * 1000;
  const out = await fn();
  return { out, from, to: Date.now() };
}

async function readBack(bytes: Uint8Array | Buffer): Promise<{ wb: ExcelJS.Workbook; custom: string }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const zip = await JSZip.loadAsync(bytes);
  const custom = (await zip.file('docProps/custom.xml')?.async('string')) ?? '';
  return { wb, custom };
}

/** The watermark the workbook must carry, worked out from the operator, the purpose and the export's time. */
function expectStamped(wb: ExcelJS.Workbook, custom: string, purpose: string, from: number, to: number): string {
  expect(wb.creator).toBe(OPERATOR);
  expect(wb.lastModifiedBy).toBe(OPERATOR);
  expect(wb.subject).toBe(`用途：${purpose}`);
  const created = wb.created.getTime();
  expect(created).toBeGreaterThanOrEqual(from);
  expect(created).toBeLessThanOrEqual(to);
  const line = `${LINE_START}${localTime(wb.created.toISOString())}｜用途：${purpose}｜工作区：奉贤.duckdb`;
  expect(wb.description).toBe(line);
  expect(custom).toContain('name="CWS导出人"');
  expect(custom).toContain(`<vt:lpwstr>${OPERATOR}</vt:lpwstr>`);
  expect(custom).toContain('name="CWS用途"');
  expect(custom).toContain(`<vt:lpwstr>${purpose}</vt:lpwstr>`);
  expect(custom).toContain('name="CWS导出时间"');
  return line;
}

async function exportAudits(): Promise<{ target: string; operator: string; purpose: string | null; detail: string }[]> {
  const ws = await core.session.workspace();
  return ws.all(`SELECT target, operator, purpose, detail::VARCHAR AS detail FROM audit_log WHERE action = 'export.file' ORDER BY seq`);
}

describe('tier.export', () => {
  let runId = '';
  beforeAll(async () => {
    runId = (await callOk(core, 'tier.run', { evalRunId: 'E1' })).runId;
  });

  it('stamps the list with operator, time and purpose, and audits the purpose', async () => {
    const purpose = '专项检查 计划编制';
    const { out, from, to } = await timed(() => callOk(core, 'tier.export', { kind: 'noDisturb', runId, purpose }));
    expect(out.rows).toBe(3);
    const { wb, custom } = await readBack(out.bytes!);
    const line = expectStamped(wb, custom, purpose, from, to);
    // Title (1), facts (2–5), blank (6), header (7), 3 subjects (8–10), blank (11), the watermark line (12).
    const sheet = wb.worksheets[0]!;
    expect(sheet.getCell('A7').value).toBe('序号');
    expect(sheet.getCell('B10').value).toBe(code(3));
    expect(sheet.getRow(11).cellCount).toBe(0);
    expect(sheet.getCell('A12').value).toBe(line);
    expect(sheet.rowCount).toBe(12);

    const audits = await exportAudits();
    const last = audits.at(-1)!;
    expect(last).toMatchObject({ target: out.fileName, operator: OPERATOR, purpose });
    expect(JSON.parse(last.detail)).toMatchObject({ capability: 'tier', kind: 'noDisturb', runId, rows: 3, format: 'xlsx' });
  });

  it('writes the stamped file to a path; a sample with a purpose draws the same rows as without', async () => {
    const file = path.join(dir, 'sample.xlsx');
    const purpose = '双随机抽查';
    const { out, from, to } = await timed(() => callOk(core, 'tier.export', { kind: 'sample', runId, total: 2, seed: 'S1', path: file, purpose }));
    const plain = await callOk(core, 'tier.sample', { runId, total: 2, seed: 'S1' });
    expect(out.rows).toBe(plain.drawn);
    const { wb, custom } = await readBack(fs.readFileSync(file));
    const line = expectStamped(wb, custom, purpose, from, to);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getCell(`A${sheet.rowCount}`).value).toBe(line);
    const codes: string[] = [];
    sheet.eachRow((row) => codes.push(String(row.getCell(6).value ?? '')));
    for (const r of plain.rows) expect(codes).toContain(r.uscc);
    expect((await exportAudits()).at(-1)).toMatchObject({ target: file, purpose });
  });

  it('without a purpose the file says 未说明 and the audit entry has none', async () => {
    const { out, from, to } = await timed(() => callOk(core, 'tier.export', { kind: 'exemptItems', runId }));
    const { wb, custom } = await readBack(out.bytes!);
    expectStamped(wb, custom, '未说明', from, to);
    expect((await exportAudits()).at(-1)).toMatchObject({ target: out.fileName, purpose: null });
  });

  it('refuses a purpose over 200 characters', async () => {
    const reply = await core.call({ call: 'tier.export', input: { kind: 'noDisturb', runId, purpose: '用'.repeat(201) } });
    expect(reply.ok).toBe(false);
  });
});

describe('repair.export', () => {
  beforeAll(async () => {
    await callOk(core, 'repair.run', { asOf: '2026-08-31' });
  });

  it('stamps the eligibility list with operator, time and purpose, and audits the purpose', async () => {
    const purpose = '信用修复 主动告知';
    const { out, from, to } = await timed(() => callOk(core, 'repair.export', { purpose }));
    expect(out.rows).toBe(2); // P1, P2 (P3 is after the as-of date)
    const { wb, custom } = await readBack(out.bytes);
    const line = expectStamped(wb, custom, purpose, from, to);
    // The list sheet stays a plain table: header + 2 rows, nothing below.
    const list = wb.getWorksheet('公示期与修复资格')!;
    expect(list.rowCount).toBe(3);
    expect(list.getCell('A1').value).toBe('行政处罚决定书文号');
    // The 说明 sheet: 测算日, 测算编号, 筛选条件, 记录数, 说明, then the watermark line.
    const info = wb.getWorksheet('说明')!;
    expect(info.getCell('A6').value).toBe('导出水印');
    expect(info.getCell('B6').value).toBe(line);

    const last = (await exportAudits()).at(-1)!;
    expect(last).toMatchObject({ target: out.fileName, operator: OPERATOR, purpose });
    expect(JSON.parse(last.detail)).toMatchObject({ what: 'repair.eligibility', rows: 2, format: 'xlsx', unmasked: false });
  });

  it('falls back to the unmask grant’s 查询事由 when no purpose is given', async () => {
    const reason = '核查修复申请材料';
    await callOk(core, 'audit.unmask', { purpose: reason, minutes: 5 });
    try {
      const { out, from, to } = await timed(() => callOk(core, 'repair.export', { filter: { status: ['公示中'] } }));
      expect(out.rows).toBe(1); // P2: 吊销营业执照 → 严重, disclosed until 2027
      const { wb, custom } = await readBack(out.bytes);
      expectStamped(wb, custom, reason, from, to);
      const last = (await exportAudits()).at(-1)!;
      expect(last).toMatchObject({ target: out.fileName, purpose: reason });
      expect(JSON.parse(last.detail)).toMatchObject({ unmasked: true, filter: { status: ['公示中'] } });
    } finally {
      await callOk(core, 'audit.revoke', {});
    }
  });

  it('without a purpose or a grant the file says 未说明 and the audit entry has none', async () => {
    const { out, from, to } = await timed(() => callOk(core, 'repair.export', {}));
    const { wb, custom } = await readBack(out.bytes);
    expectStamped(wb, custom, '未说明', from, to);
    expect((await exportAudits()).at(-1)).toMatchObject({ target: out.fileName, purpose: null });
  });
});
