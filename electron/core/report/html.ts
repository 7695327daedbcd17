// The report as one self-contained HTML file: no scripts, no external CSS, fonts or images, no http(s) reference;
// charts are inline SVG (ECharts server-side rendering). Print CSS: A4, each section on a new page, running
// header and footer with page numbers in @page margin boxes (Chromium ≥ 131, so Electron's printToPDF and
// Chromium's page.pdf both print them), the watermark (operator, time, purpose) in the footer of every page.
import type { ReportCell, ReportColumn, ReportData, ReportMetric, ReportSection, ReportTable } from '../../../shared/contract/report';
import { CAPABILITY_LABELS } from '../../../shared/contract/report';
import { CONFIDENTIAL, escapeHtml, htmlWatermarkFooter, htmlWatermarkMeta, localTime, watermarkText, type Watermark } from '../security/watermark';
import { chartSvg } from './charts';
import { formatValue } from './format';

const h = escapeHtml;

/** A CSS string literal (for @page margin boxes); nothing in it can close the style element. */
export function cssString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\r\n]+/g, ' ').replace(/</g, '\\3C ').replace(/>/g, '\\3E ')}"`;
}

function css(d: ReportData, w: Watermark): string {
  return `
@page {
  size: A4;
  margin: 18mm 14mm 20mm 14mm;
  @top-left { content: ${cssString(`${d.district}${d.title}（${d.period.label}）`)}; font-size: 8pt; color: #57606a; }
  @top-right { content: ${cssString(CONFIDENTIAL)}; font-size: 8pt; color: #cf222e; }
  @bottom-left { content: ${cssString(watermarkText(w))}; font-size: 7pt; color: #57606a; }
  @bottom-right { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; font-size: 8pt; color: #57606a; }
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Source Han Sans SC", sans-serif;
  font-size: 10pt; line-height: 1.5; color: #1f2328; margin: 0; }
h1 { font-size: 22pt; margin: 16mm 0 4mm; text-align: center; }
h2 { font-size: 15pt; margin: 0 0 3mm; padding-bottom: 2mm; border-bottom: 2px solid #1f6feb; }
h3 { font-size: 11pt; margin: 5mm 0 2mm; }
p { margin: 1.5mm 0; }
.subtitle { text-align: center; font-size: 12pt; color: #57606a; margin-bottom: 12mm; }
.meta { width: 100%; border-collapse: collapse; margin: 0 auto 8mm; font-size: 9pt; }
.meta th { width: 32%; text-align: left; font-weight: normal; color: #57606a; }
.meta th, .meta td { border-bottom: 1px solid #d8dee4; padding: 1.2mm 2mm; word-break: break-all; }
.toc { font-size: 10.5pt; }
.toc li { margin: 1mm 0; }
.toc a { color: #0969da; text-decoration: none; }
.toc .muted { color: #8c959f; font-size: 9pt; }
.report-section { break-before: page; page-break-before: always; }
.intro { color: #424a53; }
.note { background: #fff8c5; border-left: 3px solid #d4a72c; padding: 2mm 3mm; margin: 2mm 0; font-size: 9pt; }
.unavailable { background: #ffebe9; border-left: 3px solid #cf222e; padding: 4mm; margin: 6mm 0; font-size: 11pt; }
.runs { color: #57606a; font-size: 8.5pt; }
.kpis { display: grid; grid-template-columns: repeat(4, 1fr); gap: 2mm; margin: 3mm 0; }
.kpi { border: 1px solid #d0d7de; border-radius: 2mm; padding: 2mm 3mm; break-inside: avoid; }
.kpi .label { font-size: 8pt; color: #57606a; }
.kpi .value { font-size: 14pt; font-weight: bold; }
.kpi .prior { font-size: 7.5pt; color: #57606a; }
.up, .down { font-weight: 600; }
.chart { margin: 3mm 0; break-inside: avoid; page-break-inside: avoid; text-align: center; }
.chart svg { max-width: 100%; height: auto; }
table.data { border-collapse: collapse; width: 100%; font-size: 8pt; margin: 1mm 0 3mm; }
table.data.wide { font-size: 7pt; }
table.data th, table.data td { border: 1px solid #d0d7de; padding: 0.6mm 1.2mm; }
table.data th { background: #f6f8fa; font-weight: 600; text-align: center; }
table.data td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.data td.prior, table.data td.delta { color: #57606a; }
table.data td.key { white-space: nowrap; }
table.data tr.total td { font-weight: 600; background: #f6f8fa; }
table.data thead { display: table-header-group; }
table.data tr { break-inside: avoid; page-break-inside: avoid; }
.sql-note { font-size: 8pt; color: #57606a; }
@media screen {
  body { background: #eaeef2; padding: 8mm 0; }
  .page-like { background: #fff; max-width: 190mm; margin: 0 auto 8mm; padding: 10mm 12mm; box-shadow: 0 1px 3px rgba(0,0,0,.15); }
  h1 { margin-top: 10mm; }
}
@media print {
  footer.cws-watermark { display: none !important; }
  .page-like { padding: 0; }
}
`;
}

