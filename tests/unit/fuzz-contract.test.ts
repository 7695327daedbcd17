// Fuzzing the contract: for every call, seeded random and malformed inputs (wrong types, huge strings, nested junk,
// prototype-pollution keys, NaN/Infinity, negative numbers, binary) go through createCore().call. The answer is
// always a typed reply — {ok:true,result} or {ok:false,error:{code,message}} — never a throw, a hang or a crash,
// nothing is polluted, and the core still works afterwards.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { calls, CALL_NAMES, USER_ERROR_CODES, type CallName } from '../../shared/contract';
import { createCore, handlers, type Core } from '../../electron/core/services';
import { createDemoWorkspace } from '../../electron/core/demo/services';
import { tempDir } from '../helpers/workspace';

const INPUTS_PER_CALL = 30;
const CALL_TIMEOUT_MS = 30_000;

/** mulberry32: small, seeded, reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STRINGS = [
  '', ' ', 'a', '中文名称', '0', '-1', 'NaN', 'null', 'true', '2026-13-45', '2026-02-30', '9999-12-31',
  "'; DROP TABLE subjects; --", 'SELECT * FROM main.persons', "SELECT * FROM read_csv('/etc/passwd')", 'COPY subjects TO \'x.csv\'',
  '__proto__', 'constructor', 'prototype', '\u0000', '\uD800', '\uFFFF\u202E', '<script>alert(1)</script>', '../escape.out',
  '91310120MA1H7K3Q0X', '无感监管', 'x'.repeat(5_000), 'x'.repeat(200_000), '%s%n%x', '${process.exit(1)}',
];

function pick<T>(rnd: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)]!;
}

function junk(rnd: () => number, depth = 0): unknown {
  const r = rnd();
  if (r < 0.3) return pick(rnd, STRINGS);
  if (r < 0.55) return pick(rnd, [0, -1, -0, 1.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 53), 1e308, NaN, Infinity, -Infinity, 100, 5_000_001]);
  if (r < 0.65) return pick(rnd, [null, undefined, true, false, 10n, new Uint8Array([0, 255, 7]), new Date(NaN)]);
  if (r < 0.8 || depth > 4) {
    const n = Math.floor(rnd() * 4);
    return Array.from({ length: n }, () => junk(rnd, depth + 1));
  }
  if (r < 0.85) return Array.from({ length: 20_000 }, (_, i) => i);
  if (r < 0.9) {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 500; i++) deep = { a: deep };
    return deep;
  }
  return pollution(rnd, depth + 1);
}

/** Objects with own __proto__ / constructor keys, as JSON.parse or a structured clone delivers them. */
function pollution(rnd: () => number, depth: number): Record<string, unknown> {
  const o = JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}') as Record<string, unknown>;
  if (depth < 3 && rnd() < 0.5) o.nested = junk(rnd, depth + 1);
  return o;
}

/** Keys a call's input schema knows, so the junk reaches past the "unknown key" check. */
function keysOf(schema: unknown): string[] {
  const s = schema as { shape?: Record<string, unknown>; options?: unknown[]; _zod?: { def?: { in?: unknown; innerType?: unknown } } };
  if (s.shape && typeof s.shape === 'object') return Object.keys(s.shape);
  if (Array.isArray(s.options)) return [...new Set(s.options.flatMap(keysOf))];
  if (s._zod?.def?.in) return keysOf(s._zod.def.in);
  if (s._zod?.def?.innerType) return keysOf(s._zod.def.innerType);
  return [];
}

type Def = { type?: string; shape?: Record<string, unknown>; innerType?: unknown; in?: unknown; element?: unknown; options?: unknown[]; entries?: Record<string, unknown>; values?: unknown[]; valueType?: unknown };
const defOf = (schema: unknown): Def => ((schema as { _zod?: { def?: Def } })._zod?.def ?? {});

/** A value of roughly the right type with edge-case contents, so inputs get past validation into the handlers. */
function plausible(rnd: () => number, schema: unknown, depth = 0): unknown {
  const d = defOf(schema);
  if (depth > 5) return junk(rnd, 5);
  switch (d.type) {
    case 'string':
      return pick(rnd, STRINGS);
    case 'number':
    case 'int':
      return pick(rnd, [0, 1, -1, 7, 100, 1000, 2 ** 31 - 1, 1.5, -0]);
    case 'boolean':
      return rnd() < 0.5;
    case 'enum':
      return pick(rnd, Object.values(d.entries ?? {}));
    case 'literal':
      return d.values?.[0];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      return rnd() < 0.2 ? (d.type === 'nullable' ? null : undefined) : plausible(rnd, d.innerType, depth + 1);
    case 'pipe':
      return plausible(rnd, d.in, depth + 1);
    case 'array':
      return Array.from({ length: Math.floor(rnd() * 3) }, () => plausible(rnd, d.element, depth + 1));
    case 'union':
      return plausible(rnd, pick(rnd, d.options ?? [undefined]), depth + 1);
    case 'record':
      return { [pick(rnd, STRINGS.slice(0, 8))]: plausible(rnd, d.valueType, depth + 1) };
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(d.shape ?? {})) if (rnd() < 0.7) o[k] = plausible(rnd, v, depth + 1);
      return o;
    }
    default:
      return junk(rnd, depth + 1);
  }
}

