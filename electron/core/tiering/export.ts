// XLSX exports of the tiering lists (SheetJS, write only). Each sheet starts with a title and the facts needed to
// reproduce it (run, as-of date, matrix hash; the seed for a sample), then a header row and the data rows.
import fs from 'node:fs';
import path from 'node:path';
import XLSX from 'xlsx';
import type { Workspace } from '../workspace/workspace';
import { CoreError } from '../errors';
import { applyXlsxWatermark, type Watermark } from '../audit';
import { GRADE_LABELS, RISK_CLASS_LABELS } from '../../../shared/domain/enums';
import {
  LIST_KIND_LABELS,
  RISK_SOURCE_LABELS,
  WARNING_STATE_LABELS,
  type ExportResult,
  type ListKind,
  type SampleInput,
  type SectorFilter,
  type Tier,
  type WarningFilter,
} from '../../../shared/contract/tiering';
import { exemptItems, tierListAll, warningsList, loadRun, type LoadedRun } from './queries';
import { drawSample } from './sampling';

/** One sheet per workbook keeps to Excel's row limit minus the title block. */
export const XLSX_MAX_ROWS = 1_048_576 - 10;

export type ExportInput =
  | { kind: ListKind; runId?: string; tier?: Tier; town?: string; industry?: string; search?: string; path?: string; purpose?: string }
  | { kind: 'exemptItems'; runId?: string; path?: string; purpose?: string }
  | (WarningFilter & { kind: 'warnings'; path?: string; purpose?: string })
  | (SampleInput & { kind: 'sample'; path?: string; purpose?: string });

type Cell = string | number | null;

function runFacts(run: LoadedRun): Cell[][] {
  return [
    [`分级运行：${run.info.runId}`, `评价运行：${run.info.evalRunId}`, `基准日：${run.info.asOf}`],
    [`分级矩阵：${run.info.matrixId}（${run.matrix.name} ${run.matrix.version}）`, `矩阵 SHA-256：${run.info.matrixSha256}`],
    [`导出时间：${new Date().toISOString().replace('T', ' ').slice(0, 19)} UTC`],
  ];
}

function sheetBytes(title: string, facts: Cell[][], header: string[], rows: Cell[][], watermark?: Watermark): Uint8Array {
  const aoa: Cell[][] = [[title], ...facts, [], header, ...rows];
  const sheet = XLSX.utils.aoa_to_sheet(aoa);
  sheet['!cols'] = header.map((h) => ({ wch: Math.max(10, Math.min(40, h.length * 2 + 4)) }));
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, sheet, title.slice(0, 31));
  if (watermark) applyXlsxWatermark(wb, watermark);
  const buf = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

function sectorText(s: SectorFilter | undefined): string {
  if (!s) return '全部行业';
  const parts = [
    s.codePrefix && `行业代码以 ${s.codePrefix} 开头`,
    s.nameContains && `行业名称含“${s.nameContains}”`,
    s.featured && `特色产业：${s.featured}`,
    s.town && `街镇：${s.town}`,
  ].filter(Boolean);
  return parts.length ? parts.join('；') : '全部行业';
}

interface Built {
  title: string;
  fileStem: string;
  facts: Cell[][];
  header: string[];
  rows: Cell[][];
  runId: string;
  extra?: Record<string, unknown>;
}

