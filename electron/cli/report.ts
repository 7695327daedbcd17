// cws report <ws> --out FILE.xlsx|FILE.html|FILE.pdf [--year YYYY | --start D --end D] [--no-compare]
//   [--sections a,b] [--purpose TEXT]: the demonstration-zone report, format from the file extension.
//   --json → {"out","sheets"} (xlsx) or {"out","sections"} (html, pdf).
import path from 'node:path';
import type { CliCommand } from './command';
import { invokeCancellable } from './command';
import { CoreError } from '../core/errors';
import { writeExport } from '../core/export/files';
import type { ReportFormat } from '../../shared/contract/report';

const FORMATS: Record<string, ReportFormat> = { '.xlsx': 'xlsx', '.html': 'html', '.htm': 'html', '.pdf': 'pdf' };

export const reportCommand: CliCommand = {
  name: 'report',
  usage:
    'cws report <ws> --out FILE.xlsx|FILE.html|FILE.pdf [--year YYYY | --start YYYY-MM-DD --end YYYY-MM-DD] [--no-compare] [--sections a,b] [--purpose 用途]   示范区创建报告',
  options: {
    out: { type: 'string' },
    year: { type: 'string' },
    start: { type: 'string' },
    end: { type: 'string' },
    sections: { type: 'string' },
    purpose: { type: 'string' },
    'no-compare': { type: 'boolean' },
  },
  needsWorkspace: true,
  async run(core, args, io) {
    const out = args.values.out as string | undefined;
    if (!out) throw new CoreError('BAD_INPUT', '请用 --out 给出输出文件，例如 --out 报告.xlsx（也可以是 .html 或 .pdf）。');
    const format = FORMATS[path.extname(out).toLowerCase()];
    if (!format) throw new CoreError('BAD_INPUT', `无法从文件名 ${path.basename(out)} 判断格式：请用 .xlsx、.html 或 .pdf 结尾。`);
    const yearText = args.values.year as string | undefined;
    if (yearText !== undefined && !/^\d{4}$/.test(yearText)) throw new CoreError('BAD_INPUT', '--year 应为四位年份，例如 --year 2026。');
    const sections = (args.values.sections as string | undefined)
      ?.split(/[,，]/)
      .map((s) => s.trim())
      .filter(Boolean);
    const result = await invokeCancellable(
      core!,
      'report.export',
      {
        format,
        ...(yearText ? { year: Number(yearText) } : {}),
        ...(args.values.start ? { start: args.values.start as string } : {}),
        ...(args.values.end ? { end: args.values.end as string } : {}),
        ...(args.values['no-compare'] ? { comparison: 'none' as const } : {}),
        ...(sections?.length ? { sections } : {}),
        ...(args.values.purpose ? { purpose: args.values.purpose as string } : {}),
      },
      io,
    );
    const written = writeExport(out, result.bytes);
    if (!io.json) io.info(`报告编号 ${result.reportId}${result.pages ? `，共 ${result.pages} 页` : ''}`);
    return format === 'xlsx' ? { out: written, sheets: result.sheets ?? [] } : { out: written, sections: result.sections ?? [] };
  },
  format(result) {
    const r = result as { out: string; sheets?: string[]; sections?: string[] };
    return r.sheets
      ? `已写出 ${r.out}\n工作表（${r.sheets.length}）：${r.sheets.join('、')}`
      : `已写出 ${r.out}\n章节（${r.sections?.length ?? 0}）：${r.sections?.join('、') ?? ''}`;
  },
};
