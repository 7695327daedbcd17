// Lists over the latest disclosure run: the eligibility list (filtered, paged, exported) and the 信用管家 outreach
// list of subjects that may apply for repair now, grouped by town. Natural persons' names are stored masked in
// penalty_disclosure; with an unmask grant the page's rows are joined back to penalties for the real names.
import * as XLSX from 'xlsx';
import type {
  DisclosureFilter,
  DisclosurePage,
  DisclosureRow,
  OutreachItem,
  OutreachResult,
} from '../../../shared/contract/repair';
import { RULE_SET_LABELS } from '../../../shared/contract/repair';
import type { Workspace } from '../workspace/workspace';
import { quoteLiteral } from '../workspace/query';
import { CoreError } from '../errors';
import { applyXlsxWatermark, watermarkText, type Watermark } from '../audit';

const lit = quoteLiteral;
export const NO_TOWN = '（未匹配街镇）';
export const EXPORT_LIMIT = 200_000;

const ROW_COLUMNS = `d.decision_no, d.uscc, d.person_id, d.subject_name, d.subject_kind, d.town, d.dept, d.decision_date,
  d.penalty_types, CAST(d.fine_wan AS DOUBLE) AS fine_wan, d.tier, d.tier_basis, d.rule_set, d.special_domain,
  d.min_months, d.max_months, d.earliest_repair, d.disclosure_end, d.status, d.repair_id, d.repaired_date`;

export function filterSql(f: DisclosureFilter = {}): string {
  const conds: string[] = ['true'];
  const inList = (col: string, xs?: readonly string[]) => {
    if (xs && xs.length) conds.push(`${col} IN (${xs.map(lit).join(', ')})`);
  };
  inList('d.status', f.status);
  inList('d.tier', f.tier);
  if (f.ruleSet) conds.push(`d.rule_set = ${lit(f.ruleSet)}`);
  if (f.dept) conds.push(`d.dept = ${lit(f.dept)}`);
  if (f.town) conds.push(f.town === NO_TOWN ? `d.town IS NULL` : `d.town = ${lit(f.town)}`);
  if (f.subjectKind) conds.push(`d.subject_kind = ${lit(f.subjectKind)}`);
  if (f.eligibleBy) conds.push(`d.earliest_repair <= DATE ${lit(f.eligibleBy)}`);
  if (f.search) {
    const s = lit(f.search);
    conds.push(`(contains(d.decision_no, ${s}) OR contains(coalesce(d.uscc, ''), upper(${s})) OR contains(coalesce(d.subject_name, ''), ${s}))`);
  }
  return conds.join(' AND ');
}

async function runInfo(ws: Workspace): Promise<{ runId: string; asOf: string } | null> {
  const r = await ws.one<{ runId: string; asOf: string }>(
    `SELECT any_value(run_id) AS "runId", any_value(as_of_date) AS "asOf" FROM penalty_disclosure HAVING count(*) > 0`,
  );
  if (r) return r;
  const last = await ws.one<{ runId: string; asOf: string }>(
    `SELECT run_id AS "runId", as_of_date AS "asOf" FROM repair_runs ORDER BY finished_at DESC LIMIT 1`,
  );
  return last ?? null;
}

/** Replaces masked names of natural persons by the names in penalties (only under an unmask grant). */
async function unmaskNames<T extends { decision_no: string; person_id?: string | null; subject_name: string | null; subject_kind: string }>(
  ws: Workspace,
  rows: T[],
): Promise<T[]> {
  const persons = rows.filter((r) => r.subject_kind === '自然人' && r.person_id);
  if (!persons.length) return rows;
  const keys = persons.map((r) => `(${lit(r.decision_no)}, ${lit(r.person_id!)})`).join(', ');
  const names = await ws.all<{ decision_no: string; person_id: string; name: string }>(
    `SELECT p.decision_no, p.person_id, any_value(p.subject_name) AS name
     FROM penalties p JOIN (VALUES ${keys}) k(decision_no, person_id)
       ON k.decision_no = p.decision_no AND k.person_id = p.person_id
     GROUP BY p.decision_no, p.person_id`,
  );
  const byKey = new Map(names.map((n) => [`${n.decision_no}\u0000${n.person_id}`, n.name]));
  return rows.map((r) =>
    r.subject_kind === '自然人' && r.person_id ? { ...r, subject_name: byKey.get(`${r.decision_no}\u0000${r.person_id}`) ?? r.subject_name } : r,
  );
}

