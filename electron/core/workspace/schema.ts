// Core schema: canonical tables (from shared/domain/tables.ts), import bookkeeping and the audit log.
import { BOOKKEEPING_COLUMNS, CANONICAL_TABLES, type TableDef } from '../../../shared/domain/tables';
import type { Migration } from './migration';
import { safeViewsSql } from './safe-views';

export function createTableSql(t: TableDef): string {
  const cols = [...t.columns, ...BOOKKEEPING_COLUMNS].map((c) => `  "${c.name}" ${c.type}`);
  return `CREATE TABLE IF NOT EXISTS "${t.name}" (\n${cols.join(',\n')}\n);`;
}

export const coreMigrations: Migration[] = [
  {
    id: 'core-001-canonical',
    description: '标准数据表',
    up: CANONICAL_TABLES.map(createTableSql).join('\n'),
  },
  {
    id: 'core-002-import-bookkeeping',
    description: '导入批次与拒绝记录',
    up: `
CREATE TABLE IF NOT EXISTS import_batches (
  batch_id VARCHAR PRIMARY KEY,
  table_name VARCHAR NOT NULL,
  file_name VARCHAR,
  file_sha256 VARCHAR,
  encoding VARCHAR,
  profile_id VARCHAR,
  read_rows BIGINT,
  loaded_rows BIGINT,
  rejected_rows BIGINT,
  duplicate_rows BIGINT,
  rejects_file VARCHAR,
  started_at TIMESTAMP,
  finished_at TIMESTAMP,
  operator VARCHAR,
  undone_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS import_rejects (
  batch_id VARCHAR NOT NULL,
  row_number BIGINT NOT NULL,
  reasons VARCHAR[] NOT NULL,
  original JSON
);`,
  },
  {
    id: 'core-003-audit-log',
    description: '审计日志（哈希链）',
    up: `
CREATE TABLE IF NOT EXISTS audit_log (
  seq BIGINT PRIMARY KEY,
  logged_at TIMESTAMP NOT NULL,
  operator VARCHAR NOT NULL,
  action VARCHAR NOT NULL,
  target VARCHAR,
  purpose VARCHAR,
  detail JSON,
  prev_hash VARCHAR NOT NULL,
  hash VARCHAR NOT NULL
);`,
  },
];

coreMigrations.push({
  id: 'core-004-safe-views',
  description: '脱敏视图（safe 模式）',
  up: safeViewsSql(),
});

coreMigrations.push({
  id: 'core-005-workspace-meta',
  description: '工作区参数（自然人标识盐值）',
  // The salt makes person_id (a hash of the ID number) useless outside this workspace.
  up: `CREATE TABLE IF NOT EXISTS workspace_meta (key VARCHAR PRIMARY KEY, value VARCHAR);
INSERT INTO workspace_meta VALUES ('person_salt', replace(uuid()::VARCHAR, '-', '') || replace(uuid()::VARCHAR, '-', ''))
  ON CONFLICT DO NOTHING;`,
});
