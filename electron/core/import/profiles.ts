// Mapping profiles (datasets/profiles/*.json) and validation rules (datasets/profiles/_validation.json): loaded once,
// validated with zod, compiled into header dictionaries. Header matching normalises case, spaces and full/half-width
// forms (NFKC: （）→ (), full-width letters and spaces → ASCII), so 行政相对人代码_1（统一社会信用代码） and
// 行政相对人代码_1(统一社会信用代码), CF_WSH and cf_wsh are the same header.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { BOOKKEEPING_COLUMNS, CANONICAL_TABLES, TABLE_BY_NAME, type ColumnType } from '../../../shared/domain/tables';
import { CoreError } from '../errors';

/** Import-only targets: values used for validation and derived columns, never stored as such. */
export interface VirtualColumn {
  name: string;
  label: string;
  /** 'id' values are natural persons' ID numbers: hashed into person_id, stored only masked (raw only in persons). */
  kind: 'id' | 'text';
}

const VIRTUAL: Record<string, VirtualColumn[]> = {
  penalties: [
    { name: 'id_type', label: '证件类型', kind: 'text' },
    { name: 'id_number', label: '证件号码', kind: 'id' },
    { name: 'legal_rep_id_type', label: '法定代表人证件类型', kind: 'text' },
    { name: 'legal_rep_id_number', label: '法定代表人证件号码', kind: 'id' },
  ],
  licenses: [
    { name: 'id_type', label: '证件类型', kind: 'text' },
    { name: 'id_number', label: '证件号码', kind: 'id' },
    { name: 'legal_rep_id_type', label: '法定代表人证件类型', kind: 'text' },
    { name: 'legal_rep_id_number', label: '法定代表人证件号码', kind: 'id' },
  ],
  subjects: [{ name: 'legal_rep_id_number', label: '法定代表人证件号码', kind: 'id' }],
  relations: [{ name: 'id_number', label: '关联人证件号码', kind: 'id' }],
  credit_lists: [{ name: 'id_number', label: '证件号码', kind: 'id' }],
};

export function virtualColumns(table: string): VirtualColumn[] {
  return VIRTUAL[table] ?? [];
}

export interface TargetColumn {
  name: string;
  label: string;
  type: ColumnType | 'VIRTUAL';
  required: boolean;
  virtual?: VirtualColumn['kind'];
}

/** Columns a source column may be mapped to: the table's own columns (less bookkeeping) and its virtual ones. */
export function targetColumns(table: string): TargetColumn[] {
  const def = TABLE_BY_NAME[table];
  if (!def) throw new CoreError('BAD_INPUT', `未知的数据表：${table}`);
  const bookkeeping = new Set(BOOKKEEPING_COLUMNS.map((c) => c.name));
  const own = def.columns
    .filter((c) => !bookkeeping.has(c.name))
    .filter((c) => !(table === 'persons' && c.name === 'id_masked'))
    .map((c) => ({ name: c.name, label: c.label, type: c.type, required: !!c.required }));
  const virt = virtualColumns(table).map((v) => ({ name: v.name, label: v.label, type: 'VIRTUAL' as const, required: false, virtual: v.kind }));
  return [...own, ...virt];
}

// ---------------------------------------------------------------- files

const tableName = z.string().refine((t) => t in TABLE_BY_NAME, { message: '未知的数据表' });

export const profileFileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,60}$/),
    name: z.string().min(1),
    table: tableName,
    version: z.number().int().min(1),
    description: z.string().optional(),
    columns: z.record(z.string(), z.array(z.string().min(1)).min(1)),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (!(p.table in TABLE_BY_NAME)) return;
    const targets = new Set(targetColumns(p.table).map((c) => c.name));
    const seen = new Map<string, string>();
    for (const [col, synonyms] of Object.entries(p.columns)) {
      if (!targets.has(col)) ctx.addIssue({ code: 'custom', message: `表 ${p.table} 没有列 ${col}`, path: ['columns', col] });
      for (const s of synonyms) {
        const n = normaliseHeader(s);
        const other = seen.get(n);
        if (other && other !== col) ctx.addIssue({ code: 'custom', message: `表头 ${s} 同时映射到 ${other} 和 ${col}`, path: ['columns', col] });
        seen.set(n, col);
      }
    }
  });
export type ProfileFile = z.infer<typeof profileFileSchema>;

