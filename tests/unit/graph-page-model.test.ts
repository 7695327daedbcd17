// The 关系图谱 page's network model: merging an expanded node's neighbourhood, the 1,500-node cap and its
// "更多未显示" count, and the filter form → contract filter.
import { describe, expect, it } from 'vitest';
import { MAX_VISIBLE, fromView, hiddenTotal, mergeExpansion, toFilter } from '../../renderer/src/pages/graph/model';
import type { GraphEdge, GraphNode, GraphView } from '../../shared/contract/graph';

const node = (id: string, hop: number, parent: string | null): GraphNode => ({
  id, kind: 'subject', label: id, hop, parent, degree: 1, lists: [], grade: null, status: null,
});
const edge = (source: string, target: string): GraphEdge => ({
  id: `${source}>${target}:legal_rep`, source, target, role: 'legal_rep', roleLabel: '法定代表人', sharePct: null, startDate: null, endDate: null,
});
const view = (center: string, nodes: GraphNode[], edges: GraphEdge[], truncated = 0): GraphView => ({
  center, nodes, edges, truncated, reachedByHop: [], graphVersion: 1, elapsedMs: 1,
});

describe('graph page model', () => {
  it('adds an expanded node\'s new neighbours below it and keeps known nodes where they are', () => {
    const start = fromView(view('C', [node('C', 0, null), node('A', 1, 'C'), node('B', 1, 'C')], [edge('A', 'C'), edge('B', 'C')], 4));
    expect(hiddenTotal(start)).toBe(4);
    // Expanding A: its 1-hop view has A (hop 0), C (known) and X, Y (new).
    const next = mergeExpansion(start, 'A', view('A', [node('A', 0, null), node('C', 1, 'A'), node('X', 1, 'A'), node('Y', 1, 'A')], [edge('A', 'C'), edge('A', 'X'), edge('Y', 'A')], 2));
    expect(next.nodes.map((n) => n.id)).toEqual(['C', 'A', 'B', 'X', 'Y']);
    expect(next.nodes.find((n) => n.id === 'X')).toMatchObject({ hop: 2, parent: 'A' });
    expect(next.nodes.find((n) => n.id === 'C')!.hop).toBe(0);
    expect(next.edges.map((e) => e.id).sort()).toEqual(['A>C:legal_rep', 'A>X:legal_rep', 'B>C:legal_rep', 'Y>A:legal_rep']);
    expect(next.expanded).toEqual(['A']);
    expect(hiddenTotal(next)).toBe(4 + 2);
  });

  it('never shows more than MAX_VISIBLE nodes and counts the ones left out as hidden', () => {
    const many = Array.from({ length: MAX_VISIBLE - 1 }, (_, i) => node(`N${i}`, 1, 'C'));
    const start = fromView(view('C', [node('C', 0, null), ...many], many.map((n) => edge(n.id, 'C'))));
    const extra = [node('N0', 0, null), node('Z1', 1, 'N0'), node('Z2', 1, 'N0'), node('Z3', 1, 'N0')];
    const next = mergeExpansion(start, 'N0', view('N0', extra, [edge('N0', 'Z1'), edge('N0', 'Z2'), edge('N0', 'Z3')], 10));
    expect(next.nodes).toHaveLength(MAX_VISIBLE);
    expect(hiddenTotal(next)).toBe(10 + 3);
    // Edges to nodes that were not added are left out, so every edge joins shown nodes.
    const ids = new Set(next.nodes.map((n) => n.id));
    expect(next.edges.every((e) => ids.has(e.source) && ids.has(e.target))).toBe(true);
  });

  it('turns the filter form into the contract filter', () => {
    const all = ['legal_rep', 'shareholder', 'officer', 'same_address', 'same_phone'] as const;
    expect(toFilter({ kinds: [...all], time: 'all', asOf: '2024-01-01', dateFrom: '', dateTo: '' })).toBeUndefined();
    expect(toFilter({ kinds: ['legal_rep'], time: 'asOf', asOf: '2024-01-01', dateFrom: '', dateTo: '' })).toEqual({ kinds: ['legal_rep'], asOf: '2024-01-01' });
    expect(toFilter({ kinds: [...all], time: 'period', asOf: '', dateFrom: '2023-01-01', dateTo: '2023-12-31' })).toEqual({ dateFrom: '2023-01-01', dateTo: '2023-12-31' });
    expect(toFilter({ kinds: [...all], time: 'asOf', asOf: '2024-1-1', dateFrom: '', dateTo: '' })).toBeUndefined();
  });
});
