// cws audit <ws> [--verify] [--action A] [--operator O] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--limit N]
// List → {"entries":[…],"total":n}; --verify → {"ok","entries","brokenAt","reason"}, and when the chain is broken the
// JSON is still printed, the reason goes to stderr and the exit code is 1.
import type { CliCommand } from './command';
import { invoke } from './command';
import { parseInteger } from './init';
import { CoreError } from '../core/errors';
import type { AuditListResult, AuditVerificationResult } from '../../shared/contract/audit';

export const auditCommand: CliCommand = {
  name: 'audit',
  usage: 'cws audit <ws> [--verify] [--action A] [--operator O] [--from 日期] [--to 日期] [--limit N]   审计日志；--verify 校验哈希链',
  options: {
    verify: { type: 'boolean' },
    action: { type: 'string' },
    operator: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    limit: { type: 'string' },
  },
  needsWorkspace: true,
  async run(core, args, io) {
    if (args.values.verify) {
      const result = await invoke(core!, 'audit.verify', {});
      if (result.ok) return result;
      io.out((io.json ? JSON.stringify(result) : formatVerify(result)) + '\n');
      throw new CoreError('CONFLICT', `审计日志校验失败：第 ${result.brokenAt} 条起不可信——${result.reason}`);
    }
    const limit = args.values.limit !== undefined ? parseInteger(String(args.values.limit), '--limit') : 500;
    if (limit < 1 || limit > 500) throw new CoreError('BAD_INPUT', '--limit 取值 1–500。');
    const list = await invoke(core!, 'audit.list', {
      limit,
      ...(args.values.action ? { action: String(args.values.action) } : {}),
      ...(args.values.operator ? { operator: String(args.values.operator) } : {}),
      ...(args.values.from ? { from: String(args.values.from) } : {}),
      ...(args.values.to ? { to: String(args.values.to) } : {}),
    });
    return { entries: list.entries, total: list.total };
  },
  format(result) {
    const r = result as AuditVerificationResult | Pick<AuditListResult, 'entries' | 'total'>;
    if ('ok' in r) return formatVerify(r);
    const lines = r.entries.map(
      (e) =>
        `${String(e.seq).padStart(6)}  ${e.loggedAt.replace('T', ' ').slice(0, 19)}  ${e.operator}  ${e.actionLabel}` +
        `${e.target ? `  ${e.target}` : ''}${e.purpose ? `  事由：${e.purpose}` : ''}`,
    );
    lines.push(`共 ${r.total} 条${r.total > r.entries.length ? `（显示最新 ${r.entries.length} 条）` : ''}`);
    return lines.join('\n');
  },
};

function formatVerify(r: AuditVerificationResult): string {
  return r.ok ? `审计日志完整：${r.entries} 条记录，哈希链校验通过。` : `审计日志校验失败：共 ${r.entries} 条，第 ${r.brokenAt} 条起不可信（${r.reason}）。`;
}