type Condition =
  | { column: string; in: string[] | '@idCardTypes' }
  | { column: string; empty: boolean }
  | { column: string; length: number }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ column: z.string(), in: z.union([z.array(z.string()), z.literal('@idCardTypes')]) }).strict(),
    z.object({ column: z.string(), empty: z.boolean() }).strict(),
    z.object({ column: z.string(), length: z.number().int().min(0) }).strict(),
    z.object({ all: z.array(conditionSchema).min(1) }).strict(),
    z.object({ any: z.array(conditionSchema).min(1) }).strict(),
    z.object({ not: conditionSchema }).strict(),
  ]),
);

const reason = z.string().regex(/^[A-Z][A-Z_]{2,40}$/);
const ruleSchema = z.discriminatedUnion('rule', [
  z.object({ rule: z.literal('required'), column: z.string(), reason }).strict(),
  z.object({ rule: z.literal('enum'), column: z.string(), values: z.array(z.string()).min(1), required: z.boolean().optional(), reason }).strict(),
  z.object({ rule: z.literal('uscc'), column: z.string(), required: z.boolean(), when: conditionSchema.optional(), reason }).strict(),
  z.object({ rule: z.literal('idcard'), column: z.string(), required: z.boolean(), when: conditionSchema.optional(), reason }).strict(),
  z.object({ rule: z.literal('date'), column: z.string(), required: z.boolean(), event: z.boolean(), reason }).strict(),
  z.object({ rule: z.literal('amount'), column: z.string(), reason }).strict(),
  z.object({ rule: z.literal('anyOf'), columns: z.array(z.string()).min(1), reason }).strict(),
]);
export type Rule = z.infer<typeof ruleSchema>;

export const validationFileSchema = z
  .object({
    version: z.number().int(),
    minDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    idCardTypes: z.array(z.string()).min(1),
    tables: z.record(
      tableName,
      z.object({ rules: z.array(ruleSchema), normalise: z.record(z.string(), z.record(z.string(), z.string())).optional() }).strict(),
    ),
  })
  .strict()
  .superRefine((v, ctx) => {
    for (const [table, spec] of Object.entries(v.tables)) {
      if (!(table in TABLE_BY_NAME)) continue;
      const targets = new Set(targetColumns(table).map((c) => c.name));
      const cols = spec.rules.flatMap((r) => ('columns' in r ? r.columns : [r.column]));
      for (const c of cols) if (!targets.has(c)) ctx.addIssue({ code: 'custom', message: `表 ${table} 没有列 ${c}`, path: ['tables', table] });
    }
  });
export type ValidationFile = z.infer<typeof validationFileSchema>;
export type TableValidation = ValidationFile['tables'][string];
export type { Condition };

// ---------------------------------------------------------------- loading

/** datasets/profiles: CWS_PROFILES_DIR, else the first datasets/profiles above this module or the working directory. */
export function profilesDir(): string {
  if (process.env.CWS_PROFILES_DIR) return path.resolve(process.env.CWS_PROFILES_DIR);
  const starts = [path.dirname(fileURLToPath(import.meta.url)), process.cwd()];
  for (const start of starts) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'datasets', 'profiles');
      if (fs.existsSync(path.join(candidate, '_validation.json'))) return candidate;
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new CoreError('NOT_FOUND', '找不到映射配置目录 datasets/profiles：请检查安装是否完整，或设置环境变量 CWS_PROFILES_DIR。');
}

export interface Profile extends ProfileFile {
  file: string;
  /** normalised header → canonical column (explicit synonyms first, then column names and Chinese labels). */
  dictionary: Map<string, string>;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CoreError('BAD_INPUT', `配置文件无法读取或不是合法 JSON：${file}`, String(err));
  }
}

function zodMessage(err: z.ZodError): string {
  return err.issues.slice(0, 3).map((i) => `${i.path.join('.')}：${i.message}`).join('；');
}

export function compileProfile(raw: unknown, file: string): Profile {
  const parsed = profileFileSchema.safeParse(raw);
  if (!parsed.success) throw new CoreError('BAD_INPUT', `映射配置 ${path.basename(file)} 不符合格式：${zodMessage(parsed.error)}`);
  const p = parsed.data;
  const dictionary = new Map<string, string>();
  for (const [col, synonyms] of Object.entries(p.columns)) for (const s of synonyms) dictionary.set(normaliseHeader(s), col);
  // Column names and Chinese labels of the target table always match (explicit synonyms win on a clash).
  for (const t of targetColumns(p.table)) {
    for (const s of [t.name, t.label]) if (!dictionary.has(normaliseHeader(s))) dictionary.set(normaliseHeader(s), t.name);
  }
  return { ...p, file, dictionary };
}

