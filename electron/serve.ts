// The page face: serves the built renderer and the contract over HTTP on 127.0.0.1 only. Every API request needs
// the per-run token; Host must be the loopback address we listen on (no DNS rebinding); no CORS headers are ever
// sent; progress arrives as server-sent events.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from './core/services';
import { encodeWire } from '../shared/wire';
import type { CallEnvelope, ProgressEvent } from '../shared/contract';
import { defaultWorkspacePath } from './core/demo/services';

export interface ServeOptions {
  /** Workspace to open; when it does not exist the page offers (and on first run starts) the demo. */
  workspacePath?: string;
  port?: number;
  /** Built renderer (index.html + assets). */
  staticDir?: string;
  token?: string;
  operator?: string;
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  core: Core;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

const MAX_CALL_BYTES = 2 * 1024 * 1024;
const MAX_UPLOAD_BYTES = 4 * 1024 * 1024 * 1024;
/** Uploads left behind by a server that was killed are removed at the next start once they are this old. */
const STALE_UPLOAD_MS = 24 * 3600_000;

export const RENDERER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'out', 'renderer');

export async function startServer(options: ServeOptions = {}): Promise<RunningServer> {
  const token = options.token ?? crypto.randomBytes(24).toString('hex');
  const staticDir = options.staticDir ?? RENDERER_DIR;
  const wsPath = path.resolve(options.workspacePath ?? defaultWorkspacePath());
  const listeners = new Set<http.ServerResponse>();
  const core = createCore({
    workspacePath: fs.existsSync(wsPath) ? wsPath : undefined,
    firstRunPath: wsPath,
    operator: options.operator,
    onProgress: (event: ProgressEvent) => {
      const line = `data: ${JSON.stringify(event)}\n\n`;
      for (const res of listeners) res.write(line);
    },
  });
  const uploadDir = path.join(path.dirname(wsPath), 'uploads');
  // Uploaded extracts can hold raw ID numbers: each lives only until the import that read it ends (whatever the
  // outcome); the rest go when the server closes, and a crashed run's leftovers at the next start.
  const uploads = new Set<string>();
  removeStaleUploads(uploadDir);
  let port = 0;

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', `内部错误：${String(err?.message ?? err)}`);
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      send(res, 403, 'text/plain; charset=utf-8', '拒绝访问：只接受本机地址（Host 不符）。');
      return;
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (url.pathname.startsWith('/api/')) {
      // Browsers send Origin on cross-site requests; only our own page may call.
      const origin = req.headers.origin;
      if (origin && origin !== `http://${host}`) {
        send(res, 403, 'text/plain; charset=utf-8', '拒绝访问：跨站请求。');
        return;
      }
      const given = (req.headers['x-cws-token'] as string | undefined) ?? url.searchParams.get('token') ?? '';
      if (!safeEqual(given, token)) {
        send(res, 401, 'text/plain; charset=utf-8', '未授权：缺少或错误的访问令牌，请使用启动时打印的地址打开页面。');
        return;
      }
      if (url.pathname === '/api/call' && req.method === 'POST') return apiCall(req, res);
      if (url.pathname === '/api/events' && req.method === 'GET') return apiEvents(req, res);
      if (url.pathname === '/api/upload' && req.method === 'POST') return apiUpload(req, res, url);
      if (url.pathname === '/api/session' && req.method === 'GET') {
        send(res, 200, 'application/json', JSON.stringify({ defaultWorkspace: wsPath, hasWorkspace: core.session.hasWorkspace(), face: 'serve' }));
        return;
      }
      send(res, 404, 'text/plain; charset=utf-8', '未知接口');
      return;
    }
    if (req.method !== 'GET') {
      send(res, 405, 'text/plain; charset=utf-8', '不支持的请求方法');
      return;
    }
    serveStatic(url.pathname, res);
  }

  async function apiCall(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req, MAX_CALL_BYTES);
    if (body === null) {
      send(res, 413, 'text/plain; charset=utf-8', '请求过大');
      return;
    }
    let envelope: CallEnvelope;
    try {
      envelope = JSON.parse(body.toString('utf-8')) as CallEnvelope;
    } catch {
      envelope = { call: '', input: null };
    }
    const upload = envelope.call === 'import.run' ? uploadOf(envelope.input) : null;
    const slow = watchSlowCall(envelope.call);
    const reply = await core.call(envelope).finally(() => {
      slow?.done();
      if (upload) removeUpload(upload);
    });
    send(res, 200, 'application/octet-stream', Buffer.from(encodeWire(reply)));
  }

  function apiEvents(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-content-type-options': 'nosniff',
    });
    res.write(': connected\n\n');
    listeners.add(res);
    req.on('close', () => listeners.delete(res));
  }

  /** The upload an import.run input names, if it is one this server saved. */
  function uploadOf(input: unknown): string | null {
    const file = (input as { file?: unknown } | null)?.file;
    if (typeof file !== 'string') return null;
    const resolved = path.resolve(file);
    return uploads.has(resolved) ? resolved : null;
  }

  function removeUpload(file: string): void {
    uploads.delete(file);
    try {
      fs.rmSync(file, { force: true });
    } catch {
      // still open elsewhere (Windows): the 24 h sweep at the next start takes it
    }
  }

  /** Browser file picks arrive as uploads into the workspace folder; the import call then reads the saved path. */
  async function apiUpload(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const name = path.basename(url.searchParams.get('name') ?? 'upload.bin').replace(/[^\p{L}\p{N}._-]/gu, '_');
    fs.mkdirSync(uploadDir, { recursive: true, mode: 0o700 });
    const target = path.join(uploadDir, `${Date.now()}-${crypto.randomBytes(4).toString('hex')}-${name}`);
    uploads.add(target);
    const out = fs.createWriteStream(target, { mode: 0o600 });
    let size = 0;
    // A broken or oversized upload leaves no partial file behind.
    const failed = (err: unknown) => {
      out.destroy();
      removeUpload(target);
      throw err;
    };
    await new Promise<void>((resolve, reject) => {
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_UPLOAD_BYTES) {
          req.destroy();
          reject(new Error('too large'));
        }
      });
      req.pipe(out);
      out.on('finish', resolve);
      out.on('error', reject);
      req.on('error', reject);
      req.on('close', () => {
        if (!req.complete) reject(new Error('upload aborted'));
      });
    }).catch(failed);
    send(res, 200, 'application/json', JSON.stringify({ path: target, size }));
  }

  function serveStatic(pathname: string, res: http.ServerResponse): void {
    const rel = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    const file = path.resolve(staticDir, rel);
    if (!file.startsWith(path.resolve(staticDir) + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
        send(res, 503, 'text/plain; charset=utf-8', '界面尚未构建：请先运行 npm run build（npm run serve 会自动构建）。');
        return;
      }
      send(res, 404, 'text/plain; charset=utf-8', '未找到');
      return;
    }
    const headers: Record<string, string> = {
      'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    };
    if (file.endsWith('.html')) {
      headers['content-security-policy'] =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
      headers['x-frame-options'] = 'DENY';
    }
    res.writeHead(200, headers);
    fs.createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}/?token=${token}`;
  options.log?.(url);
  return {
    url,
    port,
    token,
    core,
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of listeners) r.end();
        core.close();
        for (const file of [...uploads]) removeUpload(file);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function removeStaleUploads(dir: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  const cutoff = Date.now() - STALE_UPLOAD_MS;
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      const st = fs.statSync(file);
      if (st.isFile() && st.mtimeMs < cutoff) fs.rmSync(file, { force: true });
    } catch {
      // best effort: a file another process just removed
    }
  }
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
  res.end(body);
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * CWS_SERVE_SLOW_MS: print to stderr each call still running after that many milliseconds, and when it ends (the
 * e2e tests set it, so a step that waits in vain says which call it waited for). Off by default.
 */
function watchSlowCall(call: unknown): { done(): void } | null {
  const limit = Number(process.env.CWS_SERVE_SLOW_MS);
  if (!Number.isFinite(limit) || limit <= 0) return null;
  const started = Date.now();
  const name = String(call).slice(0, 80);
  let reported = false;
  const timer = setTimeout(() => {
    reported = true;
    process.stderr.write(`[cws serve] ${name} still running after ${limit} ms\n`);
  }, limit);
  timer.unref();
  return {
    done() {
      clearTimeout(timer);
      if (reported) process.stderr.write(`[cws serve] ${name} ended after ${Date.now() - started} ms\n`);
    },
  };
}
