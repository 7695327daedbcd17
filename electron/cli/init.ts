// cws init <ws> [--demo] [--scale N] [--seed S] [--encrypt]
import type { CliCommand } from './command';
import { invoke, invokeCancellable, progressLine } from './command';
import { createCore } from '../core/services';
import { CoreError } from '../core/errors';
import { formatInfo } from './info';
import { newPassphrase } from './passphrase';

export const initCommand: CliCommand = {
  name: 'init',
  usage: 'cws init <ws> [--demo] [--scale N] [--seed S] [--encrypt]   新建工作区；--demo 填入演示数据；--encrypt 加密（口令取自环境变量 CWS_PASSPHRASE 或提示输入）',
  options: { demo: { type: 'boolean' }, scale: { type: 'string' }, seed: { type: 'string' }, encrypt: { type: 'boolean' } },
  needsWorkspace: false,
  async run(_core, args, io) {
    const target = args.positionals[0];
    if (!target) throw new CoreError('BAD_INPUT', '请给出工作区文件路径，例如：cws init /tmp/w.duckdb --demo');
    const core = createCore({
      onProgress: (p) => {
        if (!io.json) io.info(progressLine(p));
      },
    });
    try {
      if (args.values.encrypt) {
        if (args.values.demo) throw new CoreError('BAD_INPUT', '演示数据工作区不支持 --encrypt：请去掉 --demo，或去掉 --encrypt。');
        // The passphrase never comes from an argument (shell history, process list).
        const passphrase = await newPassphrase();
        return await invoke(core, 'security.openEncrypted', { path: target, passphrase, create: true });
      }
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