function fmtDelta(m: { delta: number | null; format: ReportMetric['format'] }): string {
  if (m.delta === null) return '';
  const cls = m.delta > 0 ? 'up' : m.delta < 0 ? 'down' : '';
  return `<span class="${cls}">${h(formatValue(m.delta, m.format, true))}</span>`;
}

function kpis(s: ReportSection, hasComparison: boolean): string {
  if (!s.metrics.length) return '';
  const cards = s.metrics.map(
    (m) => `<div class="kpi" data-metric="${h(m.id)}" title="${h(m.definition)}">
  <div class="label">${h(m.label)}</div>
  <div class="value">${h(formatValue(m.current, m.format))}</div>
  ${hasComparison ? `<div class="prior">上期 ${h(formatValue(m.prior, m.format))}${m.delta !== null ? `，变化 ${fmtDelta(m)}` : ''}</div>` : ''}
</div>`,
  );
  return `<div class="kpis">${cards.join('\n')}</div>`;
}

function cell(v: ReportCell | undefined, c: ReportColumn): string {
  // Table deltas of shares are printed as bare percentage points (the header says 百分点).
  const text = c.role === 'delta' && c.format === 'pct' && typeof v === 'number' ? formatValue(v * 100, 'num1', true) : formatValue(v ?? null, c.format, c.role === 'delta');
  const numeric = typeof v === 'number' || (c.format !== 'text' && c.format !== 'date');
  const cls = [numeric ? 'num' : '', c.role ?? '', c.isKey ? 'key' : ''].filter(Boolean).join(' ');
  return `<td${cls ? ` class="${cls}"` : ''}>${h(text)}</td>`;
}

