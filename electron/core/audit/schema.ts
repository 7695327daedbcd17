// Tables owned by the audit capability. Add migrations at the end with new ids; never edit an applied one.
import type { Migration } from '../workspace/migration';

export const AUDIT_HEAD_MIGRATION = 'audit-001-chain-head';

export const migrations: Migration[] = [
  {
    // The chain alone cannot tell that its newest entries were cut off; the head (last seq and hash), updated in
    // the same transaction as each append, can.
    id: AUDIT_HEAD_MIGRATION,
    description: '审计日志链头（发现末尾记录被删除）',
    up: `CREATE TABLE IF NOT EXISTS audit_head (seq BIGINT NOT NULL, hash VARCHAR NOT NULL);
INSERT INTO audit_head SELECT seq, hash FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log);`,
  },
];
