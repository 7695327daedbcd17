// The working-day calendar (工作日): Chinese public holidays and adjusted working days (调休上班) from
// datasets/rules/holidays.json, as a DuckDB table with SQL macros for set-based use, and the same rules in
// TypeScript for tests and the UI.
//
// SQL (present in every workspace after migration repair-001):
//   workday_calendar(day DATE, is_workday BOOLEAN, note VARCHAR, source VARCHAR, workday_no INTEGER)
//     one row per day from calendarFrom to calendarTo; workday_no = working days from calendarFrom up to and
//     including day; source = 'official' | 'provisional' | 'weekday-rule' (years without a schedule: Mon–Fri).
//   workdays_between(a, b) → INTEGER: working days d with a < d ≤ b (the day after a is the first counted), so
//     accepted and finished on the same day = 0, and "within 7 working days of the decision" is
//     workdays_between(decision_date, reported_date) <= 7. Negative when b < a (−count of a ≥ d > b).
//     NULL when either date is NULL or outside the calendar.
//   is_workday(d) → BOOLEAN (NULL outside the calendar).
//   workday_add(a, n) → DATE: the n-th working day after a (n ≥ 1); a itself when n ≤ 0.
// Pass qualified columns or expressions; the macros look dates up in the view workday_index, whose columns are
// named wcal_* so that no caller column is captured by the subquery.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import holidaysJson from '../../../datasets/rules/holidays.json';
import type { Conn, Workspace } from '../workspace/workspace';
import { quoteLiteral } from '../workspace/query';
import { CoreError } from '../errors';

const isoDate = z.iso.date();

export const holidaysSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    version: z.string(),
    doc: z.array(z.string()).optional(),
    calendarFrom: isoDate,
    calendarTo: isoDate,
    years: z.array(
      z
        .object({
          year: z.number().int().min(2000).max(2100),
          status: z.enum(['official', 'provisional']),
          source: z.string().min(1),
          holidays: z.array(z.object({ name: z.string().min(1), from: isoDate, to: isoDate }).strict()),
          workdays: z.array(z.object({ name: z.string().min(1), date: isoDate }).strict()),
        })
        .strict(),
    ),
  })
  .strict();

export type HolidayFile = z.infer<typeof holidaysSchema>;

export interface CalendarDay {
  day: string;
  isWorkday: boolean;
  note: string | null;
  source: 'official' | 'provisional' | 'weekday-rule';
}

/** A validated calendar: explicit holidays and adjusted working days by date, plus the covered range. */
export interface HolidayCalendar {
  file: HolidayFile;
  hash: string;
  from: string;
  to: string;
  /** date → 'holiday' | 'workday' with its name and status. */
  overrides: Map<string, { kind: 'holiday' | 'workday'; name: string; status: 'official' | 'provisional' }>;
  yearStatus: Map<number, 'official' | 'provisional'>;
}

const DAY_MS = 86_400_000;
const toUtc = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** ISO weekday 1 (Mon) … 7 (Sun). */
const isoDow = (iso: string) => ((new Date(toUtc(iso)).getUTCDay() + 6) % 7) + 1;