/** Two header rows when the table compares periods: the column once, then 本期 / 上期 / 变化 beneath. */
function tableHtml(t: ReportTable): string {
  const compared = new Set(t.columns.filter((c) => c.role === 'prior').map((c) => c.of!));
  const base = t.columns.filter((c) => !c.role);
  const head = compared.size
    ? `<tr>${base.map((c) => (compared.has(c.key) ? `<th colspan="3">${h(c.label)}</th>` : `<th rowspan="2">${h(c.label)}</th>`)).join('')}</tr>
<tr>${base.flatMap((c) => (compared.has(c.key) ? ['<th>本期</th>', '<th>上期</th>', c.format === 'pct' ? '<th>变化<br>(百分点)</th>' : '<th>变化</th>'] : [])).join('')}</tr>`
    : `<tr>${base.map((c) => `<th>${h(c.label)}</th>`).join('')}</tr>`;
  const keys = t.columns.filter((c) => c.isKey);
  const body = t.rows
    .map((r) => {
      const total = t.totalKey !== undefined && keys.some((k) => r[k.key] === t.totalKey);
      return `<tr${total ? ' class="total"' : ''}>${t.columns.map((c) => cell(r[c.key], c)).join('')}</tr>`;
    })
    .join('\n');
  const wide = t.columns.length > 10 ? ' wide' : '';
  return `<table class="data${wide}" data-table="${h(t.id)}"><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

function sectionHtml(d: ReportData, s: ReportSection): string {
  const runs = s.runs.current
    .map((r) => `${CAPABILITY_LABELS[r.capability]}运行 ${h(r.runId)}（基准日 ${h(r.asOf)}）`)
    .concat(s.runs.prior.map((r) => `上期：${CAPABILITY_LABELS[r.capability]}运行 ${h(r.runId)}（基准日 ${h(r.asOf)}）`));
  const parts = [
    `<h2>${s.no}、${h(s.title)}</h2>`,
    `<p class="intro">${h(s.intro)}</p>`,
    runs.length ? `<p class="runs">所用运行：${runs.join('；')}</p>` : '',
  ];
  if (!s.available) {
    parts.push(`<div class="unavailable" data-unavailable="true">${h(s.note ?? '本章节没有数据。')}</div>`);
  } else {
    if (s.priorNote) parts.push(`<div class="note">${h(s.priorNote)}</div>`);
    parts.push(kpis(s, !!d.comparison));
    for (const c of s.charts) parts.push(`<div class="chart" data-chart="${h(c.id)}">${chartSvg(c)}</div>`);
    for (const t of s.tables) {
      parts.push(`<h3>${h(t.title)}</h3>`);
      if (t.note) parts.push(`<div class="note">${h(t.note)}</div>`);
      if (t.rows.length) parts.push(tableHtml(t));
    }
  }
  return `<section class="report-section page-like" id="sec-${h(s.id)}" data-section="${h(s.id)}">\n${parts.filter(Boolean).join('\n')}\n</section>`;
}

function coverHtml(d: ReportData, w: Watermark): string {
  const runs = new Map<string, string>();
  for (const s of d.sections) {
    for (const r of s.runs.current) runs.set(`${r.capability}:${r.runId}`, `${CAPABILITY_LABELS[r.capability]}（本期）：${r.runId}，基准日 ${r.asOf}`);
    for (const r of s.runs.prior) runs.set(`p:${r.capability}:${r.runId}`, `${CAPABILITY_LABELS[r.capability]}（上期）：${r.runId}，基准日 ${r.asOf}`);
  }
  const row = (k: string, v: string) => `<tr><th>${h(k)}</th><td>${h(v)}</td></tr>`;
  const toc = d.sections
    .map(
      (s) =>
        `<li><a href="#sec-${h(s.id)}">${h(s.title)}</a>${s.available ? '' : ` <span class="muted">（${h(s.note ?? '无数据')}）</span>`}</li>`,
    )
    .join('\n');
  return `<header class="cover page-like" id="cover">
<h1>${h(d.district)}<br>${h(d.title)}</h1>
<div class="subtitle">${h(d.subtitle)}<br>${h(d.period.label)}${d.comparison ? `（比较期：${h(d.comparison.label)}）` : ''}</div>
<table class="meta">
${row('报告期', `${d.period.start} 至 ${d.period.end}`)}
${row('比较期（上期）', d.comparison ? `${d.comparison.start} 至 ${d.comparison.end}` : '不比较')}
${row('生成时间', localTime(d.generatedAt))}
${row('导出人', w.operator)}
${row('用途', w.purpose)}
${row('报告编号', d.reportId)}
${row('数据指纹（SHA-256）', d.fingerprint)}
${row('报告定义', `${d.definition.id} ${d.definition.version}（SHA-256 ${d.definition.sha256.slice(0, 16)}…）`)}
${row('工作日历版本', d.calendar)}
${row('所用运行', runs.size ? [...runs.values()].join('；') : '（所选章节不依赖评价、分级或修复测算运行）')}
</table>
<h3>目录</h3>
<ol class="toc">
${toc}
</ol>
</header>`;
}

export function reportHtml(d: ReportData, w: Watermark): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(`${d.district}${d.title}（${d.period.label}）`)}</title>
${htmlWatermarkMeta(w)}
<meta name="cws-report-id" content="${h(d.reportId)}">
<meta name="cws-data-fingerprint" content="${h(d.fingerprint)}">
<style>${css(d, w)}</style>
</head>
<body>
${coverHtml(d, w)}
${d.sections.map((s) => sectionHtml(d, s)).join('\n')}
${htmlWatermarkFooter(w)}
</body>
</html>
`;
}
