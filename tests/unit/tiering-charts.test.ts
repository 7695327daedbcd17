// Chart option builders of the 风险分级 page: data land in the right cells, clicks map back to tiers.
import { describe, expect, it } from 'vitest';
import { groupTierRows, migrationCellAt, tierByGroupOption, tierMatrixOption, tierMigrationOption } from '../../shared/charts/tiering';

describe('tiering charts', () => {
  it('places matrix cells at (risk column, grade row) coloured by tier index', () => {
    const o = tierMatrixOption({
      cells: [
        { grade: 'A', risk: 'D', tier: '重点监管', share: 20, subjects: 1234 },
        { grade: 'C', risk: 'B', tier: '无感监管', share: 0, subjects: 5 },
      ],
    });
    expect(o.series[0]!.data[0]!.value).toEqual([3, 0, 2]);
    expect(o.series[0]!.data[0]!.label.formatter).toBe('重点监管\n抽查 20%\n1,234 户');
    expect(o.series[0]!.data[1]!.value).toEqual([1, 2, 0]);
    expect(JSON.parse(JSON.stringify(o))).toEqual(o); // no functions: serialisable for the report
  });

  it('groups rows per town and stacks tiers, as counts or shares', () => {
    const groups = groupTierRows([
      { group: '南桥镇', tier: '无感监管', subjects: 3 },
      { group: '南桥镇', tier: '严格监管', subjects: 1 },
      { group: '奉城镇', tier: '一般监管', subjects: 2 },
    ]);
    expect(groups.map((g) => g.key)).toEqual(['南桥镇', '奉城镇']);
    const pct = tierByGroupOption({ groups, percent: true });
    expect(pct.series.find((s) => s.name === '无感监管')!.data).toEqual([75, 0]);
    expect(pct.series.find((s) => s.name === '一般监管')!.data).toEqual([0, 100]);
  });

  it('maps migration cells and clicks, with 新纳入 / 退出 for subjects outside a run', () => {
    const o = tierMigrationOption({ cells: [{ from: null, to: '一般监管', subjects: 4 }, { from: '严格监管', to: null, subjects: 2 }] });
    expect(o.series[0]!.data).toEqual([[1, 4, 4], [4, 3, 2]]);
    expect(migrationCellAt(1, 4)).toEqual({ from: null, to: '一般监管' });
    expect(migrationCellAt(4, 3)).toEqual({ from: '严格监管', to: null });
    expect(migrationCellAt(0, 0)).toEqual({ from: '无感监管', to: '无感监管' });
  });
});
