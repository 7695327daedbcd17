// A tiny district whose report figures can be worked out by hand (see report.test.ts for the expected values and
// why). Dates sit around the 2026 National Day / Mid-Autumn holidays, where calendar days and working days differ.
import { makeUscc } from '../../shared/domain/uscc';
import type { Workspace } from '../../electron/core/workspace';

export const U = {
  A: makeUscc('91', '310120', '10000001'),
  B: makeUscc('91', '310120', '10000002'),
  C: makeUscc('91', '310120', '10000003'),
  D: makeUscc('91', '310120', '10000004'),
  E: makeUscc('91', '310120', '10000005'),
};
/** U.E with a wrong final check character. */
export const BAD = U.E.slice(0, 17) + (U.E[17] === '0' ? '1' : '0');
const AUTH_SCJG = makeUscc('11', '310120', '00000011');
const AUTH_STHJ = makeUscc('11', '310120', '00000012');

const q = (v: string | number | null) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v}'`);
const d = (v: string | null) => (v === null ? 'NULL' : `DATE '${v}'`);

export async function seedReportFixture(ws: Workspace): Promise<void> {
  const subjects = [
    [U.A, '上海甲有限公司'],
    [U.B, '上海乙二有限公司'],
    [U.C, '上海丙有限公司'],
    [U.D, '上海丁有限公司'],
    [U.E, '上海戊有限公司'],
  ];
  await ws.run(
    `INSERT INTO subjects (uscc, name, subject_kind, industry_code, town, status, established_date) VALUES ` +
      subjects.map(([u, n]) => `(${q(u!)}, ${q(n!)}, '法人及非法人组织', '5199', '南桥镇', '存续', DATE '2020-01-01')`).join(', '),
  );

  // 行政许可: decision_no, uscc, name, decision_date, reported_date
  const licenses: [string, string, string, string, string | null][] = [
    ['L1', U.A, '上海甲有限公司', '2026-03-02', '2026-03-11'], // 7 working days: on time
    ['L2', BAD, '上海戊有限公司', '2026-03-02', '2026-03-12'], // 8: late; wrong code
    ['L3', U.C, '上海丙有限公司', '2026-02-13', '2026-02-25'], // 02-14 调休上班, 02-15–23 春节: 3 → on time
    ['L4', U.D, '上海丁有限公司', '2025-09-30', '2025-10-09'], // 2025 国庆 10-01–08: 1 → on time
  ];
  await ws.run(
    `INSERT INTO licenses (decision_no, uscc, subject_name, subject_kind, license_type, content, decision_date, valid_from_date,
       authority, authority_uscc, source_dept, reported_date, batch_id) VALUES ` +
      licenses
        .map(([no, u, n, dec, rep]) =>
          `(${q(no)}, ${q(u)}, ${q(n)}, '法人及非法人组织', '普通', '食品经营', ${d(dec)}, ${d(dec)}, '区市场监管局', ${q(AUTH_SCJG)}, '区市场监管局', ${d(rep)}, 'fx')`,
        )
        .join(', '),
  );

  // 行政处罚: no, uscc, person_id, name, kind, violation, decision, reported, dept, docs [决定书, 合规建议书, 修复告知书, 法治体检书]
  type P = [string, string | null, string | null, string, string, string, string, string | null, string, (string | null)[]];
  const penalties: P[] = [
    ['P1', U.A, null, '上海乙有限公司', '法人及非法人组织', '食品安全', '2026-09-30', '2026-10-12', '区市场监管局', ['2026-09-30', '2026-09-30', '2026-09-30', '2026-09-30']],
    ['P2', null, null, '张*', '自然人', '环境污染', '2026-09-30', '2026-10-21', '区生态环境局', ['2026-09-30', '2026-09-30', '2026-09-30', null]],
    ['P3', U.B, null, '上海乙二有限公司', '法人及非法人组织', '环境污染', '2026-05-06', null, '区生态环境局', [null, null, null, null]],
    ['P4', U.C, null, '上海丙有限公司', '法人及非法人组织', '环境污染', '2026-06-01', '2026-05-29', '区生态环境局', ['2026-06-01', null, '2026-06-01', null]],
    ['P5', U.D, null, '上海丁有限公司', '法人及非法人组织', '环境污染', '2025-12-29', '2026-01-09', '区市场监管局', [null, null, null, null]],
  ];
  await ws.run(
    `INSERT INTO penalties (decision_no, uscc, person_id, subject_name, subject_kind, violation_type, facts, basis, penalty_types, content,
       decision_date, reported_date, authority, authority_uscc, source_dept, doc_decision_date, doc_compliance_date,
       doc_repair_notice_date, doc_checkup_date, batch_id) VALUES ` +
      penalties
        .map(
          ([no, u, pid, n, kind, v, dec, rep, dept, docs]) =>
            `(${q(no)}, ${q(u)}, ${q(pid)}, ${q(n)}, ${q(kind)}, ${q(v)}, '经查属实', '《某条例》第一条', '警告', '警告', ${d(dec)}, ${d(rep)},
              ${q(dept)}, ${q(dept === '区市场监管局' ? AUTH_SCJG : AUTH_STHJ)}, ${q(dept)}, ${docs.map(d).join(', ')}, 'fx')`,
        )
        .join(', '),
  );

  // 信用修复: id, dept, applied, accepted, finished, result
  const repairs: [string, string, string, string | null, string | null, string | null][] = [
    ['R1', '区市场监管局', '2026-03-02', '2026-03-02', '2026-03-02', '准予修复'], // same day: 0
    ['R2', '区市场监管局', '2026-09-28', '2026-09-29', '2026-10-09', '准予修复'], // 09-30, 10-08, 10-09: 3
    ['R3', '区生态环境局', '2026-04-01', '2026-04-02', '2026-04-15', '不予修复'], // 04-03, 04-07…10, 04-13…15: 8 (> 7)
    ['R4', '区生态环境局', '2026-11-02', null, null, null], // open
    ['R5', '区市场监管局', '2025-12-30', '2025-12-30', '2026-01-05', '准予修复'], // 12-31, 01-04 调休, 01-05: 3
  ];
  await ws.run(
    `INSERT INTO repairs (repair_id, uscc, dept, applied_date, accepted_date, finished_date, result, batch_id) VALUES ` +
      repairs.map(([id, dept, a, acc, fin, res]) => `(${q(id)}, ${q(U.A)}, ${q(dept)}, ${d(a)}, ${d(acc)}, ${d(fin)}, ${q(res)}, 'fx')`).join(', '),
  );

  // 信用承诺: id, uscc, type, matter, made, term_end, status, broken_date
  const commitments: [string, string, string, string, string, string, string, string | null][] = [
    ['C1', U.B, '审批替代型', '安全生产', '2026-02-01', '2026-06-30', 'pending', null], // term over: kept
    ['C2', U.A, '审批替代型', '食品安全', '2026-03-01', '2026-12-31', 'pending', null], // P1 same matter in term: broken
    ['C3', U.C, '主动公示型', '广告', '2026-05-01', '2027-06-30', 'pending', null], // pending
    ['C4', U.D, '行业自律型', '价格', '2026-01-10', '2026-12-31', 'broken', '2026-04-01'], // recorded broken
    ['C5', U.E, '审批替代型', '卫生', '2025-03-01', '2025-09-30', 'pending', null], // 2025: kept
  ];
  await ws.run(
    `INSERT INTO commitments (commitment_id, uscc, commitment_type, matter, dept, made_date, term_end_date, status, broken_date, batch_id) VALUES ` +
      commitments
        .map(([id, u, t, m, made, end, st, br]) => `(${q(id)}, ${q(u)}, ${q(t)}, ${q(m)}, '区市场监管局', ${d(made)}, ${d(end)}, ${q(st)}, ${d(br)}, 'fx')`)
        .join(', '),
  );

  // 名单: type, uscc, in, out
  const lists: [string, string, string, string | null][] = [
    ['严重失信主体名单', U.B, '2026-02-01', null],
    ['经营异常名录', U.C, '2025-06-01', '2026-03-01'],
    ['红名单', U.A, '2026-05-01', null],
    ['A级纳税人', U.D, '2024-04-01', '2026-04-01'],
  ];
  await ws.run(
    `INSERT INTO credit_lists (list_type, uscc, subject_name, authority, in_date, out_date, batch_id) VALUES ` +
      lists.map(([t, u, i, o]) => `(${q(t)}, ${q(u)}, 'x', '区发展改革委', ${d(i)}, ${d(o)}, 'fx')`).join(', '),
  );

  // 信易贷: id, uscc, lender, amount, credit, date
  const loans: [string, string, string, number, boolean, string][] = [
    ['F1', U.A, '银行甲', 100, true, '2026-02-10'],
    ['F2', U.B, '银行甲', 50, false, '2026-07-01'],
    ['F3', U.A, '银行乙', 30, true, '2026-12-31'],
    ['F4', U.C, '银行乙', 80, true, '2025-05-05'],
  ];
  await ws.run(
    `INSERT INTO financing (loan_id, uscc, lender, product, amount_wan, loan_date, credit_based, batch_id) VALUES ` +
      loans.map(([id, u, l, a, c, dt]) => `(${q(id)}, ${q(u)}, ${q(l)}, '信易贷', ${a}, ${d(dt)}, ${c}, 'fx')`).join(', '),
  );
}
