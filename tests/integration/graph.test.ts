// Relationship graph on the hand-made fixture of graph-fixture.ts; every expected value is worked out by hand
// from the drawing in that file (hops: a pass through an address/phone hub is one hop).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../electron/core/workspace';
import {
  buildGraph,
  clusters,
  components,
  egoNetwork,
  exposureFor,
  exposureHits,
  runExposure,
  shortestPath,
  topConnected,
} from '../../electron/core/graph';
import type { GraphView } from '../../shared/contract/graph';
import { emptyWorkspace } from '../helpers/workspace';
import { P, S, loadFixture } from './graph-fixture';

let ws: Workspace;

beforeAll(async () => {
  ws = await emptyWorkspace();
  await loadFixture(ws);
});
afterAll(() => ws?.close());

const ids = (v: { nodes: { id: string }[] }) => v.nodes.map((n) => n.id).sort();
const sorted = (xs: string[]) => [...xs].sort();

function expectClosed(view: GraphView) {
  const nodeIds = new Set(view.nodes.map((n) => n.id));
  for (const e of view.edges) {
    expect(nodeIds.has(e.source)).toBe(true);
    expect(nodeIds.has(e.target)).toBe(true);
  }
}

describe('graph build', () => {
  it('makes one node per subject, person and shared address/phone, and one edge per relation or tie', async () => {
    const r = await buildGraph(ws);
    expect(r.mode).toBe('full');
    // 13 subjects, 7 persons, hubs: address of S8/S9/S10 and phone of S6/S9.
    expect(r.subjects).toBe(13);
    expect(r.persons).toBe(7);
    expect(r.hubs).toBe(2);
    // 13 relations + 3 address ties + 2 phone ties.
    expect(r.edges).toBe(18);
    expect(r.skippedRelations).toBe(0);
    const again = await buildGraph(ws);
    expect(again.mode).toBe('unchanged');
    expect(again.version).toBe(r.version);
  });

  it('never stores a raw phone number or an unmasked person name', async () => {
    const labels = await ws.all<{ label: string; kind: string }>(`SELECT label, kind FROM graph_nodes WHERE kind IN ('person', 'phone')`);
    expect(labels.find((l) => l.label.includes('张三丰'))).toBeUndefined();
    expect(labels.filter((l) => l.kind === 'phone').map((l) => l.label)).toEqual(['021****3456']);
    const ties = await ws.all<{ phone_key: string | null }>('SELECT phone_key FROM graph_subject_ties');
    expect(ties.some((t) => (t.phone_key ?? '').includes('57123456'))).toBe(false);
  });

  it('groups addresses that differ only in full-width digits, spaces and punctuation', async () => {
    const rows = await clusters(ws, { kind: 'address', minFirms: 3 });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.firms).toBe(3);
    expect(sorted(rows[0]!.sample.map((s) => s.uscc))).toEqual(sorted([S[8]!, S[9]!, S[10]!]));
    expect(await clusters(ws, { kind: 'address', minFirms: 4 })).toHaveLength(0);
    const phones = await clusters(ws, { kind: 'phone', minFirms: 2 });
    expect(phones.map((p) => p.firms)).toEqual([2]);
    expect(sorted(phones[0]!.sample.map((s) => s.uscc))).toEqual(sorted([S[6]!, S[9]!]));
  });
});

