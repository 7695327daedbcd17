// Electron hardening, proved without starting Electron: the window options, the CSP, navigation rules, and main.ts
// and preload.ts evaluated against a recording test double of the `electron` module (only here, in a unit test).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CSP, browserWindowOptions, isAllowedNavigation } from '../../electron/window-options';
import { CALL_NAMES } from '../../shared/contract';

// ---- a recording double of the parts of `electron` that main.ts and preload.ts use ----
type Listener = (...args: unknown[]) => unknown;
const rec = vi.hoisted(() => ({
  exposed: {} as Record<string, unknown>,
  ipcHandlers: {} as Record<string, (...args: unknown[]) => unknown>,
  rendererListeners: {} as Record<string, (...args: unknown[]) => unknown>,
  invoked: [] as { channel: string; args: unknown[] }[],
  windows: [] as { options: Record<string, unknown>; listeners: Record<string, (...a: unknown[]) => unknown>; openHandler?: (...a: unknown[]) => unknown; webContents: unknown }[],
  beforeRequest: null as null | ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
  permission: null as null | ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void),
  dialogCalls: 0,
  ready: null as null | Promise<void>,
}));

vi.mock('electron', () => {
  class FakeBrowserWindow {
    static all: FakeBrowserWindow[] = [];
    webContents: Record<string, unknown>;
    entry: (typeof rec.windows)[number];
    constructor(options: Record<string, unknown>) {
      const listeners: Record<string, Listener> = {};
      this.entry = { options, listeners, webContents: null };
      this.webContents = {
        on: (ev: string, fn: Listener) => void (listeners[ev] = fn),
        setWindowOpenHandler: (fn: Listener) => void (this.entry.openHandler = fn),
        postMessage: () => undefined,
      };
      this.entry.webContents = this.webContents;
      rec.windows.push(this.entry);
      FakeBrowserWindow.all.push(this);
    }
    on() {}
    once() {}
    show() {}
    loadFile() {
      return Promise.resolve();
    }
    loadURL() {
      return Promise.resolve();
    }
    static fromWebContents(wc: unknown) {
      return FakeBrowserWindow.all.find((w) => w.webContents === wc) ?? null;
    }
    static getAllWindows() {
      return FakeBrowserWindow.all;
    }
  }
  let resolveReady: () => void = () => undefined;
  rec.ready = new Promise<void>((r) => (resolveReady = r));
  return {
    app: { whenReady: () => Promise.resolve().then(() => resolveReady()), on: () => undefined, quit: () => undefined },
    BrowserWindow: FakeBrowserWindow,
    dialog: {
      showOpenDialog: async () => (rec.dialogCalls++, { canceled: false, filePaths: ['/picked.csv'] }),
      showErrorBox: () => undefined,
    },
    ipcMain: { handle: (channel: string, fn: Listener) => void (rec.ipcHandlers[channel] = fn) },
    MessageChannelMain: class {
      port1 = {};
      port2 = {};
    },
    session: {
      defaultSession: {
        webRequest: { onBeforeRequest: (fn: typeof rec.beforeRequest) => void (rec.beforeRequest = fn) },
        setPermissionRequestHandler: (fn: typeof rec.permission) => void (rec.permission = fn),
      },
    },
    utilityProcess: { fork: () => ({ on: () => undefined, postMessage: () => undefined, kill: () => undefined }) },
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void (rec.exposed[key] = api) },
    webUtils: { getPathForFile: (file: { name: string }) => `/dropped/${file.name}` },
    ipcRenderer: {
      on: (channel: string, fn: Listener) => void (rec.rendererListeners[channel] = fn),
      invoke: async (channel: string, ...args: unknown[]) => void rec.invoked.push({ channel, args }),
    },
  };
});

describe('BrowserWindow options', () => {
  it('sandboxed, context-isolated, no Node, web security on', () => {
    const o = browserWindowOptions('/app/preload.cjs');
    expect(o.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(o.webPreferences).not.toHaveProperty('enableRemoteModule');
    expect(o.webPreferences).not.toHaveProperty('experimentalFeatures');
  });
});

function cspDirectives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((p) => p[0])
      .map((p) => [p[0]!, p.slice(1)]),
  );
}

describe('Content Security Policy', () => {
  it('renderer/index.html carries a strict CSP meta tag', () => {
    const html = fs.readFileSync(path.resolve('renderer/index.html'), 'utf-8');
    const m = html.match(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/);
    expect(m).not.toBeNull();
    const d = cspDirectives(m![1]!);
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    for (const [, values] of d) {
      expect(values).not.toContain("'unsafe-eval'");
      expect(values).not.toContain('*');
      expect(values.some((v) => /^https?:/.test(v))).toBe(false);
    }
  });

  it('the policy main uses forbids inline and remote scripts and framing', () => {
    const d = cspDirectives(CSP);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
  });
});

