// Uploaded extracts can hold raw ID numbers and must not linger: the served page's upload is deleted when the
// import that read it ends (loaded, failed or cancelled), leftovers go on close(), a crashed run's old uploads at the
// next start — and files that were not uploaded are never touched. Also: slow calls are named on stderr when asked.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startServer, type RunningServer } from '../../electron/serve';
import { openWorkspace } from '../../electron/core/workspace';
import { decodeWire } from '../../shared/wire';
import type { CallReply } from '../../shared/contract';
import { makeUscc } from '../../shared/domain/uscc';
import { tempDir } from '../helpers/workspace';

let dir: string;
let wsPath: string;
let staticDir: string;
let server: RunningServer | undefined;

const uploadDir = () => path.join(dir, 'uploads');
const listUploads = () => (fs.existsSync(uploadDir()) ? fs.readdirSync(uploadDir()) : []);

const U1 = makeUscc('91', '310120', 'MA1UP001');
const U2 = makeUscc('91', '310120', 'MA1UP002');
// Two valid rows and one without a name: read 3 = loaded 2 + rejected 1.
const CSV = [
  '行政相对人名称,行政相对人类别,行政相对人代码_1(统一社会信用代码),行政处罚决定书文号,处罚决定日期,罚款金额(万元),处罚机关',
  `甲公司,法人及非法人组织,${U1},奉罚〔2026〕1号,2026-03-01,1.5,奉贤区市场监督管理局`,
  `乙公司,法人及非法人组织,${U2},奉罚〔2026〕2号,2026-03-02,2,奉贤区市场监督管理局`,
  `,法人及非法人组织,${U2},奉罚〔2026〕3号,2026-03-03,2,奉贤区市场监督管理局`,
].join('\n') + '\n';

