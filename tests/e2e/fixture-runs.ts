// A served demo workspace with the runs the 风险分级 and 信用修复 pages show: two evaluations (an earlier as-of
// date, then today) each tiered once — so the latest tier run has a predecessor to migrate from — and one
// disclosure run (信用修复测算) on a fixed date. Runs are made through the served core, as the pages would.
import type { CallInput, CallName, CallResult } from '../../shared/contract';
import type { RunningServer } from '../../electron/serve';
import type { Workspace } from '../../electron/core/workspace';
import { servedDemo } from './fixture';

export interface DemoRuns {
  server: RunningServer;
  workspacePath: string;
  ws: Workspace;
  /** Tier run on the earlier evaluation (the migration's 上期). */
  earlierTierRunId: string;
  /** The latest tier run (the page's default). */
  tierRunId: string;
  repairRunId: string;
  repairAsOf: string;
}

export const EARLIER_EVAL_AS_OF = '2025-12-31';
export const REPAIR_AS_OF = '2026-06-30';

export async function callCore<N extends CallName>(server: RunningServer, call: N, input: CallInput<N>): Promise<CallResult<N>> {
  const reply = await server.core.call({ call, input });
  if (!reply.ok) throw new Error(`${call}: ${reply.error.code} ${reply.error.message}`);
  return reply.result as CallResult<N>;
}

export async function servedDemoWithRuns(scale = 2000, options: { tier?: boolean; repair?: boolean } = {}): Promise<DemoRuns> {
  const { server, workspacePath } = await servedDemo(scale);
  const ws = await server.core.session.workspace();
  let earlierTierRunId = '';
  let tierRunId = '';
  if (options.tier !== false) {
    const earlier = await callCore(server, 'evaluate.run', { asOf: EARLIER_EVAL_AS_OF });
    earlierTierRunId = (await callCore(server, 'tier.run', { evalRunId: earlier.runId })).runId;
    const latest = await callCore(server, 'evaluate.run', {});
    tierRunId = (await callCore(server, 'tier.run', { evalRunId: latest.runId })).runId;
  }
  let repairRunId = '';
  if (options.repair !== false) repairRunId = (await callCore(server, 'repair.run', { asOf: REPAIR_AS_OF })).runId;
  return { server, workspacePath, ws, earlierTierRunId, tierRunId, repairRunId, repairAsOf: REPAIR_AS_OF };
}