describe('ego network', () => {
  it('1 hop around S2: its legal representative and shareholder', async () => {
    const v = await egoNetwork(ws, { center: S[2]!, hops: 1 });
    expect(ids(v)).toEqual(sorted([S[2]!, P[1]!, P[2]!]));
    expect(v.edges).toHaveLength(2);
    expect(v.truncated).toBe(0);
    expect(v.reachedByHop).toEqual([1, 2]);
    const sh = v.edges.find((e) => e.role === 'shareholder')!;
    expect(sh).toMatchObject({ source: P[2], target: S[2], sharePct: 60, roleLabel: '股东 60%' });
    expectClosed(v);
  });

  it('2 and 3 hops reach the firms behind those persons', async () => {
    const two = await egoNetwork(ws, { center: S[2]!, hops: 2 });
    expect(ids(two)).toEqual(sorted([S[2]!, P[1]!, P[2]!, S[1]!, S[3]!]));
    expect(two.edges).toHaveLength(4);
    expect(two.nodes.find((n) => n.id === S[1])).toMatchObject({ hop: 2, parent: P[1] });
    const three = await egoNetwork(ws, { center: S[2]!, hops: 3 });
    expect(ids(three)).toEqual(sorted([S[2]!, P[1]!, P[2]!, S[1]!, S[3]!, P[3]!]));
    expectClosed(three);
  });

  it('caps the most relevant first and counts what was cut', async () => {
    const three = await egoNetwork(ws, { center: S[2]!, hops: 2, limit: 3 });
    expect(ids(three)).toEqual(sorted([S[2]!, P[1]!, P[2]!]));
    expect(three.truncated).toBe(2);
    // Of the two hop-2 firms, S1 (reached through a legal representative) outranks S3 (through a 40 % holding).
    const four = await egoNetwork(ws, { center: S[2]!, hops: 2, limit: 4 });
    expect(ids(four)).toEqual(sorted([S[2]!, P[1]!, P[2]!, S[1]!]));
    expect(four.truncated).toBe(1);
    expectClosed(four);
  });

  it('filters edge types', async () => {
    const v = await egoNetwork(ws, { center: S[2]!, hops: 2, filter: { kinds: ['legal_rep'] } });
    expect(ids(v)).toEqual(sorted([S[2]!, P[1]!, S[1]!]));
    expect(v.edges.every((e) => e.role === 'legal_rep')).toBe(true);
  });

  it('filters by date: an ended relation is excluded after its end date', async () => {
    const all = await egoNetwork(ws, { center: S[4]!, hops: 1 });
    expect(ids(all)).toEqual(sorted([S[4]!, P[3]!, S[5]!]));
    const after = await egoNetwork(ws, { center: S[4]!, hops: 1, filter: { asOf: '2023-01-01' } });
    expect(ids(after)).toEqual(sorted([S[4]!, S[5]!]));
    const lastDay = await egoNetwork(ws, { center: S[4]!, hops: 1, filter: { asOf: '2022-06-30' } });
    expect(ids(lastDay)).toEqual(sorted([S[4]!, S[5]!]));
    const dayBefore = await egoNetwork(ws, { center: S[4]!, hops: 1, filter: { asOf: '2022-06-29' } });
    expect(ids(dayBefore)).toEqual(sorted([S[4]!, P[3]!, S[5]!]));
    const period = await egoNetwork(ws, { center: S[4]!, hops: 1, filter: { dateFrom: '2021-01-01', dateTo: '2021-12-31' } });
    expect(ids(period)).toEqual(sorted([S[4]!, P[3]!, S[5]!]));
    const laterPeriod = await egoNetwork(ws, { center: S[4]!, hops: 1, filter: { dateFrom: '2023-01-01', dateTo: '2023-12-31' } });
    expect(ids(laterPeriod)).toEqual(sorted([S[4]!, S[5]!]));
  });

  it('passes through a shared phone or address as one hop, unless the hub is larger than maxHubSize', async () => {
    const v = await egoNetwork(ws, { center: S[6]!, hops: 1 });
    const hub = v.nodes.find((n) => n.kind === 'phone')!;
    expect(ids(v)).toEqual(sorted([S[6]!, P[4]!, hub.id, S[9]!]));
    expect(v.nodes.find((n) => n.id === S[9])!.hop).toBe(1);
    expect(v.edges.map((e) => e.role).sort()).toEqual(['legal_rep', 'same_phone', 'same_phone']);
    const capped = await egoNetwork(ws, { center: S[8]!, hops: 1, filter: { maxHubSize: 2 } });
    expect(capped.nodes).toHaveLength(2);
    expect(capped.nodes.find((n) => n.kind === 'address')).toMatchObject({ capped: true, degree: 3 });
    const open = await egoNetwork(ws, { center: S[8]!, hops: 1 });
    expect(open.nodes).toHaveLength(4);
  });

  it('masks person labels and shows list status', async () => {
    const v = await egoNetwork(ws, { center: S[2]!, hops: 2, filter: { asOf: '2024-01-01' } });
    expect(v.nodes.find((n) => n.id === P[1])!.label).toBe('张**');
    expect(v.nodes.find((n) => n.id === P[2])!.label).toBe('欧***');
    expect(v.nodes.find((n) => n.id === S[3])!.lists).toEqual(['严重失信主体名单']);
    expect(v.nodes.find((n) => n.id === S[1])!.lists).toEqual(['红名单']);
    const unmasked = await egoNetwork(ws, { center: S[2]!, hops: 1 }, { unmask: true });
    expect(unmasked.nodes.find((n) => n.id === P[1])!.label).toBe('张三丰');
  });

  it('shows the grade of the latest evaluation run', async () => {
    await ws.run(`INSERT INTO eval_runs (run_id, created_at, as_of, models) VALUES
      ('r-old', '2024-01-01 10:00:00', '2024-01-01', '[]'), ('r-new', '2024-06-01 10:00:00', '2024-06-01', '[]')`);
    await ws.run(`INSERT INTO eval_scores (run_id, uscc, final_score, grade) VALUES
      ('r-old', ?, 60, 'C'), ('r-new', ?, 95, 'A'), ('r-old', ?, 40, 'D')`, [S[2]!, S[2]!, S[1]!]);
    const v = await egoNetwork(ws, { center: S[2]!, hops: 2 });
    expect(v.nodes.find((n) => n.id === S[2])!.grade).toBe('A');
    expect(v.nodes.find((n) => n.id === S[1])!.grade).toBeNull(); // not in the latest run
    expect(v.nodes.find((n) => n.id === P[1])!.grade).toBeNull();
    await ws.run(`DELETE FROM eval_scores; DELETE FROM eval_runs`);
  });

  it('reports an unknown centre as not found', async () => {
    await expect(egoNetwork(ws, { center: '91310120XXXXXXXXXX' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('shortest path', () => {
  it('finds S1 → S3 through P1, S2 and P2 (4 hops)', async () => {
    const r = await shortestPath(ws, { source: S[1]!, target: S[3]! });
    expect(r.found).toBe(true);
    expect(r.length).toBe(4);
    expect(r.nodes.map((n) => n.id)).toEqual([S[1], P[1], S[2], P[2], S[3]]);
    expect(r.edges).toHaveLength(4);
  });

  it('counts a hub pass as one hop (S7 → S10 = 4)', async () => {
    const r = await shortestPath(ws, { source: S[7]!, target: S[10]! });
    expect(r.length).toBe(4);
    expect(r.nodes.map((n) => n.kind)).toEqual(['subject', 'person', 'subject', 'phone', 'subject', 'address', 'subject']);
    expect(r.nodes[0]!.id).toBe(S[7]);
    expect(r.nodes[6]!.id).toBe(S[10]);
    const near = await shortestPath(ws, { source: S[8]!, target: S[10]! });
    expect(near.length).toBe(1);
  });

  it('respects maxHops and the date filter, and reports no path between separate groups', async () => {
    expect((await shortestPath(ws, { source: S[1]!, target: S[5]! })).found).toBe(false);
    const long = await shortestPath(ws, { source: S[1]!, target: S[5]!, maxHops: 8 });
    expect(long.length).toBe(7);
    expect((await shortestPath(ws, { source: S[1]!, target: S[5]!, maxHops: 8, filter: { asOf: '2023-01-01' } })).found).toBe(false);
    const none = await shortestPath(ws, { source: S[1]!, target: S[12]!, maxHops: 10 });
    expect(none).toMatchObject({ found: false, length: null, nodes: [], edges: [] });
    expect((await shortestPath(ws, { source: S[3]!, target: S[3]! })).length).toBe(0);
  });
});

describe('components, top, exposure', () => {
  it('connected components with sizes (persons and subjects, hubs not counted)', async () => {
    const r = await components(ws, {});
    // {S1..S5, P1..P3} 8 · {S6..S10, S13, P4} 7 · {S12, P5..P7} 4 · {S11} 1
    expect(r.top.map((c) => c.size)).toEqual([8, 7, 4, 1]);
    expect(r.top.map((c) => [c.subjects, c.persons])).toEqual([[5, 3], [6, 1], [1, 3], [1, 0]]);
    expect(r).toMatchObject({ components: 4, largest: 8, singletons: 1, nonTrivial: 3, cached: false });
    expect((await components(ws, {})).cached).toBe(true);
    // After 2022-06-30 the officer tie P3–S4 has ended: the first group splits into 6 and 2.
    const later = await components(ws, { filter: { asOf: '2023-01-01' } });
    expect(later.top.map((c) => c.size)).toEqual([7, 6, 4, 2, 1]);
    // The address hub of S8/S9/S10 has 3 firms: with maxHubSize 2 it is not crossed, S8 and S10 fall apart.
    const capped = await components(ws, { filter: { maxHubSize: 2 } });
    expect(capped.top.map((c) => c.size)).toEqual([8, 5, 4, 1, 1, 1]);
    // Edge kinds: legal representatives only → {S1,S2,P1} {S6,S7,S13,P4} {S12,P5}, the other 7 subjects alone.
    const lr = await components(ws, { filter: { kinds: ['legal_rep'] } });
    expect(lr.top.map((c) => c.size)).toEqual([4, 3, 2, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('most connected persons and subjects', async () => {
    const persons = await topConnected(ws, { kind: 'person', limit: 1 });
    expect(persons[0]).toMatchObject({ id: P[4], degree: 3, subjects: 3, label: '王*', lists: ['失信被执行人'] });
    const subjects = await topConnected(ws, { kind: 'subject', limit: 1 });
    expect(subjects[0]).toMatchObject({ id: S[12], degree: 3 });
    const ended = await topConnected(ws, { kind: 'person', filter: { asOf: '2023-01-01' } });
    expect(ended.find((p) => p.id === P[3])!.degree).toBe(1);
  });

  it('exposure counts and nearest distance as of 2024-01-01', async () => {
    const run = await runExposure(ws, { asOf: '2024-01-01' });
    expect(run.listedNodes).toBe(2); // S3 and P4 (S10 and S5 are off their lists by then)
    const { rows } = await exposureFor(ws, { runId: run.runId });
    const by = new Map(rows.map((r) => [r.uscc, r]));
    const get = (i: number) => by.get(S[i]!)!;
    expect(rows).toHaveLength(13);
    expect(get(2)).toMatchObject({ blackWithin2: 1, abnormalWithin2: 0, dishonestWithin2: 0, nearestDistance: 2 });
    expect(get(1)).toMatchObject({ blackWithin2: 0, nearestDistance: null }); // S3 is 4 hops away
    expect(get(3)).toMatchObject({ selfListed: ['严重失信主体名单'], blackWithin2: 0, nearestDistance: null });
    expect(get(4)).toMatchObject({ blackWithin2: 0, nearestDistance: null }); // its tie to P3 has ended
    for (const i of [6, 7, 13]) expect(get(i)).toMatchObject({ dishonestWithin2: 1, nearestDistance: 1 });
    expect(get(9)).toMatchObject({ dishonestWithin2: 1, nearestDistance: 2 });
    for (const i of [8, 10]) expect(get(i)).toMatchObject({ dishonestWithin2: 0, nearestDistance: 3 });
    expect(get(11)).toMatchObject({ blackWithin2: 0, abnormalWithin2: 0, dishonestWithin2: 0, nearestDistance: null });
    expect(run.exposed).toBe(5); // S2, S6, S7, S9, S13
    const hits = await exposureHits(ws, { runId: run.runId, usccs: [S[2]!] });
    expect(hits.hits).toEqual([
      { uscc: S[2], nodeId: S[3], nodeKind: 'subject', label: '测试企业3有限公司', listType: '严重失信主体名单', inDate: '2022-01-01', distance: 2 },
    ]);
    // Only listings that began recently (a related party newly listed): S3 since 2022-01-01, P4 since 2021-05-01.
    const recent = await exposureHits(ws, { runId: run.runId, listedSince: '2022-01-01' });
    expect(recent.hits.map((h) => h.nodeId)).toEqual([S[3]]);
    const near = await exposureHits(ws, { runId: run.runId, maxDistance: 1 });
    expect(sorted(near.hits.map((h) => h.uscc))).toEqual(sorted([S[6]!, S[7]!, S[13]!]));
    const again = await runExposure(ws, { asOf: '2024-01-01' });
    expect(again).toMatchObject({ reused: true, runId: run.runId });
    // A change in the lists makes a new run: S1 listed 经营异常 → S2 (2 hops via P1) now counts it too.
    await ws.run(`INSERT INTO credit_lists (list_type, uscc, in_date) VALUES ('经营异常名录', ?, '2023-12-01')`, [S[1]!]);
    const fresh = await runExposure(ws, { asOf: '2024-01-01' });
    expect(fresh.reused).toBe(false);
    expect(fresh.runId).not.toBe(run.runId);
    const s2 = (await exposureFor(ws, { runId: fresh.runId, usccs: [S[2]!] })).rows[0]!;
    expect(s2).toMatchObject({ blackWithin2: 1, abnormalWithin2: 1, nearestDistance: 2 });
    await ws.run(`DELETE FROM credit_lists WHERE uscc = ? AND list_type = '经营异常名录'`, [S[1]!]);
  });

  it('exposure as of 2023-03-01: the subject\'s own listing is not counted, the nearest other one is', async () => {
    const run = await runExposure(ws, { asOf: '2023-03-01' });
    const { rows } = await exposureFor(ws, { runId: run.runId, usccs: [S[6]!, S[7]!, S[8]!, S[9]!, S[10]!] });
    const by = new Map(rows.map((r) => [r.uscc, r]));
    expect(by.get(S[8]!)).toMatchObject({ abnormalWithin2: 1, dishonestWithin2: 0, nearestDistance: 1 });
    expect(by.get(S[9]!)).toMatchObject({ abnormalWithin2: 1, dishonestWithin2: 1, nearestDistance: 1 });
    expect(by.get(S[6]!)).toMatchObject({ abnormalWithin2: 1, dishonestWithin2: 1, nearestDistance: 1 });
    expect(by.get(S[7]!)).toMatchObject({ abnormalWithin2: 0, dishonestWithin2: 1, nearestDistance: 1 });
    expect(by.get(S[10]!)).toMatchObject({ selfListed: ['经营异常名录'], abnormalWithin2: 0, dishonestWithin2: 0, nearestDistance: 3 });
  });

  it('exposure as of 2022-03-01 follows the officer tie that was still in force', async () => {
    const run = await runExposure(ws, { asOf: '2022-03-01' });
    const { rows } = await exposureFor(ws, { runId: run.runId, usccs: [S[4]!, S[5]!] });
    expect(rows.find((r) => r.uscc === S[4])).toMatchObject({ blackWithin2: 1, nearestDistance: 2 });
    expect(rows.find((r) => r.uscc === S[5])).toMatchObject({ blackWithin2: 0, nearestDistance: 3 });
  });
});
