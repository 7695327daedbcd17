// A small synthetic district for UI tests and the UI benchmark while the real generator (datasets/generate) is
// being finished. Set-based SQL only (scales to 1,000,000 subjects), deterministic (hash of the row number and a
// salt), every USCC and ID number valid by its check digits. Not a replacement for the generator: fewer patterns,
// plain vocabulary.
import { openWorkspace, type Workspace } from '../../electron/core/workspace';

const TOWNS = ['南桥镇', '奉城镇', '庄行镇', '金汇镇', '四团镇', '青村镇', '柘林镇', '海湾镇', '西渡街道', '奉浦街道', '金海街道', '海湾旅游区', '奉贤经济开发区'];
const INDUSTRIES: [string, string, string | null, string][] = [
  ['2682', '化妆品制造', '美丽大健康', '化妆品'],
  ['3841', '锂离子电池制造', '绿色新能源', '新能源科技'],
  ['2929', '塑料零件及其他塑料制品制造', '通用新材料', '塑料制品'],
  ['3491', '工业机器人制造', '数智新装备', '机器人'],
  ['6513', '应用软件开发', null, '软件科技'],
  ['5199', '其他未列明批发业', null, '商贸'],
  ['6210', '正餐服务', null, '餐饮管理'],
  ['5011', '公共建筑装饰和装修', null, '建筑装饰工程'],
  ['5431', '普通货物道路运输', null, '物流'],
  ['8425', '口腔医疗', '美丽大健康', '口腔门诊部'],
  ['7243', '社会经济咨询', null, '企业管理咨询'],
  ['5291', '便利店零售', null, '便利店'],
];
const BRAND_A = ['东方', '华彩', '金桥', '海湾', '锦程', '明珠', '瑞丰', '星河', '恒信', '博远', '嘉禾', '新城', '绿源', '天成', '鼎盛', '浦江'];
const BRAND_B = ['美谷', '汇通', '宏达', '永安', '佳鑫', '立德', '盛世', '九州', '正和', '安泰', '联创', '中科', '宇航', '智联', '同创', '伟业'];
const SURNAMES = ['张', '王', '李', '陈', '刘', '徐', '沈', '朱', '陆', '顾', '周', '吴', '杨', '黄', '欧阳', '司马'];
const GIVEN = ['伟', '芳', '敏', '强', '静', '磊', '丽', '军', '洁', '涛', '慧', '斌', '婷', '明', '霞', '杰'];
const DEPTS: [string, string][] = [
  ['SCJG', '区市场监管局'], ['WJW', '区卫生健康委'], ['SW', '区税务局'], ['MZ', '区民政局'], ['FGW', '区发展改革委'], ['YJ', '区应急管理局'],
];
const LIST_TYPES = ['严重失信主体名单', '经营异常名录', '失信被执行人', '红名单', 'A级纳税人'];

const arr = (xs: string[]) => `[${xs.map((x) => `'${x}'`).join(',')}]`;

