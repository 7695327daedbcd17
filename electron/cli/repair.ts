// cws repair <ws> --as-of YYYY-MM-DD [--rule-set auto|order36|order58]
// Fills penalty_disclosure as of the date and prints counts by status and tier; the rows are read with cws query
// (SELECT * FROM penalty_disclosure).
import type { CliCommand } from './command';
import { invokeCancellable } from './command';
import { CoreError } from '../core/errors';
import { DISCLOSURE_STATUSES, PENALTY_TIERS, RULE_SET_LABELS, type RepairRunResult } from '../../shared/contract/repair';

const RULE_CHOICES = ['auto', 'order36', 'order58'] as const;

export const repairCommand: CliCommand = {
  name: 'repair',
  usage: 'cws repair <ws> --as-of YYYY-MM-DD [--rule-set auto|order36|order58]   信用修复测算：公示期、可修复状态（行见 penalty_disclosure）',
  options: { 'as-of': { type: 'string' }, 'rule-set': { type: 'string' } },
  needsWorkspace: true,
  async run(core, args, io) {
    const asOf = args.values['as-of'] as string | undefined;
    if (!asOf) throw new CoreError('BAD_INPUT', '请用 --as-of 给出测算日，例如：cws repair w.duckdb --as-of 2026-06-30');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new CoreError('BAD_INPUT', `--as-of 应为 YYYY-MM-DD，例如 2026-06-30；收到：${asOf}`);
    const ruleSet = (args.values['rule-set'] as string | undefined) ?? 'auto';
    if (!(RULE_CHOICES as readonly string[]).includes(ruleSet)) {
      throw new CoreError('BAD_INPUT', `--rule-set 只能是 ${RULE_CHOICES.join('、')}；收到：${ruleSet}`);
    }
    const result = await invokeCancellable(core!, 'repair.run', { asOf, ruleSet: ruleSet as (typeof RULE_CHOICES)[number] }, io);
    if (io.json) {
      return {
        asOf: result.asOf,
        runId: result.runId,
        ruleSet: result.ruleSet,
        total: result.total,
        byStatus: result.byStatus,
        byTier: result.byTier,
        byRuleSet: result.byRuleSet,
        excluded: result.excluded,
      };
    }
    return result;
  },
  format(r) {
    const x = r as RepairRunResult;
    const ruleText = x.ruleSet === 'auto' ? '按处罚决定日期自动选择' : RULE_SET_LABELS[x.ruleSet];
    return [
      `信用修复测算完成：${x.runId}（测算日 ${x.asOf}，规则：${ruleText}，用时 ${(x.elapsedMs / 1000).toFixed(1)} 秒）`,
      `行政处罚 ${x.total} 条${x.excluded ? `（另有 ${x.excluded} 条决定日期晚于测算日，未计入）` : ''}`,
      '按状态：',
      ...DISCLOSURE_STATUSES.map((s) => `  ${s.padEnd(6, '　')} ${x.byStatus[s]}`),
      '按等级：',
      ...PENALTY_TIERS.map((t) => `  ${t}   ${x.byTier[t]}`),
      `适用规则：${RULE_SET_LABELS.order36} ${x.byRuleSet.order36}，${RULE_SET_LABELS.order58} ${x.byRuleSet.order58}`,
      '明细：cws query <ws> "SELECT * FROM penalty_disclosure"',
    ].join('\n');
  },
};
