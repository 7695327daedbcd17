// Incremental rebuilds must give exactly the graph a full rebuild gives, touching only what changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../electron/core/workspace';
import { buildGraph, clusters, components, egoNetwork } from '../../electron/core/graph';
import { emptyWorkspace } from '../helpers/workspace';
import { P, S, insertRelations, loadFixture } from './graph-fixture';

let ws: Workspace;

beforeAll(async () => {
  ws = await emptyWorkspace();
  await loadFixture(ws);
  await buildGraph(ws);
});
afterAll(() => ws?.close());

/** The graph as keys (internal ids differ between incremental and full builds). */
async function snapshot(w: Workspace) {
  const nodes = await w.all(`SELECT node_key, kind, label, degree FROM graph_nodes ORDER BY node_key`);
  const edges = await w.all(`SELECT s.node_key AS s, d.node_key AS d, a.kind, a.fwd, a.dst_kind, a.share_pct, a.start_date, a.end_date, a.rel_hash
    FROM graph_adj a JOIN graph_nodes s ON s.nid = a.src JOIN graph_nodes d ON d.nid = a.dst ORDER BY ALL`);
  const ties = await w.all(`SELECT * FROM graph_subject_ties ORDER BY ALL`);
  // Every node findable through graph_keys, and nothing else there.
  const keys = await w.one(`SELECT (SELECT count(*) FROM graph_keys) AS k, (SELECT count(*) FROM graph_nodes) AS n,
    (SELECT count(*) FROM graph_keys k JOIN graph_nodes n ON n.nid = k.nid AND k.h = hash(n.node_key)) AS matched`);
  expect(keys!.k).toBe(keys!.n);
  expect(keys!.matched).toBe(keys!.n);
  return { nodes, edges, ties };
}

describe('incremental graph build', () => {
  it('applies added and removed relations, moved addresses/phones and renamed persons like a full rebuild', async () => {
    await insertRelations(ws, [
      [S[11]!, 'officer', P[1]!, null, null, '2024-01-01', null],
      [S[11]!, '股东', 'P_NEW_PERSON', null, 25, null, null],
    ]);
    await ws.run(`DELETE FROM relations WHERE uscc = ? AND person_id = ?`, [S[7]!, P[4]!]);
    await ws.run(`DELETE FROM relations WHERE uscc = ? AND person_id = ?`, [S[12]!, P[7]!]);
    await ws.run(`UPDATE subjects SET address = '上海市奉贤区金汇镇新路8号' WHERE uscc = ?`, [S[10]!]);
    await ws.run(`UPDATE subjects SET phone = '(021)57123456' WHERE uscc = ?`, [S[13]!]);
    await ws.run(`UPDATE persons SET name = '欧阳倩' WHERE person_id = ?`, [P[2]!]);

    const r = await buildGraph(ws);
    expect(r.mode).toBe('incremental');
    expect(r.addedEdges).toBe(2);
    expect(r.removedEdges).toBe(2);
    // 7 persons − P7 + the new one; hubs unchanged in number (address now S8+S9, phone now S6+S9+S13).
    expect(r.persons).toBe(7);
    expect(r.hubs).toBe(2);
    expect(r.edges).toBe(18 + 2 - 2 - 1 + 1);

    const addr = await clusters(ws, { kind: 'address', minFirms: 2 });
    expect(addr.map((c) => c.firms)).toEqual([2]);
    const phone = await clusters(ws, { kind: 'phone', minFirms: 2 });
    expect(phone.map((c) => c.firms)).toEqual([3]);
    const ego = await egoNetwork(ws, { center: S[11]!, hops: 1 });
    expect(ego.nodes.map((n) => n.label).sort()).toEqual(['张**', '测试企业11有限公司', '自然人'].sort());
    const p2 = (await egoNetwork(ws, { center: S[3]!, hops: 1 })).nodes.find((n) => n.id === P[2]);
    expect(p2!.label).toBe('欧**');

    const incremental = await snapshot(ws);
    const full = await buildGraph(ws, { full: true });
    expect(full.mode).toBe('full');
    expect(await snapshot(ws)).toEqual(incremental);
  });

  it('rebuilds automatically before a query when an import changed the sources', async () => {
    const before = await egoNetwork(ws, { center: S[1]!, hops: 1 });
    expect(before.nodes).toHaveLength(2);
    await insertRelations(ws, [[S[1]!, 'shareholder', P[5]!, null, 10, '2021-01-01', null]]);
    const after = await egoNetwork(ws, { center: S[1]!, hops: 1 });
    expect(after.nodes.map((n) => n.id).sort()).toEqual([S[1]!, P[1]!, P[5]!].sort());
    expect(after.graphVersion).toBe(before.graphVersion + 1);
    // The new tie joined S1's group with S12's: components see it too.
    const comps = await components(ws, {});
    expect(comps.largest).toBe(6 + 4 + 3); // S1..S5, S11 · P1..P3, P_NEW · S12, P5, P6
  });

  it('after a relations-only import, drops persons left without relations and adds new ones like a full rebuild', async () => {
    await ws.run(`DELETE FROM relations WHERE person_id = ?`, [P[6]!]);
    await insertRelations(ws, [
      [S[12]!, 'officer', 'P_FAST', null, null, null, null],
      [S[12]!, 'shareholder', null, '91310120UNKNOWN001', 5, null, null],
    ]);
    const v = await egoNetwork(ws, { center: S[12]!, hops: 1 });
    expect(v.nodes.map((n) => n.id).sort()).toEqual([S[12]!, P[5]!, 'P_FAST', '91310120UNKNOWN001'].sort());
    const gone = await ws.scalar(`SELECT count(*) FROM graph_nodes WHERE node_key = ?`, [P[6]!]);
    expect(Number(gone)).toBe(0);
    const incremental = await snapshot(ws);
    await buildGraph(ws, { full: true });
    expect(await snapshot(ws)).toEqual(incremental);
  });

  it('falls back to a full rebuild when most of the graph changed', async () => {
    await ws.run('DELETE FROM relations');
    await insertRelations(ws, [[S[1]!, 'legal_rep', P[1]!, null, null, null, null]]);
    const r = await buildGraph(ws);
    expect(r.mode).toBe('full');
    expect(r.persons).toBe(1);
    expect(r.edges).toBe(1 + 2 + 3); // the relation, S8+S9 address, S6+S9+S13 phone
  });
});
