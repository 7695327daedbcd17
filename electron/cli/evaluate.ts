// cws evaluate <ws> [--model ID|FILE]... [--as-of YYYY-MM-DD] [--note TEXT]
// Default: every shipped model (comprehensive for all subjects in scope, dental for its scope).
import type { CliCommand } from './command';
import { invokeCancellable } from './command';
import { CoreError } from '../core/errors';
import type { EvalRunResult } from '../../shared/contract/evaluate';

export const evaluateCommand: CliCommand = {
  name: 'evaluate',
  usage: 'cws evaluate <ws> [--model ID|FILE]... [--as-of YYYY-MM-DD] [--note 说明]   信用评价（默认：综合 + 全部行业模型）',
  options: { model: { type: 'string', multiple: true }, 'as-of': { type: 'string' }, note: { type: 'string' } },
  needsWorkspace: true,
  async run(core, args, io) {
    const models = args.values.model as string[] | undefined;
    const asOf = args.values['as-of'] as string | undefined;
    if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
      throw new CoreError('BAD_INPUT', `--as-of 应为 YYYY-MM-DD，例如 2026-03-31；收到：${asOf}`);
    }
    const result = await invokeCancellable(
      core!,
      'evaluate.run',
      { ...(models?.length ? { models } : {}), ...(asOf ? { asOf } : {}), ...(args.values.note ? { note: String(args.values.note) } : {}) },
      io,
    );
    // --json prints exactly the documented object; people also get the date and the time taken.
    if (io.json) return { runId: result.runId, subjects: result.subjects, grades: result.grades };
    return result;
  },
  format(r) {
    const x = r as EvalRunResult;
    const share = (n: number) => (x.subjects ? `${((n / x.subjects) * 100).toFixed(1)}%` : '0%');
    return [
      `评价完成：${x.runId}（基准日 ${x.asOf}，用时 ${(x.elapsedMs / 1000).toFixed(1)} 秒）`,
      `主体 ${x.subjects}`,
      ...(['A', 'B', 'C', 'D'] as const).map((g) => `  ${g} ${{ A: '优秀', B: '良好', C: '一般', D: '较差' }[g]}  ${x.grades[g]}（${share(x.grades[g])}）`),
    ].join('\n');
  },
};