function request(options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<{ status: number; body: Buffer }> {
  const port = server!.port;
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: { host: `127.0.0.1:${port}`, 'x-cws-token': server!.token, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

async function upload(name: string, body: string | Buffer): Promise<string> {
  const res = await request({ method: 'POST', path: `/api/upload?name=${encodeURIComponent(name)}`, headers: { 'content-type': 'application/octet-stream' }, body });
  expect(res.status).toBe(200);
  const saved = JSON.parse(res.body.toString('utf-8')) as { path: string; size: number };
  expect(saved.size).toBe(Buffer.byteLength(body));
  return saved.path;
}

async function call<T>(name: string, input: unknown): Promise<{ ok: boolean; result?: T; error?: { code: string } }> {
  const res = await request({ method: 'POST', path: '/api/call', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ call: name, input }) });
  expect(res.status).toBe(200);
  return decodeWire<CallReply<T>>(new Uint8Array(res.body)) as { ok: boolean; result?: T; error?: { code: string } };
}

beforeEach(async () => {
  dir = tempDir('cws-serve-uploads-');
  wsPath = path.join(dir, 'w.duckdb');
  (await openWorkspace(wsPath, { create: true, threads: 2 })).close();
  staticDir = path.join(dir, 'static');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
});

afterEach(async () => {
  await server?.close();
  server = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

const start = async () => (server = await startServer({ workspacePath: wsPath, staticDir, operator: 'tester' }));

describe('uploads of the served page', () => {
  it('are saved under <workspace dir>/uploads, survive a preview, and are deleted once the import has loaded them', async () => {
    await start();
    const file = await upload('罚款.csv', CSV);
    expect(path.dirname(file)).toBe(uploadDir());
    expect(fs.readFileSync(file, 'utf-8')).toBe(CSV);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o077).toBe(0);

    const preview = await call<{ headers: string[] }>('import.preview', { file });
    expect(preview.ok).toBe(true);
    expect(fs.existsSync(file)).toBe(true);

    const run = await call<{ read: number; loaded: number; rejected: number; duplicates: number; batchId: string }>('import.run', { file, table: 'penalties' });
    expect(run.ok).toBe(true);
    expect(run.result).toMatchObject({ read: 3, loaded: 2, rejected: 1, duplicates: 0 });
    expect(fs.existsSync(file)).toBe(false);
    expect(listUploads()).toEqual([]);
    const batches = await call<{ batchId: string; loaded: number }[]>('import.batches', {});
    expect(batches.result?.map((b) => [b.batchId, b.loaded])).toEqual([[run.result!.batchId, 2]]);
  });

  it('are deleted when the import fails too, and a second upload of the same name is a separate file', async () => {
    await start();
    const a = await upload('same.csv', CSV);
    const b = await upload('same.csv', 'not,a,penalty\n1,2,3\n');
    expect(a).not.toBe(b);
    const failed = await call('import.run', { file: b, table: 'no_such_table' });
    expect(failed.ok).toBe(false);
    expect(fs.existsSync(b)).toBe(false);
    expect(fs.existsSync(a)).toBe(true);
    // A broken file: the reader fails, the workspace is unchanged, the upload is gone.
    const broken = await upload('broken.csv', '行政相对人名称,处罚机关\n"甲公司,未闭合的引号\n');
    const r = await call('import.run', { file: broken, table: 'penalties' });
    expect(fs.existsSync(broken)).toBe(false);
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('IMPORT_FAILED');
    expect((await call<unknown[]>('import.batches', {})).result).toEqual([]);
  });

  it('never deletes a file that was not uploaded', async () => {
    await start();
    const own = path.join(dir, 'own.csv');
    fs.writeFileSync(own, CSV);
    const run = await call<{ loaded: number }>('import.run', { file: own, table: 'penalties' });
    expect(run.ok).toBe(true);
    expect(run.result?.loaded).toBe(2);
    expect(fs.readFileSync(own, 'utf-8')).toBe(CSV);
  });

  it('close() removes uploads no import has used', async () => {
    await start();
    const a = await upload('a.csv', CSV);
    const b = await upload('b.csv', CSV);
    expect(listUploads().sort()).toEqual([path.basename(a), path.basename(b)].sort());
    await server!.close();
    server = undefined;
    expect(listUploads()).toEqual([]);
  });

  it('a start removes uploads older than 24 hours and keeps newer ones', async () => {
    fs.mkdirSync(uploadDir());
    const old = path.join(uploadDir(), '1-old.csv');
    const recent = path.join(uploadDir(), '2-recent.csv');
    fs.writeFileSync(old, CSV);
    fs.writeFileSync(recent, CSV);
    const dayAndAHourAgo = new Date(Date.now() - 25 * 3600_000);
    fs.utimesSync(old, dayAndAHourAgo, dayAndAHourAgo);
    const twentyThreeHoursAgo = new Date(Date.now() - 23 * 3600_000);
    fs.utimesSync(recent, twentyThreeHoursAgo, twentyThreeHoursAgo);
    await start();
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.existsSync(recent)).toBe(true);
  });

  it('an upload broken off half way leaves no partial file', async () => {
    await start();
    const port = server!.port;
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/upload?name=half.csv',
      headers: { host: `127.0.0.1:${port}`, 'x-cws-token': server!.token, 'content-length': String(1024 * 1024) },
    });
    req.on('error', () => undefined);
    req.write(Buffer.alloc(64 * 1024, 0x41));
    // The server has started writing the upload …
    await expect.poll(() => listUploads().length, { timeout: 5000 }).toBe(1);
    // … and the client goes away before the announced megabyte arrived.
    req.destroy();
    await expect.poll(() => listUploads(), { timeout: 5000 }).toEqual([]);
  });
});

describe('slow calls of the served page', () => {
  it('are printed by name while they run and when they end, with CWS_SERVE_SLOW_MS set', async () => {
    await start();
    const file = await upload('罚款.csv', CSV);
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => (lines.push(String(chunk)), true));
    const before = process.env.CWS_SERVE_SLOW_MS;
    process.env.CWS_SERVE_SLOW_MS = '1';
    try {
      expect((await call('import.run', { file, table: 'penalties' })).ok).toBe(true);
    } finally {
      spy.mockRestore();
      if (before === undefined) delete process.env.CWS_SERVE_SLOW_MS;
      else process.env.CWS_SERVE_SLOW_MS = before;
    }
    expect(lines.some((l) => /\[cws serve\] import\.run still running after 1 ms/.test(l))).toBe(true);
    expect(lines.some((l) => /\[cws serve\] import\.run ended after \d+ ms/.test(l))).toBe(true);
  });
});
