// subjects: firms, 个体工商户, cooperatives and other organisations of Fengxian with valid USCCs. Staged in a temp
// table (other tables draw from it by index), inserted after penalties have set 吊销 status.
import { BATCH_ID, DATA_END, q, sqlList, type GenContext } from './context';
import { orgBodySql, withOrgCheckSql, withUsccCheckSql } from './codes';
import { DISTRICT } from '../../shared/domain/enums';
import { KIND_SHARES } from './vocab/industries';
import { SLOTS } from './lookups';
import { LANDLINE_PREFIXES } from './vocab/people';
import { TRADE_CHARS } from './vocab/places';

/** Every 167th subject (index ≡ 3) is a dental clinic: about 0.6 %, 120 at scale 20,000. */
export const DENTAL_EVERY = 167;
export const DENTAL_OFFSET = 3;

export function dentalCount(subjects: number): number {
  return subjects > DENTAL_OFFSET ? Math.floor((subjects - 1 - DENTAL_OFFSET) / DENTAL_EVERY) + 1 : 0;
}

/** SQL expression: the index of the m-th dental clinic. */
export function dentalIndexSql(m: string): string {
  return `(${m}) * ${DENTAL_EVERY} + ${DENTAL_OFFSET}`;
}

/**
 * Address clusters: each has 10–40 member firms sharing one registered address (a 园区 registration address),
 * often one agent as legal representative and one landline. Returns how many subjects are members.
 */
export async function stageClusters(ctx: GenContext): Promise<number> {
  const { clusters, multiRepPool } = ctx.sizes;
  await ctx.conn.run(`
CREATE OR REPLACE TEMP TABLE gen_clusters AS
WITH sized AS (SELECT k AS cluster, 10 + g_int(k, 'cl-size', 31) AS size FROM range(${clusters}) t(k))
SELECT s.cluster, s.size, (sum(s.size) OVER (ORDER BY s.cluster ROWS UNBOUNDED PRECEDING) - s.size) AS start,
  t.town,
  '上海市奉贤区' || t.town || t.roads[1 + g_int(s.cluster, 'cl-road', 4)] || (100 + g_int(s.cluster, 'cl-no', 9900))::VARCHAR || '号'
    || (1 + g_int(s.cluster, 'cl-bld', 20))::VARCHAR || '幢' || (1 + g_int(s.cluster, 'cl-floor', 6))::VARCHAR || '层' AS address,
  g_pick(${sqlList(LANDLINE_PREFIXES)}, s.cluster, 'cl-phone-p') || lpad(g_int(s.cluster, 'cl-phone', 10000)::VARCHAR, 4, '0') AS phone,
  ${multiRepPool} + s.cluster AS agent_idx
FROM sized s
JOIN gen_cluster_town_slot cs ON cs.slot = g_int(s.cluster, 'cl-town', 1000)
JOIN gen_town t ON t.t_idx = cs.t_idx`);
  return Number(await ctx.conn.scalar('SELECT sum(size) FROM gen_clusters'));
}

function kindCaseSql(u: string): string {
  let acc = 0;
  const arms = KIND_SHARES.slice(0, -1).map((k) => {
    acc += k.share;
    return `WHEN ${u} < ${acc.toFixed(4)} THEN '${k.kind}'`;
  });
  return `CASE ${arms.join(' ')} ELSE '${KIND_SHARES[KIND_SHARES.length - 1]!.kind}' END`;
}