export function parseHolidayCalendar(data: unknown): HolidayCalendar {
  const parsed = holidaysSchema.safeParse(data);
  if (!parsed.success) {
    throw new CoreError('BAD_INPUT', `工作日历 holidays.json 格式不正确：${parsed.error.issues[0]?.message ?? ''}`, JSON.stringify(parsed.error.issues));
  }
  const file = parsed.data;
  if (file.calendarFrom > file.calendarTo) throw new CoreError('BAD_INPUT', '工作日历的起止日期颠倒。');
  const overrides: HolidayCalendar['overrides'] = new Map();
  const yearStatus = new Map<number, 'official' | 'provisional'>();
  const problem = (msg: string) => {
    throw new CoreError('BAD_INPUT', `工作日历 holidays.json 有误：${msg}`);
  };
  for (const y of file.years) {
    if (yearStatus.has(y.year)) problem(`${y.year} 年重复`);
    yearStatus.set(y.year, y.status);
    for (const h of y.holidays) {
      if (h.from > h.to) problem(`${h.name} 的放假起止日期颠倒`);
      for (let ms = toUtc(h.from); ms <= toUtc(h.to); ms += DAY_MS) {
        const day = fromUtc(ms);
        if (overrides.has(day)) problem(`${day} 出现两次`);
        overrides.set(day, { kind: 'holiday', name: h.name, status: y.status });
      }
    }
    for (const w of y.workdays) {
      if (isoDow(w.date) <= 5) problem(`调休上班日 ${w.date} 不是周末`);
      if (overrides.has(w.date)) problem(`${w.date} 既是放假又是上班`);
      overrides.set(w.date, { kind: 'workday', name: w.name, status: y.status });
    }
  }
  for (const day of overrides.keys()) {
    if (day < file.calendarFrom || day > file.calendarTo) problem(`${day} 超出日历范围 ${file.calendarFrom}–${file.calendarTo}`);
  }
  const hash = createHash('sha256').update(JSON.stringify(file)).digest('hex').slice(0, 16);
  return { file, hash, from: file.calendarFrom, to: file.calendarTo, overrides, yearStatus };
}

let shipped: HolidayCalendar | undefined;

/** The calendar shipped in datasets/rules/holidays.json. */
export function loadHolidayCalendar(): HolidayCalendar {
  shipped ??= parseHolidayCalendar(holidaysJson);
  return shipped;
}

export function calendarDay(day: string, cal: HolidayCalendar = loadHolidayCalendar()): CalendarDay {
  const o = cal.overrides.get(day);
  const weekend = isoDow(day) > 5;
  const status = cal.yearStatus.get(Number(day.slice(0, 4)));
  if (o) {
    return {
      day,
      isWorkday: o.kind === 'workday',
      note: o.kind === 'workday' ? `${o.name}调休上班` : `${o.name}放假`,
      source: o.status,
    };
  }
  return { day, isWorkday: !weekend, note: weekend ? '周末' : null, source: status ?? 'weekday-rule' };
}

export function isWorkday(day: string, cal: HolidayCalendar = loadHolidayCalendar()): boolean {
  return calendarDay(day, cal).isWorkday;
}

/** Working days d with a < d ≤ b; negative when b < a. Same semantics as the SQL macro workdays_between. */
export function workdaysBetween(a: string, b: string, cal: HolidayCalendar = loadHolidayCalendar()): number {
  if (b < a) return -workdaysBetween(b, a, cal);
  let n = 0;
  for (let ms = toUtc(a) + DAY_MS; ms <= toUtc(b); ms += DAY_MS) if (isWorkday(fromUtc(ms), cal)) n++;
  return n;
}

/** The n-th working day after a (n ≥ 1); a itself when n ≤ 0. Same as the SQL macro workday_add. */
export function addWorkdays(a: string, n: number, cal: HolidayCalendar = loadHolidayCalendar()): string {
  let ms = toUtc(a);
  for (let left = n; left > 0; ) {
    ms += DAY_MS;
    if (isWorkday(fromUtc(ms), cal)) left--;
  }
  return fromUtc(ms);
}

// ---------------------------------------------------------------------------------------------------------------
// SQL

const TABLES_SQL = `
CREATE TABLE IF NOT EXISTS workday_calendar (
  day DATE PRIMARY KEY,
  is_workday BOOLEAN NOT NULL,
  note VARCHAR,
  source VARCHAR NOT NULL,
  workday_no INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS workday_calendar_info (
  source_hash VARCHAR NOT NULL,
  calendar_from DATE NOT NULL,
  calendar_to DATE NOT NULL,
  loaded_at TIMESTAMP NOT NULL
);
CREATE OR REPLACE VIEW workday_index AS
  SELECT day AS wcal_day, is_workday AS wcal_is_workday, workday_no AS wcal_no FROM workday_calendar;
CREATE OR REPLACE MACRO workday_no(d) AS (SELECT wi.wcal_no FROM workday_index wi WHERE wi.wcal_day = CAST(d AS DATE));
CREATE OR REPLACE MACRO workdays_between(a, b) AS workday_no(b) - workday_no(a);
CREATE OR REPLACE MACRO is_workday(d) AS (SELECT wi.wcal_is_workday FROM workday_index wi WHERE wi.wcal_day = CAST(d AS DATE));
CREATE OR REPLACE MACRO workday_add(a, n) AS CASE WHEN n <= 0 THEN CAST(a AS DATE) ELSE
  (SELECT min(wi.wcal_day) FROM workday_index wi WHERE wi.wcal_is_workday AND wi.wcal_no = workday_no(a) + n) END;
`;

