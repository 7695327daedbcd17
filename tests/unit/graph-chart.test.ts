// The relationship graph's option builder and layout (pure): shapes, colours, labels, precomputed positions,
// and that ECharts accepts the option (server-side SVG render).
import { describe, expect, it } from 'vitest';
import * as echarts from 'echarts';
import { graphOption, GRAPH_SYMBOL, LIST_CATEGORIES, GRADE_CATEGORIES } from '../../shared/charts/graph';
import { radialLayout, pathLayout } from '../../shared/charts/graphLayout';
import type { GraphEdge, GraphNode } from '../../shared/contract/graph';

const node = (id: string, kind: GraphNode['kind'], hop: number, parent: string | null, more: Partial<GraphNode> = {}): GraphNode => ({
  id, kind, label: id, hop, parent, degree: 1, lists: [], grade: null, status: null, ...more,
});
const edge = (source: string, target: string, role: GraphEdge['role'], more: Partial<GraphEdge> = {}): GraphEdge => ({
  id: `${source}>${target}:${role}`, source, target, role, roleLabel: role, sharePct: null, startDate: null, endDate: null, ...more,
});

// C (centre) ← P1 (legal rep), ← P2 (shareholder 60 %); P1 → S1; P2 → S2, S3
const nodes: GraphNode[] = [
  node('C', 'subject', 0, null, { grade: 'B' }),
  node('P1', 'person', 1, 'C'),
  node('P2', 'person', 1, 'C', { lists: ['失信被执行人'] }),
  node('S1', 'subject', 2, 'P1', { lists: ['严重失信主体名单', '经营异常名录'], grade: 'D' }),
  node('S2', 'subject', 2, 'P2', { lists: ['红名单'] }),
  node('S3', 'subject', 2, 'P2'),
  node('A', 'address', 2, 'S3', { degree: 150, capped: true }),
];
const edges: GraphEdge[] = [
  edge('P1', 'C', 'legal_rep', { roleLabel: '法定代表人' }),
  edge('P2', 'C', 'shareholder', { roleLabel: '股东 60%', sharePct: 60 }),
  edge('P1', 'S1', 'legal_rep', { roleLabel: '法定代表人', endDate: '2022-06-30' }),
  edge('P2', 'S2', 'officer', { roleLabel: '高管' }),
  edge('P2', 'S3', 'officer', { roleLabel: '高管' }),
  edge('S3', 'A', 'same_address', { roleLabel: '同注册地址' }),
];

type Option = ReturnType<typeof graphOption>;
const series = (o: Option) => o.series[0]!;
const item = (o: Option, id: string) => series(o).data.find((d) => d.id === id)!;

