// Tables owned by the evaluate capability. Add migrations at the end with new ids; never edit an applied one.
import type { Migration } from '../workspace/migration';

export const migrations: Migration[] = [
  {
    id: 'evaluate-001-runs',
    description: '信用评价结果表',
    up: `
CREATE TABLE IF NOT EXISTS eval_runs (
  run_id VARCHAR PRIMARY KEY,
  created_at TIMESTAMP NOT NULL,
  as_of DATE NOT NULL,
  models JSON NOT NULL,            -- [{id, version, kind, sha256}]
  data_fingerprint VARCHAR,
  subjects BIGINT,
  grades JSON,                     -- {"A":n,"B":n,"C":n,"D":n}
  timings JSON,                    -- {indicatorId: ms, ...}
  operator VARCHAR,
  note VARCHAR
);
CREATE TABLE IF NOT EXISTS eval_scores (
  run_id VARCHAR NOT NULL,
  uscc VARCHAR NOT NULL,
  comprehensive DOUBLE,
  industry DOUBLE,                 -- NULL when no industry model covers the subject
  industry_model VARCHAR,
  final_score DOUBLE NOT NULL,
  grade VARCHAR NOT NULL,          -- A/B/C/D
  override VARCHAR                 -- e.g. a 严重失信 listing in force forced D
);
CREATE TABLE IF NOT EXISTS eval_contributions (
  run_id VARCHAR NOT NULL,
  uscc VARCHAR NOT NULL,
  model_id VARCHAR NOT NULL,
  indicator_id VARCHAR NOT NULL,
  points DOUBLE NOT NULL,
  evidence_count BIGINT NOT NULL
);`,
  },
  {
    id: 'evaluate-002-model-files-and-snapshot',
    description: '评价模型文件留存；评价结果中的主体快照（名称、街镇、行业）与未经否决的等级',
    up: `
CREATE TABLE IF NOT EXISTS eval_model_files (
  sha256 VARCHAR PRIMARY KEY,      -- SHA-256 of the model file bytes (or of the JSON text of an inline model)
  model_id VARCHAR NOT NULL,
  version VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,
  name VARCHAR,
  origin VARCHAR,
  content VARCHAR NOT NULL,        -- the exact text that was hashed
  stored_at TIMESTAMP NOT NULL
);
ALTER TABLE eval_scores ADD COLUMN IF NOT EXISTS computed_grade VARCHAR;   -- grade from the score before overrides
ALTER TABLE eval_scores ADD COLUMN IF NOT EXISTS name VARCHAR;
ALTER TABLE eval_scores ADD COLUMN IF NOT EXISTS town VARCHAR;
ALTER TABLE eval_scores ADD COLUMN IF NOT EXISTS industry_code VARCHAR;
ALTER TABLE eval_scores ADD COLUMN IF NOT EXISTS industry_name VARCHAR;`,
  },
];
