// The renderer's only way to the core: typed contract calls over the Electron preload (window.cws) or, in a
// browser, over HTTP to the served page (token from the address, progress as server-sent events).
import type { CallInput, CallName, CallReply, CallResult, ContractError, ProgressEvent } from '../../shared/contract';
import { decodeWire } from '../../shared/wire';

interface PreloadBridge {
  face: 'electron';
  calls: Record<string, (input: unknown, jobId?: string) => Promise<CallReply>>;
  onProgress(listener: (e: ProgressEvent) => void): () => void;
  pickFile(filters: { name: string; extensions: string[] }[]): Promise<string | null>;
  printPdf(html: Uint8Array): Promise<Uint8Array>;
  pathForFile(file: File): string;
}

declare global {
  interface Window {
    cws?: PreloadBridge;
  }
}

export class ApiError extends Error {
  constructor(readonly error: ContractError) {
    super(error.message);
  }
  get code() {
    return this.error.code;
  }
}

export interface CallOptions {
  jobId?: string;
  onProgress?: (e: ProgressEvent) => void;
}

const progressListeners = new Set<(e: ProgressEvent) => void>();
let eventSource: EventSource | null = null;

function token(): string {
  const fromUrl = new URLSearchParams(window.location.search).get('token');
  if (fromUrl) sessionStorage.setItem('cws-token', fromUrl);
  return fromUrl ?? sessionStorage.getItem('cws-token') ?? '';
}

function ensureEvents(): void {
  if (window.cws) {
    if (!eventSource) {
      window.cws.onProgress((e) => progressListeners.forEach((l) => l(e)));
      eventSource = {} as EventSource;
    }
    return;
  }
  if (eventSource) return;
  eventSource = new EventSource(`/api/events?token=${encodeURIComponent(token())}`);
  eventSource.onmessage = (m) => {
    const e = JSON.parse(m.data) as ProgressEvent;
    progressListeners.forEach((l) => l(e));
  };
}

let jobSeq = 0;
export function newJobId(): string {
  return `ui-${Date.now().toString(36)}-${++jobSeq}`;
}

async function send(call: string, input: unknown, jobId?: string): Promise<CallReply> {
  if (window.cws) {
    const fn = window.cws.calls[call];
    if (!fn) return { ok: false, error: { code: 'UNKNOWN_CALL', message: `未知的调用：${call}` } };
    return fn(input, jobId);
  }
  const res = await fetch('/api/call', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-cws-token': token() },
    body: JSON.stringify({ call, input, jobId }),
  });
  if (!res.ok) {
    return { ok: false, error: { code: 'INTERNAL', message: (await res.text()) || `请求失败（${res.status}）` } };
  }
  return decodeWire<CallReply>(new Uint8Array(await res.arrayBuffer()));
}

export const api = {
  face(): 'electron' | 'serve' {
    return window.cws ? 'electron' : 'serve';
  },

  async call<N extends CallName>(call: N, input: CallInput<N>, options: CallOptions = {}): Promise<CallResult<N>> {
    const jobId = options.jobId ?? (options.onProgress ? newJobId() : undefined);
    let listener: ((e: ProgressEvent) => void) | undefined;
    if (options.onProgress && jobId) {
      ensureEvents();
      listener = (e) => {
        if (e.jobId === jobId) options.onProgress!(e);
      };
      progressListeners.add(listener);
    }
    try {
      const reply = await send(call, input, jobId);
      if (!reply.ok) throw new ApiError(reply.error);
      return reply.result as CallResult<N>;
    } finally {
      if (listener) progressListeners.delete(listener);
    }
  },

  async cancel(jobId: string): Promise<boolean> {
    return (await api.call('query.cancel', { jobId })).cancelled;
  },

  /** A file the core can read: a dialog path in Electron; in the browser the file is uploaded first. */
  async fileForImport(file?: File): Promise<string | null> {
    if (window.cws && !file) return window.cws.pickFile([{ name: '数据文件', extensions: ['csv', 'txt', 'xlsx', 'parquet', 'json', 'jsonl'] }]);
    if (window.cws && file) return window.cws.pathForFile(file) || null;
    if (!file) return null;
    const res = await fetch(`/api/upload?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { 'x-cws-token': token(), 'content-type': 'application/octet-stream' },
      body: file,
    });
    if (!res.ok) throw new ApiError({ code: 'IMPORT_FAILED', message: `上传失败：${await res.text()}` });
    return ((await res.json()) as { path: string }).path;
  },

  /** Desktop face only: print a self-contained HTML document to PDF with Electron's printToPDF. */
  async printPdf(html: Uint8Array): Promise<Uint8Array> {
    if (!window.cws) throw new ApiError({ code: 'UNSUPPORTED', message: '仅桌面版可用' });
    return window.cws.printPdf(html);
  },

  async session(): Promise<{ defaultWorkspace?: string; hasWorkspace: boolean; face: string }> {
    if (window.cws) return { hasWorkspace: true, face: 'electron' };
    const res = await fetch('/api/session', { headers: { 'x-cws-token': token() } });
    return res.json();
  },
};

/** Save bytes the core produced (exports) as a download. */
export function downloadBytes(bytes: Uint8Array, fileName: string, mime = 'application/octet-stream'): void {
  const blob = new Blob([bytes as BlobPart], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 5000);
}