export async function stageSubjects(ctx: GenContext, clusterMembers: number): Promise<void> {
  const { subjects: n, multiRepPool, singleRepBase } = ctx.sizes;
  // One-to-one scramble of indexes: positions below clusterMembers are the cluster members.
  const stride = n % 1_000_003 === 0 ? 999_983 : 1_000_003;
  await ctx.conn.run(`
CREATE OR REPLACE TEMP TABLE gen_subjects AS
WITH base AS (
  SELECT i AS idx, (i * ${stride} + g_int(0, 'cluster-offset', ${n})) % ${n} AS pos, i % ${DENTAL_EVERY} = ${DENTAL_OFFSET} AS dental
  FROM range(${n}) t(i)
), clustered AS (
  -- the ASOF join gives every position the last cluster starting at or before it; only members keep it
  SELECT b.idx, b.pos, b.dental, m.cluster, m.address AS c_address, m.town AS c_town, m.phone AS c_phone, m.agent_idx
  FROM base b ASOF LEFT JOIN gen_clusters m ON b.pos >= m.start
), members AS (
  SELECT idx, dental, CASE WHEN pos_member THEN cluster END AS cluster, CASE WHEN pos_member THEN c_address END AS c_address,
    CASE WHEN pos_member THEN c_town END AS c_town, CASE WHEN pos_member THEN c_phone END AS c_phone, agent_idx
  FROM (SELECT *, pos < ${clusterMembers} AS pos_member FROM clustered)
), kinded AS (
  SELECT *, CASE WHEN dental OR cluster IS NOT NULL THEN '91' ELSE ${kindCaseSql("g_u(idx, 'kind')")} END AS kind,
    g_int(idx, 'industry', ${SLOTS}) AS ind_slot, g_int(idx, 'town', ${SLOTS}) AS town_slot
  FROM members
), placed AS (
  SELECT k.*,
    i.industry_code, i.industry_name, i.sector, i.featured_industry,
    CASE WHEN k.dental THEN CASE WHEN g_u(k.idx, 'dental-word') < 0.7 THEN '口腔门诊部' ELSE '口腔诊所' END ELSE i.word END AS word,
    coalesce(k.c_town, t.town) AS town,
    coalesce(k.c_address, '上海市奉贤区' || t.town || t.roads[1 + g_int(k.idx, 'road', 4)] || (1 + g_int(k.idx, 'addr-no', 1999))::VARCHAR || '号'
      || CASE WHEN k.kind = '91' AND g_u(k.idx, 'addr-bld') < 0.3 THEN (1 + g_int(k.idx, 'addr-b', 12))::VARCHAR || '幢' ELSE '' END) AS address,
    CASE WHEN k.cluster IS NOT NULL AND g_u(k.idx, 'agent-rep') < 0.4 THEN k.agent_idx
         WHEN g_u(k.idx, 'multi-rep') < 0.15 THEN g_int(k.idx, 'multi-rep-p', ${multiRepPool})
         ELSE ${singleRepBase} + k.idx END AS rep_idx,
    g_pick(${sqlList(TRADE_CHARS)}, k.idx, 'trade1') || g_pick(${sqlList(TRADE_CHARS)}, k.idx, 'trade2') AS trade,
    CASE WHEN k.dental THEN DATE '2005-01-01' + floor(sqrt(g_u(k.idx, 'est')) * (DATE '${DATA_END}' - DATE '2005-01-01'))::INTEGER
         ELSE DATE '1995-01-01' + floor(sqrt(g_u(k.idx, 'est')) * (DATE '${DATA_END}' - DATE '1995-01-01'))::INTEGER END AS established_date
  FROM kinded k
  JOIN gen_ind_slot i ON i.kind = CASE WHEN k.dental THEN 'dental' ELSE k.kind END AND i.slot = k.ind_slot
  JOIN gen_town_slot ts ON ts.slot = k.town_slot
  JOIN gen_town t ON t.t_idx = ts.t_idx
), sized AS (
  -- size first (a few large firms, mostly micro), then a registered capital consistent with it
  SELECT *, CASE WHEN kind = '92' THEN '微型'
                 WHEN kind = '91' AND NOT dental THEN CASE WHEN g_u(idx, 'size') < 0.008 THEN '大型' WHEN g_u(idx, 'size') < 0.06 THEN '中型'
                                                         WHEN g_u(idx, 'size') < 0.36 THEN '小型' ELSE '微型' END
                 WHEN kind = '12' THEN CASE WHEN g_u(idx, 'size') < 0.3 THEN '中型' ELSE '小型' END
                 ELSE CASE WHEN g_u(idx, 'size') < 0.4 THEN '小型' ELSE '微型' END END AS size
  FROM placed
), capital AS (
  SELECT *, round(CASE WHEN kind = '92' THEN 1 + 49 * g_u(idx, 'capital')
                       ELSE CASE size WHEN '大型' THEN 5000 WHEN '中型' THEN 1000 WHEN '小型' THEN 100 ELSE 10 END
                            * pow(CASE size WHEN '大型' THEN 20 WHEN '中型' THEN 5 WHEN '小型' THEN 10 ELSE 10 END, g_u(idx, 'capital')) END, 0)
    AS registered_capital_wan
  FROM sized
), coded AS (
  SELECT *, ${withOrgCheckSql('first16')} AS first17
  FROM (SELECT *, kind || '${DISTRICT.divisionCode}' || ${orgBodySql('idx', 'established_date')} AS first16 FROM capital)
)
SELECT c.idx, ${withUsccCheckSql('c.first17')} AS uscc,
  CASE c.kind
    WHEN '91' THEN '上海' || c.trade || c.word || CASE WHEN c.dental THEN '有限公司' WHEN g_u(c.idx, 'suffix') < 0.94 THEN '有限公司' ELSE '股份有限公司' END
    WHEN '92' THEN '上海市奉贤区' || c.town || p.surname || '记' || c.word
    WHEN '93' THEN '上海奉贤' || regexp_replace(c.town, '(镇|街道)$', '') || c.trade || c.word
    WHEN '52' THEN '上海市奉贤区' || c.trade || c.word
    ELSE '上海市奉贤区' || c.town || c.trade || c.word END AS name,
  c.kind, k.subject_kind, c.industry_code, c.industry_name, c.sector, c.featured_industry, c.town, c.address,
  CASE WHEN c.cluster IS NOT NULL AND g_u(c.idx, 'phone-cluster') < 0.6 THEN c.c_phone
       WHEN g_u(c.idx, 'phone-rep') < 0.5 THEN p.phone
       WHEN c.kind = '92' THEN g_mobile(c.idx, 'phone-own')
       ELSE g_pick(${sqlList(LANDLINE_PREFIXES)}, c.idx, 'phone-land-p') || lpad(g_int(c.idx, 'phone-land', 10000)::VARCHAR, 4, '0') END AS phone,
  c.rep_idx, p.name AS legal_rep_name, p.person_id AS legal_rep_person_id, c.established_date, c.registered_capital_wan,
  CASE WHEN c.dental OR c.established_date >= DATE '2025-01-01' THEN '存续'
       WHEN g_u(c.idx, 'status') < 0.07 THEN '注销'
       WHEN g_u(c.idx, 'status') < 0.085 THEN '吊销'
       ELSE '存续' END AS status,
  c.size,
  c.cluster, c.dental
FROM coded c
JOIN gen_kind k ON k.kind = c.kind
JOIN gen_persons p ON p.p_idx = c.rep_idx`);
}

/** Subjects revoked by a 吊销营业执照 penalty get status 吊销, then the staged rows become the subjects table. */
export async function insertSubjects(ctx: GenContext): Promise<void> {
  await ctx.conn.run(`
UPDATE gen_subjects SET status = '吊销'
WHERE idx IN (SELECT idx FROM gen_penalties WHERE penalty_types LIKE '%吊销营业执照%')`);
  await ctx.conn.run(`
INSERT INTO subjects (uscc, name, subject_kind, industry_code, industry_name, featured_industry, town, address, phone,
  legal_rep_name, legal_rep_person_id, established_date, registered_capital_wan, status, size, batch_id)
SELECT uscc, name, subject_kind, industry_code, industry_name, featured_industry, town, address, phone,
  legal_rep_name, legal_rep_person_id, established_date, registered_capital_wan, status, size, ${q(BATCH_ID)}
FROM gen_subjects`);
}
