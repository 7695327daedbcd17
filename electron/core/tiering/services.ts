// Contract handlers of the tiering capability (names declared in shared/contract/tiering.ts).
import type { HandlerMap } from '../context';
import { assertWritable } from '../workspace/services';
import { validateMatrix } from '../../../shared/contract/tiering';
import { runTiering } from './run';
import { listMatrixVersions, resolveMatrix, saveMatrix } from './matrix';
import { exemptItems, listRuns, loadRun, tierList, tierSummary, warningsList } from './queries';
import { loadWarningRules, ruleInfo, setWarningState } from './warnings';
import { tierMigration } from './tier-migration';
import { drawSample } from './sampling';
import { exportList } from './export';
import { exportWatermark, recordExport } from '../audit';

type TierCalls =
  | 'tier.run'
  | 'tier.runs'
  | 'tier.summary'
  | 'tier.matrix.get'
  | 'tier.matrix.validate'
  | 'tier.matrix.save'
  | 'tier.list'
  | 'tier.exemptItems'
  | 'tier.export'
  | 'tier.warnings'
  | 'tier.warning.setState'
  | 'tier.migration'
  | 'tier.sample';

export const tieringHandlers: HandlerMap<TierCalls> = {
  'tier.run': async (input, ctx) => {
    const ws = await ctx.session.workspace();
    assertWritable(ws.readOnly);
    const result = await runTiering(ws, { ...input, operator: ctx.session.operator }, { signal: ctx.signal, progress: ctx.progress });
    const run = await loadRun(ws, result.runId);
    await ctx.session.audit({
      action: 'tier.run',
      target: result.runId,
      detail: {
        evalRunId: result.evalRunId,
        asOf: result.asOf,
        matrix: { id: run.info.matrixId, sha256: run.info.matrixSha256 },
        riskModel: { id: run.info.riskModelId, sha256: run.info.riskModelSha256 },
        warningRules: { id: run.info.warningRulesId, sha256: run.info.warningRulesSha256 },
        subjects: result.subjects,
        tiers: result.tiers,
        warnings: result.warnings,
      },
    });
    return result;
  },

  'tier.runs': async (input, ctx) => listRuns(await ctx.session.workspace(), input.limit),

  'tier.summary': async (input, ctx) => tierSummary(await ctx.session.workspace(), input.runId),

  'tier.matrix.get': async (input, ctx) => {
    const ws = await ctx.session.workspace();
    return { active: await resolveMatrix(ws, input.id), versions: await listMatrixVersions(ws) };
  },

  'tier.matrix.validate': async (input) => {
    const v = validateMatrix(input.matrix);
    return v.ok ? { ok: true, errors: [] } : { ok: false, errors: v.errors };
  },

  'tier.matrix.save': async (input, ctx) => {
    const ws = await ctx.session.workspace();
    assertWritable(ws.readOnly);
    const saved = await saveMatrix(ws, input.matrix, ctx.session.operator, input.note);
    await ctx.session.audit({ action: 'tier.matrix.save', target: saved.id, detail: { sha256: saved.sha256, name: saved.name, version: saved.version, note: input.note ?? null } });
    return saved;
  },

  'tier.list': async (input, ctx) => {
    const { runId, offset, limit, ...q } = input;
    return tierList(await ctx.session.workspace(), runId, q, { offset, limit });
  },

  'tier.exemptItems': async (input, ctx) => (await exemptItems(await ctx.session.workspace(), input.runId)).rows,

  'tier.export': async (input, ctx) => {
    const ws = await ctx.session.workspace();
    ctx.progress('导出', 0, 1);
    const out = await exportList(ws, input, exportWatermark(ctx, input.purpose));
    ctx.progress('导出', 1, 1);
    await recordExport(ctx, {
      file: out.path ?? out.fileName,
      rows: out.rows,
      format: 'xlsx',
      purpose: input.purpose?.trim() || null,
      detail: { capability: 'tier', kind: input.kind, runId: out.runId, ...(out.extra ?? {}) },
    });
    const { runId: _r, extra: _e, ...result } = out;
    return result;
  },

  'tier.warnings': async (input, ctx) => {
    const { offset, limit, ...filter } = input;
    const { rows, total } = await warningsList(await ctx.session.workspace(), filter, { offset, limit });
    return { rows, total, rules: loadWarningRules().rules.rules.map(ruleInfo) };
  },

  'tier.warning.setState': async (input, ctx) => {
    const ws = await ctx.session.workspace();
    assertWritable(ws.readOnly);
    const key = { ruleId: input.ruleId, uscc: input.uscc, evidenceKey: input.evidenceKey };
    await setWarningState(ws, key, input.state, ctx.session.operator, input.note);
    await ctx.session.audit({ action: 'tier.warning.state', target: `${input.ruleId}/${input.uscc}`, detail: { ...key, state: input.state, note: input.note ?? null } });
    return { ...key, state: input.state };
  },

  'tier.migration': async (input, ctx) => tierMigration(await ctx.session.workspace(), input),

  'tier.sample': async (input, ctx) => {
    const ws = await ctx.session.workspace();
    const { run: _run, ...sample } = await drawSample(ws, input);
    await ctx.session.audit({
      action: 'tier.sample',
      target: sample.runId,
      detail: { seed: sample.seed, sector: input.sector ?? null, requested: sample.requested, drawn: sample.drawn },
    });
    return sample;
  },
};
