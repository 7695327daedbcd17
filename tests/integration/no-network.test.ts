// No network at run time: the whole demo pipeline runs through the core with every way out of the process trapped
// (net/tls sockets, http/https requests, DNS, UDP, fetch), and nothing tries to leave. DuckDB is native code the traps
// cannot see, so its side is checked by its settings: extension autoinstall/autoload off and no network extension
// loaded.
import dgram from 'node:dgram';
import dns from 'node:dns';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, CALL_NAMES, type CallName } from '../../shared/contract';
import { createCore, handlers, type Core } from '../../electron/core/services';
import { makeUscc } from '../../shared/domain/uscc';
import { tempDir } from '../helpers/workspace';

const attempts: string[] = [];
const restore: (() => void)[] = [];

function trap(target: object, name: string, label: string): void {
  const obj = target as Record<string, unknown>;
  const original = obj[name];
  if (typeof original !== 'function') return;
  obj[name] = function trapped(...args: unknown[]) {
    attempts.push(`${label}(${JSON.stringify(args[0] ?? null)?.slice(0, 120)})`);
    throw new Error(`network access blocked in test: ${label}`);
  };
  restore.push(() => {
    obj[name] = original;
  });
}

function installTraps(): void {
  trap(net, 'connect', 'net.connect');
  trap(net, 'createConnection', 'net.createConnection');
  trap(net.Socket.prototype, 'connect', 'net.Socket.connect');
  trap(tls, 'connect', 'tls.connect');
  for (const mod of [http, https]) {
    const label = mod === http ? 'http' : 'https';
    trap(mod, 'request', `${label}.request`);
    trap(mod, 'get', `${label}.get`);
  }
  for (const name of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveTxt', 'resolveSrv', 'resolveMx', 'reverse']) {
    trap(dns, name, `dns.${name}`);
    trap(dns.promises, name, `dns.promises.${name}`);
  }
  trap(dns.Resolver.prototype, 'resolve', 'dns.Resolver.resolve');
  trap(dgram, 'createSocket', 'dgram.createSocket');
  trap(globalThis, 'fetch', 'fetch');
  syncBuiltinESMExports();
}

function removeTraps(): void {
  while (restore.length) restore.pop()!();
  syncBuiltinESMExports();
}

let dir: string;
let core: Core;
const replies: { call: string; ok: boolean; code?: string }[] = [];
const skipped: string[] = [];

/** Runs a step if the contract has the call; the input must still match the contract. */
async function step(call: string, input: unknown, mustSucceed = true): Promise<unknown> {
  if (!(CALL_NAMES as string[]).includes(call) || !(call in handlers)) {
    skipped.push(call);
    return null;
  }
  const parsed = calls[call as CallName].input.safeParse(input);
  expect(parsed.success, `pipeline input for ${call} no longer matches the contract: ${JSON.stringify(parsed.error?.issues ?? [])}`).toBe(true);
  const reply = await core.call({ call, input });
  replies.push({ call, ok: reply.ok, ...(reply.ok ? {} : { code: reply.error.code }) });
  if (mustSucceed) expect(reply, `${call} failed`).toMatchObject({ ok: true });
  return reply.ok ? reply.result : null;
}

