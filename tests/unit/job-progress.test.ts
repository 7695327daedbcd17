// The progress bar's text: counts as done/total, a total of 100 as a percentage (a single long statement).
import { describe, expect, it } from 'vitest';
import { progressText } from '../../renderer/src/components/JobProgress';
import { progressLine } from '../../electron/cli/command';
import { rowsMessage } from '../../electron/core/import/run';
import { estimateCsvRows } from '../../electron/core/import/source';

describe('progress text', () => {
  it('shows counts, percentages, or nothing when the total is unknown', () => {
    expect(progressText({ done: 3, total: 5 })).toBe('3/5');
    expect(progressText({ done: 1234567, total: 2000000 })).toBe('1,234,567/2,000,000');
    expect(progressText({ done: 37, total: 100 })).toBe('37%');
    expect(progressText({ done: 0, total: null })).toBe('');
  });
});

describe('rows as the detail of a long statement', () => {
  it('scales the percent to rows; an estimated total says so; nothing without a total', () => {
    expect(rowsMessage(37, { rows: 5_000_000, exact: true })).toBe('约 1,850,000 / 5,000,000 行');
    expect(rowsMessage(50, { rows: 999, exact: false })).toBe('约 500 / 约 999 行');
    expect(rowsMessage(150, { rows: 10, exact: true })).toBe('约 10 / 10 行');
    expect(rowsMessage(10, { rows: 0, exact: true })).toBeUndefined();
    expect(rowsMessage(10, undefined)).toBeUndefined();
  });

  it('estimates a CSV\'s data rows from its head: exact when the head is the whole file', () => {
    const head = 'title\nh1,h2\n' + Array.from({ length: 98 }, (_, i) => `a${i},b`).join('\n');
    const bytes = Buffer.byteLength(head);
    // Whole file, no newline at the end: 100 lines, of which 2 come before the data.
    expect(estimateCsvRows(head, bytes, bytes, 2)).toEqual({ rows: 98, exact: true });
    expect(estimateCsvRows(head + '\n', bytes + 1, bytes + 1, 2)).toEqual({ rows: 98, exact: true });
    // A head of a ten times bigger file: about ten times the lines.
    const est = estimateCsvRows(head + '\n', bytes + 1, (bytes + 1) * 10, 2);
    expect(est.exact).toBe(false);
    expect(est.rows).toBe(998);
    expect(estimateCsvRows('no newline in a long head', 25, 1_000_000, 1)).toEqual({ rows: 0, exact: false });
  });

  it('prints one progress line for the command line, with the detail when there is one', () => {
    expect(progressLine({ phase: '解析与校验', done: 37, total: 100, message: '约 370 / 1,000 行' })).toBe('解析与校验 37% 约 370 / 1,000 行');
    expect(progressLine({ phase: '读取 Excel', done: 2000, total: null })).toBe('读取 Excel 2000');
  });
});