async function build(ws: Workspace, input: ExportInput): Promise<Built> {
  switch (input.kind) {
    case 'noDisturb':
    case 'key':
    case 'all': {
      const run = await loadRun(ws, input.runId);
      const list = await tierListAll(ws, run, input, XLSX_MAX_ROWS);
      const tiers = input.kind === 'all' ? '全部层级' : run.matrix.lists[input.kind].join('、');
      const filters = [input.tier && `层级：${input.tier}`, input.town && `街镇：${input.town}`, input.industry && `行业：${input.industry}`, input.search && `搜索：${input.search}`]
        .filter(Boolean)
        .join('；');
      return {
        title: LIST_KIND_LABELS[input.kind],
        fileStem: LIST_KIND_LABELS[input.kind],
        runId: run.info.runId,
        facts: [...runFacts(run), [`包含层级：${tiers}`, filters ? `筛选：${filters}` : '筛选：无', `共 ${list.length} 个主体`]],
        header: ['序号', '统一社会信用代码', '主体名称', '街镇', '行业代码', '行业名称', '信用等级', '风险类别', '风险来源', '风险分', '监管层级', '抽查比例（%）', '检查频次', '预警数'],
        rows: list.map((r, i) => [
          i + 1, r.uscc, r.name, r.town, r.industryCode, r.industryName, `${r.grade}（${GRADE_LABELS[r.grade]}）`,
          `${r.riskClass}（${RISK_CLASS_LABELS[r.riskClass]}）`, RISK_SOURCE_LABELS[r.riskSource], r.riskPoints, r.tier, r.share,
          r.frequency, r.warnings,
        ]),
      };
    }
    case 'exemptItems': {
      const { run, rows } = await exemptItems(ws, input.runId);
      return {
        title: LIST_KIND_LABELS.exemptItems,
        fileStem: LIST_KIND_LABELS.exemptItems,
        runId: run.info.runId,
        facts: [...runFacts(run), ['对所列层级的主体，下列检查事项不主动开展检查；投诉举报、预警触发或上级部署时除外。']],
        header: ['序号', '监管层级', '检查事项', '实施部门', '备注', '该层级主体数'],
        rows: rows.map((r, i) => [i + 1, r.tier, r.item, r.dept, r.note, r.subjects]),
      };
    }
    case 'warnings': {
      const { kind: _k, path: _p, purpose: _u, ...filter } = input;
      const { run, rows, total } = await warningsList(ws, filter, null);
      if (total > XLSX_MAX_ROWS) throw new CoreError('BAD_INPUT', `预警共 ${total} 条，超过 XLSX 单表上限。请加筛选条件后导出。`);
      return {
        title: LIST_KIND_LABELS.warnings,
        fileStem: LIST_KIND_LABELS.warnings,
        runId: run.info.runId,
        facts: [...runFacts(run), [`共 ${total} 条预警`]],
        header: ['序号', '预警规则', '严重程度', '统一社会信用代码', '主体名称', '街镇', '监管层级', '事件日期', '摘要', '处理状态', '处理说明', '证据键', '证据'],
        rows: rows.map((r, i) => [
          i + 1, r.ruleLabel, r.severity, r.uscc, r.name, r.town, r.tier, r.eventDate, r.summary, WARNING_STATE_LABELS[r.state],
          r.stateNote, r.evidenceKey, JSON.stringify(r.evidence),
        ]),
      };
    }
    case 'sample': {
      const { kind: _k, path: _p, purpose: _u, ...sampleInput } = input;
      const s = await drawSample(ws, sampleInput);
      const alloc = s.allocation.filter((a) => a.population > 0).map((a) => `${a.grade}×${a.risk} ${a.tier} ${a.share}%：${a.quota}/${a.population}`);
      return {
        title: LIST_KIND_LABELS.sample,
        fileStem: `${LIST_KIND_LABELS.sample}-种子${s.seed}`,
        runId: s.runId,
        facts: [
          [`随机种子：${s.seed}`, `抽查范围：${sectorText(sampleInput.sector)}`, `计划抽查 ${s.requested} 户，实际抽取 ${s.drawn} 户`],
          ...runFacts(s.run),
          [`方法：${s.method}`],
          [`分配（信用×风险 层级 比例：抽取/主体数）：${alloc.join('；') || '无可抽取主体'}`],
        ],
        header: ['序号', '监管层级', '信用等级', '风险类别', '单元格内顺位', '统一社会信用代码', '主体名称', '街镇', '行业代码', '行业名称', '排序键 md5(种子:代码)'],
        rows: s.rows.map((r, i) => [i + 1, r.tier, r.grade, r.riskClass, r.drawOrder, r.uscc, r.name, r.town, r.industryCode, r.industryName, r.drawKey]),
        extra: { seed: s.seed, sector: sampleInput.sector ?? null, requested: s.requested, drawn: s.drawn },
      };
    }
  }
}

/** Builds the workbook (stamped with the watermark when given: operator, time, purpose) and writes or returns it. */
export async function exportList(
  ws: Workspace,
  input: ExportInput,
  watermark?: Watermark,
): Promise<ExportResult & { runId: string; extra?: Record<string, unknown> }> {
  const b = await build(ws, input);
  const bytes = sheetBytes(b.title, b.facts, b.header, b.rows, watermark);
  const fileName = `${b.fileStem}-${b.runId}.xlsx`;
  if (input.path) {
    const target = path.resolve(input.path);
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, bytes);
    } catch (err) {
      throw new CoreError('BAD_INPUT', `无法写入文件 ${target}：${err instanceof Error ? err.message : String(err)}`);
    }
    return { fileName, rows: b.rows.length, path: target, runId: b.runId, extra: b.extra };
  }
  return { fileName, rows: b.rows.length, bytes, runId: b.runId, extra: b.extra };
}