beforeAll(() => {
  dir = tempDir('cws-offline-');
  installTraps();
  core = createCore({ operator: 'offline-tester' });
});
afterAll(() => {
  core?.close();
  removeTraps();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('no network', () => {
  it('the traps really catch attempts (so an empty list means something)', async () => {
    const before = attempts.length;
    expect(() => net.connect({ host: '192.0.2.1', port: 80 })).toThrow(/blocked/);
    expect(() => http.get('http://192.0.2.1/')).toThrow(/blocked/);
    await expect(Promise.resolve().then(() => fetch('http://192.0.2.1/'))).rejects.toThrow(/blocked/);
    expect(() => dns.lookup('example.com', () => undefined)).toThrow(/blocked/);
    expect(attempts.length - before).toBe(4);
    attempts.length = 0;
  });

  it('the full demo pipeline and every other contract call make no outbound attempt', async () => {
    const ws = path.join(dir, 'demo.duckdb');
    await step('demo.create', { path: ws, scale: 300, seed: 5 });
    await step('workspace.info', { fingerprint: true });

    const uscc = makeUscc('91', '310120', 'MA1HNW7X');
    const csv = path.join(dir, 'subjects.csv');
    fs.writeFileSync(csv, `uscc,name,town,status\n${uscc},上海离线测试有限公司,南桥镇,存续\n`);
    await step('import.profiles', {});
    await step('import.preview', { file: csv });
    const imported = (await step('import.run', { file: csv, table: 'subjects' })) as { loaded: number } | null;
    if (imported) expect(imported.loaded).toBe(1);

    const ev = (await step('evaluate.run', {})) as { runId: string } | null;
    if (ev) {
      await step('evaluate.summary', { runId: ev.runId });
      await step('evaluate.explain', { runId: ev.runId, uscc });
    }
    await step('tier.run', {});
    await step('tier.summary', {});
    await step('repair.run', { asOf: '2026-06-30' });
    await step('repair.export', {});
    await step('graph.build', {});
    await step('graph.ego', { center: uscc });
    await step('graph.exposure', {});
    await step('overview.summary', {});
    await step('profile.search', { q: '离线测试' });
    await step('profile.get', { uscc });
    await step('profile.export', { uscc, format: 'html', path: path.join(dir, 'profile.html') });
    await step('grid.export', { sql: 'SELECT uscc, name FROM subjects', format: 'xlsx', path: path.join(dir, 'grid.xlsx') });
    await step('query.run', { sql: 'SELECT name, id_number FROM persons LIMIT 5' });
    await step('audit.unmask', { purpose: '离线测试核查' });
    await step('audit.verify', {});
    await step('security.status', {});
    // The report (PDF is left out: it drives a separate Chromium process these traps cannot see).
    await step('report.definition', {});
    await step('report.export', { format: 'xlsx', purpose: '离线测试' });
    await step('report.export', { format: 'html', purpose: '离线测试' });

    // Every call not driven above, with an empty input: a typed answer either way, and still no network.
    const driven = new Set(replies.map((r) => r.call).concat(skipped));
    for (const name of CALL_NAMES) {
      if (driven.has(name) || !(name in handlers) || name === 'demo.create' || name === 'workspace.open' || name === 'security.openEncrypted') continue;
      const reply = await core.call({ call: name, input: {} });
      replies.push({ call: name, ok: reply.ok, ...(reply.ok ? {} : { code: reply.error.code }) });
      if (!reply.ok) expect(reply.error.code).not.toBe('INTERNAL');
    }

    expect(attempts).toEqual([]);
    // The pipeline really ran: the core pieces answered.
    for (const call of ['demo.create', 'import.run', 'evaluate.run', 'tier.run', 'repair.run', 'graph.build']) {
      if (!skipped.includes(call)) expect(replies.find((r) => r.call === call)?.ok, call).toBe(true);
    }
    expect(replies.length).toBeGreaterThan(20);
  });

  it('DuckDB never fetches extensions: autoinstall/autoload off, no network extension loaded', async () => {
    const ws = await core.session.workspace();
    expect(await ws.scalar(`SELECT current_setting('autoinstall_known_extensions')`)).toBe(false);
    expect(await ws.scalar(`SELECT current_setting('autoload_known_extensions')`)).toBe(false);
    const loaded = (await ws.all<{ n: string }>(`SELECT extension_name AS n FROM duckdb_extensions() WHERE loaded`)).map((r) => r.n);
    expect(loaded).not.toContain('httpfs');
    expect(loaded.filter((n) => !['core_functions', 'parquet', 'json', 'icu', 'autocomplete'].includes(n))).toEqual([]);
  });
});
