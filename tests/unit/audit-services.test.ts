// Audit capability through the contract: unmask grants (purpose, limits, expiry, revoke, audited), listing with
// filters and paging, hash-chain verification including tail deletion, and `cws audit`.
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { openWorkspace } from '../../electron/core/workspace';
import { appendAudit } from '../../electron/core/audit';
import { AUDIT_ACTION_LABELS, type AuditListResult, type UnmaskStatus } from '../../shared/contract/audit';
import type { QueryPage } from '../../shared/contract';
import { main } from '../../electron/cli';
import { testCore } from '../helpers/core';
import { tempWorkspacePath } from '../helpers/workspace';
import type { Core } from '../../electron/core/services';

let file: string;
let core: Core;

async function call<T>(name: string, input: unknown): Promise<T> {
  const reply = await core.call({ call: name, input });
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), reply.error);
  return reply.result as T;
}

async function personRow(): Promise<Record<string, unknown>> {
  const page = await call<QueryPage>('query.run', { sql: 'SELECT name, id_number, phone FROM persons' });
  return tableFromIPC(page.arrow).get(0)!.toJSON();
}

beforeAll(async () => {
  file = tempWorkspacePath('audit.duckdb');
  const ws = await openWorkspace(file, { create: true, threads: 2 });
  await ws.run(`INSERT INTO persons (person_id, name, id_number, phone) VALUES (person_key('11010519491231002X'), '张三丰', '11010519491231002X', '13812345678')`);
  ws.close();
  core = testCore(file);
});
afterAll(() => core?.close());
afterEach(() => {
  vi.useRealTimers();
});

