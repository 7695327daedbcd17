// The relationship graph as an ECharts option (pure: data → option, no functions inside, so the same option
// renders on canvas in the app and as SVG in reports). Subjects are squares ('rect'), persons circles, shared
// address / phone hubs diamonds / triangles; colour by list status (default) or credit grade; edge labels carry
// the role and share %. Layout is precomputed (layout:'none', see graphLayout.ts): nothing animates or moves.
import type { GraphEdge, GraphNode } from '../contract/graph';
import { pathLayout, radialLayout, type Point } from './graphLayout';

export type GraphColorBy = 'list' | 'grade';

export interface GraphChartInput {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Root(s) of the radial layout (the ego centre, or every expanded node's first root). */
  roots?: string[];
  /** 'path': nodes in the given order from left to right. */
  layout?: 'radial' | 'path';
  colorBy?: GraphColorBy;
  /** Node ids drawn emphasised (e.g. a found path inside the network). */
  highlight?: string[];
  /** Relations ended on or before this date are drawn faded. */
  asOf?: string;
  /** Edge labels (role, share %): shown by default up to 80 edges (beyond that they only clutter). */
  edgeLabels?: boolean;
  title?: string;
}

export const GRAPH_SYMBOL: Record<GraphNode['kind'], string> = {
  subject: 'rect',
  person: 'circle',
  address: 'diamond',
  phone: 'triangle',
};

/** Colour categories, in legend order. */
export const LIST_CATEGORIES = [
  { name: '严重失信主体', color: '#cf222e' },
  { name: '失信被执行人', color: '#bf3989' },
  { name: '经营异常', color: '#d29922' },
  { name: '主体', color: '#1f6feb' },
  { name: '自然人', color: '#2da44e' },
  { name: '同地址 / 同电话', color: '#8c959f' },
] as const;

export const GRADE_CATEGORIES = [
  { name: 'A 优秀', color: '#2da44e' },
  { name: 'B 良好', color: '#1f6feb' },
  { name: 'C 一般', color: '#d29922' },
  { name: 'D 较差', color: '#cf222e' },
  { name: '未评价主体', color: '#8c959f' },
  { name: '自然人', color: '#57606a' },
  { name: '同地址 / 同电话', color: '#c9d1d9' },
] as const;

const LIST_ORDER = ['严重失信主体名单', '失信被执行人', '经营异常名录'];
const LISTED_BORDER = '#cf222e';

/** Index into LIST_CATEGORIES: the most serious list in force wins. */
export function listCategory(n: Pick<GraphNode, 'kind' | 'lists'>): number {
  for (let i = 0; i < LIST_ORDER.length; i++) if (n.lists.includes(LIST_ORDER[i]!)) return i;
  return n.kind === 'subject' ? 3 : n.kind === 'person' ? 4 : 5;
}

/** Index into GRADE_CATEGORIES. */
export function gradeCategory(n: Pick<GraphNode, 'kind' | 'grade'>): number {
  if (n.kind === 'person') return 5;
  if (n.kind !== 'subject') return 6;
  const i = ['A', 'B', 'C', 'D'].indexOf(n.grade ?? '');
  return i >= 0 ? i : 4;
}

const KIND_LABEL: Record<GraphNode['kind'], string> = { subject: '主体', person: '自然人', address: '同注册地址', phone: '同联系电话' };

function tooltipText(n: GraphNode): string {
  const lines = [`${KIND_LABEL[n.kind]}：${escapeHtml(n.label)}`];
  if (n.kind === 'subject') lines.push(`统一社会信用代码：${n.id}`);
  if (n.status) lines.push(`登记状态：${escapeHtml(n.status)}`);
  if (n.grade) lines.push(`信用等级：${n.grade}`);
  if (n.lists.length) lines.push(`名单：${n.lists.map(escapeHtml).join('、')}`);
  if (n.kind === 'address' || n.kind === 'phone') lines.push(`共 ${n.degree} 家企业${n.capped ? '（过多，未展开）' : ''}`);
  else lines.push(`关联数：${n.degree}`);
  return lines.join('<br/>');
}

function edgeTooltip(e: GraphEdge): string {
  const when = e.startDate || e.endDate ? `<br/>${e.startDate ?? '…'} 至 ${e.endDate ?? '今'}` : '';
  return `${escapeHtml(e.roleLabel)}${when}`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function symbolSize(n: GraphNode, isRoot: boolean): number {
  if (isRoot) return 30;
  const base = n.kind === 'subject' ? 16 : n.kind === 'person' ? 14 : 12;
  return Math.round(base + Math.min(10, Math.log2(1 + Math.max(0, n.degree))) * 1.2);
}

const EDGE_STYLE: Record<GraphEdge['role'], { color: string; type: 'solid' | 'dashed' | 'dotted' }> = {
  legal_rep: { color: '#24292f', type: 'solid' },
  shareholder: { color: '#1f6feb', type: 'solid' },
  officer: { color: '#57606a', type: 'dashed' },
  same_address: { color: '#8c959f', type: 'dotted' },
  same_phone: { color: '#8c959f', type: 'dotted' },
};

export function graphOption(input: GraphChartInput) {
  const colorBy = input.colorBy ?? 'list';
  const categories = colorBy === 'grade' ? GRADE_CATEGORIES : LIST_CATEGORIES;
  const roots = input.roots?.length ? input.roots : input.nodes.filter((n) => n.hop === 0).map((n) => n.id);
  const rootSet = new Set(roots);
  const pos: Map<string, Point> =
    input.layout === 'path' ? pathLayout(input.nodes) : radialLayout(input.nodes, input.edges, roots);
  const highlight = new Set(input.highlight ?? []);
  const manyNodes = input.nodes.length > 150;
  const edgeLabels = input.edgeLabels ?? input.edges.length <= 80;

  const data = input.nodes.map((n) => {
    const p = pos.get(n.id) ?? { x: 0, y: 0 };
    const category = colorBy === 'grade' ? gradeCategory(n) : listCategory(n);
    const listed = n.lists.some((l) => LIST_ORDER.includes(l));
    const emphasised = rootSet.has(n.id) || highlight.has(n.id);
    return {
      id: n.id,
      name: n.label,
      x: p.x,
      y: p.y,
      category,
      symbol: GRAPH_SYMBOL[n.kind],
      symbolSize: symbolSize(n, rootSet.has(n.id)),
      value: n.degree,
      itemStyle: {
        // In grade colours a listing still shows, as a red border.
        borderColor: colorBy === 'grade' && listed ? LISTED_BORDER : emphasised ? '#0d1117' : '#ffffff',
        borderWidth: (colorBy === 'grade' && listed) || emphasised ? 3 : 1,
        opacity: highlight.size && !highlight.has(n.id) ? 0.35 : 1,
      },
      // The root's label goes below it (a first-ring node may sit on its right); on a path every label goes below
      // its node so the last one is not cut off at the right edge.
      label: {
        show: !manyNodes || n.hop <= 1 || emphasised,
        fontWeight: rootSet.has(n.id) ? ('bold' as const) : ('normal' as const),
        position: input.layout === 'path' || rootSet.has(n.id) ? ('bottom' as const) : ('right' as const),
      },
      tooltip: { formatter: tooltipText(n) },
    };
  });

  const onPath = (e: GraphEdge) => highlight.has(e.source) && highlight.has(e.target);
  const links = input.edges.map((e) => {
    const style = EDGE_STYLE[e.role];
    const ended = !!(e.endDate && input.asOf && e.endDate <= input.asOf);
    const width = e.role === 'shareholder' && e.sharePct !== null ? 1 + Math.min(4, e.sharePct / 25) : 1.2;
    return {
      id: e.id,
      source: e.source,
      target: e.target,
      value: e.sharePct ?? undefined,
      symbol: e.role === 'same_address' || e.role === 'same_phone' ? ['none', 'none'] : ['none', 'arrow'],
      symbolSize: [0, 7],
      lineStyle: {
        color: style.color,
        type: ended ? ('dashed' as const) : style.type,
        width: onPath(e) ? width + 2 : width,
        opacity: ended ? 0.35 : highlight.size && !onPath(e) ? 0.25 : 0.8,
        curveness: 0,
      },
      label: { show: edgeLabels && e.role !== 'same_address' && e.role !== 'same_phone', formatter: e.roleLabel, fontSize: 10, color: '#57606a' },
      tooltip: { formatter: edgeTooltip(e) },
    };
  });
  // Several relations between the same two nodes (e.g. legal representative and shareholder) fan out.
  const seen = new Map<string, number>();
  for (const l of links) {
    const key = [l.source, l.target].sort().join('|');
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    if (k > 0) l.lineStyle.curveness = 0.15 * Math.ceil(k / 2) * (k % 2 ? 1 : -1);
  }

  return {
    animation: false,
    title: input.title ? { text: input.title, left: 'center', textStyle: { fontSize: 14 } } : undefined,
    tooltip: { trigger: 'item' as const, confine: true },
    legend: { bottom: 0, data: categories.map((c) => c.name), selectedMode: false as const },
    color: categories.map((c) => c.color),
    series: [
      {
        type: 'graph' as const,
        layout: 'none' as const,
        roam: true,
        draggable: false,
        animation: false,
        scaleLimit: { min: 0.05, max: 8 },
        label: { position: 'right' as const, fontSize: 11, color: '#24292f' },
        edgeLabel: { fontSize: 10 },
        // No focus:'adjacency': when a click redraws the chart under the pointer, ECharts leaves the rest dimmed.
        emphasis: { label: { show: true }, lineStyle: { width: 3 } },
        categories: categories.map((c) => ({ name: c.name, itemStyle: { color: c.color } })),
        data,
        links,
      },
    ],
  };
}
