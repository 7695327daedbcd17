// Benchmark of the full demonstration-zone report (every section, this year against the last) on a large
// workspace: metric SQL for both periods, then the XLSX workbook and the self-contained HTML (SVG charts), and the
// PDF when a Chromium is installed. Target: XLSX + HTML ≤ 60 s at scale 1,000,000. `npm run bench` calls
// benchReport(wsPath); by hand: npx tsx tests/bench/report.bench.ts <ws.duckdb> [year]
// Evaluation, tiering and the repair测算 run first when the workspace has none (timed apart, not in the target).
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { openWorkspace } from '../../electron/core/workspace';
import { runEvaluation } from '../../electron/core/evaluate/run';
import { runTiering } from '../../electron/core/tiering/run';
import { runDisclosure } from '../../electron/core/repair/disclosure';
import { computeReport } from '../../electron/core/report/compute';
import { loadDefinition } from '../../electron/core/report/definition';
import { renderReport, reportWatermark } from '../../electron/core/report/build';
import { findChromium } from '../../electron/core/report/pdf';
import { fmtMs, peakRssMb, printTable, time, type BenchRow } from './util';

export async function benchReport(wsPath: string, year?: number): Promise<{ seconds: number; xlsxBytes: number; htmlBytes: number }> {
  const ws = await openWorkspace(wsPath);
  try {
    const rows: BenchRow[] = [];
    const subjects = (await ws.scalar<number>('SELECT count(*) FROM subjects')) ?? 0;
    const today = new Date().toISOString().slice(0, 10);
    if (!(await ws.scalar<number>('SELECT count(*) FROM eval_runs'))) {
      const t = await time(() => runEvaluation(ws, { operator: 'bench' }));
      rows.push({ bench: 'prerequisite: evaluation run', ours: fmtMs(t.ms), note: 'not part of the report' });
    }
    if (!(await ws.scalar<number>('SELECT count(*) FROM tier_runs'))) {
      const t = await time(() => runTiering(ws, { operator: 'bench' }));
      rows.push({ bench: 'prerequisite: tier run', ours: fmtMs(t.ms), note: 'not part of the report' });
    }
    if (!(await ws.scalar<number>('SELECT count(*) FROM repair_runs WHERE finished_at IS NOT NULL'))) {
      const t = await time(() => runDisclosure(ws, { asOf: today, operator: 'bench' }));
      rows.push({ bench: 'prerequisite: repair disclosure run', ours: fmtMs(t.ms), note: 'not part of the report' });
    }
    const reportYear =
      year ?? (await ws.scalar<number | null>('SELECT max(year(decision_date)) FROM penalties WHERE decision_date <= current_date')) ?? new Date().getFullYear();

    const cpu0 = process.cpuUsage();
    const loaded = loadDefinition();
    const compute = await time(() => computeReport(ws, loaded, { year: Number(reportYear) }, { operator: 'bench', purpose: '性能测试' }));
    const data = compute.value;
    const w = reportWatermark(data, wsPath);
    const xlsx = await time(() => renderReport(data, 'xlsx', w, { loaded }));
    const html = await time(() => renderReport(data, 'html', w, { loaded }));
    const cpu = process.cpuUsage(cpu0);
    const total = compute.ms + xlsx.ms + html.ms;

    rows.push({
      bench: `full report ${data.period.label} vs ${data.comparison?.label} (${subjects.toLocaleString()} subjects): compute + XLSX + HTML`,
      ours: fmtMs(total),
      raw: `cpu ${fmtMs((cpu.user + cpu.system) / 1000)}`,
      target: '≤ 60 s',
      note: `${data.sections.filter((s) => s.available).length}/${data.sections.length} sections with data`,
    });
    rows.push({ bench: '  compute (metric SQL, both periods)', ours: fmtMs(compute.ms) });
    for (const [k, ms] of Object.entries(data.timings).filter(([k]) => k !== 'total').sort((a, b) => b[1] - a[1])) {
      rows.push({ bench: `    ${k}`, ours: fmtMs(ms) });
    }
    rows.push({ bench: '  XLSX workbook', ours: fmtMs(xlsx.ms), note: `${(xlsx.value.bytes.byteLength / 1024).toFixed(0)} KB, ${xlsx.value.sheets?.length} sheets` });
    rows.push({ bench: '  HTML with inline SVG charts', ours: fmtMs(html.ms), note: `${(html.value.bytes.byteLength / 1024).toFixed(0)} KB` });
    if (findChromium()) {
      const pdf = await time(() => renderReport(data, 'pdf', w, { loaded }));
      rows.push({ bench: '  PDF through Chromium (extra)', ours: fmtMs(pdf.ms), note: `${pdf.value.pages} pages, ${(pdf.value.bytes.byteLength / 1024).toFixed(0)} KB` });
    }
    rows.push({ bench: 'peak RSS', ours: `${peakRssMb()} MB`, note: `load average ${os.loadavg().map((x) => x.toFixed(1)).join(' / ')} on ${os.cpus().length} cores` });
    printTable('report (示范区创建报告)', rows);
    return { seconds: total / 1000, xlsxBytes: xlsx.value.bytes.byteLength, htmlBytes: html.value.bytes.byteLength };
  } finally {
    ws.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2];
  if (!file) {
    console.error('用法：npx tsx tests/bench/report.bench.ts <ws.duckdb> [year]');
    process.exit(1);
  }
  await benchReport(file, process.argv[3] ? Number(process.argv[3]) : undefined);
}
