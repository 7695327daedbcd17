// cws query <ws> "<sql>" [--format csv|json]: read-only; pages through the result so any size streams out.
import type { CliCommand } from './command';
import { invoke } from './command';
import { arrowRows, csvCell } from '../../shared/arrow';
import { CoreError } from '../core/errors';

const PAGE = 50_000;

export const queryCommand: CliCommand = {
  name: 'query',
  usage: 'cws query <ws> "<sql>" [--format csv|json]   只读查询；csv 带表头，json 为行对象数组',
  options: { format: { type: 'string' } },
  needsWorkspace: true,
  async run(core, args, io) {
    const sql = args.positionals[1];
    if (!sql) throw new CoreError('BAD_INPUT', '请给出要执行的 SELECT 语句。');
    const format = (args.values.format as string | undefined) ?? (io.json ? 'object' : 'csv');
    if (!['csv', 'json', 'object'].includes(format)) throw new CoreError('BAD_INPUT', '--format 只能是 csv 或 json。');
    const all: Record<string, unknown>[] = [];
    let columns: string[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await invoke(core!, 'query.run', { sql, offset, limit: PAGE });
      const decoded = arrowRows(page.arrow);
      if (offset === 0) {
        columns = page.columns.map((c) => c.name);
        if (format === 'csv') io.out(columns.map(csvCell).join(',') + '\n');
      }
      if (format === 'csv') {
        io.out(decoded.rows.map((r) => columns.map((c) => csvCell(r[c])).join(',')).join('\n') + (decoded.rows.length ? '\n' : ''));
      } else {
        for (const r of decoded.rows) all.push(r);
      }
      if (page.rows < PAGE) break;
    }
    if (format === 'csv') return undefined;
    if (format === 'json') {
      io.out(JSON.stringify(all) + '\n');
      return undefined;
    }
    return { columns, rows: all, rowCount: all.length };
  },
};
