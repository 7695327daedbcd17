// The served page's defences, over real HTTP on loopback: per-run token, Host check (DNS rebinding), cross-origin
// calls refused, never any CORS header, loopback-only listening, CSP on pages, no path traversal.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../electron/serve';
import { CSP } from '../../electron/window-options';
import { openWorkspace } from '../../electron/core/workspace';
import { decodeWire } from '../../shared/wire';
import { tempDir } from '../helpers/workspace';

let server: RunningServer;
let dir: string;

interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function request(options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, method: options.method ?? 'GET', path: options.path, headers: { host: `127.0.0.1:${server.port}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

const call = (headers: Record<string, string> = {}) =>
  request({ method: 'POST', path: '/api/call', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ call: 'workspace.info', input: {} }) });

beforeAll(async () => {
  dir = tempDir('cws-serve-');
  const wsPath = path.join(dir, 'w.duckdb');
  (await openWorkspace(wsPath, { create: true, threads: 2 })).close();
  const staticDir = path.join(dir, 'static');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'top secret');
  server = await startServer({ workspacePath: wsPath, staticDir, operator: 'tester' });
});
afterAll(async () => {
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function noCors(res: Res): void {
  for (const h of Object.keys(res.headers)) expect(h.startsWith('access-control-')).toBe(false);
}

describe('token', () => {
  it('is required and must match', async () => {
    const none = await call();
    expect(none.status).toBe(401);
    const wrong = await call({ 'x-cws-token': server.token.slice(0, -1) + (server.token.endsWith('a') ? 'b' : 'a') });
    expect(wrong.status).toBe(401);
    const short = await call({ 'x-cws-token': 'x' });
    expect(short.status).toBe(401);
    const ok = await call({ 'x-cws-token': server.token });
    expect(ok.status).toBe(200);
    expect(decodeWire<{ ok: boolean }>(new Uint8Array(ok.body)).ok).toBe(true);
    for (const r of [none, wrong, short, ok]) noCors(r);
    expect(server.token).toMatch(/^[0-9a-f]{48}$/);
  });

  it('events and uploads need it too', async () => {
    expect((await request({ path: '/api/events' })).status).toBe(401);
    expect((await request({ method: 'POST', path: '/api/upload?name=x.csv', body: 'a,b' })).status).toBe(401);
    expect(fs.existsSync(path.join(dir, 'uploads'))).toBe(false);
  });
});

describe('Host and Origin', () => {
  it('refuses another Host (DNS rebinding), even with the token', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, `0.0.0.0:${server.port}`]) {
      const r = await call({ host, 'x-cws-token': server.token });
      expect(r.status).toBe(403);
      noCors(r);
    }
    expect((await request({ path: '/', headers: { host: 'evil.example' } })).status).toBe(403);
  });

  it('refuses a cross-origin call even with the token, and answers no preflight', async () => {
    const r = await call({ origin: 'http://evil.example', 'x-cws-token': server.token });
    expect(r.status).toBe(403);
    noCors(r);
    const pre = await request({
      method: 'OPTIONS',
      path: '/api/call',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-cws-token' },
    });
    expect(pre.status).toBeGreaterThanOrEqual(400);
    noCors(pre);
    const same = await call({ origin: `http://127.0.0.1:${server.port}`, 'x-cws-token': server.token });
    expect(same.status).toBe(200);
    noCors(same);
  });
});

describe('listening and static files', () => {
  it('listens on loopback only', async () => {
    expect(new URL(server.url).hostname).toBe('127.0.0.1');
    const external = Object.values(os.networkInterfaces())
      .flat()
      .filter((a): a is os.NetworkInterfaceInfo => !!a && a.family === 'IPv4' && !a.internal)
      .map((a) => a.address);
    for (const address of external) {
      const refused = await new Promise<boolean>((resolve) => {
        const s = net.connect({ host: address, port: server.port });
        s.once('connect', () => (s.destroy(), resolve(false)));
        s.once('error', () => resolve(true));
      });
      expect(refused).toBe(true);
    }
  });

  it('pages carry the CSP and anti-framing headers; no traversal out of the static folder', async () => {
    const page = await request({ path: '/' });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(CSP);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    noCors(page);
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2fsecret.txt']) {
      const r = await request({ path: p });
      expect(r.body.toString()).not.toContain('top secret');
    }
  });
});
