// Working days by the State Council's holiday schedules, worked out by hand from the official notices
// (datasets/rules/holidays.json), in TypeScript and in the DuckDB macros.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkdays, calendarDay, ensureWorkdayCalendar, isWorkday, loadHolidayCalendar, parseHolidayCalendar, workdaysBetween } from '../../electron/core/repair';
import type { Workspace } from '../../electron/core/workspace';
import { emptyWorkspace } from '../helpers/workspace';
import holidays from '../../datasets/rules/holidays.json';

describe('working days (TypeScript)', () => {
  it('National Day 2025: accepted 2025-09-30, finished 2025-10-09 → 1 working day (1–8 Oct off)', () => {
    expect(workdaysBetween('2025-09-30', '2025-10-09')).toBe(1);
  });

  it('counts the adjusted Sundays/Saturdays 2025-09-28 and 2025-10-11 as working days', () => {
    // after Fri 26 Sep: 27 Sat off, 28 Sun 调休 (1), 29 (2), 30 (3), 1–8 Oct off, 9 (4), 10 (5), 11 Sat 调休 (6)
    expect(workdaysBetween('2025-09-26', '2025-10-11')).toBe(6);
    expect(workdaysBetween('2025-09-27', '2025-09-28')).toBe(1);
    expect(isWorkday('2025-09-28')).toBe(true);
    expect(isWorkday('2025-10-11')).toBe(true);
    expect(isWorkday('2025-10-08')).toBe(false);
    expect(isWorkday('2025-10-12')).toBe(false);
  });

  it('same day is 0 (受理即办结), reversed dates are negative', () => {
    expect(workdaysBetween('2025-10-10', '2025-10-10')).toBe(0);
    expect(workdaysBetween('2025-10-09', '2025-09-30')).toBe(-1);
  });

  it('adds working days across the 2026 National Day holiday (7-working-day deadline)', () => {
    // after Tue 29 Sep 2026: 30 Sep (1), 1–7 Oct off, 8 (2), 9 (3), 10 Sat 调休 (4), 11 Sun off, 12 (5), 13 (6), 14 (7)
    expect(addWorkdays('2026-09-29', 7)).toBe('2026-10-14');
    expect(addWorkdays('2025-09-30', 1)).toBe('2025-10-09');
    expect(addWorkdays('2025-09-30', 3)).toBe('2025-10-11');
    expect(addWorkdays('2025-09-30', 0)).toBe('2025-09-30');
  });

  it('2024 has 251 and 2025 has 248 working days', () => {
    // 2024: 262 weekdays − 19 holiday weekdays + 8 调休 = 251; 2025: 261 − 18 + 5 = 248
    expect(workdaysBetween('2023-12-31', '2024-12-31')).toBe(251);
    expect(workdaysBetween('2024-12-31', '2025-12-31')).toBe(248);
  });

  it('knows the 2026 schedule and marks 2027 as provisional', () => {
    expect(isWorkday('2026-02-14')).toBe(true); // Saturday 调休
    expect(isWorkday('2026-02-23')).toBe(false); // Monday, 春节
    expect(isWorkday('2026-01-04')).toBe(true); // Sunday 调休
    expect(calendarDay('2026-10-10').note).toContain('调休上班');
    expect(calendarDay('2027-02-10')).toMatchObject({ isWorkday: false, source: 'provisional' });
    expect(calendarDay('2030-01-01')).toMatchObject({ isWorkday: true, source: 'weekday-rule' });
  });

  it('rejects a calendar whose adjusted working day is not a weekend day', () => {
    const bad = structuredClone(holidays);
    bad.years[0]!.workdays.push({ name: '错误', date: '2023-03-01' });
    expect(() => parseHolidayCalendar(bad)).toThrow(/不是周末/);
    const clash = structuredClone(holidays);
    clash.years[0]!.workdays.push({ name: '冲突', date: '2023-01-21' });
    expect(() => parseHolidayCalendar(clash)).toThrow();
  });
});

describe('working days (DuckDB macros)', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await emptyWorkspace();
  });
  afterAll(() => ws?.close());

  it('workdays_between / is_workday / workday_add give the hand-worked values', async () => {
    const r = await ws.one(`SELECT
      workdays_between(DATE '2025-09-30', DATE '2025-10-09') AS a,
      workdays_between(DATE '2025-09-26', DATE '2025-10-11') AS b,
      workdays_between(DATE '2025-10-10', DATE '2025-10-10') AS c,
      workdays_between(DATE '2025-10-09', DATE '2025-09-30') AS d,
      is_workday(DATE '2025-09-28') AS e, is_workday(DATE '2025-10-03') AS f,
      workday_add(DATE '2026-09-29', 7) AS g,
      workdays_between(NULL, DATE '2025-10-09') AS h`);
    expect(r).toEqual({ a: 1, b: 6, c: 0, d: -1, e: true, f: false, g: '2026-10-14', h: null });
  });

  it('is not fooled by caller columns named like the calendar columns', async () => {
    const r = await ws.all(`SELECT workdays_between(day, finished) AS n
      FROM (VALUES (DATE '2025-09-30', DATE '2025-10-09'), (DATE '2025-09-26', DATE '2025-10-11')) t(day, finished) ORDER BY n`);
    expect(r).toEqual([{ n: 1 }, { n: 6 }]);
  });

  it('agrees with the TypeScript calendar on every year 2023–2027', async () => {
    const sql = await ws.all<{ y: number; n: number }>(`
      SELECT year(day) AS y, count(*) FILTER (WHERE is_workday) AS n FROM workday_calendar
      WHERE day BETWEEN DATE '2023-01-01' AND DATE '2027-12-31' GROUP BY y ORDER BY y`);
    const cal = loadHolidayCalendar();
    const ts = [2023, 2024, 2025, 2026, 2027].map((y) => ({ y, n: workdaysBetween(`${y - 1}-12-31`, `${y}-12-31`, cal) }));
    expect(sql).toEqual(ts);
    expect(sql.find((x) => x.y === 2024)!.n).toBe(251);
  });

  it('reloads the table when holidays.json changes (e.g. the official 2027 schedule arrives)', async () => {
    expect(await ensureWorkdayCalendar(ws)).toBe(false);
    const next = structuredClone(holidays);
    const y2027 = next.years.find((y) => y.year === 2027)!;
    y2027.status = 'official';
    (y2027.workdays as { name: string; date: string }[]).push({ name: '春节', date: '2027-02-20' }); // a Saturday
    expect(await ensureWorkdayCalendar(ws, parseHolidayCalendar(next))).toBe(true);
    expect(await ws.one(`SELECT is_workday, source FROM workday_calendar WHERE day = DATE '2027-02-20'`)).toEqual({ is_workday: true, source: 'official' });
    expect(await ensureWorkdayCalendar(ws)).toBe(true); // back to the shipped file
    expect(await ws.scalar(`SELECT is_workday(DATE '2027-02-20')`)).toBe(false);
  });
});
