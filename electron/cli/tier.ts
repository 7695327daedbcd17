// cws tier <ws> [--run RUNID] [--matrix ID]: tiers the subjects of an evaluation run (default the latest) and
// runs every warning rule. --json prints {"runId","tiers":{...},"warnings":n}; runId is the new tier run.
import type { CliCommand } from './command';
import { invokeCancellable } from './command';
import type { TierRunResult } from '../../shared/contract/tiering';

export const tierCommand: CliCommand = {
  name: 'tier',
  usage: 'cws tier <ws> [--run 评价运行编号] [--matrix 矩阵标识]   信用+风险分级分类与预警（默认用最近一次评价）',
  options: { run: { type: 'string' }, matrix: { type: 'string' } },
  needsWorkspace: true,
  async run(core, args, io) {
    const evalRunId = args.values.run as string | undefined;
    const matrixId = args.values.matrix as string | undefined;
    const r = await invokeCancellable(core!, 'tier.run', { ...(evalRunId ? { evalRunId } : {}), ...(matrixId ? { matrixId } : {}) }, io);
    if (io.json) return { runId: r.runId, tiers: r.tiers, warnings: r.warnings };
    return r;
  },
  format(result) {
    const r = result as TierRunResult;
    const lines = [
      `风险分级完成：${r.runId}`,
      `评价运行 ${r.evalRunId}，基准日 ${r.asOf}，共 ${r.subjects} 个主体（风险类别：导入 ${r.riskSources.imported}，模型 ${r.riskSources.model}）`,
      ...Object.entries(r.tiers).map(([t, n]) => `  ${t}：${n}`),
      `预警 ${r.warnings} 条${Object.keys(r.warningsByRule).length ? '：' + Object.entries(r.warningsByRule).map(([k, n]) => `${k} ${n}`).join('，') : ''}`,
    ];
    return lines.join('\n');
  },
};
