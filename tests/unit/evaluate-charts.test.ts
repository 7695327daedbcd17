// Option builders of the 信用评价 page: the waterfall's invisible offsets, stacked grade shares, migration heat map.
import { describe, expect, it } from 'vitest';
import { gradeByGroupOption, gradePieOption, migrationOption, waterfallBars, waterfallOption } from '../../shared/charts/evaluate';

describe('evaluation charts', () => {
  it('waterfall: base 70, +4, −30, +5 → offsets and heights follow the running total', () => {
    const bars = waterfallBars(70, [
      { label: '成立年限', points: 4 },
      { label: '严重失信', points: -30 },
      { label: '无分值', points: 0 },
      { label: 'AEO', points: 5 },
    ]);
    expect(bars.categories).toEqual(['基础分', '成立年限', '严重失信', 'AEO', '得分']);
    // 70 → 74 (rise from 70), 74 → 44 (fall: bar from 44, height 30), 44 → 49 (rise from 44), total 49
    expect(bars.offsets).toEqual([0, 70, 44, 44, 0]);
    expect(bars.heights).toEqual([70, 4, 30, 5, 49]);
    expect(bars.kinds).toEqual(['base', 'up', 'down', 'up', 'total']);
    const opt = waterfallOption({ base: 70, steps: [{ label: 'x', points: -2.5 }] });
    expect(opt.series[0]!.itemStyle).toEqual({ color: 'transparent' });
    expect((opt.series[1]!.data as { label: { formatter: string } }[]).map((d) => d.label.formatter)).toEqual(['70', '-2.5', '67.5']);
    expect(JSON.parse(JSON.stringify(opt))).toEqual(opt); // plain data only
  });

  it('grades by group: counts or shares per grade, stacked', () => {
    const groups = [{ key: '南桥镇', A: 1, B: 2, C: 1, D: 0, total: 4 }, { key: '奉城镇', A: 0, B: 0, C: 0, D: 3, total: 3 }];
    const counts = gradeByGroupOption({ groups });
    expect(counts.series.map((s) => s.data)).toEqual([[1, 0], [2, 0], [1, 0], [0, 3]]);
    const shares = gradeByGroupOption({ groups, percent: true });
    expect(shares.series.map((s) => s.data[0])).toEqual([25, 50, 25, 0]);
    expect(shares.series.every((s) => s.stack === 'grade')).toBe(true);
    expect(gradePieOption({ grades: { A: 1, B: 2, C: 3, D: 4 } }).series[0]!.data.map((d) => d.value)).toEqual([1, 2, 3, 4]);
  });

  it('migration heat map: one cell per (before, after) with its count', () => {
    const opt = migrationOption({ labels: ['A', 'B'], matrix: [[5, 1], [0, 7]] });
    expect(opt.series[0]!.data).toEqual([[0, 0, 5], [1, 0, 1], [0, 1, 0], [1, 1, 7]]);
    expect(opt.visualMap.max).toBe(7);
  });
});
