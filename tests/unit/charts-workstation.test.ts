// Option builders of 总览, 主体画像 and the SQL chart builder: pure data → option.
import { describe, expect, it } from 'vitest';
import { groupBarOption, monthTrendOption, distributionOption, GRADE_COLORS } from '../../shared/charts/overview';
import { timelineOption, relationGraphOption } from '../../shared/charts/profile';
import { builderOption, numericColumns, toNumber, BUILDER_MAX_POINTS } from '../../shared/charts/builder';

describe('groupBarOption', () => {
  it('fades every bar but the selected category in every series', () => {
    const o = groupBarOption({ categories: ['南桥镇', '奉城镇', '金汇镇'], series: [{ name: '主体数', data: [5, 3, 2] }, { name: '行政处罚', data: [1, 0, 4] }], selected: '奉城镇' });
    const colors = o.series.map((s) => s.data.map((d) => d.itemStyle.color));
    expect(colors[0]![1]).not.toBe(colors[0]![0]);
    expect(colors[0]![0]).toBe(colors[0]![2]);
    expect(colors[1]![1]).not.toBe(colors[1]![0]);
    expect(o.series[0]!.data.map((d) => d.value)).toEqual([5, 3, 2]);
    // Legend colours are the series colours, not the faded ones.
    expect(o.series[0]!.itemStyle.color).toBe(colors[0]![1]);
  });

  it('without a selection keeps all bars of a series one colour, categories clickable on the axis', () => {
    const o = groupBarOption({ categories: ['a', 'b'], series: [{ name: 'n', data: [1, 2] }], horizontal: true });
    expect(new Set(o.series[0]!.data.map((d) => d.itemStyle.color)).size).toBe(1);
    expect(o.yAxis).toMatchObject({ type: 'category', data: ['a', 'b'], triggerEvent: true, inverse: true });
    expect(o.xAxis).toMatchObject({ type: 'value' });
  });
});