export async function disclosurePage(
  ws: Workspace,
  input: { filter?: DisclosureFilter; offset?: number; limit?: number; sort?: { column: string; desc?: boolean } },
  unmasked: boolean,
): Promise<DisclosurePage> {
  const where = filterSql(input.filter);
  const offset = input.offset ?? 0;
  const limit = input.limit ?? 100;
  // Sort columns come from the contract's enum; tier sorts by severity.
  const sortCol = input.sort ? (input.sort.column === 'tier' ? 'd.tier_rank' : `d.${input.sort.column}`) : 'd.earliest_repair';
  const order = `${sortCol} ${input.sort?.desc ? 'DESC' : 'ASC'} NULLS LAST, d.decision_no, d.uscc`;
  const total = Number((await ws.scalar<number>(`SELECT count(*) FROM penalty_disclosure d WHERE ${where}`)) ?? 0);
  let rows = await ws.all<DisclosureRow>(
    `SELECT ${ROW_COLUMNS} FROM penalty_disclosure d WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
  );
  if (unmasked) rows = await unmaskNames(ws, rows);
  return { run: await runInfo(ws), total, offset, rows };
}

export async function outreachList(
  ws: Workspace,
  input: { town?: string; limitPerTown?: number },
  unmasked: boolean,
): Promise<OutreachResult> {
  const per = input.limitPerTown ?? 200;
  const townCond = input.town ? (input.town === NO_TOWN ? `AND d.town IS NULL` : `AND d.town = ${lit(input.town)}`) : '';
  const phone = unmasked ? 's.phone' : 'mask_phone(s.phone)';
  const towns = await ws.all<{ town: string; count: number }>(`
    SELECT t.town, t.count FROM (
      SELECT coalesce(d.town, ${lit(NO_TOWN)}) AS town, count(*) AS count
      FROM penalty_disclosure d WHERE d.status = '可申请修复' ${townCond}
      GROUP BY 1
    ) t ORDER BY (t.town = ${lit(NO_TOWN)}), t.count DESC, t.town`);
  let items = await ws.all<OutreachItem & { town: string; person_id: string | null }>(`
    SELECT coalesce(d.town, ${lit(NO_TOWN)}) AS town, d.decision_no, d.uscc, d.person_id, d.subject_name, d.subject_kind,
      d.dept, d.tier, d.decision_date, d.earliest_repair, d.disclosure_end,
      CASE WHEN d.uscc IS NOT NULL THEN ${phone} END AS phone
    FROM penalty_disclosure d
    LEFT JOIN (SELECT uscc, any_value(phone) AS phone FROM subjects GROUP BY uscc) s ON s.uscc = d.uscc
    WHERE d.status = '可申请修复' ${townCond}
    QUALIFY row_number() OVER (PARTITION BY coalesce(d.town, ${lit(NO_TOWN)}) ORDER BY d.earliest_repair, d.decision_no, d.uscc) <= ${per}
    ORDER BY d.earliest_repair, d.decision_no`);
  if (unmasked) items = await unmaskNames(ws, items);
  const byTown = new Map<string, OutreachItem[]>();
  for (const { town, person_id: _p, ...item } of items) {
    const list = byTown.get(town) ?? [];
    list.push(item);
    byTown.set(town, list);
  }
  return {
    run: await runInfo(ws),
    total: towns.reduce((n, t) => n + t.count, 0),
    towns: towns.map((t) => ({ town: t.town, count: t.count, items: byTown.get(t.town) ?? [] })),
  };
}

const EXPORT_HEADERS: [keyof DisclosureRow, string][] = [
  ['decision_no', '行政处罚决定书文号'],
  ['uscc', '统一社会信用代码'],
  ['subject_name', '行政相对人名称'],
  ['subject_kind', '行政相对人类别'],
  ['town', '街镇'],
  ['dept', '处罚机关'],
  ['decision_date', '处罚决定日期'],
  ['penalty_types', '处罚类别'],
  ['fine_wan', '罚款金额（万元）'],
  ['tier', '失信等级'],
  ['tier_basis', '定级依据'],
  ['rule_set', '适用规则'],
  ['special_domain', '特殊领域'],
  ['min_months', '最短公示期（月）'],
  ['max_months', '最长公示期（月）'],
  ['earliest_repair', '可申请修复日期'],
  ['disclosure_end', '公示截止日期'],
  ['status', '状态'],
  ['repair_id', '修复编号'],
  ['repaired_date', '修复日期'],
];

/**
 * The filtered eligibility list as an XLSX workbook (SheetJS, write only). The watermark (operator, time, purpose)
 * goes into the workbook properties and as a row of the 说明 sheet — not below the data, so the list sheet stays a
 * plain table (header + rows) that can be filtered or read back as is.
 */
export async function exportDisclosure(
  ws: Workspace,
  filter: DisclosureFilter | undefined,
  unmasked: boolean,
  watermark?: Watermark,
): Promise<{ fileName: string; rows: number; bytes: Uint8Array }> {
  const where = filterSql(filter);
  const n = Number((await ws.scalar<number>(`SELECT count(*) FROM penalty_disclosure d WHERE ${where}`)) ?? 0);
  if (n > EXPORT_LIMIT) {
    throw new CoreError('BAD_INPUT', `符合条件的记录有 ${n} 条，超过单次导出上限 ${EXPORT_LIMIT} 条：请按状态、部门或街镇筛选后分批导出。`);
  }
  const run = await runInfo(ws);
  if (!run) throw new CoreError('NOT_FOUND', '还没有信用修复测算结果：请先选择测算日并运行测算。');
  let rows = await ws.all<DisclosureRow>(
    `SELECT ${ROW_COLUMNS} FROM penalty_disclosure d WHERE ${where} ORDER BY d.earliest_repair, d.decision_no, d.uscc`,
  );
  if (unmasked) rows = await unmaskNames(ws, rows);
  const aoa: unknown[][] = [
    EXPORT_HEADERS.map(([, label]) => label),
    ...rows.map((r) => EXPORT_HEADERS.map(([k]) => (k === 'rule_set' ? RULE_SET_LABELS[r.rule_set] : r[k]))),
  ];
  const wb = XLSX.utils.book_new();
  const sheet = XLSX.utils.aoa_to_sheet(aoa);
  sheet['!cols'] = EXPORT_HEADERS.map(([k]) => ({ wch: k === 'decision_no' || k === 'tier_basis' || k === 'dept' ? 28 : 14 }));
  XLSX.utils.book_append_sheet(wb, sheet, '公示期与修复资格');
  const info = XLSX.utils.aoa_to_sheet([
    ['测算日', run.asOf],
    ['测算编号', run.runId],
    ['筛选条件', JSON.stringify(filter ?? {})],
    ['记录数', rows.length],
    ['说明', unmasked ? '含未脱敏的自然人姓名（已记录审计）' : '自然人姓名已脱敏'],
    ...(watermark ? [['导出水印', watermarkText(watermark)]] : []),
  ]);
  XLSX.utils.book_append_sheet(wb, info, '说明');
  if (watermark) applyXlsxWatermark(wb, watermark, { row: 'none' });
  const buf = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
  return {
    fileName: `信用修复资格清单_${run.asOf}.xlsx`,
    rows: rows.length,
    bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength),
  };
}
