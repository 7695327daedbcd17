// Tables owned by the tiering capability. Add migrations at the end with new ids; never edit an applied one.
import type { Migration } from '../workspace/migration';

export const migrations: Migration[] = [
  {
    id: 'tiering-001-tables',
    description: '风险分级：运行、结果、预警、矩阵版本',
    up: `
CREATE TABLE IF NOT EXISTS tier_runs (
  run_id VARCHAR PRIMARY KEY,
  eval_run_id VARCHAR NOT NULL,
  as_of DATE NOT NULL,
  matrix_id VARCHAR NOT NULL,
  matrix_sha256 VARCHAR NOT NULL,
  matrix JSON NOT NULL,            -- the matrix body used (lists and 无事不扰 items of this run come from it)
  risk_model_id VARCHAR NOT NULL,
  risk_model_sha256 VARCHAR NOT NULL,
  warning_rules_id VARCHAR NOT NULL,
  warning_rules_sha256 VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  operator VARCHAR,
  subjects BIGINT,
  tiers JSON,                      -- {"无感监管":n, ...}
  warnings BIGINT,
  risk_sources JSON,               -- {"imported":n,"model":n}
  timings JSON                     -- {phase: ms}
);
CREATE TABLE IF NOT EXISTS tier_results (
  run_id VARCHAR NOT NULL,
  uscc VARCHAR NOT NULL,
  grade VARCHAR NOT NULL,          -- credit grade A–D from the evaluation run
  risk_class VARCHAR NOT NULL,     -- A–D
  risk_source VARCHAR NOT NULL,    -- imported (risk_classes) | model (risk model)
  risk_period DATE,                -- month of the imported class
  risk_base DOUBLE,                -- model: industry base points; NULL when imported
  risk_points DOUBLE,              -- model: base + event points; NULL when imported
  tier VARCHAR NOT NULL
);
-- The matrix cells of each run (16 rows per run): join on (run_id, grade, risk_class) for share and frequency.
-- Kept out of tier_results so a million-row run writes only what varies per subject.
CREATE TABLE IF NOT EXISTS tier_run_cells (
  run_id VARCHAR NOT NULL,
  grade VARCHAR NOT NULL,
  risk_class VARCHAR NOT NULL,
  tier VARCHAR NOT NULL,
  share DOUBLE NOT NULL,           -- sampling share, %
  frequency VARCHAR NOT NULL,
  self_check BOOLEAN NOT NULL,
  subjects BIGINT NOT NULL
);
-- Why the risk model gave its event points (model subjects with events only; the base is in tier_results).
CREATE TABLE IF NOT EXISTS tier_risk_points (
  run_id VARCHAR NOT NULL,
  uscc VARCHAR NOT NULL,
  event_id VARCHAR NOT NULL,
  events BIGINT,
  points DOUBLE NOT NULL
);
CREATE TABLE IF NOT EXISTS warning_hits (
  run_id VARCHAR NOT NULL,
  rule_id VARCHAR NOT NULL,
  uscc VARCHAR NOT NULL,
  severity VARCHAR NOT NULL,       -- 高 / 中 / 低
  event_date DATE,
  evidence_key VARCHAR NOT NULL,
  evidence JSON,                   -- [{table, ...key columns}]
  summary VARCHAR
);
-- Handling state survives re-runs: keyed by the rule, the subject and the evidence key, not by the run.
CREATE TABLE IF NOT EXISTS warning_states (
  rule_id VARCHAR NOT NULL,
  uscc VARCHAR NOT NULL,
  evidence_key VARCHAR NOT NULL,
  state VARCHAR NOT NULL,          -- acknowledged | handled
  note VARCHAR,
  operator VARCHAR,
  updated_at TIMESTAMP NOT NULL,
  PRIMARY KEY (rule_id, uscc, evidence_key)
);
-- Matrices edited in the UI: each save is a new version; runs record the id and sha256 they used.
CREATE TABLE IF NOT EXISTS tier_matrices (
  matrix_id VARCHAR PRIMARY KEY,
  seq INTEGER NOT NULL,
  name VARCHAR NOT NULL,
  version VARCHAR NOT NULL,
  sha256 VARCHAR NOT NULL,
  body JSON NOT NULL,
  created_at TIMESTAMP NOT NULL,
  operator VARCHAR,
  note VARCHAR
);`,
  },
];
