// Public face of the repair capability: the working-day calendar (used by the report's 双公示 7-working-day
// timeliness), the commitment status (used by the tiering warnings) and the disclosure run.
export {
  workdaysBetween,
  addWorkdays,
  isWorkday,
  calendarDay,
  loadHolidayCalendar,
  parseHolidayCalendar,
  ensureWorkdayCalendar,
  type HolidayCalendar,
  type CalendarDay,
} from './workdays';
export { commitmentLoop, ensureCommitmentMacro, commitmentStatusSql } from './commitments';
export { runDisclosure, latestRun, successfulRepairSql, type DisclosureOptions } from './disclosure';
export { loadRuleBook, parseRuleSet, parseDistrictSettings, ruleHash, type RuleBook, type RuleSet, type DistrictSettings } from './rules';
export { repairEfficiency } from './efficiency';
export { documentCompliance, keySectorSql } from './documents';
export { repairHandlers, rulesInfo } from './services';
