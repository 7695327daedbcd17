// Loads the vocabulary into temporary reference tables of the generation connection (a few hundred rows), so the
// bulk statements can draw from them with equality joins on a hashed slot number.
import { makeUscc } from '../../shared/domain/uscc';
import { DISTRICT } from '../../shared/domain/enums';
import { slotTableSql, tempTableSql, weightedSlots, type GenContext } from './context';
import { DENTAL, INDUSTRIES, KEY_OCCUPATIONS, KIND_SHARES, type Industry } from './vocab/industries';
import { TOWN_INFO } from './vocab/places';
import { DEPARTMENTS, KEY_SECTOR_DEPTS, LICENSE_KINDS, SECTOR_VIOLATIONS, VIOLATION_DOMAINS } from './vocab/agencies';

/** Slots per weighted draw: a draw joins on `g_int(key, salt, SLOTS)`. */
export const SLOTS = 1000;

export async function createLookups(ctx: GenContext): Promise<void> {
  for (const sql of lookupSql()) await ctx.conn.run(sql);
}

/** USCC of a department (registering authority 1 机构编制, category 1 机关). */
export function departmentUscc(orgBody: string): string {
  return makeUscc('11', DISTRICT.divisionCode, orgBody);
}

function lookupSql(): string[] {
  const kinds = KIND_SHARES.map((k) => k.kind);
  const industrySlots = kinds.flatMap((kind) =>
    weightedSlots(
      INDUSTRIES.filter((x) => x.kind === kind).map((x) => ({ weight: x.weight, value: x })),
      SLOTS,
    ).map(({ lo, hi, value: x }: { lo: number; hi: number; value: Industry }) => ({
      lo, hi, cells: [kind, x.code, x.name, x.sector, x.featured ?? null, x.word],
    })),
  );
  // Dental clinics are chosen by index, not drawn; their "kind" row makes the industry join a plain equality.
  industrySlots.push({ lo: 0, hi: SLOTS - 1, cells: ['dental', DENTAL.code, DENTAL.name, DENTAL.sector, DENTAL.featured, ''] });
  const townSlots = weightedSlots(TOWN_INFO.map((t, k) => ({ weight: t.weight, value: k })), SLOTS);
  const clusterTownSlots = weightedSlots(TOWN_INFO.map((t, k) => ({ weight: t.clusterWeight, value: k })), SLOTS);
  const violationSlots = Object.entries(SECTOR_VIOLATIONS).flatMap(([sector, mix]) =>
    weightedSlots(
      Object.entries(mix).map(([type, weight]) => ({ weight, value: type })),
      100,
    ).map(({ lo, hi, value }) => ({ lo, hi, cells: [sector, value] })),
  );
  const indexed = (r: { lo: number; hi: number; value: number }) => ({ lo: r.lo, hi: r.hi, cells: [r.value] });
  return [
    slotTableSql(
      'gen_ind_slot',
      ['kind', 'industry_code', 'industry_name', 'sector', 'featured_industry', 'word'],
      industrySlots,
    ),
    tempTableSql('gen_kind', ['kind', 'subject_kind', 'share'], KIND_SHARES.map((k) => [k.kind, k.subjectKind, k.share])),
    tempTableSql(
      'gen_town',
      ['t_idx', 'town', 'roads'],
      TOWN_INFO.map((t, k) => [k, t.town, t.roads]),
    ),
    slotTableSql('gen_town_slot', ['t_idx'], townSlots.map(indexed)),
    slotTableSql('gen_cluster_town_slot', ['t_idx'], clusterTownSlots.map(indexed)),
    tempTableSql(
      'gen_dept',
      ['dept_code', 'name', 'kind', 'uscc', 'pen_prefix', 'lic_prefix'],
      DEPARTMENTS.map((d) => [d.code, d.name, d.kind, departmentUscc(d.orgBody), d.penaltyPrefix, d.licensePrefix]),
    ),
    tempTableSql(
      'gen_domain',
      ['vtype', 'dept_code', 'basis', 'facts', 'item', 'key_sector'],
      VIOLATION_DOMAINS.map((v) => [v.type, v.dept, v.basis, v.facts, v.item, KEY_SECTOR_DEPTS.includes(v.dept)]),
    ),
    slotTableSql('gen_viol_slot', ['sector', 'vtype'], violationSlots),
    tempTableSql(
      'gen_license_kind',
      ['lk', 'sector', 'only_code', 'license_name', 'category', 'dept_code', 'content', 'share', 'years', 'no_prefix'],
      LICENSE_KINDS.map((l, k) => [k, l.sector, l.code ?? null, l.name, l.category, l.dept, l.content, l.share, l.years, l.noPrefix]),
    ),
    tempTableSql(
      'gen_key_occ',
      ['sector', 'occupations'],
      Object.entries(KEY_OCCUPATIONS).map(([sector, occ]) => [sector, occ!]),
    ),
  ];
}
