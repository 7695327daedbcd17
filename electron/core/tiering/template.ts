// SQL templates of the rule files: {{name}} placeholders filled with date literals, parameter literals and
// named SQL fragments. Parameters from the files are rendered as literals (never spliced as raw text), so a
// parameter value cannot change the statement's shape.
import crypto from 'node:crypto';
import { z } from 'zod';
import { CoreError } from '../errors';

/** SQL text in a rule file: one string or an array of lines. */
export const sqlTextSchema = z.union([z.string().min(1), z.array(z.string()).min(1)]).transform((v) => (Array.isArray(v) ? v.join('\n') : v));

export const paramValueSchema = z.union([z.string().max(200), z.number(), z.array(z.string().max(200)).min(1), z.array(z.number()).min(1)]);
export type ParamValue = z.infer<typeof paramValueSchema>;

export const identSchema = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, '标识只能含小写字母、数字和下划线，以字母开头');

const PLACEHOLDER = /\{\{([a-z][a-z0-9_]*)\}\}/g;

export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

export function sqlDate(isoDate: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) throw new CoreError('BAD_INPUT', `日期格式不正确：${isoDate}`);
  return `DATE '${isoDate}'`;
}

export function paramLiteral(v: ParamValue): string {
  if (Array.isArray(v)) return `(${(v as (string | number)[]).map((x) => paramLiteral(x)).join(', ')})`;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new CoreError('BAD_INPUT', '规则参数不是有效数字。');
    return String(v);
  }
  return sqlString(v);
}

/** ISO date minus n days (n may be negative), calendar arithmetic in UTC. */
export function addDays(isoDate: string, n: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * Replaces {{name}} until none is left (fragments may use placeholders themselves). Unknown names are an error
 * naming the rule, so a typo in a rule file fails loudly instead of producing wrong SQL.
 */
export function renderTemplate(sql: string, values: Record<string, string>, where: string): string {
  let out = sql;
  for (let depth = 0; depth < 8; depth++) {
    let changed = false;
    out = out.replace(PLACEHOLDER, (_m, name: string) => {
      if (!Object.prototype.hasOwnProperty.call(values, name)) {
        throw new CoreError('BAD_INPUT', `${where}：SQL 中的占位符 {{${name}}} 未定义。请检查规则文件。`);
      }
      changed = true;
      return values[name]!;
    });
    if (!changed) return out;
  }
  throw new CoreError('BAD_INPUT', `${where}：SQL 片段相互引用过深（可能循环引用）。`);
}

/** Placeholder values shared by every rule: the as-of date and the window. */
export function windowValues(asOf: string, windowDays?: number): Record<string, string> {
  const v: Record<string, string> = { as_of: sqlDate(asOf) };
  if (windowDays !== undefined) {
    v.window_start = sqlDate(addDays(asOf, -(windowDays - 1)));
    v.window_days = String(windowDays);
  }
  return v;
}

/** JSON with keys sorted at every level: the form that is hashed into runs. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v as Record<string, unknown>)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

export function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}
