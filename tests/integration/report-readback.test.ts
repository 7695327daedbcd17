// The full report on a generated district with evaluation, tiering and repair runs for both years: the workbook is
// read back and every number in it — metrics and table cells, this period, the prior one and the change — is
// checked against the definition's SQL run directly on the workspace (temp tables, metric and table statements).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import XLSX from 'xlsx';
import { openWorkspace, type Workspace } from '../../electron/core/workspace';
import { createDemoWorkspace } from '../../electron/core/demo/services';
import { runEvaluation } from '../../electron/core/evaluate/run';
import { runTiering } from '../../electron/core/tiering/run';
import { runDisclosure } from '../../electron/core/repair/disclosure';
import { runExposure } from '../../electron/core/graph/index';
import { loadRuleBook } from '../../electron/core/repair/index';
import { loadWarningRules } from '../../electron/core/tiering/index';
import { computeReport } from '../../electron/core/report/compute';
import { loadDefinition, type SectionDef } from '../../electron/core/report/definition';
import { fillSql, type SqlContext } from '../../electron/core/report/sql';
import { renderReport, reportWatermark } from '../../electron/core/report/build';
import type { ReportData, ReportPeriod, ReportRun, ReportSection } from '../../shared/contract/report';
import { tempDir } from '../helpers/workspace';

let ws: Workspace;
let data: ReportData;
let wb: XLSX.WorkBook;
const NOW = new Date(2027, 0, 15, 9, 0, 0);
const { def } = loadDefinition();

type Row = Record<string, unknown>;
interface Direct {
  metrics: Map<string, number | null>;
  tables: Map<string, Row[]>;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : typeof v === 'bigint' ? Number(v) : (v as number));

/** Runs one section's statements for one period on a fresh connection, straight from the definition. */
async function direct(s: SectionDef, p: ReportPeriod, runs: ReportRun[]): Promise<Direct> {
  const ctx: SqlContext = {
    def,
    start: p.start,
    end: p.end,
    days: p.days,
    asOf: p.end < '2027-01-15' ? p.end : '2027-01-15',
    runs: Object.fromEntries(runs.map((r) => [r.capability, { runId: r.runId, asOf: r.asOf }])),
    book: loadRuleBook(),
    warningRules: loadWarningRules().rules.rules.map((r) => ({ id: r.id, label: r.label, severity: r.severity })),
  };
  return ws.withConnection(async (conn) => {
    for (const prep of s.prepare) await conn.run(`CREATE TEMP TABLE ${prep.name} AS ${fillSql(prep.sql, ctx)}`);
    const metrics = new Map<string, number | null>();
    for (const m of s.metrics) {
      if (m.requires.some((c) => !ctx.runs[c])) continue;
      const r = await conn.one<Row>(fillSql(m.sql, ctx));
      metrics.set(m.id, num(Object.values(r ?? {})[0]));
    }
    const tables = new Map<string, Row[]>();
    for (const t of s.tables) {
      if (t.requires.some((c) => !ctx.runs[c])) continue;
      tables.set(t.id, await conn.all<Row>(fillSql(t.sql, ctx)));
    }
    return { metrics, tables };
  });
}

beforeAll(async () => {
  const file = path.join(tempDir('cws-report-rb-'), 'demo.duckdb');
  await createDemoWorkspace(file, { scale: 1500, seed: 11 });
  ws = await openWorkspace(file);
  const e25 = await runEvaluation(ws, { operator: 't', asOf: '2025-12-31' });
  await runTiering(ws, { evalRunId: e25.runId, operator: 't' });
  const e26 = await runEvaluation(ws, { operator: 't', asOf: '2026-06-30' });
  await runTiering(ws, { evalRunId: e26.runId, operator: 't' });
  await runDisclosure(ws, { asOf: '2026-06-30', operator: 't' });
  await runExposure(ws, { asOf: '2025-12-31' });
  await runExposure(ws, { asOf: '2026-06-30' });
  data = await computeReport(ws, loadDefinition(), { year: 2026 }, { operator: 't', purpose: '回读核对', now: NOW });
  const out = await renderReport(data, 'xlsx', reportWatermark(data));
  // Reading back our own workbook is fine in a test (product code never reads user files with SheetJS).
  wb = XLSX.read(out.bytes, { type: 'array', cellNF: true });
}, 600_000);

afterAll(() => ws?.close());

function sheetOf(s: ReportSection): unknown[][] {
  const name = wb.SheetNames.find((n) => n.startsWith(`${s.no} `))!;
  return XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[name]!, { header: 1, raw: true, defval: null });
}

function expectSame(cell: unknown, want: unknown, where: string): void {
  if (want === null || want === undefined) {
    expect(cell ?? null, where).toBeNull();
  } else if (typeof want === 'number' || typeof want === 'bigint') {
    expect(typeof cell, where).toBe('number');
    expect(cell as number, where).toBeCloseTo(Number(want), 9);
  } else {
    expect(cell, where).toBe(String(want));
  }
}

