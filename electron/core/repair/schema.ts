// Tables owned by the repair capability. Add migrations at the end with new ids; never edit an applied one.
import type { Migration } from '../workspace/migration';
import { createWorkdayCalendar } from './workdays';
import { createCommitmentMacro } from './commitments';
import { loadRuleBook } from './rules';

export const migrations: Migration[] = [
  {
    id: 'repair-001-workday-calendar',
    description: '工作日历（法定节假日与调休）及工作日计算函数',
    up: (conn) => createWorkdayCalendar(conn),
  },
  {
    id: 'repair-002-disclosure',
    description: '行政处罚公示期与信用修复测算',
    up: `
CREATE TABLE IF NOT EXISTS penalty_disclosure (
  run_id VARCHAR NOT NULL,
  as_of_date DATE NOT NULL,
  decision_no VARCHAR NOT NULL,
  uscc VARCHAR,
  person_id VARCHAR,
  subject_kind VARCHAR NOT NULL,
  subject_name VARCHAR,
  town VARCHAR,
  dept VARCHAR,
  decision_date DATE NOT NULL,
  penalty_types VARCHAR,
  fine_wan DECIMAL(18,4),
  tier VARCHAR NOT NULL,
  tier_rank INTEGER NOT NULL,
  tier_basis VARCHAR,
  rule_set VARCHAR NOT NULL,
  rule_set_source VARCHAR NOT NULL,
  special_domain VARCHAR,
  disclose BOOLEAN NOT NULL,
  min_months INTEGER NOT NULL,
  max_months INTEGER NOT NULL,
  earliest_repair DATE NOT NULL,
  disclosure_end DATE,
  status VARCHAR NOT NULL,
  repair_id VARCHAR,
  repaired_date DATE
);
CREATE TABLE IF NOT EXISTS repair_runs (
  run_id VARCHAR PRIMARY KEY,
  as_of_date DATE NOT NULL,
  rule_set VARCHAR NOT NULL,
  rules JSON,
  operator VARCHAR,
  started_at TIMESTAMP,
  finished_at TIMESTAMP,
  total BIGINT,
  summary JSON
);`,
  },
  {
    id: 'repair-003-commitment-status',
    description: '信用承诺履约状态（含因同一事项受处罚的违诺）',
    // The macro embeds the district's status words (datasets/rules/repair-district.json); ensureCommitmentMacro
    // rebuilds it when that file changes.
    up: (conn) => createCommitmentMacro(conn, loadRuleBook().district),
  },
];
