// cws import <ws> <file> --table <t> [--encoding auto|utf-8|gbk|gb18030] [--sheet NAME] [--profile P]
//   [--delimiter X] [--quote Q] [--no-header] [--map 源列=标准列 …] --json
//   → {"table","read","loaded","rejected","duplicates","batchId","rejectsFile"}; Ctrl-C cancels (nothing is kept).
import type { CliCommand } from './command';
import { invokeCancellable } from './command';
import { CoreError } from '../core/errors';
import { IMPORT_ENCODINGS, type ImportSummary } from '../../shared/contract/import';

type Encoding = (typeof IMPORT_ENCODINGS)[number];

export const importCommand: CliCommand = {
  name: 'import',
  usage:
    'cws import <ws> <file> --table <t> [--encoding auto|utf-8|gbk|gb18030] [--sheet NAME] [--profile P] [--delimiter X] [--map 源列=标准列]   导入文件',
  options: {
    table: { type: 'string' },
    encoding: { type: 'string' },
    sheet: { type: 'string' },
    profile: { type: 'string' },
    delimiter: { type: 'string' },
    quote: { type: 'string' },
    'no-header': { type: 'boolean' },
    map: { type: 'string', multiple: true },
  },
  needsWorkspace: true,
  async run(core, args, io) {
    const file = args.positionals[1];
    if (!file) throw new CoreError('BAD_INPUT', '请给出要导入的文件。用法：cws import <ws> <file> --table <t>');
    const table = args.values.table as string | undefined;
    if (!table) throw new CoreError('BAD_INPUT', '请用 --table 指定目标表，例如 --table penalties。');
    const encoding = (args.values.encoding as string | undefined) ?? 'auto';
    if (!(IMPORT_ENCODINGS as readonly string[]).includes(encoding)) {
      throw new CoreError('BAD_INPUT', `--encoding 只能是 ${IMPORT_ENCODINGS.join('|')}，收到：${encoding}`);
    }
    let mapping: Record<string, string | null> | undefined;
    for (const m of (args.values.map as string[] | undefined) ?? []) {
      const eq = m.lastIndexOf('=');
      if (eq <= 0) throw new CoreError('BAD_INPUT', `--map 的格式是 源列=标准列（标准列留空表示不映射），收到：${m}`);
      mapping ??= {};
      mapping[m.slice(0, eq)] = m.slice(eq + 1) || null;
    }
    const s: ImportSummary = await invokeCancellable(
      core!,
      'import.run',
      {
        file,
        table,
        encoding: encoding as Encoding,
        sheet: args.values.sheet as string | undefined,
        profile: args.values.profile as string | undefined,
        delimiter: args.values.delimiter as string | undefined,
        quote: args.values.quote as string | undefined,
        header: args.values['no-header'] ? false : undefined,
        mapping,
      },
      io,
    );
    if (!io.json && s.reasons.length) {
      io.info('拒绝原因：' + s.reasons.map((r) => `${r.reason}（${r.label}）${r.count}`).join('，'));
    }
    return {
      table: s.table,
      read: s.read,
      loaded: s.loaded,
      rejected: s.rejected,
      duplicates: s.duplicates,
      batchId: s.batchId,
      rejectsFile: s.rejectsFile,
    };
  },
  format: (r) => {
    const s = r as Pick<ImportSummary, 'table' | 'read' | 'loaded' | 'rejected' | 'duplicates' | 'batchId' | 'rejectsFile'>;
    return [
      `已导入 ${s.table}：读取 ${s.read} 行，写入 ${s.loaded}，拒绝 ${s.rejected}，重复 ${s.duplicates}`,
      `批次 ${s.batchId}`,
      s.rejectsFile ? `拒绝记录：${s.rejectsFile}` : '没有被拒绝的行',
    ].join('\n');
  },
};