/** Seeds an open, migrated, empty workspace with `scale` subjects and related records. */
export async function seedWorkspace(ws: Workspace, scale: number): Promise<void> {
  const n = Math.max(20, Math.floor(scale));
  const ind = `[${INDUSTRIES.map(([c, nm, f, w]) => `{'code':'${c}','name':'${nm}','featured':${f ? `'${f}'` : 'NULL'},'word':'${w}'}`).join(',')}]`;
  await ws.run(`
-- hash(i, salt) mixes its arguments too weakly (picks with equal list lengths correlate): hash one number instead
CREATE OR REPLACE TEMP MACRO rnd(i, salt) AS (hash(i::BIGINT * 104729 + salt::BIGINT * 1299709) % 1000000)::BIGINT;
CREATE OR REPLACE TEMP MACRO pick(xs, i, salt) AS xs[(rnd(i, salt) % len(xs))::INTEGER + 1];
CREATE OR REPLACE TEMP MACRO id_check(c17) AS substr('10X98765432', (list_sum(list_transform(range(17), k ->
  (ascii(substr(c17, k::INTEGER + 1, 1)) - 48) * [7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2][k::INTEGER + 1])) % 11)::INTEGER + 1, 1);

INSERT INTO departments SELECT code, name, NULL, '政府部门', 'seed', NULL, NULL
  FROM (VALUES ${DEPTS.map(([c, nm]) => `('${c}','${nm}')`).join(',')}) t(code, name);

CREATE TEMP TABLE seed_subjects AS
SELECT i, kind, ind, pre16 || uscc_org_check_char(pre16) || uscc_check_char(pre16 || uscc_org_check_char(pre16)) AS uscc,
  -- 16 × 16 brand words (a third word past the first 256 firms keeps most names distinct)
  CASE WHEN kind = '92' THEN '奉贤区' ELSE '上海' END || pick(${arr(BRAND_A)}, i, 2) || pick(${arr(BRAND_B)}, i, 3)
    || CASE WHEN i >= 256 THEN pick(${arr(BRAND_A)}, i, 13) ELSE '' END || ind.word
    || CASE WHEN kind = '92' THEN '店' ELSE '有限公司' END AS name,
  CASE WHEN kind = '92' THEN '个体工商户' ELSE '法人及非法人组织' END AS kind_label,
  pick(${arr(TOWNS)}, i, 4) AS town,
  -- every 37th firm shares the registered address of the firm before it (a registration-address cluster)
  pick(${arr(TOWNS)}, i - CASE WHEN i % 37 = 0 AND i > 0 THEN 1 ELSE 0 END, 4) || '金海公路' ||
    ((i - CASE WHEN i % 37 = 0 AND i > 0 THEN 1 ELSE 0 END) % 3000 + 1)::VARCHAR || '号' AS address,
  '13' || lpad((rnd(i, 5) * 1000 % 1000000000)::VARCHAR, 9, '0') AS phone,
  pick(${arr(SURNAMES)}, i // 3, 10) || pick(${arr(GIVEN)}, i // 3, 11) || pick(${arr(GIVEN)}, i // 3, 12) AS rep_name
FROM (
  SELECT i, kind, ind, kind || '310120' || (10000000 + i * 7)::VARCHAR AS pre16
  FROM (SELECT i, CASE WHEN i % 4 = 3 THEN '92' ELSE '91' END AS kind, pick(${ind}, i, 1) AS ind FROM range(${n}) t(i))
);

INSERT INTO subjects (uscc, name, subject_kind, industry_code, industry_name, featured_industry, town, address, phone,
  legal_rep_name, legal_rep_person_id, established_date, registered_capital_wan, status, size, batch_id)
SELECT uscc, name, kind_label, ind.code, ind.name, ind.featured, town, address, phone, rep_name, NULL,
  DATE '2000-01-01' + (rnd(i, 6) % 9000)::INTEGER, (rnd(i, 7) % 5000 + 10)::DECIMAL(18,4),
  CASE WHEN rnd(i, 8) % 20 = 0 THEN '注销' WHEN rnd(i, 8) % 50 = 1 THEN '吊销' ELSE '存续' END,
  CASE WHEN rnd(i, 9) % 10 < 7 THEN '小微' WHEN rnd(i, 9) % 10 < 9 THEN '中型' ELSE '大型' END, 'seed-subjects'
FROM seed_subjects;
`);
  // Persons: one per three firms (every person represents up to three firms), ID numbers valid by check digit.
  await ws.run(`
CREATE TEMP TABLE seed_persons AS
SELECT p, c17 || id_check(c17) AS id_number FROM (
  SELECT p, '310120' || strftime(DATE '1960-01-01' + (rnd(p, 20) % 14000)::INTEGER, '%Y%m%d') || lpad((p % 1000)::VARCHAR, 3, '0') AS c17
  FROM range(${Math.ceil(n / 3)}) t(p));
INSERT INTO persons (person_id, name, id_masked, id_number, phone, occupation, employer_uscc, batch_id)
SELECT person_key(id_number), pick(${arr(SURNAMES)}, p, 10) || pick(${arr(GIVEN)}, p, 11) || pick(${arr(GIVEN)}, p, 12),
  mask_id(id_number), id_number, '139' || lpad((p * 7919 % 100000000)::VARCHAR, 8, '0'), '企业负责人', NULL, 'seed-persons'
FROM seed_persons;
CREATE TEMP TABLE seed_subject_keys AS
SELECT s.i, s.uscc, s.name, s.town, sp.id_number, person_key(sp.id_number) AS person_id
FROM seed_subjects s JOIN seed_persons sp ON sp.p = s.i // 3;
UPDATE subjects SET legal_rep_person_id = k.person_id FROM seed_subject_keys k WHERE subjects.uscc = k.uscc;
INSERT INTO relations (uscc, role, person_id, related_uscc, share_pct, start_date, end_date, batch_id)
SELECT uscc, 'legal_rep', person_id, NULL, NULL, DATE '2015-01-01' + (rnd(i, 21) % 3000)::INTEGER, NULL, 'seed-relations' FROM seed_subject_keys
UNION ALL
SELECT uscc, 'shareholder', person_id, NULL, 60, DATE '2015-01-01' + (rnd(i, 21) % 3000)::INTEGER, NULL, 'seed-relations' FROM seed_subject_keys WHERE i % 2 = 0
UNION ALL
SELECT a.uscc, 'shareholder', NULL, b.uscc, 40, DATE '2018-01-01' + (rnd(a.i, 22) % 2000)::INTEGER, NULL, 'seed-relations'
FROM seed_subject_keys a JOIN seed_subject_keys b ON b.i = (a.i * 17 + 5) % ${n} WHERE a.i % 5 = 0 AND a.i <> b.i;
`);
  // Records: licences (~1.5 per firm), penalties (~0.3), lists, commitments, repairs, inspections, ratings, obligations.
  await ws.run(`
INSERT INTO licenses (decision_no, uscc, subject_name, subject_kind, legal_rep_name, decision_doc_name, license_type, license_name,
  license_no, content, decision_date, valid_from_date, valid_to_date, authority, authority_uscc, status, source_dept, reported_date, batch_id)
SELECT '奉许字〔' || (2023 + j % 4)::VARCHAR || '〕' || lpad((k.i * 2 + j)::VARCHAR, 7, '0') || '号', k.uscc, k.name, '法人及非法人组织', NULL,
  '准予行政许可决定书', '普通', pick(['食品经营许可证','卫生许可证','道路运输经营许可证','排污许可证'], k.i + j, 30), 'XK' || (k.i * 2 + j)::VARCHAR,
  '准予许可', d, d, d + 1825, dept.name, NULL, '有效', dept.name, d + (rnd(k.i + j, 32) % 12)::INTEGER, 'seed-licenses'
FROM seed_subject_keys k, range(2) t(j),
  LATERAL (SELECT DATE '2023-01-01' + (rnd(k.i * 2 + j, 31) % 1260)::INTEGER AS d) dd,
  LATERAL (SELECT pick(['区市场监管局','区卫生健康委','区应急管理局'], k.i + j, 33) AS name) dept
WHERE (k.i + j) % 4 <> 0;

INSERT INTO penalties (decision_no, uscc, person_id, id_masked, subject_name, subject_kind, legal_rep_name, violation_type, facts, basis,
  penalty_types, content, fine_wan, confiscated_wan, decision_date, authority, source_dept, reported_date, batch_id)
SELECT '奉罚字〔' || strftime(d, '%Y') || '〕' || lpad(k.i::VARCHAR, 7, '0') || '号', k.uscc, NULL, NULL, k.name, '法人及非法人组织', NULL,
  pick(['未按规定公示年度报告','销售不符合安全标准的食品','未取得许可从事经营','虚假广告','安全生产违法'], k.i, 40), '经查，当事人存在违法行为。', '相关法律法规',
  CASE WHEN k.i % 30 = 1 THEN '罚款;吊销许可证件' WHEN k.i % 3 = 1 THEN '罚款' ELSE '警告' END, '依法处罚',
  CASE WHEN k.i % 3 = 1 THEN (rnd(k.i, 41) % 500 / 10.0)::DECIMAL(18,4) ELSE 0 END, 0, d,
  pick(['区市场监管局','区卫生健康委','区应急管理局','区税务局'], k.i, 42), pick(['区市场监管局','区卫生健康委','区应急管理局','区税务局'], k.i, 42),
  d + (rnd(k.i, 43) % 15)::INTEGER, 'seed-penalties'
FROM seed_subject_keys k, LATERAL (SELECT DATE '2023-01-01' + (rnd(k.i, 44) % 1260)::INTEGER AS d) dd
WHERE rnd(k.i, 45) % 10 < 3;

INSERT INTO credit_lists (list_type, uscc, person_id, subject_name, reason, authority, in_date, out_date, batch_id)
SELECT lt, k.uscc, NULL, k.name, CASE WHEN lt IN ('红名单','A级纳税人') THEN '守信激励' ELSE '依法列入' END, '区市场监管局',
  DATE '2023-01-01' + (rnd(k.i, 51) % 1200)::INTEGER, CASE WHEN rnd(k.i, 52) % 4 = 0 THEN DATE '2026-01-01' + (rnd(k.i, 53) % 100)::INTEGER END, 'seed-lists'
FROM seed_subject_keys k, LATERAL (SELECT pick(${arr(LIST_TYPES)}, k.i, 50) AS lt) l
WHERE rnd(k.i, 54) % 100 < 8;

INSERT INTO commitments (commitment_id, uscc, commitment_type, matter, dept, made_date, term_end_date, status, broken_date, batch_id)
SELECT 'CN' || lpad(k.i::VARCHAR, 8, '0'), k.uscc, pick(['审批替代型','主动公示型','行业自律型','信用修复型'], k.i, 60), '依法诚信经营',
  '区市场监管局', d, d + 365, CASE WHEN k.i % 25 = 0 THEN 'broken' WHEN d + 365 < DATE '2026-06-30' THEN 'kept' ELSE 'pending' END,
  CASE WHEN k.i % 25 = 0 THEN d + 100 END, 'seed-commitments'
FROM seed_subject_keys k, LATERAL (SELECT DATE '2023-01-01' + (rnd(k.i, 61) % 1200)::INTEGER AS d) dd
WHERE rnd(k.i, 62) % 100 < 20;

INSERT INTO repairs (repair_id, uscc, decision_no, applied_date, accepted_date, finished_date, result, dept, batch_id)
SELECT 'XF' || lpad(p.rn::VARCHAR, 7, '0'), p.uscc, p.decision_no, p.decision_date + 120, p.decision_date + 122, p.decision_date + 128, '同意修复', p.source_dept, 'seed-repairs'
FROM (SELECT *, row_number() OVER (ORDER BY decision_no) AS rn FROM penalties) p WHERE p.rn % 4 = 0;

INSERT INTO inspections (inspection_id, uscc, dept, item, inspection_date, result, random_draw, batch_id)
SELECT 'JC' || lpad(k.i::VARCHAR, 8, '0'), k.uscc, '区市场监管局', pick(['食品安全检查','广告经营检查','消防安全检查'], k.i, 70),
  DATE '2023-01-01' + (rnd(k.i, 71) % 1260)::INTEGER, CASE WHEN k.i % 9 = 0 THEN '不合格' ELSE '合格' END, k.i % 2 = 0, 'seed-inspections'
FROM seed_subject_keys k WHERE rnd(k.i, 72) % 100 < 25;

INSERT INTO industry_ratings (uscc, industry, period, rating, score, rated_date, dept, batch_id)
SELECT s.uscc, '口腔医疗', '2025', pick(['A','B','C'], k.i, 80), 60 + rnd(k.i, 81) % 40, DATE '2025-12-20', '区卫生健康委', 'seed-ratings'
FROM subjects s JOIN seed_subject_keys k ON k.uscc = s.uscc WHERE s.industry_name = '口腔医疗';

INSERT INTO obligations (uscc, kind, period, due_wan, paid_wan, arrears_wan, tax_grade, batch_id)
SELECT k.uscc, 'tax', DATE '2025-07-01' + INTERVAL (m) MONTH, 1.0, CASE WHEN k.i % 11 = 0 AND m = 5 THEN 0.4 ELSE 1.0 END,
  CASE WHEN k.i % 11 = 0 AND m = 5 THEN 0.6 ELSE 0 END, pick(['A','B','M','C'], k.i, 90), 'seed-obligations'
FROM seed_subject_keys k, range(6) t(m) WHERE k.i % 5 = 0;

INSERT INTO import_batches (batch_id, table_name, file_name, file_sha256, encoding, profile_id, read_rows, loaded_rows, rejected_rows,
  duplicate_rows, rejects_file, started_at, finished_at, operator, undone_at)
SELECT 'seed-' || t, t, t || '.csv', NULL, 'utf-8', NULL, c, c, 0, 0, NULL, TIMESTAMP '2026-06-01 09:00:00' + INTERVAL (o) HOUR,
  TIMESTAMP '2026-06-01 09:05:00' + INTERVAL (o) HOUR, 'seed', NULL
FROM (VALUES ('licenses', 0), ('penalties', 1), ('credit_lists', 2), ('inspections', 3)) v(t, o),
  LATERAL (SELECT 0 AS c) cc;
UPDATE import_batches SET read_rows = (SELECT count(*) FROM licenses), loaded_rows = (SELECT count(*) FROM licenses) WHERE table_name = 'licenses';
UPDATE import_batches SET read_rows = (SELECT count(*) FROM penalties), loaded_rows = (SELECT count(*) FROM penalties) WHERE table_name = 'penalties';
`);
  await ws.run('DROP TABLE IF EXISTS seed_subject_keys; DROP TABLE IF EXISTS seed_persons; DROP TABLE IF EXISTS seed_subjects;');
}

/** Creates a workspace file with the seed data. */
export async function createSeededWorkspace(file: string, scale: number): Promise<void> {
  const ws = await openWorkspace(file, { create: true });
  try {
    await seedWorkspace(ws, scale);
    await ws.checkpoint();
  } finally {
    ws.close();
  }
}
