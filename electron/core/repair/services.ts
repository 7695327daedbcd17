// Contract handlers of the repair capability (names declared in shared/contract/repair.ts).
import type { CallContext, HandlerMap } from '../context';
import type { Workspace } from '../workspace/workspace';
import { CoreError } from '../errors';
import { PENALTY_TIERS, type RulesInfo } from '../../../shared/contract/repair';
import { loadRuleBook, ruleHash, type RuleBook } from './rules';
import { ensureWorkdayCalendar, loadHolidayCalendar } from './workdays';
import { ensureCommitmentMacro, commitmentLoop } from './commitments';
import { latestRun, runDisclosure } from './disclosure';
import { disclosurePage, exportDisclosure, outreachList } from './lists';
import { repairEfficiency } from './efficiency';
import { documentCompliance } from './documents';
import { exportWatermark, recordExport } from '../audit';

type RepairCall =
  | 'repair.run'
  | 'repair.latest'
  | 'repair.disclosure'
  | 'repair.export'
  | 'repair.outreach'
  | 'repair.efficiency'
  | 'repair.documents'
  | 'repair.commitments'
  | 'repair.rules';

/** The open workspace with the calendar and commitment macro brought up to date with datasets/rules. */
async function prepared(ctx: CallContext): Promise<{ ws: Workspace; book: RuleBook }> {
  const ws = await ctx.session.workspace();
  const book = loadRuleBook();
  await ensureWorkdayCalendar(ws);
  await ensureCommitmentMacro(ws, book.district);
  return { ws, book };
}

/** Today's local date as YYYY-MM-DD (toISOString is UTC: before 08:00 in China it would give yesterday). */
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

async function auditUnmasked(ctx: CallContext, action: string, target: string, detail: Record<string, unknown>): Promise<boolean> {
  const grant = ctx.session.unmaskGrant();
  if (grant) await ctx.session.audit({ action, target, purpose: grant.purpose, detail: { ...detail, unmasked: true } });
  return !!grant;
}

export const repairHandlers: HandlerMap<RepairCall> = {
  'repair.run': async (input, ctx) => {
    const { ws, book } = await prepared(ctx);
    if (ws.readOnly) throw new CoreError('READ_ONLY', '工作区以只读方式打开，无法保存测算结果。');
    ctx.progress('测算公示期与修复状态', 0, 1);
    const result = await runDisclosure(ws, { asOf: input.asOf, ruleSet: input.ruleSet ?? 'auto', book, operator: ctx.session.operator }, ctx.signal);
    ctx.progress('测算公示期与修复状态', 1, 1);
    await ctx.session.audit({
      action: 'repair.run',
      target: result.runId,
      detail: { asOf: result.asOf, ruleSet: result.ruleSet, total: result.total, byStatus: result.byStatus, rules: result.rules },
    });
    return result;
  },

  'repair.latest': async (_input, ctx) => {
    const { ws } = await prepared(ctx);
    return latestRun(ws);
  },

  'repair.disclosure': async (input, ctx) => {
    const { ws } = await prepared(ctx);
    const unmasked = await auditUnmasked(ctx, 'query.personal', 'penalty_disclosure', { filter: input.filter ?? {} });
    return disclosurePage(ws, input, unmasked);
  },

  'repair.export': async (input, ctx) => {
    const { ws } = await prepared(ctx);
    const unmasked = !!ctx.session.unmaskGrant();
    ctx.progress('导出清单', 0, 1);
    const out = await exportDisclosure(ws, input.filter, unmasked, exportWatermark(ctx, input.purpose));
    ctx.progress('导出清单', 1, 1);
    // The purpose given for the export, else the unmask grant's 查询事由 (recordExport falls back to it).
    await recordExport(ctx, {
      file: out.fileName,
      rows: out.rows,
      format: 'xlsx',
      purpose: input.purpose?.trim() || null,
      unmasked,
      detail: { what: 'repair.eligibility', filter: input.filter ?? {} },
    });
    return out;
  },

  'repair.outreach': async (input, ctx) => {
    const { ws } = await prepared(ctx);
    const unmasked = await auditUnmasked(ctx, 'query.personal', 'penalty_disclosure', { outreach: input.town ?? '全部街镇' });
    return outreachList(ws, input, unmasked);
  },

  'repair.efficiency': async (input, ctx) => {
    const { ws, book } = await prepared(ctx);
    return repairEfficiency(ws, book, { ...input, asOf: input.asOf ?? today() });
  },

  'repair.documents': async (input, ctx) => {
    const { ws, book } = await prepared(ctx);
    return documentCompliance(ws, book.district, input);
  },

  'repair.commitments': async (input, ctx) => {
    const { ws } = await prepared(ctx);
    return commitmentLoop(ws, input.asOf ?? today(), input.limit);
  },

  'repair.rules': async () => rulesInfo(loadRuleBook()),
};

export function rulesInfo(book: RuleBook): RulesInfo {
  const cal = loadHolidayCalendar();
  return {
    ruleSets: [book.order36, book.order58].map((rs) => ({
      id: rs.id,
      title: rs.title,
      version: rs.version,
      hash: ruleHash(rs),
      effectiveFrom: rs.effectiveFrom,
      effectiveTo: rs.effectiveTo,
      periods: Object.fromEntries(
        PENALTY_TIERS.map((t) => [t, { disclose: rs.periods[t].disclose, minMonths: rs.periods[t].minMonths, maxMonths: rs.periods[t].maxMonths }]),
      ) as RulesInfo['ruleSets'][number]['periods'],
      categories: rs.categories.map((c) => ({ tier: c.tier, keywords: c.keywords })),
      thresholds: rs.fineThresholds.default,
      departmentOverrides: rs.fineThresholds.departmentOverrides.length,
      domains: rs.domainMinimums.domains.map((d) => ({ name: d.name, minMonths: d.minMonths })),
      doc: rs.doc ?? [],
    })),
    calendar: cal.file.years.map((y) => ({ year: y.year, status: y.status, source: y.source })),
    district: { limitWorkdays: book.district.efficiency.limitWorkdays, keySectors: book.district.documents.keySectors.map((s) => s.name) },
  };
}
