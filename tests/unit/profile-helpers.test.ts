// Pure helpers of the workstation: search patterns, the profile timeline, model labels, export headers, grid
// filters.
import { describe, expect, it } from 'vitest';
import { subsequencePattern, looksLikeCode } from '../../electron/core/profile/search';
import { timelineEvents } from '../../electron/core/profile/timeline';
import { indicatorLabels } from '../../electron/core/profile/profile';
import { escapeHtml, cellText } from '../../electron/core/profile/render';
import { headers, spreadsheetSelect, sheetTitle } from '../../electron/core/export/grid';
import { exportFileName } from '../../electron/core/export/files';
import { columnKind, makeFilter, describeFilter, opsFor } from '../../renderer/src/components/grid/filters';

describe('search helpers', () => {
  it('builds a LIKE pattern of the characters in order, escaping wildcards', () => {
    expect(subsequencePattern('东方化妆')).toBe('%东%方%化%妆%');
    expect(subsequencePattern('a%_\\')).toBe('%a%\\%%\\_%\\\\%');
  });
  it('recognises text that may start a USCC', () => {
    expect(looksLikeCode('9131')).toBe(true);
    expect(looksLikeCode('91310120MA1XYZ')).toBe(true);
    expect(looksLikeCode('9')).toBe(false);
    expect(looksLikeCode('上海')).toBe(false);
    expect(looksLikeCode('9131 0120')).toBe(false);
  });
});

describe('timelineEvents', () => {
  it('lists dated records newest first with tones, skipping rows without a date', () => {
    const events = timelineEvents(
      {
        penalties: [{ decision_date: '2025-07-03', violation_type: '虚假广告', penalty_types: '罚款', decision_no: 'F1' }],
        red: [{ list_type: '红名单', in_date: '2024-03-01', out_date: null, reason: '守信' }],
        serious: [{ list_type: '严重失信主体名单', in_date: '2023-01-01', out_date: '2024-01-01', reason: '违法' }],
        commitments: [{ made_date: '2024-06-01', broken_date: '2024-09-01', commitment_type: '审批替代型', matter: '整改', status: 'broken' }],
        inspections: [{ inspection_date: null, item: '抽检', result: '合格' }],
      },
      { established_date: '2010-05-01' },
    );
    expect(events.map((e) => [e.date, e.tone, e.title])).toEqual([
      ['2025-07-03', 'bad', '虚假广告 · 罚款 · F1'],
      ['2024-09-01', 'bad', '违诺 · 整改'],
      ['2024-06-01', 'neutral', '审批替代型 · 整改 · 违诺'],
      ['2024-03-01', 'good', '列入红名单 · 守信'],
      ['2024-01-01', 'good', '移出严重失信主体名单'],
      ['2023-01-01', 'bad', '列入严重失信主体名单 · 违法'],
      ['2010-05-01', 'neutral', '成立'],
    ]);
  });
});

describe('indicatorLabels', () => {
  it('finds indicator labels anywhere in a model and ignores unreadable files', () => {
    const labels = indicatorLabels([
      { modelId: 'm1', content: JSON.stringify({ id: 'm1', dimensions: [{ id: 'd', label: '维度', indicators: [{ id: 'i1', label: '指标一' }, { id: 'i2', name: '指标二' }] }] }) },
      { modelId: 'm2', content: '{broken' },
    ]);
    expect(labels.get('m1/i1')).toBe('指标一');
    expect(labels.get('m1/i2')).toBe('指标二');
    expect(labels.get('m1/d')).toBe('维度');
    expect([...labels.keys()].some((k) => k.startsWith('m2/'))).toBe(false);
  });
});

describe('export helpers', () => {
  it('makes headers unique', () => {
    expect(headers([{ name: 'a', type: 'VARCHAR' }, { name: 'b', type: 'VARCHAR' }, { name: 'c', type: 'VARCHAR' }], { a: '名称', b: '名称' })).toEqual(['名称', '名称（b）', 'c']);
  });
  it('casts columns to spreadsheet values by type', () => {
    const sql = spreadsheetSelect(
      [
        { name: 'd', type: 'DATE' },
        { name: 'm', type: 'DECIMAL(18,4)' },
        { name: 'n', type: 'INTEGER' },
        { name: 'l', type: 'VARCHAR[]' },
      ],
      'SELECT 1',
    );
    expect(sql).toBe(`SELECT strftime("d", '%Y-%m-%d') AS "d", CAST("m" AS DOUBLE) AS "m", "n", CAST("l" AS VARCHAR) AS "l" FROM (SELECT 1) AS _x`);
  });
  it('names files and sheets safely', () => {
    expect(exportFileName('行政/处罚 2026', 'csv', new Date(2026, 2, 31, 9, 5, 7))).toBe('行政_处罚_2026-20260331-090507.csv');
    expect(sheetTitle('a/b:c?d*[e]')).toBe('a_b_c_d__e_');
    expect(sheetTitle('x'.repeat(40))).toHaveLength(31);
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect([cellText(null), cellText(true), cellText(['a', 'b']), cellText(1.23456789)]).toEqual(['', '是', 'a、b', '1.2346']);
  });
});

describe('grid filters', () => {
  it('offers operators by column type', () => {
    expect(columnKind('DECIMAL(18,4)')).toBe('number');
    expect(columnKind('DATE')).toBe('date');
    expect(columnKind('BOOLEAN')).toBe('bool');
    expect(columnKind('VARCHAR')).toBe('text');
    expect(opsFor('text')).toContain('contains');
    expect(opsFor('number')).not.toContain('contains');
  });
  it('turns typed values into filters or says what is wrong', () => {
    expect(makeFilter('fine_wan', 'number', 'gt', '1,000.5')).toEqual({ column: 'fine_wan', op: 'gt', value: 1000.5 });
    expect(makeFilter('fine_wan', 'number', 'gt', 'abc')).toEqual({ error: '请输入数字' });
    expect(makeFilter('d', 'date', 'gte', '2026/3/31')).toEqual({ error: '日期格式应为 2026-03-31' });
    expect(makeFilter('d', 'date', 'gte', '2026-03-31')).toEqual({ column: 'd', op: 'gte', value: '2026-03-31' });
    expect(makeFilter('b', 'bool', 'eq', '是')).toEqual({ column: 'b', op: 'eq', value: true });
    expect(makeFilter('t', 'text', 'null', '')).toEqual({ column: 't', op: 'null' });
    expect(makeFilter('t', 'text', 'contains', '  ')).toEqual({ error: '请输入筛选值' });
    expect(describeFilter({ column: 'town', op: 'contains', value: '南桥' }, '街镇')).toBe('街镇 包含 南桥');
    expect(describeFilter({ column: 'town', op: 'notnull' }, '街镇')).toBe('街镇不为空');
  });
});
