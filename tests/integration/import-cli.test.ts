// The import contract calls through the core (with audit) and `cws import … --json` end to end.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { tempDir, tempWorkspacePath } from '../helpers/workspace';
import { callOk, testCore } from '../helpers/core';
import { makeUscc } from '../../shared/domain/uscc';

const U1 = makeUscc('91', '310120', 'MA1FC001');
const U2 = makeUscc('91', '310120', 'MA1FC002');
const CSV = [
  'cf_xdr_mc,cf_xdr_lb,cf_xdr_shxym,cf_wsh,cf_jdrq,cf_nr_fk,cf_cfjg',
  `甲公司,法人及非法人组织,${U1},CLI-1,2025-03-01,1.5,奉贤区市场监督管理局`,
  `乙公司,法人及非法人组织,${U2},CLI-2,2025/3/2,0,奉贤区市场监督管理局`,
  `丙公司,法人及非法人组织,BAD,CLI-3,2025.03.03,2,奉贤区市场监督管理局`,
  `甲公司,法人及非法人组织,${U1},CLI-1,2025-03-01,1.5,奉贤区市场监督管理局`,
].join('\n') + '\n';

describe('import contract calls', () => {
  it('preview, run, batches, rejects, undo and profiles, each import and undo audited', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'x.csv');
    fs.writeFileSync(file, CSV);
    const wsPath = tempWorkspacePath();
    const events: { phase: string }[] = [];
    const core = testCore(wsPath, events as never);
    try {
      await callOk(core, 'workspace.open', { path: wsPath, create: true });
      const p = await callOk(core, 'import.preview', { file });
      expect(p).toMatchObject({ format: 'csv', encoding: 'utf-8', table: 'penalties', headerRowIndex: 0, unmatched: [], missingRequired: [] });
      expect(p.profile?.id).toBe('penalties-xyzg');
      expect(p.rows).toHaveLength(4);
      const r = await callOk(core, 'import.run', { file, table: 'penalties' });
      expect(r).toMatchObject({ read: 4, loaded: 2, rejected: 1, duplicates: 1 });
      expect(events.length).toBeGreaterThan(0);
      const batches = await callOk(core, 'import.batches', {});
      expect(batches).toHaveLength(1);
      expect(batches[0]).toMatchObject({ batchId: r.batchId, read: 4, loaded: 2, rejected: 1, duplicates: 1, operator: 'tester', undoneAt: null });
      const rej = await callOk(core, 'import.rejects', { batchId: r.batchId });
      expect(rej).toMatchObject({ total: 1, byReason: [{ reason: 'USCC_INVALID', count: 1 }] });
      expect(rej.rows[0]).toMatchObject({ rowNumber: 3, reasons: ['USCC_INVALID'], original: { cf_wsh: 'CLI-3' } });
      const u = await callOk(core, 'import.undo', { batchId: r.batchId });
      expect(u).toEqual({ batchId: r.batchId, table: 'penalties', deleted: 2 });
      const audit = await (await core.session.workspace()).all<{ action: string }>('SELECT action FROM audit_log ORDER BY seq');
      expect(audit.map((a) => a.action).filter((a) => a.startsWith('import.'))).toEqual(['import.run', 'import.undo']);
      const profiles = await callOk(core, 'import.profiles', {});
      expect(profiles.map((x) => x.id)).toContain('penalties-xyzg');
      const bad = await core.call({ call: 'import.run', input: { file, table: 'nope' } });
      expect(bad.ok).toBe(false);
    } finally {
      core.close();
    }
  });
});

describe('cws import', () => {
  const cws = path.resolve('electron/bin/cws.mjs');
  it('prints exactly the summary keys and reconciles the counts', () => {
    const dir = tempDir();
    const file = path.join(dir, 'x.csv');
    fs.writeFileSync(file, CSV);
    const wsPath = path.join(dir, 'w.duckdb');
    execFileSync(process.execPath, [cws, 'init', wsPath, '--json'], { encoding: 'utf8' });
    const out = execFileSync(process.execPath, [cws, 'import', wsPath, file, '--table', 'penalties', '--encoding', 'auto', '--json'], { encoding: 'utf8' });
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const r = JSON.parse(lines[0]!);
    expect(Object.keys(r)).toEqual(['table', 'read', 'loaded', 'rejected', 'duplicates', 'batchId', 'rejectsFile']);
    expect(r).toMatchObject({ table: 'penalties', read: 4, loaded: 2, rejected: 1, duplicates: 1 });
    expect(r.read).toBe(r.loaded + r.rejected + r.duplicates);
    expect(path.dirname(r.rejectsFile)).toBe(dir);
    expect(fs.existsSync(r.rejectsFile)).toBe(true);
    const again = JSON.parse(execFileSync(process.execPath, [cws, 'import', wsPath, file, '--table', 'penalties', '--json'], { encoding: 'utf8' }));
    expect(again).toMatchObject({ read: 4, loaded: 0, rejected: 1, duplicates: 3 });
    // For people (no --json): progress on stderr, the long statements with their rows (the file's 4 data rows).
    const told = spawnSync(process.execPath, [cws, 'import', wsPath, file, '--table', 'penalties'], { encoding: 'utf8' });
    expect(told.status).toBe(0);
    expect(told.stderr).toMatch(/^解析与校验 \d+% 约 \d \/ 4 行$/m);
    expect(told.stderr).toMatch(/^写入数据表 \d+% 约 \d \/ 4 行$/m);
    expect(told.stdout).toContain('读取 4 行');
    const bad = spawnSync(process.execPath, [cws, 'import', wsPath, file, '--json'], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('--table');
  });
});
