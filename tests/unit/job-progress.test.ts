// The progress bar's text: counts as done/total, a total of 100 as a percentage (a single long statement).
import { describe, expect, it } from 'vitest';
import { progressText } from '../../renderer/src/components/JobProgress';

describe('progress text', () => {
  it('shows counts, percentages, or nothing when the total is unknown', () => {
    expect(progressText({ done: 3, total: 5 })).toBe('3/5');
    expect(progressText({ done: 1234567, total: 2000000 })).toBe('1,234,567/2,000,000');
    expect(progressText({ done: 37, total: 100 })).toBe('37%');
    expect(progressText({ done: 0, total: null })).toBe('');
  });
});