/** Fills workday_calendar from the calendar, set-based: a day range joined with the explicit overrides. */
function fillSql(cal: HolidayCalendar): string {
  const rows = [...cal.overrides.entries()].map(
    ([day, o]) => `(DATE ${quoteLiteral(day)}, ${quoteLiteral(o.kind)}, ${quoteLiteral(o.name)}, ${quoteLiteral(o.status)})`,
  );
  const years = [...cal.yearStatus.entries()].map(([y, s]) => `(${y}, ${quoteLiteral(s)})`);
  const overrides = rows.length ? `VALUES ${rows.join(',\n  ')}` : `SELECT NULL::DATE, NULL, NULL, NULL WHERE false`;
  const statuses = years.length ? `VALUES ${years.join(', ')}` : `SELECT NULL::INTEGER, NULL WHERE false`;
  return `
DELETE FROM workday_calendar;
INSERT INTO workday_calendar
WITH o(day, kind, name, status) AS (${overrides}),
ys(y, status) AS (${statuses}),
days AS (
  SELECT CAST(t.d AS DATE) AS day
  FROM range(DATE ${quoteLiteral(cal.from)}, DATE ${quoteLiteral(cal.to)} + INTERVAL 1 DAY, INTERVAL 1 DAY) t(d)
),
c AS (
  SELECT days.day,
    CASE o.kind WHEN 'holiday' THEN false WHEN 'workday' THEN true ELSE isodow(days.day) <= 5 END AS is_workday,
    CASE o.kind WHEN 'holiday' THEN o.name || '放假' WHEN 'workday' THEN o.name || '调休上班'
      ELSE CASE WHEN isodow(days.day) > 5 THEN '周末' END END AS note,
    coalesce(o.status, ys.status, 'weekday-rule') AS source
  FROM days LEFT JOIN o ON o.day = days.day LEFT JOIN ys ON ys.y = year(days.day)
)
SELECT day, is_workday, note, source, CAST(sum(CAST(is_workday AS INTEGER)) OVER (ORDER BY day) AS INTEGER) AS workday_no
FROM c ORDER BY day;
DELETE FROM workday_calendar_info;
INSERT INTO workday_calendar_info VALUES (${quoteLiteral(cal.hash)}, DATE ${quoteLiteral(cal.from)}, DATE ${quoteLiteral(cal.to)}, now()::TIMESTAMP);
`;
}

/** Creates the calendar table, its macros and fills it (used by the migration). */
export async function createWorkdayCalendar(conn: Conn, cal: HolidayCalendar = loadHolidayCalendar()): Promise<void> {
  await conn.run(TABLES_SQL);
  await conn.run(fillSql(cal));
}

/**
 * Reloads workday_calendar (and re-creates its macros) when holidays.json changed since it was filled (e.g. the
 * official 2027 schedule was added) or a macro was dropped. Cheap when up to date; nothing on a read-only workspace.
 */
export async function ensureWorkdayCalendar(ws: Workspace, cal: HolidayCalendar = loadHolidayCalendar()): Promise<boolean> {
  if (ws.readOnly) return false;
  const state = await ws.one<{ hash: string | null; present: boolean }>(`
    SELECT (SELECT max(source_hash) FROM workday_calendar_info) AS hash,
      (SELECT count(DISTINCT function_name) FROM duckdb_functions()
       WHERE function_name IN ('workday_no', 'workdays_between', 'is_workday', 'workday_add')) = 4 AS present`);
  if (state?.present && state.hash === cal.hash) return false;
  await ws.transaction((conn) => createWorkdayCalendar(conn, cal));
  return true;
}
