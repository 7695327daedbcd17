// A hand-made relationship graph with answers worked out by hand (see graph.test.ts for each expectation).
//
//   S1 ─lr─ P1 ─lr─ S2 ─sh60─ P2 ─sh40─ S3 ─off─ P3 ─off(ended 2022-06-30)─ S4 ◀─sh30 (S4 holds S5)─ S5
//   S6 ─lr─ P4 ─lr─ S7, P4 ─lr─ S13;  S6 and S9 share a phone (hub T);  S8, S9, S10 share an address (hub A)
//   S11 alone;  S12 with P5 (lr), P6 (sh 50), P7 (off)
// Lists: S3 严重失信 from 2022-01-01; P4 失信被执行人 from 2021-05-01; S10 经营异常 2023-01-01 → 2023-06-01;
//        S5 经营异常 2019-01-01 → 2020-01-01.
import type { Workspace } from '../../electron/core/workspace';
import { makeUscc } from '../../shared/domain/uscc';

export const S: Record<number, string> = Object.fromEntries(
  Array.from({ length: 13 }, (_, i) => [i + 1, makeUscc('91', '310120', `MA1G${String(i + 1).padStart(4, '0')}`)]),
);
export const P: Record<number, string> = Object.fromEntries(
  Array.from({ length: 7 }, (_, i) => [i + 1, `P${String(i + 1).padStart(24, '0')}`]),
);
export const PERSON_NAMES: Record<number, string> = { 1: '张三丰', 2: '欧阳娜娜', 3: '李四', 4: '王五', 5: '赵六', 6: '钱七', 7: '孙八' };

const q = (v: string | number | null) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`);

const ADDRESS: Record<number, string> = {
  8: '上海市奉贤区南桥镇环城东路123号',
  9: ' 上海市奉贤区南桥镇环城东路１２３号 ',
  10: '上海市奉贤区 南桥镇，环城东路123号。',
};
const PHONE: Record<number, string> = { 6: '021-5712 3456', 9: '02157123456', 12: '+86 138 0013 8000' };

export type Rel = [uscc: string, role: string, personId: string | null, relatedUscc: string | null, share: number | null, start: string | null, end: string | null];

export const RELATIONS: Rel[] = [
  [S[1]!, 'legal_rep', P[1]!, null, null, '2020-01-01', null],
  [S[2]!, 'legal_rep', P[1]!, null, null, '2020-01-01', null],
  [S[2]!, 'shareholder', P[2]!, null, 60, '2020-01-01', null],
  [S[3]!, 'shareholder', P[2]!, null, 40, '2020-01-01', null],
  [S[3]!, 'officer', P[3]!, null, null, '2020-01-01', null],
  [S[4]!, 'officer', P[3]!, null, null, '2020-01-01', '2022-06-30'],
  [S[5]!, 'shareholder', null, S[4]!, 30, '2020-01-01', null],
  [S[6]!, 'legal_rep', P[4]!, null, null, '2020-01-01', null],
  [S[7]!, 'legal_rep', P[4]!, null, null, '2020-01-01', null],
  [S[13]!, 'legal_rep', P[4]!, null, null, '2020-01-01', null],
  [S[12]!, 'legal_rep', P[5]!, null, null, '2020-01-01', null],
  [S[12]!, 'shareholder', P[6]!, null, 50, '2020-01-01', null],
  [S[12]!, 'officer', P[7]!, null, null, '2020-01-01', null],
];

export async function loadFixture(ws: Workspace): Promise<void> {
  const subjects = Array.from({ length: 13 }, (_, i) => i + 1).map(
    (i) => `(${q(S[i]!)}, ${q(`测试企业${i}有限公司`)}, ${q(ADDRESS[i] ?? `上海市奉贤区测试路${i}号`)}, ${q(PHONE[i] ?? null)}, '存续')`,
  );
  await ws.run(`INSERT INTO subjects (uscc, name, address, phone, status) VALUES ${subjects.join(', ')}`);
  await ws.run(`INSERT INTO persons (person_id, name) VALUES ${Object.entries(PERSON_NAMES).map(([i, n]) => `(${q(P[Number(i)]!)}, ${q(n)})`).join(', ')}`);
  await insertRelations(ws, RELATIONS);
  await ws.run(`INSERT INTO credit_lists (list_type, uscc, person_id, in_date, out_date) VALUES
    ('严重失信主体名单', ${q(S[3]!)}, NULL, '2022-01-01', NULL),
    ('失信被执行人', NULL, ${q(P[4]!)}, '2021-05-01', NULL),
    ('经营异常名录', ${q(S[10]!)}, NULL, '2023-01-01', '2023-06-01'),
    ('经营异常名录', ${q(S[5]!)}, NULL, '2019-01-01', '2020-01-01'),
    ('红名单', ${q(S[1]!)}, NULL, '2019-01-01', NULL)`);
}

export async function insertRelations(ws: Workspace, rels: Rel[]): Promise<void> {
  await ws.run(`INSERT INTO relations (uscc, role, person_id, related_uscc, share_pct, start_date, end_date) VALUES
    ${rels.map((r) => `(${r.map(q).join(', ')})`).join(',\n')}`);
}