describe('navigation', () => {
  const app = 'file:///opt/cws/resources/app.asar/out/renderer/index.html';
  it('only the app page itself', () => {
    expect(isAllowedNavigation(app, app)).toBe(true);
    expect(isAllowedNavigation(`${app}#/audit`, app)).toBe(true);
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:5173/',
      'file:///etc/passwd',
      'file:///opt/cws/resources/app.asar/out/renderer/other.html',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'not a url',
    ]) {
      expect(isAllowedNavigation(url, app)).toBe(false);
    }
    expect(isAllowedNavigation('http://localhost:5173/', 'http://localhost:5173/')).toBe(true);
    expect(isAllowedNavigation('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
  });
});

describe('main process (against the electron double)', () => {
  beforeEach(async () => {
    delete process.env.ELECTRON_RENDERER_URL;
    await import('../../electron/main');
    await rec.ready;
    // Let whenReady's then() run.
    await new Promise((r) => setTimeout(r, 0));
  });

  it('creates its window with the hardened options, denies new windows and foreign navigation', () => {
    expect(rec.windows).toHaveLength(1);
    const win = rec.windows[0]!;
    expect((win.options as { webPreferences: Record<string, unknown> }).webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(win.openHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    const navigate = win.listeners['will-navigate']!;
    let prevented = 0;
    navigate({ preventDefault: () => prevented++ }, 'https://example.com/phish');
    navigate({ preventDefault: () => prevented++ }, 'file:///etc/passwd');
    expect(prevented).toBe(2);
  });

  it('cancels every request that is not the app’s own files, and refuses permission requests', () => {
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      rec.beforeRequest!({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(decide('https://example.com/x.js')).toBe(true);
    expect(decide('http://127.0.0.1:8080/api')).toBe(true);
    expect(decide('ws://127.0.0.1:1/')).toBe(true);
    expect(decide('file:///opt/cws/out/renderer/index.html')).toBe(false);
    let granted: boolean | undefined;
    rec.permission!(null, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
  });

  it('the file dialog answers only our own windows', async () => {
    const handler = rec.ipcHandlers['cws:pick-file']!;
    await expect(handler({ sender: { id: 'stranger' } }, [])).rejects.toThrow(/unknown sender/);
    expect(rec.dialogCalls).toBe(0);
    const own = rec.windows[0]!.webContents;
    expect(await handler({ sender: own }, [{ name: 'CSV', extensions: ['csv'] }])).toBe('/picked.csv');
    expect(rec.dialogCalls).toBe(1);
  });

  it('report printing answers only our own windows', async () => {
    const handler = rec.ipcHandlers['cws:print-pdf']!;
    await expect(handler({ sender: { id: 'stranger' } }, new Uint8Array([60]))).rejects.toThrow(/unknown sender/);
  });

  it('main.ts source: no remote content, no node integration switched on anywhere', () => {
    const src = fs.readFileSync(path.resolve('electron/main.ts'), 'utf-8');
    expect(src).toContain("setWindowOpenHandler(() => ({ action: 'deny' }))");
    expect(src).toContain("on('will-navigate'");
    expect(src).not.toMatch(/nodeIntegration:\s*true|contextIsolation:\s*false|sandbox:\s*false|webSecurity:\s*false/);
    expect(src).not.toMatch(/https?:\/\//);
  });
});

describe('preload (against the electron double)', () => {
  afterEach(() => {
    rec.invoked.length = 0;
  });

  it('exposes exactly one function per contract call, a progress subscription, the file picker and dropped-file path, report printing — nothing else', async () => {
    await import('../../electron/preload');
    expect(Object.keys(rec.exposed)).toEqual(['cws']);
    const api = rec.exposed.cws as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['calls', 'face', 'onProgress', 'pathForFile', 'pickFile', 'printPdf']);
    const calls = api.calls as Record<string, unknown>;
    expect(Object.keys(calls).sort()).toEqual([...CALL_NAMES].sort());
    for (const fn of Object.values(calls)) expect(typeof fn).toBe('function');
    expect(Object.getPrototypeOf(calls)).toBe(Object.prototype);
  });

  it('a call sends exactly its own name over the port; the picker uses only its own channel', async () => {
    await import('../../electron/preload');
    const api = rec.exposed.cws as { calls: Record<string, (input: unknown, jobId?: string) => Promise<unknown>>; pickFile: (f: unknown) => Promise<unknown> };
    const posted: unknown[] = [];
    const port = { postMessage: (m: unknown) => posted.push(m), onmessage: null as null | ((m: { data: unknown }) => void) };
    rec.rendererListeners['cws:port']!({ ports: [port] });
    const reply = api.calls['workspace.info']!({});
    expect(posted).toEqual([{ id: expect.any(Number), envelope: { call: 'workspace.info', input: {}, jobId: undefined } }]);
    const id = (posted[0] as { id: number }).id;
    port.onmessage!({ data: { type: 'reply', id, reply: { ok: true, result: 1 } } });
    expect(await reply).toEqual({ ok: true, result: 1 });
    await api.pickFile([{ name: 'CSV', extensions: ['csv'] }]);
    expect(rec.invoked.map((i) => i.channel)).toEqual(['cws:pick-file']);
  });
});
