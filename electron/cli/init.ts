// cws init <ws> [--demo] [--scale N] [--seed S]
import type { CliCommand } from './command';
import { invoke, invokeCancellable } from './command';
import { createCore } from '../core/services';
import { CoreError } from '../core/errors';
import { formatInfo } from './info';

export const initCommand: CliCommand = {
  name: 'init',
  usage: 'cws init <ws> [--demo] [--scale N] [--seed S]   新建工作区；--demo 填入演示数据',
  options: { demo: { type: 'boolean' }, scale: { type: 'string' }, seed: { type: 'string' } },
  needsWorkspace: false,
  async run(_core, args, io) {
    const target = args.positionals[0];
    if (!target) throw new CoreError('BAD_INPUT', '请给出工作区文件路径，例如：cws init /tmp/w.duckdb --demo');
    const core = createCore({
      onProgress: (p) => {
        if (!io.json) io.info(`${p.phase} ${p.total ? Math.round((p.done / p.total) * 100) + '%' : p.done}`);
      },
    });
    try {
      if (args.values.demo) {
        const scale = args.values.scale !== undefined ? parseInteger(String(args.values.scale), '--scale') : undefined;
        const seed = args.values.seed !== undefined ? parseInteger(String(args.values.seed), '--seed') : undefined;
        return await invokeCancellable(core, 'demo.create', { path: target, scale, seed }, io);
      }
      return await invoke(core, 'workspace.open', { path: target, create: true });
    } finally {
      core.close();
    }
  },
  format: (r) => formatInfo(r),
};

export function parseInteger(text: string, flag: string): number {
  if (!/^\d+$/.test(text)) throw new CoreError('BAD_INPUT', `${flag} 需要一个正整数，收到：${text}`);
  return Number(text);
}
