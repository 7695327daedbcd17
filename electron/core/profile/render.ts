// A profile as a file: XLSX (one sheet per part that has records) or a printable, self-contained HTML page (no
// scripts, print styles, A4). Pure: takes the profile the viewer saw.
import * as XLSX from 'xlsx';
import type { ProfileTable, SubjectProfile } from '../../../shared/contract/profile';
import { sheetTitle } from '../export/grid';

const TONE_LABEL = { good: '守信', bad: '失信', neutral: '' } as const;

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(cellText).join('、');
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 10_000) / 10_000);
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function cellValue(v: unknown): string | number | boolean {
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  return cellText(v);
}

function relationRows(p: SubjectProfile): { label: string; kind: string; roles: string; lists: string }[] {
  return p.relations.nodes
    .filter((n) => !n.center)
    .map((n) => ({
      label: n.kind === 'subject' ? `${n.label}（${n.id}）` : n.label,
      kind: n.kind === 'subject' ? '主体' : '自然人',
      roles: p.relations.edges.filter((e) => e.source === n.id || e.target === n.id).map((e) => e.label).join('、'),
      lists: n.lists.join('、'),
    }));
}

export function profileXlsx(p: SubjectProfile, operator: string): Uint8Array {
  const book = XLSX.utils.book_new();
  const used = new Set<string>();
  const add = (title: string, aoa: unknown[][]) => {
    let name = sheetTitle(title);
    for (let i = 2; used.has(name); i++) name = sheetTitle(`${title.slice(0, 27)}(${i})`);
    used.add(name);
    const sheet = XLSX.utils.aoa_to_sheet(aoa);
    sheet['!cols'] = (aoa[0] ?? []).map(() => ({ wch: 22 }));
    XLSX.utils.book_append_sheet(book, sheet, name);
  };
  const basicRow = p.basic.rows[0] ?? {};
  add('基础信息', [
    ['项目', '内容'],
    ...p.basic.columns.map((c) => [c.label, cellValue(basicRow[c.name])]),
    ['信用等级', p.evaluation ? `${p.evaluation.grade}（${p.evaluation.finalScore} 分，${p.evaluation.asOf}）` : '尚无评价'],
    ['监管层级', p.tier ? `${p.tier.tier}（${p.tier.asOf}）` : '尚无分级'],
    ['生成时间', p.generatedAt.replace('T', ' ').slice(0, 19)],
    ['导出人', operator],
    ['个人信息', p.masked ? '已脱敏' : '未脱敏（已申请并记录事由）'],
  ]);
  for (const section of p.sections) {
    if (section.key === 'basic') continue;
    for (const t of section.tables) {
      if (!t.rows.length) continue;
      add(`${section.title}-${t.label}`, tableAoa(t));
    }
  }
  add('时间轴', [['日期', '类别', '事项', '性质'], ...p.timeline.map((e) => [e.date, e.category, e.title, TONE_LABEL[e.tone]])]);
  add('关联关系', [['关联方', '类型', '关系', '名单'], ...relationRows(p).map((r) => [r.label, r.kind, r.roles, r.lists])]);
  const bytes = XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function tableAoa(t: ProfileTable): unknown[][] {
  return [t.columns.map((c) => c.label), ...t.rows.map((r) => t.columns.map((c) => cellValue(r[c.name])))];
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function htmlTable(t: ProfileTable): string {
  const head = t.columns.map((c) => `<th>${escapeHtml(c.label)}</th>`).join('');
  const body = t.rows.map((r) => `<tr>${t.columns.map((c) => `<td>${escapeHtml(cellText(r[c.name]))}</td>`).join('')}</tr>`).join('\n');
  const more = t.total > t.rows.length ? `<p class="note">共 ${t.total} 条，此处列出前 ${t.rows.length} 条。</p>` : '';
  return `<h3>${escapeHtml(t.label)}（${t.total} 条）</h3>${t.rows.length ? `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>` : '<p class="none">无记录</p>'}${more}`;
}

export function profileHtml(p: SubjectProfile, operator: string): string {
  const basicRow = p.basic.rows[0] ?? {};
  const basic = p.basic.columns
    .map((c) => `<tr><th>${escapeHtml(c.label)}</th><td>${escapeHtml(cellText(basicRow[c.name]))}</td></tr>`)
    .join('');
  const sections = p.sections
    .filter((s) => s.key !== 'basic')
    .map(
      (s, i) =>
        `<section><h2>${i + 2}. ${escapeHtml(s.title)}</h2>${s.note ? `<p class="note">${escapeHtml(s.note)}</p>` : ''}${
          s.tables.length ? s.tables.map(htmlTable).join('\n') : '<p class="none">无记录</p>'
        }</section>`,
    )
    .join('\n');
  const timeline = p.timeline
    .slice(0, 300)
    .map((e) => `<tr class="${e.tone}"><td>${e.date}</td><td>${escapeHtml(e.category)}</td><td>${escapeHtml(e.title)}</td></tr>`)
    .join('');
  const relations = relationRows(p)
    .map((r) => `<tr><td>${escapeHtml(r.label)}</td><td>${r.kind}</td><td>${escapeHtml(r.roles)}</td><td>${escapeHtml(r.lists)}</td></tr>`)
    .join('');
  const grade = p.evaluation ? `${p.evaluation.grade}（${p.evaluation.finalScore} 分）` : '尚无评价';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(p.name)} 公共信用信息报告</title>
<style>
@page { size: A4; margin: 16mm 14mm; }
body { font-family: "WenQuanYi Zen Hei","Noto Sans CJK SC","Microsoft YaHei","SimSun",sans-serif; font-size: 12px; color: #222; margin: 24px; }
h1 { font-size: 20px; text-align: center; margin: 0 0 4px; } .sub { text-align: center; color: #555; margin-bottom: 16px; }
h2 { font-size: 15px; border-bottom: 2px solid #1f3b6e; padding-bottom: 3px; margin-top: 22px; color: #1f3b6e; }
h3 { font-size: 13px; margin: 12px 0 4px; }
table { border-collapse: collapse; width: 100%; margin-bottom: 6px; page-break-inside: auto; }
tr { page-break-inside: avoid; } th, td { border: 1px solid #bbb; padding: 3px 5px; text-align: left; vertical-align: top; word-break: break-all; }
th { background: #f0f3f8; font-weight: 600; } table.kv th { width: 22%; }
tr.bad td:first-child { border-left: 3px solid #cf222e; } tr.good td:first-child { border-left: 3px solid #2da44e; }
.note { color: #8a6d00; } .none { color: #888; } .foot { margin-top: 24px; color: #666; font-size: 11px; }
</style></head><body>
<h1>公共信用信息报告（一户一档）</h1>
<div class="sub">${escapeHtml(p.name)} · 统一社会信用代码 ${escapeHtml(p.uscc)}</div>
<section><h2>1. 基础信息</h2><table class="kv">${basic}
<tr><th>信用等级</th><td>${escapeHtml(grade)}</td></tr><tr><th>监管层级</th><td>${escapeHtml(p.tier ? p.tier.tier : '尚无分级')}</td></tr></table></section>
${sections}
<section><h2>时间轴</h2>${timeline ? `<table><thead><tr><th>日期</th><th>类别</th><th>事项</th></tr></thead><tbody>${timeline}</tbody></table>` : '<p class="none">无记录</p>'}</section>
<section><h2>直接关联关系</h2>${relations ? `<table><thead><tr><th>关联方</th><th>类型</th><th>关系</th><th>名单</th></tr></thead><tbody>${relations}</tbody></table>` : '<p class="none">无记录</p>'}</section>
<p class="foot">生成时间 ${escapeHtml(p.generatedAt.replace('T', ' ').slice(0, 19))}（UTC）· 导出人 ${escapeHtml(operator)} · ${p.masked ? '自然人姓名、证件号码、电话已脱敏' : '含未脱敏个人信息，请妥善保管'} · 信用分析工作站</p>
</body></html>`;
}