describe('monthTrendOption', () => {
  it('plots one line per series over the months and zooms to the last 24 when longer', () => {
    const months = Array.from({ length: 30 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`);
    const o = monthTrendOption({ months, series: [{ name: '行政处罚', data: months.map(() => 1) }] });
    expect(o.series).toHaveLength(1);
    expect(o.xAxis.data).toEqual(months);
    expect(o.dataZoom?.[0]).toMatchObject({ startValue: months[6] });
    expect(monthTrendOption({ months: months.slice(0, 3), series: [] }).dataZoom).toBeUndefined();
  });
});

describe('distributionOption', () => {
  it('orders known keys first, keeps unknown ones, colours by key', () => {
    const o = distributionOption({ order: ['A', 'B', 'C', 'D'], counts: { D: 4, A: 1, X: 2 }, colors: GRADE_COLORS, labels: { A: '优秀', D: '较差' } });
    expect(o.series[0]!.data.map((d) => [d.name, d.value])).toEqual([['A 优秀', 1], ['D 较差', 4], ['X', 2]]);
    expect(o.series[0]!.data[1]!.itemStyle.color).toBe(GRADE_COLORS.D);
  });
});

describe('timelineOption', () => {
  it('puts each event at its date on its category row, one series per tone', () => {
    const o = timelineOption({
      events: [
        { date: '2025-07-03', category: '行政处罚', title: '罚款', tone: 'bad' },
        { date: '2024-03-01', category: '名单', title: '列入红名单', tone: 'good' },
        { date: '2024-02-10', category: '行政许可', title: '许可', tone: 'neutral' },
      ],
    });
    expect(o.yAxis.data).toEqual(['行政处罚', '名单', '行政许可']);
    const byName = Object.fromEntries(o.series.map((s) => [s.name, s.data.map((d) => d.value)]));
    expect(byName).toEqual({ 失信: [['2025-07-03', '行政处罚']], 守信: [['2024-03-01', '名单']], 一般: [['2024-02-10', '行政许可']] });
  });
});

describe('relationGraphOption', () => {
  it('draws subjects as squares, persons as circles, blacklisted nodes in their own category, merges parallel edges', () => {
    const o = relationGraphOption({
      nodes: [
        { id: 'S1', kind: 'subject', label: '甲公司', center: true, lists: [] },
        { id: 'P1', kind: 'person', label: '张*', center: false, lists: [] },
        { id: 'S2', kind: 'subject', label: '乙公司', center: false, lists: ['经营异常名录'] },
      ],
      edges: [
        { source: 'P1', target: 'S1', label: '法定代表人' },
        { source: 'P1', target: 'S1', label: '股东 60%' },
        { source: 'P1', target: 'S2', label: '法定代表人' },
      ],
    });
    const s = o.series[0]!;
    expect(s.data.map((d) => [d.id, d.symbol, d.category])).toEqual([
      ['S1', 'rect', 0],
      ['P1', 'circle', 2],
      ['S2', 'rect', 3],
    ]);
    expect(s.links).toEqual([
      { source: 'P1', target: 'S1', value: '法定代表人、股东 60%' },
      { source: 'P1', target: 'S2', value: '法定代表人' },
    ]);
    expect(s.categories.map((c) => c.name)).toEqual(['本主体', '关联主体', '自然人', '在失信名单']);
  });
});

describe('builderOption', () => {
  const rows = [
    { town: '南桥镇', n: 5, fine: 1.5 },
    { town: '奉城镇', n: 3, fine: null },
    { town: null, n: 1, fine: 2 },
  ];

  // The builder returns one of several option shapes; tests read them as plain objects.
  type Plain = { series: { type?: string; name?: string; data: unknown[] }[]; xAxis?: { data?: string[] } };
  const plain = (o: unknown) => o as Plain;

  it('bar and line: categories from x, one series per value column, nulls as 0', () => {
    const bar = plain(builderOption({ kind: 'bar', rows, x: 'town', y: ['n', 'fine'], labels: { n: '主体数' } }));
    expect(bar.series.map((s) => [s.type, s.name, s.data])).toEqual([
      ['bar', '主体数', [5, 3, 1]],
      ['bar', 'fine', [1.5, 0, 2]],
    ]);
    const line = plain(builderOption({ kind: 'line', rows, x: 'town', y: ['n'] }));
    expect(line.xAxis?.data).toEqual(['南桥镇', '奉城镇', '（空）']);
  });

  it('pie uses the first value column; scatter pairs x and y', () => {
    const pie = builderOption({ kind: 'pie', rows, x: 'town', y: ['n', 'fine'] });
    expect(pie.series[0]!.data).toEqual([{ name: '南桥镇', value: 5 }, { name: '奉城镇', value: 3 }, { name: '（空）', value: 1 }]);
    const scatter = builderOption({ kind: 'scatter', rows, x: 'n', y: ['fine'] });
    expect(scatter.series[0]!.data).toEqual([[5, 1.5], [3, 0], [1, 2]]);
  });

  it('plots at most the first 2,000 rows and needs a value column', () => {
    const many = Array.from({ length: BUILDER_MAX_POINTS + 5 }, (_, i) => ({ k: String(i), v: i }));
    expect(builderOption({ kind: 'line', rows: many, x: 'k', y: ['v'] }).series[0]!.data).toHaveLength(BUILDER_MAX_POINTS);
    expect(() => builderOption({ kind: 'bar', rows, x: 'town', y: [] })).toThrow('数值列');
  });

  it('finds numeric columns and converts values', () => {
    expect(numericColumns(rows, ['town', 'n', 'fine'])).toEqual(['n', 'fine']);
    expect(numericColumns([], ['n'])).toEqual([]);
    expect([toNumber('12.5'), toNumber(''), toNumber('abc'), toNumber(true), toNumber(3n), toNumber(Infinity)]).toEqual([12.5, 0, 0, 1, 3, 0]);
  });
});