describe('graph option', () => {
  it('draws subjects as squares, persons as circles, hubs as diamonds; every link joins drawn nodes', () => {
    const o = graphOption({ nodes, edges });
    expect(series(o)).toMatchObject({ type: 'graph', layout: 'none', animation: false });
    expect(o.animation).toBe(false);
    expect(item(o, 'C').symbol).toBe('rect');
    expect(item(o, 'P1').symbol).toBe('circle');
    expect(item(o, 'A').symbol).toBe('diamond');
    expect(GRAPH_SYMBOL.phone).toBe('triangle');
    const ids = new Set(series(o).data.map((d) => d.id));
    for (const l of series(o).links) expect(ids.has(l.source) && ids.has(l.target)).toBe(true);
  });

  it('colours by the most serious list in force, or by grade with a red border for listed subjects', () => {
    const byList = graphOption({ nodes, edges });
    const name = (o: Option, id: string, cats: readonly { name: string }[]) => cats[item(o, id).category]!.name;
    expect(name(byList, 'S1', LIST_CATEGORIES)).toBe('严重失信主体');
    expect(name(byList, 'P2', LIST_CATEGORIES)).toBe('失信被执行人');
    expect(name(byList, 'S2', LIST_CATEGORIES)).toBe('主体'); // 红名单 is not a blacklist
    expect(name(byList, 'P1', LIST_CATEGORIES)).toBe('自然人');
    const byGrade = graphOption({ nodes, edges, colorBy: 'grade' });
    expect(name(byGrade, 'C', GRADE_CATEGORIES)).toBe('B 良好');
    expect(name(byGrade, 'S1', GRADE_CATEGORIES)).toBe('D 较差');
    expect(name(byGrade, 'S3', GRADE_CATEGORIES)).toBe('未评价主体');
    expect(item(byGrade, 'S1').itemStyle).toMatchObject({ borderColor: '#cf222e', borderWidth: 3 });
    expect(item(byGrade, 'S3').itemStyle.borderWidth).toBe(1);
    expect(byGrade.legend.data).toEqual(GRADE_CATEGORIES.map((c) => c.name));
  });

  it('labels edges with role and share, fades relations ended by the as-of date', () => {
    const o = graphOption({ nodes, edges, asOf: '2024-01-01' });
    const link = (id: string) => series(o).links.find((l) => l.id === id)!;
    expect(link('P2>C:shareholder').label).toMatchObject({ show: true, formatter: '股东 60%' });
    expect(link('S3>A:same_address').label.show).toBe(false);
    expect(link('P1>S1:legal_rep').lineStyle).toMatchObject({ type: 'dashed', opacity: 0.35 });
    expect(link('P1>C:legal_rep').lineStyle.opacity).toBe(0.8);
    expect(graphOption({ nodes, edges, edgeLabels: false }).series[0]!.links.every((l) => !l.label.show)).toBe(true);
  });

  it('fans out parallel relations between the same two nodes', () => {
    const o = graphOption({ nodes, edges: [...edges, edge('P1', 'C', 'shareholder', { id: 'x', sharePct: 10, roleLabel: '股东 10%' })] });
    const curves = series(o).links.filter((l) => l.source === 'P1' && l.target === 'C').map((l) => l.lineStyle.curveness);
    expect(curves).toEqual([0, 0.15]);
  });

  it('renders with ECharts (SVG, server side)', () => {
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 800, height: 600 });
    chart.setOption(graphOption({ nodes, edges, title: '关联网络' }) as echarts.EChartsCoreOption);
    const svg = chart.renderToSVGString();
    chart.dispose();
    expect(svg).toContain('<svg');
    expect(svg).toContain('关联网络');
    expect(svg).toContain('股东 60%');
  });
});

describe('graph layout', () => {
  it('puts the root in the middle and each hop on its own ring', () => {
    const pos = radialLayout(nodes, edges, ['C']);
    expect(pos.get('C')).toEqual({ x: 0, y: 0 });
    const r = (id: string) => Math.hypot(pos.get(id)!.x, pos.get(id)!.y);
    expect(r('P1')).toBeCloseTo(r('P2'), 0);
    expect(r('S1')).toBeCloseTo(r('S2'), 0);
    expect(r('S1')).toBeGreaterThan(r('P1') + 100);
    expect(r('A')).toBeGreaterThan(r('S3') + 100);
    // Children sit in their parent's sector: S2 and S3 (under P2) are closer to P2 than to P1.
    const d = (a: string, b: string) => Math.hypot(pos.get(a)!.x - pos.get(b)!.x, pos.get(a)!.y - pos.get(b)!.y);
    expect(d('S2', 'P2')).toBeLessThan(d('S2', 'P1'));
    expect(d('S1', 'P1')).toBeLessThan(d('S1', 'P2'));
  });

  it('keeps nodes apart on crowded rings and places unconnected nodes on an outer ring', () => {
    const many = [node('C', 'subject', 0, null), ...Array.from({ length: 400 }, (_, i) => node(`N${i}`, 'person', 1, 'C'))];
    const pos = radialLayout(many, many.slice(1).map((n) => edge(n.id, 'C', 'officer')), ['C'], { spacing: 28 });
    const p0 = pos.get('N0')!;
    const p1 = pos.get('N1')!;
    expect(Math.hypot(p0.x - p1.x, p0.y - p1.y)).toBeGreaterThan(27);
    const lonely = radialLayout([...nodes, node('Z', 'subject', 5, null)], edges, ['C']);
    const rz = Math.hypot(lonely.get('Z')!.x, lonely.get('Z')!.y);
    expect(rz).toBeGreaterThan(Math.hypot(lonely.get('A')!.x, lonely.get('A')!.y));
  });

  it('lays a path out from left to right', () => {
    const pos = pathLayout([node('S', 'subject', 0, null), node('P', 'person', 1, 'S'), node('T', 'phone', 2, 'P'), node('E', 'subject', 2, 'T')]);
    expect([...pos.values()].map((p) => p.x)).toEqual([0, 160, 320, 480]);
    // A zigzag, with the hub lowest: the drawing has height, so ECharts' fit does not inflate it.
    expect(pos.get('P')!.y).toBeGreaterThan(pos.get('S')!.y);
    expect(pos.get('T')!.y).toBeGreaterThan(pos.get('P')!.y);
  });
});
