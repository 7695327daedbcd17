// The report definition file, its validation, the period rules and the placeholder filling.
import { describe, expect, it } from 'vitest';
import demoZone from '../../datasets/reports/demo-zone.json';
import { loadDefinition, parseDefinition } from '../../electron/core/report/definition';
import { makePeriod, priorPeriod, resolvePeriods } from '../../electron/core/report/period';
import { fieldChecksSql, fillSql, placeholdersIn, type SqlContext } from '../../electron/core/report/sql';
import { loadRuleBook } from '../../electron/core/repair/index';

const clone = () => JSON.parse(JSON.stringify(demoZone)) as typeof demoZone & Record<string, unknown>;

describe('demo-zone definition', () => {
  const { def } = loadDefinition();

  it('has the sections the demonstration-zone report asks for, each with at least one chart', () => {
    expect(def.sections.map((s) => s.id)).toEqual([
      'collection', 'sgs', 'evaluation', 'tiering', 'warnings', 'repairs', 'commitments', 'lists', 'financing',
    ]);
    for (const s of def.sections) {
      expect(s.charts.length, s.id).toBeGreaterThan(0);
      expect(s.metrics.length + s.tables.length, s.id).toBeGreaterThan(1);
    }
  });

  it('words every metric for the definitions sheet', () => {
    for (const s of def.sections) for (const m of s.metrics) expect(m.definition.length, `${s.id}.${m.id}`).toBeGreaterThan(8);
  });

  it('declares the runs sections depend on', () => {
    const req = Object.fromEntries(def.sections.map((s) => [s.id, s.requires]));
    expect(req.evaluation).toEqual(['evaluate']);
    expect(req.tiering).toEqual(['tiering']);
    expect(req.warnings).toEqual(['tiering']);
    expect(req.sgs).toEqual([]);
    const disclosure = def.sections.find((s) => s.id === 'repairs')!.tables.find((t) => t.id === 'disclosure')!;
    expect(disclosure.requires).toEqual(['repair']);
  });

  it('rejects an unknown placeholder', () => {
    const bad = clone();
    bad.sections[0]!.metrics[0]!.sql = 'SELECT {period_begin}';
    expect(() => parseDefinition(bad)).toThrow(/未知的占位符 \{period_begin\}/);
  });

  it('rejects a run placeholder in a section that does not require the run', () => {
    const bad = clone();
    bad.sections[0]!.metrics[0]!.sql = 'SELECT count(*) FROM eval_scores WHERE run_id = {eval_run}';
    expect(() => parseDefinition(bad)).toThrow(/requires/);
  });

  it('rejects a chart on a column its table does not have', () => {
    const bad = clone();
    bad.sections[0]!.charts[0]!.values = ['no_such_column'];
    expect(() => parseDefinition(bad)).toThrow(/no_such_column/);
  });

  it('rejects a table without key column', () => {
    const bad = clone();
    for (const c of bad.sections[0]!.tables[0]!.columns) delete (c as { isKey?: boolean }).isKey;
    expect(() => parseDefinition(bad)).toThrow(/isKey/);
  });
});

describe('report periods', () => {
  it('a year compares with the previous year', () => {
    const { period, comparison } = resolvePeriods({ year: 2026 });
    expect(period).toEqual({ start: '2026-01-01', end: '2026-12-31', label: '2026年', days: 365 });
    expect(comparison).toEqual({ start: '2025-01-01', end: '2025-12-31', label: '2025年', days: 365 });
  });

  it('whole months compare with the same number of months before', () => {
    expect(priorPeriod({ start: '2026-01-01', end: '2026-06-30' })).toMatchObject({ start: '2025-07-01', end: '2025-12-31' });
    expect(priorPeriod({ start: '2024-03-01', end: '2024-03-31' })).toMatchObject({ start: '2024-02-01', end: '2024-02-29' });
    expect(priorPeriod({ start: '2026-02-01', end: '2026-04-30' })).toMatchObject({ start: '2025-11-01', end: '2026-01-31' });
  });

  it('other ranges compare with the same number of days immediately before', () => {
    // 2026-03-10 … 2026-03-19 is 10 days; the 10 days before end on 03-09 and start on 02-28.
    const p = priorPeriod({ start: '2026-03-10', end: '2026-03-19' });
    expect(p).toMatchObject({ start: '2026-02-28', end: '2026-03-09', days: 10 });
  });

  it('labels and lengths', () => {
    expect(makePeriod('2026-04-01', '2026-06-30').label).toBe('2026年4月至2026年6月');
    expect(makePeriod('2026-04-01', '2026-04-30').label).toBe('2026年4月');
    expect(makePeriod('2024-01-01', '2024-12-31').days).toBe(366);
  });

  it('comparison none, the current year by default, and bad input', () => {
    expect(resolvePeriods({ year: 2025, comparison: 'none' }).comparison).toBeNull();
    expect(resolvePeriods({}, new Date(2031, 5, 1)).period.start).toBe('2031-01-01');
    expect(() => resolvePeriods({ start: '2026-02-30', end: '2026-03-01' })).toThrow(/日期无效/);
    expect(() => resolvePeriods({ start: '2026-03-01', end: '2026-02-01' })).toThrow(/晚于/);
    expect(() => resolvePeriods({ start: '2026-03-01' })).toThrow(/都要给出/);
    expect(() => resolvePeriods({ year: 2026, start: '2026-01-01', end: '2026-02-01' })).toThrow(/只给出/);
  });
});

describe('placeholders', () => {
  const { def } = loadDefinition();
  const ctx: SqlContext = {
    def,
    start: '2026-01-01',
    end: '2026-12-31',
    days: 365,
    asOf: '2026-11-26',
    runs: { evaluate: { runId: "EV-1'x", asOf: '2026-06-30' } },
    book: loadRuleBook(),
    warningRules: [],
  };

  it('fills dates, runs (quoted) and settings lists', () => {
    const sql = fillSql(
      'SELECT {period_start}, {period_end}, {as_of}, {eval_run}, {eval_as_of}, {settings:timelinessWorkdays}, [{settings:blackLists}]',
      ctx,
    );
    expect(sql).toBe(
      "SELECT DATE '2026-01-01', DATE '2026-12-31', DATE '2026-11-26', 'EV-1''x', DATE '2026-06-30', 7, ['严重失信主体名单', '经营异常名录', '失信被执行人']",
    );
  });

  it('lists the placeholders of a statement (struct literals are not placeholders)', () => {
    expect(placeholdersIn("SELECT {'a': 1}, {lookup:grades}, {period_end}").map((p) => p.raw)).toEqual(['{lookup:grades}', '{period_end}']);
  });

  it('field checks become the list of failed check ids', () => {
    expect(fieldChecksSql([{ id: 'A', pass: 'x > 0' }, { id: 'B', pass: 'y IS NOT NULL' }])).toBe(
      "list_filter([CASE WHEN NOT coalesce((x > 0), false) THEN 'A' END, CASE WHEN NOT coalesce((y IS NOT NULL), false) THEN 'B' END], failed_check -> failed_check IS NOT NULL)",
    );
  });

  it('a run placeholder without its run is an internal error, not a silent NULL', () => {
    expect(() => fillSql('SELECT {tier_run}', ctx)).toThrow(/tiering/);
  });
});
