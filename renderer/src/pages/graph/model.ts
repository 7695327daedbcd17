// The network the 关系图谱 page shows: the centre's ego network plus nodes expanded by clicking, merged and
// capped at MAX_VISIBLE nodes. Pure functions over plain data, so merging is testable without a browser.
import type { EdgeKind, GraphEdge, GraphFilter, GraphNode, GraphView } from '../../../../shared/contract/graph';

/** ECharts stays responsive up to about this many nodes with a precomputed layout. */
export const MAX_VISIBLE = 1500;
export const FIRST_LIMIT = 300;
export const STEP_LIMIT = 300;
export const EXPAND_LIMIT = 200;

export const EDGE_KIND_LABELS: Record<EdgeKind, string> = {
  legal_rep: '法定代表人',
  shareholder: '股东',
  officer: '高管',
  same_address: '同注册地址',
  same_phone: '同联系电话',
};

export interface NetworkState {
  center: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Hidden by the cap: the centre's network, and each expanded node's. */
  hidden: Record<string, number>;
  expanded: string[];
}

export function fromView(view: GraphView): NetworkState {
  return { center: view.center ?? '', nodes: view.nodes, edges: view.edges, hidden: { [view.center ?? '']: view.truncated }, expanded: [] };
}

/** Adds the 1-hop network around `at`; nodes already shown keep their place, new ones hang below `at`. */
export function mergeExpansion(state: NetworkState, at: string, view: GraphView): NetworkState {
  const known = new Map(state.nodes.map((n) => [n.id, n]));
  const base = known.get(at)?.hop ?? 0;
  const added: GraphNode[] = [];
  for (const n of view.nodes) {
    if (known.has(n.id) || state.nodes.length + added.length >= MAX_VISIBLE) continue;
    added.push({ ...n, hop: base + Math.max(1, n.hop), parent: n.id === at ? null : (n.parent ?? at) });
  }
  const ids = new Set([...known.keys(), ...added.map((n) => n.id)]);
  const edgeIds = new Set(state.edges.map((e) => e.id));
  const edges = [...state.edges, ...view.edges.filter((e) => !edgeIds.has(e.id) && ids.has(e.source) && ids.has(e.target))];
  const dropped = view.nodes.filter((n) => !ids.has(n.id)).length;
  return {
    ...state,
    nodes: [...state.nodes, ...added],
    edges,
    hidden: { ...state.hidden, [at]: view.truncated + dropped },
    expanded: [...state.expanded, at],
  };
}

export function hiddenTotal(state: NetworkState): number {
  return Object.values(state.hidden).reduce((a, b) => a + b, 0);
}

export interface FilterForm {
  kinds: EdgeKind[];
  time: 'all' | 'asOf' | 'period';
  asOf: string;
  dateFrom: string;
  dateTo: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function toFilter(f: FilterForm): GraphFilter | undefined {
  const filter: GraphFilter = {};
  if (f.kinds.length && f.kinds.length < Object.keys(EDGE_KIND_LABELS).length) filter.kinds = f.kinds;
  if (f.time === 'asOf' && ISO.test(f.asOf)) filter.asOf = f.asOf;
  if (f.time === 'period') {
    if (ISO.test(f.dateFrom)) filter.dateFrom = f.dateFrom;
    if (ISO.test(f.dateTo)) filter.dateTo = f.dateTo;
  }
  return Object.keys(filter).length ? filter : undefined;
}
