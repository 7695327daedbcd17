// The graph calls through the core (contract validation, audit of personal-data views, unmask grant) and
// `cws graph` end to end, on the hand-made fixture of graph-fixture.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../electron/core/workspace';
import type { Core } from '../../electron/core/services';
import type { GraphView } from '../../shared/contract/graph';
import { callOk, testCore } from '../helpers/core';
import { cws } from '../helpers/cli';
import { tempWorkspacePath } from '../helpers/workspace';
import { P, S, loadFixture } from './graph-fixture';
import { buildGraph, components, egoNetwork, runExposure } from '../../electron/core/graph';

let path = '';
let core: Core;

beforeAll(async () => {
  path = tempWorkspacePath();
  const ws = await openWorkspace(path, { create: true, threads: 2 });
  await loadFixture(ws);
  ws.close();
});
afterAll(() => core?.close());

describe('cws graph', () => {
  it('prints the ego network as one JSON object whose edges join listed nodes, persons masked', () => {
    const r = cws(['graph', path, '--subject', S[2]!.toLowerCase(), '--hops', '2', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = r.json<GraphView>();
    expect(out.truncated).toBe(0);
    expect(out.nodes.map((n) => n.id).sort()).toEqual([S[2]!, P[1]!, P[2]!, S[1]!, S[3]!].sort());
    const ids = new Set(out.nodes.map((n) => n.id));
    expect(out.edges).toHaveLength(4);
    for (const e of out.edges) {
      expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
      expect(['legal_rep', 'shareholder']).toContain(e.role);
    }
    for (const n of out.nodes) expect(n).toHaveProperty('kind');
    expect(out.nodes.find((n) => n.id === P[1])!.label).toBe('张**');
    expect(r.stdout).not.toContain('张三丰');
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(Object.keys(out).sort()).toEqual(['edges', 'nodes', 'truncated']);
  });

  it('--hops 1 and --limit cap the result and report the cut', () => {
    const out = cws(['graph', path, '--subject', S[2]!, '--hops', '2', '--limit', '3', '--json']).json<GraphView>();
    expect(out.nodes).toHaveLength(3);
    expect(out.truncated).toBe(2);
    const one = cws(['graph', path, '--subject', S[4]!, '--hops', '1', '--as-of', '2023-01-01', '--json']).json<GraphView>();
    expect(one.nodes.map((n) => n.id).sort()).toEqual([S[4]!, S[5]!].sort());
  });

  it('--to prints the shortest path', () => {
    const out = cws(['graph', path, '--subject', S[1]!, '--to', S[3]!, '--json']).json<{ found: boolean; length: number; nodes: { id: string }[] }>();
    expect(out.found).toBe(true);
    expect(out.length).toBe(4);
    expect(out.nodes.map((n) => n.id)).toEqual([S[1], P[1], S[2], P[2], S[3]]);
  });

  it('exits 1 with a Chinese message for an unknown subject or bad hops', () => {
    const r = cws(['graph', path, '--subject', '91310120000000000X', '--json']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('关系图谱中没有');
    expect(cws(['graph', path, '--subject', S[2]!, '--hops', '4', '--json']).status).toBe(1);
  });
});

describe('graph calls through the core', () => {
  beforeAll(() => {
    core = testCore(path);
  });

  it('audits ego networks that show persons, with the unmask purpose when a grant is active', async () => {
    const masked = await callOk(core, 'graph.ego', { center: S[2]!, hops: 1 });
    expect(masked.nodes.find((n) => n.id === P[1])!.label).toBe('张**');
    core.session.grantUnmask('核查股东身份', 5);
    const open = await callOk(core, 'graph.ego', { center: S[2]!, hops: 1 });
    expect(open.nodes.find((n) => n.id === P[1])!.label).toBe('张三丰');
    core.session.revokeUnmask();
    const ws = await core.session.workspace();
    const audits = await ws.all<{ target: string; purpose: string | null; detail: string }>(
      `SELECT target, purpose, detail::VARCHAR AS detail FROM audit_log WHERE action = 'graph.view' AND operator = 'tester' ORDER BY seq`,
    );
    expect(audits).toHaveLength(2);
    expect(audits[0]!.target).toBe(S[2]);
    expect(audits[0]!.purpose).toBeNull();
    expect(JSON.parse(audits[0]!.detail)).toMatchObject({ persons: 2, unmasked: false });
    expect(audits[1]!.purpose).toBe('核查股东身份');
    expect(JSON.parse(audits[1]!.detail)).toMatchObject({ unmasked: true });
    // A view without persons (S8 and its address) is not a personal-data view.
    await callOk(core, 'graph.ego', { center: S[8]!, hops: 1 });
    expect(Number(await ws.scalar(`SELECT count(*) FROM audit_log WHERE action = 'graph.view' AND operator = 'tester'`))).toBe(2);
    // The cws runs above were audited too: the two ego networks of S2 and the path S1 → S3 show persons.
    expect(Number(await ws.scalar(`SELECT count(*) FROM audit_log WHERE action = 'graph.view' AND operator <> 'tester'`))).toBe(3);
  });

  it('rejects bad input at the contract boundary', async () => {
    const reply = await core.call({ call: 'graph.ego', input: { center: S[2]!, hops: 5 } });
    expect(reply.ok).toBe(false);
    const bad = await core.call({ call: 'graph.ego', input: { center: S[2]!, filter: { kinds: ['friend'] } } });
    expect(bad.ok).toBe(false);
    const dates = await core.call({ call: 'graph.ego', input: { center: S[2]!, filter: { dateFrom: '2024-01-01', dateTo: '2023-01-01' } } });
    expect(dates).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('path, components, top, clusters and exposure answer through their calls', async () => {
    const path1 = await callOk(core, 'graph.path', { source: S[1]!, target: S[3]! });
    expect(path1.length).toBe(4);
    const comps = await callOk(core, 'graph.components', {});
    expect(comps.largest).toBe(8);
    const top = await callOk(core, 'graph.top', { kind: 'person', limit: 1 });
    expect(top[0]!.id).toBe(P[4]);
    const clusters = await callOk(core, 'graph.addressClusters', { minFirms: 3 });
    expect(clusters).toHaveLength(1);
    const run = await callOk(core, 'graph.exposure', { asOf: '2024-01-01' });
    expect(run.exposed).toBe(5);
    const of = await callOk(core, 'graph.exposureOf', { uscc: S[9]!, runId: run.runId });
    // S9 reaches P4 (失信被执行人) through the shared phone with S6 and S6's legal representative.
    expect(of.row).toMatchObject({ dishonestWithin2: 1, nearestDistance: 2 });
    expect(of.hits).toEqual([expect.objectContaining({ nodeId: P[4], nodeKind: 'person', label: '王*', distance: 2 })]);
    const list = await callOk(core, 'graph.exposureList', { runId: run.runId });
    expect(list.total).toBe(7); // exposed 5 + S8 and S10 at distance 3
    expect(list.rows[0]!.dishonestWithin2 + list.rows[0]!.blackWithin2).toBeGreaterThan(0);
  });
});

describe('read-only workspaces', () => {
  it('answer from the graph they hold, and say what to do when there is none', async () => {
    const built = tempWorkspacePath();
    const w = await openWorkspace(built, { create: true, threads: 2 });
    await loadFixture(w);
    await buildGraph(w);
    w.close();
    const ro = await openWorkspace(built, { readOnly: true, threads: 2 });
    try {
      const v = await egoNetwork(ro, { center: S[2]!, hops: 1 });
      expect(v.nodes.map((n) => n.id).sort()).toEqual([S[2]!, P[1]!, P[2]!].sort());
      expect((await components(ro, {})).largest).toBe(8);
      await expect(runExposure(ro, {})).rejects.toMatchObject({ code: 'READ_ONLY' });
    } finally {
      ro.close();
    }
    const empty = tempWorkspacePath();
    const e = await openWorkspace(empty, { create: true, threads: 2 });
    await loadFixture(e);
    e.close();
    const ro2 = await openWorkspace(empty, { readOnly: true, threads: 2 });
    try {
      await expect(egoNetwork(ro2, { center: S[2]! })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      ro2.close();
    }
  });
});
