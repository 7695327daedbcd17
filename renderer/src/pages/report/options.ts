// The report request the page builds from its form: a year or a date range, comparison on/off, sections, purpose.
import type { ReportRequest } from '../../../../shared/contract/report';

export interface ReportForm {
  mode: 'year' | 'range';
  year: number;
  start: string;
  end: string;
  compare: boolean;
  sections: string[];
  purpose: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Why the form cannot be submitted yet, or null. */
export function formProblem(f: ReportForm): string | null {
  if (!f.sections.length) return '请至少选择一个章节。';
  if (f.mode === 'range') {
    if (!ISO.test(f.start) || !ISO.test(f.end)) return '请选择起止日期。';
    if (f.start > f.end) return '起始日期晚于截止日期。';
  }
  return null;
}

export function toRequest(f: ReportForm, allSections: string[]): ReportRequest {
  return {
    ...(f.mode === 'year' ? { year: f.year } : { start: f.start, end: f.end }),
    comparison: f.compare ? 'prior' : 'none',
    ...(f.sections.length === allSections.length ? {} : { sections: allSections.filter((s) => f.sections.includes(s)) }),
    ...(f.purpose.trim() ? { purpose: f.purpose.trim() } : {}),
  };
}
