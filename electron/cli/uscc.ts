// cws uscc <code>...   one line per code: code, valid|invalid, reason
import type { CliCommand } from './command';
import { validateUscc, type UsccResult } from '../../shared/domain/uscc';
import { CoreError } from '../core/errors';

export const usccCommand: CliCommand = {
  name: 'uscc',
  usage: 'cws uscc <code>...   校验统一社会信用代码（GB 32100）',
  needsWorkspace: false,
  async run(_core, args) {
    if (!args.positionals.length) throw new CoreError('BAD_INPUT', '请给出至少一个统一社会信用代码。');
    return { results: args.positionals.map(validateUscc) };
  },
  format: (r) =>
    (r as { results: UsccResult[] }).results
      .map((x) => (x.valid ? `${x.code} valid` : `${x.code || '(空)'} invalid ${x.reason} ${x.message}`))
      .join('\n'),
};