let cache: { dir: string; profiles: Profile[]; validation: ValidationFile } | undefined;

export function loadProfiles(): Profile[] {
  return loadAll().profiles;
}

export function loadValidation(): ValidationFile {
  return loadAll().validation;
}

function loadAll() {
  const dir = profilesDir();
  if (cache && cache.dir === dir) return cache;
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('_')).sort();
  const profiles = files.map((f) => compileProfile(readJson(path.join(dir, f)), path.join(dir, f)));
  const ids = new Set<string>();
  for (const p of profiles) {
    if (ids.has(p.id)) throw new CoreError('BAD_INPUT', `映射配置编号重复：${p.id}`);
    ids.add(p.id);
  }
  const v = validationFileSchema.safeParse(readJson(path.join(dir, '_validation.json')));
  if (!v.success) throw new CoreError('BAD_INPUT', `校验规则 _validation.json 不符合格式：${zodMessage(v.error)}`);
  cache = { dir, profiles, validation: v.data };
  return cache;
}

/** A profile by id, or from a JSON file path (cws --profile FILE). */
export function findProfile(idOrFile: string): Profile {
  const byId = loadProfiles().find((p) => p.id === idOrFile);
  if (byId) return byId;
  if (/\.json$/i.test(idOrFile) && fs.existsSync(idOrFile)) return compileProfile(readJson(idOrFile), path.resolve(idOrFile));
  throw new CoreError('NOT_FOUND', `找不到映射配置：${idOrFile}。可用的有：${loadProfiles().map((p) => p.id).join('、')}`);
}

// ---------------------------------------------------------------- matching

export function normaliseHeader(h: string): string {
  return h
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/^\*+/, '')
    .replace(/[:：]+$/, '');
}

/** Whether a header of an amount column states 元 (converted to 万元 on import). */
export function headerIsYuan(header: string): boolean {
  const n = normaliseHeader(header);
  if (n.includes('万元')) return false;
  return /\(元\)|yuan|元$/.test(n);
}

export interface ProfileMatch {
  profile: Profile;
  /** source header → canonical column (or null: kept in extra). */
  mapping: Record<string, string | null>;
  score: number;
}

/** Maps headers with a profile: each canonical column takes the first header that names it. */
export function matchProfile(profile: Profile, headers: string[]): ProfileMatch {
  const mapping: Record<string, string | null> = {};
  const taken = new Set<string>();
  let score = 0;
  for (const h of headers) {
    const col = profile.dictionary.get(normaliseHeader(h));
    if (col && !taken.has(col)) {
      mapping[h] = col;
      taken.add(col);
      score++;
    } else mapping[h] = null;
  }
  return { profile, mapping, score };
}

/** The best profile for these headers (optionally of one table): highest score, then more required columns. */
export function bestProfile(headers: string[], table?: string, profiles: Profile[] = loadProfiles()): ProfileMatch | null {
  let best: (ProfileMatch & { req: number }) | null = null;
  for (const p of profiles) {
    if (table && p.table !== table) continue;
    const m = matchProfile(p, headers);
    const required = new Set(targetColumns(p.table).filter((c) => c.required).map((c) => c.name));
    const req = Object.values(m.mapping).filter((c) => c && required.has(c)).length;
    if (!best || m.score > best.score || (m.score === best.score && req > best.req)) best = { ...m, req };
  }
  return best && best.score > 0 ? { profile: best.profile, mapping: best.mapping, score: best.score } : null;
}

/** A row is a header row when enough of its non-empty cells name columns of one profile (title rows don't). */
export function looksLikeHeader(cells: string[], table?: string): boolean {
  const nonEmpty = cells.filter((c) => c.trim() !== '');
  if (nonEmpty.length < 2) return false;
  const m = bestProfile(nonEmpty, table);
  return !!m && m.score >= 2 && m.score >= Math.ceil(nonEmpty.length * 0.3);
}

/** Unique, non-empty header names (empty → 列N, repeats → name_2), in column order. */
export function uniqueHeaders(raw: string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((h, i) => {
    let name = (h ?? '').replace(/[\r\n\t]+/g, ' ').trim() || `列${i + 1}`;
    const n = seen.get(name) ?? 0;
    seen.set(name, n + 1);
    if (n > 0) name = `${name}_${n + 1}`;
    return name;
  });
}

export function allTables(): string[] {
  return CANONICAL_TABLES.map((t) => t.name);
}
