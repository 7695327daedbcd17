// A read-only workspace cannot hold audit entries, yet every query of personal data must be audited: the entry goes
// to a hash-chained sidecar `<ws>.audit-pending.jsonl` (mode 0600), shows in audit.list marked 待并入, is verified by
// audit.verify, and moves into audit_log (original time kept) the next time the workspace is opened writable.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../electron/core/workspace';
import { mergePendingAudit, pendingAuditPath, verifyAudit } from '../../electron/core/audit';
import { createCore } from '../../electron/core/services';
import { callOk } from '../helpers/core';
import { createUnsafeEncryptedFixture } from '../helpers/unsafe-encrypted-fixture';
import { tempDir } from '../helpers/workspace';

const ID_NUMBER = '11010519491231002X';
const PERSON = '欧阳秀英';
const PASSPHRASE = '奉贤信用办 2026 口令';

let dir: string;
beforeAll(() => {
  dir = tempDir('cws-audit-ro-');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function workspaceWithPerson(name: string): Promise<string> {
  const file = path.join(dir, name);
  const ws = await openWorkspace(file, { create: true, threads: 2 });
  await ws.run(`INSERT INTO persons (person_id, name, id_number, id_masked) VALUES (person_key(?), ?, ?, mask_id(?))`, [
    ID_NUMBER, PERSON, ID_NUMBER, ID_NUMBER,
  ]);
  await ws.checkpoint();
  ws.close();
  return file;
}

const sidecarLines = (file: string) =>
  fs.readFileSync(pendingAuditPath(file), 'utf-8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

/** The chain rule, written out independently of the product: sha256(prev + '\n' + JSON of the fields). */
function expectedHash(prev: string, l: Record<string, unknown>): string {
  const detail = l.detail === null ? null : JSON.stringify(l.detail);
  const body = JSON.stringify([l.seq, l.logged_at, l.operator, l.action, l.target, l.purpose, detail]);
  return crypto.createHash('sha256').update(prev).update('\n').update(body).digest('hex');
}
const GENESIS = crypto.createHash('sha256').update('cws audit-pending genesis v1').digest('hex');

describe('personal-data query on a read-only workspace', () => {
  let file: string;
  let tableEntriesBefore: number;
  let loggedAt: string;

  it('goes to the sidecar: one entry, mode 0600, a valid chain, listed as 待并入', async () => {
    file = await workspaceWithPerson('plain.duckdb');
    const probe = await openWorkspace(file, { readOnly: true });
    expect(probe.readOnly).toBe(true);
    tableEntriesBefore = (await verifyAudit(probe)).entries;
    probe.close();

    const core = createCore({ workspacePath: file, readOnly: true, operator: '张科员' });
    const before = Date.now();
    try {
      const page = await callOk(core, 'query.run', { sql: `SELECT name, id_number FROM persons WHERE name <> '${PERSON}'` });
      expect(page.personal).toBe(true);

      const lines = sidecarLines(file);
      expect(lines).toHaveLength(1);
      const [line] = lines as [Record<string, unknown>];
      expect(line).toMatchObject({ seq: 1, operator: '张科员', action: 'query.personal', target: 'persons', prev_hash: GENESIS });
      expect((line.detail as { sql: string; rows: number }).sql).toContain(PERSON); // plain workspace: the SQL is kept
      // User SQL sees the masked view, so the full name matches no row and `<>` keeps the one person.
      expect((line.detail as { rows: number }).rows).toBe(1);
      expect(line.hash).toBe(expectedHash(GENESIS, line));
      loggedAt = line.logged_at as string;
      expect(Date.parse(loggedAt)).toBeGreaterThanOrEqual(before - 1000);
      expect(fs.statSync(pendingAuditPath(file)).mode & 0o777).toBe(0o600);

      const list = await callOk(core, 'audit.list', {});
      expect(list.total).toBe(tableEntriesBefore + 1);
      expect(list.entries[0]).toMatchObject({ action: 'query.personal', actionLabel: expect.stringContaining('待并入'), operator: '张科员' });
      expect(list.operators).toContain('张科员');
      // Filters apply to pending entries too.
      expect((await callOk(core, 'audit.list', { action: 'export.file' })).entries.some((e) => e.action === 'query.personal')).toBe(false);

      expect(await callOk(core, 'audit.verify', {})).toEqual({ ok: true, entries: tableEntriesBefore + 1, brokenAt: null, reason: null });

      // A second query chains from the first line.
      await callOk(core, 'query.run', { sql: 'SELECT count(*) FROM persons' });
      const two = sidecarLines(file);
      expect(two).toHaveLength(2);
      expect(two[1]).toMatchObject({ seq: 2, prev_hash: line.hash });
      expect(two[1]!.hash).toBe(expectedHash(line.hash as string, two[1]!));
    } finally {
      core.close();
    }
    // The workspace file itself was not written.
    const ws = await openWorkspace(file, { readOnly: true });
    expect((await verifyAudit(ws)).entries).toBe(tableEntriesBefore);
    ws.close();
  });

  it('a tampered sidecar line is reported by audit.verify', async () => {
    const sidecar = pendingAuditPath(file);
    const original = fs.readFileSync(sidecar, 'utf-8');
    const lines = original.split('\n').filter(Boolean);
    const edited = JSON.parse(lines[0]!) as Record<string, unknown>;
    edited.operator = '李四';
    fs.writeFileSync(sidecar, [JSON.stringify(edited), ...lines.slice(1)].join('\n') + '\n');
    const core = createCore({ workspacePath: file, readOnly: true, operator: '张科员' });
    try {
      const result = await callOk(core, 'audit.verify', {});
      expect(result).toMatchObject({ ok: false, brokenAt: tableEntriesBefore + 1, reason: expect.stringContaining('待并入') });
      expect(result.reason).toContain('修改');

      // Deleting the first line breaks the chain too.
      fs.writeFileSync(sidecar, lines.slice(1).join('\n') + '\n');
      expect(await callOk(core, 'audit.verify', {})).toMatchObject({ ok: false, brokenAt: tableEntriesBefore + 1 });
    } finally {
      core.close();
      fs.writeFileSync(sidecar, original, { mode: 0o600 });
    }
  });

  it('reopened writable: the entries move into audit_log in order with their time, the sidecar is gone', async () => {
    const core = createCore({ workspacePath: file, operator: '王科长' });
    try {
      await callOk(core, 'workspace.open', { path: file });
      expect(fs.existsSync(pendingAuditPath(file))).toBe(false);
      const list = await callOk(core, 'audit.list', {});
      const newest = list.entries.slice(0, 3).reverse();
      expect(newest.map((e) => e.action)).toEqual(['query.personal', 'query.personal', 'workspace.open']);
      expect(newest.map((e) => e.seq)).toEqual([tableEntriesBefore + 1, tableEntriesBefore + 2, tableEntriesBefore + 3]);
      expect(newest[0]).toMatchObject({ operator: '张科员', loggedAt, target: 'persons', actionLabel: '查询个人信息' });
      expect(newest[0]!.detail).toMatchObject({ pending_from: pendingAuditPath(file), rows: 1 });
      expect(newest[2]!.operator).toBe('王科长');
      expect(list.entries.some((e) => e.actionLabel.includes('待并入'))).toBe(false);
      expect(await callOk(core, 'audit.verify', {})).toEqual({ ok: true, entries: tableEntriesBefore + 3, brokenAt: null, reason: null });
    } finally {
      core.close();
    }
    const ws = await openWorkspace(file);
    try {
      expect(await verifyAudit(ws)).toMatchObject({ ok: true, entries: tableEntriesBefore + 3 });
      // Nothing left to merge, so nothing is merged twice.
      expect(await mergePendingAudit(ws)).toEqual({ merged: 0, chainBroken: null });
    } finally {
      ws.close();
    }
  });

  it('a sidecar left behind after its entries were merged is not merged twice', async () => {
    const other = await workspaceWithPerson('again.duckdb');
    const ro = createCore({ workspacePath: other, readOnly: true, operator: 'u' });
    await callOk(ro, 'query.run', { sql: 'SELECT name FROM persons' });
    ro.close();
    const copy = fs.readFileSync(pendingAuditPath(other));
    const ws = await openWorkspace(other); // opening it writable merges the sidecar
    try {
      expect(fs.existsSync(pendingAuditPath(other))).toBe(false);
      const merged = await ws.all<{ action: string }>(`SELECT action FROM audit_log WHERE detail->>'pending_from' IS NOT NULL`);
      expect(merged.map((r) => r.action)).toEqual(['query.personal']);
      const n = (await verifyAudit(ws)).entries;
      fs.writeFileSync(pendingAuditPath(other), copy); // as if removing it had failed after the commit
      expect(await mergePendingAudit(ws)).toEqual({ merged: 0, chainBroken: null });
      expect(fs.existsSync(pendingAuditPath(other))).toBe(false);
      expect(await verifyAudit(ws)).toMatchObject({ ok: true, entries: n });
    } finally {
      ws.close();
    }
  });
});

describe('encrypted workspace opened read-only (no httpfs here)', () => {
  it('the sidecar keeps action, operator, time, tables, purpose and row counts — no SQL text, no values', async () => {
    const file = path.join(dir, 'secret.duckdb');
    await createUnsafeEncryptedFixture(file, PASSPHRASE, async (ws) => {
      await ws.run(`INSERT INTO persons (person_id, name, id_number, id_masked) VALUES (person_key(?), ?, ?, mask_id(?))`, [
        ID_NUMBER, PERSON, ID_NUMBER, ID_NUMBER,
      ]);
    });
    const core = createCore({ workspacePath: file, passphrase: PASSPHRASE, operator: '张科员' });
    try {
      expect(await callOk(core, 'security.status', {})).toMatchObject({ workspace: { encrypted: true, readOnly: true } });
      await callOk(core, 'query.run', { sql: `SELECT name FROM persons WHERE id_number <> '${ID_NUMBER}' OR name = '${PERSON}'` });
      const text = fs.readFileSync(pendingAuditPath(file), 'utf-8');
      for (const needle of [ID_NUMBER, PERSON, 'SELECT', 'id_number']) expect(text).not.toContain(needle);
      const lines = sidecarLines(file);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ action: 'query.personal', operator: '张科员', target: 'persons', purpose: null, detail: { rows: 1, redacted: true } });
      expect(Object.keys(lines[0]!.detail as object).sort()).toEqual(['redacted', 'rows']);
      expect(lines[0]!.hash).toBe(expectedHash(GENESIS, lines[0]!));
      expect(await callOk(core, 'audit.verify', {})).toMatchObject({ ok: true });
    } finally {
      core.close();
    }
  });
});
