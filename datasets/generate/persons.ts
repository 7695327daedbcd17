// persons: natural persons with valid ID numbers (GB 11643). Staged first (subjects need their representatives'
// names and keys), inserted after subjects (employees need an employer).
import { BATCH_ID, q, sqlList, type GenContext } from './context';
import { withIdCheckSql } from './codes';
import { FEMALE_GIVEN, ID_AREAS, MALE_GIVEN, SURNAMES } from './vocab/people';

/** Birth dates 1950-01-01 … 2000-12-31. */
const BIRTH_FIRST = '1950-01-01';
const BIRTH_DAYS = 18628;
/** (birth day, 3-digit sequence) pairs: persons map onto them one-to-one, so ID numbers never collide. */
const ID_SPACE = BIRTH_DAYS * 1000;
/** Multiplier of the one-to-one map; coprime with ID_SPACE (= 2^5 · 5^3 · 4657). */
const ID_STRIDE = 1_000_003;

export async function stagePersons(ctx: GenContext): Promise<void> {
  const { persons } = ctx.sizes;
  await ctx.conn.run(`
CREATE OR REPLACE TEMP TABLE gen_persons AS
WITH slot AS (
  SELECT j AS p_idx, (j * ${ID_STRIDE} + g_int(0, 'id-offset', ${ID_SPACE})) % ${ID_SPACE} AS x
  FROM range(${persons}) t(j)
), parts AS (
  SELECT p_idx,
    g_pick(${sqlList(ID_AREAS)}, p_idx, 'id-area') || strftime(DATE '${BIRTH_FIRST}' + (x % ${BIRTH_DAYS})::INTEGER, '%Y%m%d')
      || lpad((x // ${BIRTH_DAYS})::VARCHAR, 3, '0') AS id17,
    (x // ${BIRTH_DAYS}) % 2 = 1 AS male
  FROM slot
), named AS (
  SELECT p_idx, ${withIdCheckSql('id17')} AS id_number, male,
    g_pick(${sqlList(SURNAMES)}, p_idx, 'surname') AS surname,
    CASE WHEN male THEN g_pick(${sqlList(MALE_GIVEN)}, p_idx, 'given1') ELSE g_pick(${sqlList(FEMALE_GIVEN)}, p_idx, 'given1') END
      || CASE WHEN g_u(p_idx, 'given-len') < 0.35 THEN ''
              WHEN male THEN g_pick(${sqlList(MALE_GIVEN)}, p_idx, 'given2') ELSE g_pick(${sqlList(FEMALE_GIVEN)}, p_idx, 'given2') END AS given
  FROM parts
)
SELECT p_idx, id_number, person_key(id_number) AS person_id, mask_id(id_number) AS id_masked, surname, surname || given AS name,
  g_mobile(p_idx, 'p-phone') AS phone
FROM named`);
}

/**
 * Occupation and employer: representatives are 企业负责人 / 个体经营者; persons after the representatives' range
 * mostly work in key-occupation sectors (医疗, 养老, 家政, 教育, 运输, 餐饮), dental clinics weighted up.
 */
export async function insertPersons(ctx: GenContext): Promise<void> {
  const { singleRepBase, subjects } = ctx.sizes;
  const tailBase = singleRepBase + subjects;
  await ctx.conn.run(`
CREATE OR REPLACE TEMP TABLE gen_key_employer AS
SELECT row_number() OVER (ORDER BY s.idx, c.copy) - 1 AS k, s.uscc, o.occupations
FROM gen_subjects s JOIN gen_key_occ o ON o.sector = s.sector
CROSS JOIN range(10) c(copy)
WHERE s.status = '存续' AND (c.copy = 0 OR s.sector = 'dental')`);
  const employers = Number(await ctx.conn.scalar('SELECT count(*) FROM gen_key_employer'));
  await ctx.conn.run(`
INSERT INTO persons (person_id, name, id_masked, id_number, phone, occupation, employer_uscc, batch_id)
WITH reps AS (
  SELECT rep_idx, min(kind) AS kind FROM gen_subjects GROUP BY rep_idx
), employed AS (
  SELECT p.p_idx, e.uscc, e.occupations[1 + g_int(p.p_idx, 'occ', 2)] AS occupation
  FROM gen_persons p JOIN gen_key_employer e ON e.k = g_int(p.p_idx, 'employer', ${Math.max(1, employers)})
  WHERE p.p_idx >= ${tailBase} AND g_u(p.p_idx, 'employed') < 0.7
)
SELECT p.person_id, p.name, p.id_masked, p.id_number, p.phone,
  CASE WHEN r.kind = '92' THEN '个体经营者' WHEN r.kind = '93' THEN '合作社负责人' WHEN r.kind IS NOT NULL THEN '企业负责人'
       ELSE e.occupation END,
  CASE WHEN r.kind IS NULL THEN e.uscc END,
  ${q(BATCH_ID)}
FROM gen_persons p
LEFT JOIN reps r ON r.rep_idx = p.p_idx
LEFT JOIN employed e ON e.p_idx = p.p_idx`);
}
