// Option builders for 主体画像: every record on a time axis by category, and a small graph of direct relations
// (subjects as squares, natural persons as circles, blacklisted nodes in red).

export interface TimelinePoint {
  date: string;
  category: string;
  title: string;
  tone: 'good' | 'bad' | 'neutral';
}

const TONE_COLORS = { good: '#2da44e', bad: '#cf222e', neutral: '#1f6feb' } as const;

export function timelineOption(input: { events: TimelinePoint[]; animation?: boolean }) {
  const categories = [...new Set(input.events.map((e) => e.category))];
  return {
    animation: input.animation ?? false,
    tooltip: { trigger: 'item' as const },
    grid: { left: 8, right: 24, top: 16, bottom: 40, containLabel: true },
    xAxis: { type: 'time' as const },
    yAxis: { type: 'category' as const, data: categories, inverse: true, splitLine: { show: true } },
    dataZoom: [{ type: 'inside' as const }, { type: 'slider' as const, height: 14, bottom: 8 }],
    series: (['bad', 'good', 'neutral'] as const).map((tone) => ({
      type: 'scatter' as const,
      name: tone === 'bad' ? '失信' : tone === 'good' ? '守信' : '一般',
      symbolSize: 11,
      itemStyle: { color: TONE_COLORS[tone], opacity: 0.85 },
      data: input.events
        .filter((e) => e.tone === tone)
        .map((e) => ({ value: [e.date, e.category], name: `${e.date} ${e.title}` })),
      tooltip: { formatter: '{b}' },
    })),
  };
}

export interface GraphNodeInput {
  id: string;
  kind: 'subject' | 'person';
  label: string;
  center: boolean;
  lists: string[];
}

export interface GraphEdgeInput {
  source: string;
  target: string;
  label: string;
}

export function relationGraphOption(input: { nodes: GraphNodeInput[]; edges: GraphEdgeInput[]; animation?: boolean }) {
  const CATEGORY_COLORS = ['#1f3b6e', '#1f6feb', '#8250df', '#cf222e'];
  const category = (n: GraphNodeInput) => (n.lists.length ? 3 : n.center ? 0 : n.kind === 'person' ? 2 : 1);
  // Parallel edges (one person, several roles) collapse into one edge with the roles joined.
  const merged = new Map<string, GraphEdgeInput>();
  for (const e of input.edges) {
    const key = `${e.source}\u0000${e.target}`;
    const prev = merged.get(key);
    merged.set(key, prev ? { ...prev, label: `${prev.label}、${e.label}` } : { ...e });
  }
  return {
    animation: input.animation ?? false,
    tooltip: { trigger: 'item' as const },
    legend: { bottom: 0, data: ['本主体', '关联主体', '自然人', '在失信名单'] },
    series: [
      {
        type: 'graph' as const,
        layout: 'force' as const,
        roam: true,
        draggable: true,
        force: { repulsion: 260, edgeLength: [70, 140], gravity: 0.08 },
        categories: ['本主体', '关联主体', '自然人', '在失信名单'].map((name, i) => ({ name, itemStyle: { color: CATEGORY_COLORS[i] } })),
        label: { show: true, position: 'bottom' as const, fontSize: 11, width: 120, overflow: 'truncate' as const },
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 6,
        edgeLabel: { show: true, fontSize: 10, formatter: '{c}' },
        lineStyle: { color: '#9aa7b8', curveness: 0.1 },
        data: input.nodes.map((n) => ({
          id: n.id,
          name: n.label,
          value: n.lists.length ? n.lists.join('、') : n.kind === 'subject' ? n.id : '自然人',
          symbol: n.kind === 'subject' ? 'rect' : 'circle',
          symbolSize: n.center ? 34 : n.kind === 'subject' ? 22 : 18,
          category: category(n),
        })),
        links: [...merged.values()].map((e) => ({ source: e.source, target: e.target, value: e.label })),
      },
    ],
  };
}
