// Contract handlers of the graph capability (names declared in shared/contract/graph.ts).
import type { HandlerMap, CallContext } from '../context';
import type { GraphNode } from '../../../shared/contract/graph';
import { buildGraph } from './build';
import { egoNetwork } from './ego';
import { shortestPath } from './path';
import { components } from './components';
import { clusters, topConnected } from './top';
import { exposureList, exposureOf, runExposure } from './exposure';

type GraphCalls =
  | 'graph.build'
  | 'graph.ego'
  | 'graph.path'
  | 'graph.components'
  | 'graph.top'
  | 'graph.addressClusters'
  | 'graph.exposure'
  | 'graph.exposureOf'
  | 'graph.exposureList';

/** Views that show persons (even masked) are personal-data views: audited with the grant's purpose if any. */
async function auditPersons(ctx: CallContext, target: string, nodes: Pick<GraphNode, 'kind'>[], detail: Record<string, unknown>): Promise<void> {
  const persons = nodes.filter((n) => n.kind === 'person').length;
  if (!persons) return;
  const grant = ctx.session.unmaskGrant();
  await ctx.session.audit({
    action: 'graph.view',
    target,
    purpose: grant?.purpose ?? null,
    detail: { call: ctx.call, persons, nodes: nodes.length, unmasked: !!grant, ...detail },
  });
}

export const graphHandlers: HandlerMap<GraphCalls> = {
  'graph.build': async (input, ctx) => {
    const ws = await ctx.session.workspace();
    const result = await buildGraph(ws, { full: input.full, signal: ctx.signal, progress: ctx.progress });
    if (result.mode !== 'unchanged') {
      await ctx.session.audit({ action: 'graph.build', target: ws.path, detail: { ...result } });
    }
    return result;
  },

  'graph.ego': async (input, ctx) => {
    const ws = await ctx.session.workspace();
    const unmask = !!ctx.session.unmaskGrant();
    const view = await egoNetwork(ws, input, { unmask, signal: ctx.signal, progress: ctx.progress });
    await auditPersons(ctx, view.center ?? input.center, view.nodes, { hops: input.hops ?? 2, truncated: view.truncated });
    return view;
  },

  'graph.path': async (input, ctx) => {
    const ws = await ctx.session.workspace();
    const result = await shortestPath(ws, input, { unmask: !!ctx.session.unmaskGrant(), signal: ctx.signal, progress: ctx.progress });
    await auditPersons(ctx, `${input.source}→${input.target}`, result.nodes, { length: result.length });
    return result;
  },

  'graph.components': async (input, ctx) =>
    components(await ctx.session.workspace(), input, { signal: ctx.signal, progress: ctx.progress }),

  'graph.top': async (input, ctx) => {
    const ws = await ctx.session.workspace();
    const rows = await topConnected(ws, input, { unmask: !!ctx.session.unmaskGrant(), signal: ctx.signal, progress: ctx.progress });
    await auditPersons(ctx, `top:${input.kind}`, rows, { limit: input.limit ?? 50 });
    return rows;
  },

  'graph.addressClusters': async (input, ctx) => clusters(await ctx.session.workspace(), input, { signal: ctx.signal, progress: ctx.progress }),

  'graph.exposure': async (input, ctx) => {
    const ws = await ctx.session.workspace();
    const summary = await runExposure(ws, {
      asOf: input.asOf,
      maxHubSize: input.maxHubSize,
      reuse: input.reuse,
      operator: ctx.session.operator,
      signal: ctx.signal,
      progress: ctx.progress,
    });
    if (!summary.reused) {
      await ctx.session.audit({ action: 'graph.exposure', target: summary.runId, detail: { asOf: summary.asOf, exposed: summary.exposed } });
    }
    return summary;
  },

  'graph.exposureOf': async (input, ctx) => {
    const ws = await ctx.session.workspace();
    const detail = await exposureOf(ws, input.uscc, input.runId);
    await auditPersons(ctx, input.uscc, detail.hits.map((h) => ({ kind: h.nodeKind })), { runId: detail.runId });
    return detail;
  },

  'graph.exposureList': async (input, ctx) => exposureList(await ctx.session.workspace(), input),
};