describe('unmask', () => {
  it('needs a purpose of at least 4 characters and 1–60 minutes', async () => {
    for (const input of [{}, { purpose: '查看' }, { purpose: '    ' }, { purpose: '核查举报线索', minutes: 0 }, { purpose: '核查举报线索', minutes: 61 }, { purpose: '核查举报线索', minutes: 1.5 }]) {
      expect(await core.call({ call: 'audit.unmask', input })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
    expect(await call<UnmaskStatus>('audit.unmaskStatus', {})).toEqual({ active: false, purpose: null, until: null, remainingSeconds: 0 });
  });

  it('masked by default; raw while granted (audited with the purpose); masked again after expiry', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-02T09:00:00'));
    expect(await personRow()).toEqual({ name: '张**', id_number: '110105********002X', phone: '138****5678' });

    const status = await call<UnmaskStatus>('audit.unmask', { purpose: '  核查举报线索 2026-031 ' });
    // Default 15 minutes from 09:00 local.
    expect(status).toEqual({ active: true, purpose: '核查举报线索 2026-031', until: new Date('2026-03-02T09:15:00').toISOString(), remainingSeconds: 900 });
    expect(await personRow()).toEqual({ name: '张三丰', id_number: '11010519491231002X', phone: '13812345678' });

    vi.setSystemTime(new Date('2026-03-02T09:14:59'));
    expect((await call<UnmaskStatus>('audit.unmaskStatus', {})).remainingSeconds).toBe(1);
    vi.setSystemTime(new Date('2026-03-02T09:15:01'));
    expect(await call<UnmaskStatus>('audit.unmaskStatus', {})).toMatchObject({ active: false });
    expect(await personRow()).toEqual({ name: '张**', id_number: '110105********002X', phone: '138****5678' });

    const log = await call<AuditListResult>('audit.list', { action: 'unmask.grant' });
    expect(log.entries).toHaveLength(1);
    expect(log.entries[0]).toMatchObject({ operator: 'tester', purpose: '核查举报线索 2026-031', actionLabel: '临时查看未脱敏信息', detail: { minutes: 15 } });
    const queries = await call<AuditListResult>('audit.list', { action: 'query.personal' });
    // Newest first: masked (after expiry), unmasked (with the grant's purpose), masked (before).
    expect(queries.entries.map((e) => [e.detail?.unmasked, e.purpose])).toEqual([
      [false, null],
      [true, '核查举报线索 2026-031'],
      [false, null],
    ]);
  });

  it('revoke ends the grant at once and is audited', async () => {
    await call('audit.unmask', { purpose: '信用修复材料复核', minutes: 60 });
    expect((await personRow()).name).toBe('张三丰');
    expect(await call<UnmaskStatus>('audit.revoke', {})).toMatchObject({ active: false });
    expect((await personRow()).name).toBe('张**');
    const log = await call<AuditListResult>('audit.list', { action: 'unmask.revoke' });
    expect(log.entries[0]).toMatchObject({ purpose: '信用修复材料复核', actionLabel: '结束查看未脱敏信息' });
  });

  it('main.persons stays refused while masked, and is allowed while granted', async () => {
    expect(await core.call({ call: 'query.run', input: { sql: 'SELECT id_number FROM main.persons' } })).toMatchObject({ ok: false, error: { code: 'SQL_FORBIDDEN' } });
    await call('audit.unmask', { purpose: '核对身份证号', minutes: 1 });
    const page = await call<QueryPage>('query.run', { sql: 'SELECT id_number FROM main.persons' });
    expect(tableFromIPC(page.arrow).get(0)!.toJSON().id_number).toBe('11010519491231002X');
    await call('audit.revoke', {});
  });
});

describe('audit.list', () => {
  it('pages newest first and filters by action, operator, date and text', async () => {
    const local = await openWorkspace(tempWorkspacePath('list.duckdb'), { create: true, threads: 2 });
    const localFile = local.path;
    try {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2026-01-05T23:30:00'));
      await appendAudit(local, { operator: '李四', action: 'import.run', target: 'penalties', detail: { rows: 120 } });
      await appendAudit(local, { operator: '王五', action: 'export.file', target: '名单.xlsx', purpose: '年度报送', detail: { rows: 30 } });
      vi.setSystemTime(new Date('2026-02-10T00:10:00'));
      await appendAudit(local, { operator: '李四', action: 'evaluate.run', target: 'run-1' });
      await appendAudit(local, { operator: '李四', action: 'export.file', target: '评价结果.xlsx', purpose: '专项检查', detail: { rows: 7 } });
      await appendAudit(local, { operator: '王五', action: 'custom.thing' });
      vi.useRealTimers();
    } finally {
      local.close();
    }
    const c = testCore(localFile);
    try {
      const list = async (input: Record<string, unknown>) => {
        const r = await c.call({ call: 'audit.list', input });
        if (!r.ok) throw new Error(r.error.message);
        return r.result as AuditListResult;
      };
      const all = await list({});
      // workspace creation is not audited by openWorkspace itself: exactly the five appended entries.
      expect(all.total).toBe(5);
      expect(all.entries.map((e) => e.seq)).toEqual([5, 4, 3, 2, 1]);
      expect(all.entries[4]).toMatchObject({ operator: '李四', action: 'import.run', actionLabel: '数据导入', detail: { rows: 120 } });
      expect(all.entries[0]!.actionLabel).toBe('custom.thing');
      expect(all.operators).toEqual(['李四', '王五']);
      expect(all.actions).toContainEqual({ action: 'export.file', label: '导出文件' });

      const page2 = await list({ limit: 2, offset: 2 });
      expect(page2.entries.map((e) => e.seq)).toEqual([3, 2]);
      expect(page2.total).toBe(5);

      expect((await list({ action: 'export.file' })).entries.map((e) => e.target)).toEqual(['评价结果.xlsx', '名单.xlsx']);
      expect((await list({ operator: '王五' })).entries.map((e) => e.seq)).toEqual([5, 2]);
      // Local calendar days: 23:30 on 5 January belongs to 5 January.
      expect((await list({ from: '2026-01-05', to: '2026-01-05' })).entries.map((e) => e.seq)).toEqual([2, 1]);
      expect((await list({ from: '2026-02-10' })).total).toBe(3);
      expect((await list({ to: '2026-01-04' })).total).toBe(0);
      expect((await list({ search: '专项' })).entries.map((e) => e.seq)).toEqual([4]);
      expect((await list({ action: 'export.file', operator: '李四', from: '2026-02-01' })).entries.map((e) => e.seq)).toEqual([4]);
      expect(await c.call({ call: 'audit.list', input: { from: '2026/01/05' } })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    } finally {
      c.close();
    }
  });

  it('every action the core writes has a Chinese label', () => {
    const actions = new Set<string>();
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = `${d}/${e.name}`;
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.ts')) for (const m of fs.readFileSync(p, 'utf-8').matchAll(/action:\s*'([a-z]+(?:\.[a-zA-Z]+)+)'/g)) actions.add(m[1]!);
      }
    };
    walk('electron/core');
    expect(actions.size).toBeGreaterThan(5);
    const unlabelled = [...actions].filter((a) => !AUDIT_ACTION_LABELS[a]);
    expect(unlabelled, 'add these to AUDIT_ACTION_LABELS in shared/contract/audit.ts').toEqual([]);
  });

  it('every action label is Chinese', () => {
    for (const [action, label] of Object.entries(AUDIT_ACTION_LABELS)) {
      expect(action).toMatch(/^[a-z]+(\.[a-zA-Z]+)+$/);
      expect(label).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('audit.verify and cws audit', () => {
  it('detects an edited entry, a deleted middle entry, a reorder and a cut-off tail', async () => {
    const path = tempWorkspacePath('verify.duckdb');
    const ws = await openWorkspace(path, { create: true, threads: 2 });
    try {
      for (let i = 1; i <= 5; i++) await appendAudit(ws, { operator: 'u', action: 'query.personal', detail: { i } });
      const { verifyAudit } = await import('../../electron/core/audit');
      expect(await verifyAudit(ws)).toEqual({ ok: true, entries: 5, brokenAt: null, reason: null });

      await ws.run(`UPDATE audit_log SET purpose = '伪造事由' WHERE seq = 3`);
      expect(await verifyAudit(ws)).toMatchObject({ ok: false, brokenAt: 3 });
      await ws.run(`UPDATE audit_log SET purpose = NULL WHERE seq = 3`);
      expect((await verifyAudit(ws)).ok).toBe(true);

      // Reorder: swap the contents of 2 and 3 (keeping their seq numbers).
      await ws.run(`CREATE TEMP TABLE saved AS SELECT * FROM audit_log WHERE seq IN (2, 3)`);
      await ws.run(`UPDATE audit_log SET detail = (SELECT detail FROM saved WHERE seq = 3), hash = (SELECT hash FROM saved WHERE seq = 3), prev_hash = (SELECT prev_hash FROM saved WHERE seq = 3) WHERE seq = 2`);
      await ws.run(`UPDATE audit_log SET detail = (SELECT detail FROM saved WHERE seq = 2), hash = (SELECT hash FROM saved WHERE seq = 2), prev_hash = (SELECT prev_hash FROM saved WHERE seq = 2) WHERE seq = 3`);
      expect(await verifyAudit(ws)).toMatchObject({ ok: false, brokenAt: 2 });
      await ws.run(`DELETE FROM audit_log WHERE seq IN (2, 3)`);
      await ws.run(`INSERT INTO audit_log SELECT * FROM saved`);
      expect((await verifyAudit(ws)).ok).toBe(true);

      // Cutting off the newest entry leaves a self-consistent chain; the head catches it.
      await ws.run(`DELETE FROM audit_log WHERE seq = 5`);
      expect(await verifyAudit(ws)).toMatchObject({ ok: false, brokenAt: 5, reason: expect.stringContaining('末尾') });
      await ws.run(`DROP TABLE audit_head`);
      expect(await verifyAudit(ws)).toMatchObject({ ok: false, reason: expect.stringContaining('链头表被删除') });
    } finally {
      ws.close();
    }

    // cws audit --verify: the JSON on stdout, the reason on stderr, exit code 1.
    const out: string[] = [];
    const err: string[] = [];
    const o = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => (out.push(String(c)), true));
    const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => (err.push(String(c)), true));
    try {
      expect(await main(['audit', path, '--verify', '--json'])).toBe(1);
      expect(JSON.parse(out.join(''))).toMatchObject({ ok: false, entries: 4, brokenAt: 4 });
      expect(err.join('')).toContain('链头表被删除');
      out.length = 0;
      expect(await main(['audit', path, '--json', '--action', 'query.personal', '--limit', '2'])).toBe(0);
      const listed = JSON.parse(out.join('')) as { entries: { seq: number; actionLabel: string }[]; total: number };
      expect(listed.entries.map((x) => x.seq)).toEqual([4, 3]);
      expect(listed.total).toBe(4);
      expect(listed.entries[0]!.actionLabel).toBe('查询个人信息');
    } finally {
      o.mockRestore();
      e.mockRestore();
    }
    fs.rmSync(path, { force: true });
  });

  it('cws query shows masked values and is audited', async () => {
    const path = tempWorkspacePath('cli-mask.duckdb');
    const ws = await openWorkspace(path, { create: true, threads: 2 });
    await ws.run(`INSERT INTO persons (person_id, name, id_number, phone) VALUES ('P9', '欧阳娜娜', '11010519491231002X', '13900001111')`);
    ws.close();
    const out: string[] = [];
    const o = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => (out.push(String(c)), true));
    const e = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['query', path, 'SELECT name, id_number, phone FROM persons', '--format', 'json'])).toBe(0);
      expect(JSON.parse(out.join(''))).toEqual([{ name: '欧***', id_number: '110105********002X', phone: '139****1111' }]);
      out.length = 0;
      expect(await main(['query', path, 'SELECT id_number FROM main.persons', '--format', 'csv'])).toBe(1);
      expect(out.join('')).not.toContain('11010519491231002X');
      out.length = 0;
      expect(await main(['audit', path, '--json'])).toBe(0);
      const listed = JSON.parse(out.join('')) as { entries: { action: string; target: string; detail: { unmasked: boolean } }[] };
      expect(listed.entries).toHaveLength(1);
      expect(listed.entries[0]).toMatchObject({ action: 'query.personal', target: 'persons', detail: { unmasked: false } });
    } finally {
      o.mockRestore();
      e.mockRestore();
    }
    fs.rmSync(path, { force: true });
  });

  it('a freshly written log verifies through the contract', async () => {
    expect(await call('audit.verify', {})).toMatchObject({ ok: true, brokenAt: null });
  });
});
