// The report period (a calendar year or a date range, both ends inclusive) and its comparison period: by default the
// prior period of equal length — the previous year for a year, the same number of whole months before for a span
// of whole months, otherwise the same number of days immediately before.
import type { ReportPeriod, ReportRequest } from '../../../shared/contract/report';
import { CoreError } from '../errors';

const DAY_MS = 86_400_000;
const toMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const toIso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function validDate(iso: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && toIso(toMs(iso)) === iso;
}

export function daysBetween(start: string, end: string): number {
  return Math.round((toMs(end) - toMs(start)) / DAY_MS) + 1;
}

/** Last day of the month of y-m (m 1–12). */
function monthEnd(y: number, m: number): string {
  return toIso(Date.UTC(y, m, 0));
}

function isMonthStart(iso: string): boolean {
  return iso.endsWith('-01');
}

function isMonthEnd(iso: string): boolean {
  return monthEnd(Number(iso.slice(0, 4)), Number(iso.slice(5, 7))) === iso;
}

export function periodLabel(start: string, end: string): string {
  const y = start.slice(0, 4);
  if (start === `${y}-01-01` && end === `${y}-12-31`) return `${y}年`;
  if (isMonthStart(start) && isMonthEnd(end)) {
    const a = `${start.slice(0, 4)}年${Number(start.slice(5, 7))}月`;
    const b = `${end.slice(0, 4)}年${Number(end.slice(5, 7))}月`;
    return a === b ? a : `${a}至${b}`;
  }
  return `${start} 至 ${end}`;
}

export function makePeriod(start: string, end: string): ReportPeriod {
  return { start, end, label: periodLabel(start, end), days: daysBetween(start, end) };
}

/** The prior period of equal length. */
export function priorPeriod(p: { start: string; end: string }): ReportPeriod {
  if (isMonthStart(p.start) && isMonthEnd(p.end)) {
    const sy = Number(p.start.slice(0, 4));
    const sm = Number(p.start.slice(5, 7));
    const ey = Number(p.end.slice(0, 4));
    const em = Number(p.end.slice(5, 7));
    const months = (ey - sy) * 12 + (em - sm) + 1;
    const startIndex = sy * 12 + (sm - 1) - months;
    const py = Math.floor(startIndex / 12);
    const pm = (startIndex % 12) + 1;
    const endIndex = sy * 12 + (sm - 1) - 1;
    const start = `${py}-${String(pm).padStart(2, '0')}-01`;
    const end = monthEnd(Math.floor(endIndex / 12), (endIndex % 12) + 1);
    return makePeriod(start, end);
  }
  const days = daysBetween(p.start, p.end);
  const end = toIso(toMs(p.start) - DAY_MS);
  const start = toIso(toMs(p.start) - days * DAY_MS);
  return makePeriod(start, end);
}

/** The period of a request: year, or start–end, or the current calendar year. */
export function resolvePeriods(req: Pick<ReportRequest, 'year' | 'start' | 'end' | 'comparison'>, today = new Date()): {
  period: ReportPeriod;
  comparison: ReportPeriod | null;
} {
  let start: string;
  let end: string;
  if (req.start || req.end) {
    if (req.year !== undefined) throw new CoreError('BAD_INPUT', '请只给出年度，或只给出起止日期，不要同时给出。');
    if (!req.start || !req.end) throw new CoreError('BAD_INPUT', '按日期范围出报告时，起始日期和截止日期都要给出。');
    if (!validDate(req.start) || !validDate(req.end)) throw new CoreError('BAD_INPUT', '日期无效：格式应为 YYYY-MM-DD 且是真实存在的日期。');
    if (req.start > req.end) throw new CoreError('BAD_INPUT', `起始日期 ${req.start} 晚于截止日期 ${req.end}。`);
    if (daysBetween(req.start, req.end) > 366 * 10) throw new CoreError('BAD_INPUT', '报告期最长 10 年。');
    start = req.start;
    end = req.end;
  } else {
    const y = req.year ?? today.getFullYear();
    start = `${y}-01-01`;
    end = `${y}-12-31`;
  }
  const period = makePeriod(start, end);
  return { period, comparison: req.comparison === 'none' ? null : priorPeriod(period) };
}