function inputFor(rnd: () => number, schema: unknown, keys: string[]): unknown {
  const kind = rnd();
  if (kind < 0.1) return junk(rnd);
  if (kind < 0.5) {
    // Plausible shape with one field replaced by junk now and then.
    const base = plausible(rnd, schema);
    if (base && typeof base === 'object' && !Array.isArray(base) && keys.length && rnd() < 0.4) (base as Record<string, unknown>)[pick(rnd, keys)] = junk(rnd);
    return base;
  }
  const o: Record<string, unknown> = kind < 0.65 ? pollution(rnd, 0) : {};
  for (const k of keys) if (rnd() < 0.6) o[k] = junk(rnd);
  if (kind > 0.93) o[pick(rnd, ['extra', '__proto__', 'toString', 'hasOwnProperty'])] = junk(rnd);
  return o;
}

/** Valid inputs of these would create big or stray files; they are validated but not executed. */
function tooCostlyToRun(name: string, input: unknown): boolean {
  const i = input as Record<string, unknown>;
  return name === 'demo.create' || (name === 'workspace.open' && i?.create === true) || (name === 'security.openEncrypted' && i?.create === true);
}

const KNOWN_CODES = new Set<string>([...USER_ERROR_CODES, 'INTERNAL']);

let dir: string;
let core: Core;
const savedCwd = process.cwd();

beforeAll(async () => {
  dir = tempDir('cws-fuzz-');
  const ws = path.join(dir, 'w.duckdb');
  await createDemoWorkspace(ws, { scale: 100, seed: 11 });
  // Relative paths in fuzzed inputs land in a throwaway folder.
  fs.mkdirSync(path.join(dir, 'cwd', 'sub'), { recursive: true });
  process.chdir(path.join(dir, 'cwd', 'sub'));
  core = createCore({ workspacePath: ws, operator: 'fuzzer' });
});
afterAll(() => {
  core?.close();
  process.chdir(savedCwd);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('contract fuzz', () => {
  it(`${INPUTS_PER_CALL} seeded inputs per call: always a typed reply`, async () => {
    const rnd = prng(20261126);
    const internal: string[] = [];
    let executed = 0;
    let validCount = 0;
    // Calls declared but not bound yet are tests/unit/contract.test.ts's to report.
    const bound = CALL_NAMES.filter((n) => n === 'query.cancel' || n in handlers);
    for (const name of bound) {
      const schema = calls[name as CallName].input;
      const keys = keysOf(schema);
      for (let i = 0; i < INPUTS_PER_CALL; i++) {
        const input = inputFor(rnd, schema, keys);
        const valid = schema.safeParse(input).success;
        if (valid && tooCostlyToRun(name, input)) continue;
        if (valid) validCount++;
        const jobId = `fuzz-${name}-${i}`;
        const timer = setTimeout(() => core.cancel(jobId), CALL_TIMEOUT_MS);
        let reply: unknown;
        try {
          reply = await core.call({ call: name, input, jobId });
        } catch (err) {
          throw new Error(`${name} threw on input #${i}: ${String(err)}`);
        } finally {
          clearTimeout(timer);
        }
        executed++;
        const r = reply as { ok: unknown; result?: unknown; error?: { code: unknown; message: unknown } };
        expect(typeof r.ok, `${name} #${i}`).toBe('boolean');
        if (r.ok) {
          expect(r, `${name} #${i}`).toHaveProperty('result');
        } else {
          expect(KNOWN_CODES.has(String(r.error?.code)), `${name} #${i}: code ${String(r.error?.code)}`).toBe(true);
          expect(typeof r.error?.message).toBe('string');
          expect((r.error?.message as string).length).toBeGreaterThan(0);
          if (r.error?.code === 'INTERNAL') internal.push(`${name} #${i}: ${JSON.stringify((reply as { error: { detail?: string } }).error.detail ?? '').slice(0, 200)}`);
        }
      }
    }
    expect(executed).toBeGreaterThan(bound.length * INPUTS_PER_CALL * 0.8);
    // A good share gets past validation, so handlers see edge cases, not just the schema.
    expect(validCount).toBeGreaterThan(executed * 0.15);
    // INTERNAL is typed too, but each one is a handler that did not check what its schema let through.
    expect(internal).toEqual([]);

    // Nothing polluted.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('the core still works afterwards', async () => {
    expect(await core.call({ call: 'workspace.info', input: {} })).toMatchObject({ ok: true });
    expect(await core.call({ call: 'audit.verify', input: {} })).toMatchObject({ ok: true, result: { ok: true } });
    expect(await core.call({ call: 'query.run', input: { sql: 'SELECT count(*) AS n FROM subjects' } })).toMatchObject({ ok: true });
  });

  it('malformed envelopes are typed errors too', async () => {
    for (const envelope of [null, undefined, 42, 'x', [], {}, { call: 42 }, { call: '__proto__' }, { call: 'constructor' }, { call: 'toString' }, { call: 'x'.repeat(100_000) }]) {
      const reply = await core.call(envelope as never);
      expect(reply).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(BAD_INPUT|UNKNOWN_CALL)$/) } });
    }
  });
});