describe('every number in the workbook equals its SQL run directly', () => {
  it('uses the evaluation, tiering and repair runs of each year', () => {
    const ev = data.sections.find((s) => s.id === 'evaluation')!;
    expect(ev.available).toBe(true);
    expect(ev.runs.current.map((r) => r.asOf)).toEqual(['2026-06-30']);
    expect(ev.runs.prior.map((r) => r.asOf)).toEqual(['2025-12-31']);
    expect(data.sections.every((s) => s.available)).toBe(true);
    const lists = data.sections.find((s) => s.id === 'lists')!;
    expect(lists.runs.current.map((r) => [r.capability, r.asOf])).toEqual([['graph', '2026-06-30']]);
    expect(lists.runs.prior.map((r) => [r.capability, r.asOf])).toEqual([['graph', '2025-12-31']]);
    expect(lists.tables.find((t) => t.id === 'exposure')!.rows).toHaveLength(4);
  });

  for (const s of def.sections) {
    it(`section ${s.id}`, async () => {
      const sec = data.sections.find((x) => x.id === s.id)!;
      const cur = await direct(s, data.period, sec.runs.current);
      const pri = await direct(s, data.comparison!, sec.runs.prior);
      const rows = sheetOf(sec);
      let checked = 0;

      // Metrics: 指标 | 本期 | 上期 | 变化
      for (const m of s.metrics) {
        const r = rows.find((x) => x[0] === m.label)!;
        expect(r, m.label).toBeDefined();
        const c = cur.metrics.get(m.id) ?? null;
        const p = pri.metrics.get(m.id) ?? null;
        expectSame(r[1], c, `${s.id}.${m.id} 本期`);
        expectSame(r[2], p, `${s.id}.${m.id} 上期`);
        expectSame(r[3], c !== null && p !== null ? c - p : null, `${s.id}.${m.id} 变化`);
        checked += 3;
      }

      // Tables: find the title, then the header row, then one sheet row per report row.
      for (const t of s.tables) {
        const rt = sec.tables.find((x) => x.id === t.id)!;
        const at = rows.findIndex((x) => x[0] === t.title);
        expect(at, t.title).toBeGreaterThanOrEqual(0);
        const labels = rt.columns.map((c) => c.label);
        const headerAt = rows.findIndex((x, i) => i > at && labels.every((l, j) => x[j] === l));
        const sqlRows = cur.tables.get(t.id) ?? [];
        const priorRows = pri.tables.get(t.id);
        const keyOf = (r: Row) => JSON.stringify(t.columns.filter((c) => c.isKey).map((c) => r[c.key] ?? null));
        if (!sqlRows.length && !(priorRows ?? []).length) continue;
        expect(headerAt, `${t.title} header`).toBeGreaterThan(at);
        const body = rows.slice(headerAt + 1, headerAt + 1 + rt.rows.length);
        const byKeyCur = new Map(sqlRows.map((r) => [keyOf(r), r]));
        const byKeyPri = new Map((priorRows ?? []).map((r) => [keyOf(r), r]));
        const sheetKeys = new Set<string>();
        for (const cells of body) {
          const asRow = Object.fromEntries(rt.columns.map((c, j) => [c.key, cells[j]]));
          const key = keyOf(asRow);
          sheetKeys.add(key);
          const c = byKeyCur.get(key);
          const p = byKeyPri.get(key);
          rt.columns.forEach((col, j) => {
            const where = `${s.id}.${t.id}[${key}].${col.key}`;
            if (col.isKey) return;
            const base = col.role ? col.of! : col.key;
            const countLike = col.format === 'int' || col.format === 'wan';
            const cv = c ? (c[base] ?? null) : countLike ? 0 : null;
            const pv = p ? (p[base] ?? null) : countLike ? 0 : null;
            if (!col.role) {
              if (c) expectSame(cells[j], cv, where);
              else if (countLike) expectSame(cells[j], 0, where);
            } else if (col.role === 'prior') expectSame(cells[j], pv, where);
            else expectSame(cells[j], num(cv) !== null && num(pv) !== null ? Number(cv) - Number(pv) : null, where);
            checked++;
          });
        }
        // Every row the SQL returned is in the sheet; rows only the prior year has are there too.
        for (const r of sqlRows) expect(sheetKeys.has(keyOf(r)), `${t.title} ${keyOf(r)}`).toBe(true);
        if (rt.columns.some((c) => c.role === 'prior')) for (const r of priorRows ?? []) expect(sheetKeys.has(keyOf(r))).toBe(true);
      }
      expect(checked, `${s.id}: numbers checked`).toBeGreaterThan(5);
    }, 120_000);
  }
});
