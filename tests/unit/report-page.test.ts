// The 报告 page's form → request mapping (pure; the page itself is exercised in the served app).
import { describe, expect, it } from 'vitest';
import { formProblem, toRequest, type ReportForm } from '../../renderer/src/pages/report/options';
import { reportRequestSchema } from '../../shared/contract/report';

const all = ['collection', 'sgs', 'evaluation'];
const base: ReportForm = { mode: 'year', year: 2026, start: '', end: '', compare: true, sections: all, purpose: '' };

describe('report page form', () => {
  it('a year with every section and comparison is the plain request', () => {
    expect(toRequest(base, all)).toEqual({ year: 2026, comparison: 'prior' });
  });

  it('a date range, some sections in definition order, no comparison, a purpose', () => {
    const req = toRequest({ ...base, mode: 'range', start: '2026-01-01', end: '2026-06-30', compare: false, sections: ['evaluation', 'collection'], purpose: ' 申报 ' }, all);
    expect(req).toEqual({ start: '2026-01-01', end: '2026-06-30', comparison: 'none', sections: ['collection', 'evaluation'], purpose: '申报' });
    expect(reportRequestSchema.safeParse(req).success).toBe(true);
  });

  it('says what is missing before a request is sent', () => {
    expect(formProblem(base)).toBeNull();
    expect(formProblem({ ...base, sections: [] })).toMatch(/至少选择一个章节/);
    expect(formProblem({ ...base, mode: 'range', start: '2026-02-01', end: '' })).toMatch(/起止日期/);
    expect(formProblem({ ...base, mode: 'range', start: '2026-03-01', end: '2026-02-01' })).toMatch(/晚于/);
  });
});
