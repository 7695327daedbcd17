// Preload: exposes one named function per contract call (window.cws.calls['query.run'](input, options)) and
// nothing else — no generic invoke, no Node. Calls travel over the MessagePort main hands us to the core process.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { CALL_NAMES, type CallReply, type ProgressEvent } from '../shared/contract';

let port: MessagePort | null = null;
const waiting: (() => void)[] = [];
const pending = new Map<number, (reply: CallReply) => void>();
const progressListeners = new Set<(e: ProgressEvent) => void>();
let nextId = 1;

ipcRenderer.on('cws:port', (event) => {
  port = event.ports[0] ?? null;
  if (!port) return;
  port.onmessage = (m: MessageEvent) => {
    const data = m.data as { type: string; id?: number; reply?: CallReply; event?: ProgressEvent };
    if (data.type === 'reply' && data.id !== undefined) {
      pending.get(data.id)?.(data.reply!);
      pending.delete(data.id);
    } else if (data.type === 'progress' && data.event) {
      for (const l of progressListeners) l(data.event);
    }
  };
  while (waiting.length) waiting.shift()!();
});

async function send(call: string, input: unknown, jobId?: string): Promise<CallReply> {
  if (!port) await new Promise<void>((resolve) => waiting.push(resolve));
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    port!.postMessage({ id, envelope: { call, input, jobId } });
  });
}

const calls = Object.fromEntries(
  CALL_NAMES.map((name) => [name, (input: unknown, jobId?: string) => send(name, input, jobId)]),
);

contextBridge.exposeInMainWorld('cws', {
  face: 'electron',
  calls,
  onProgress: (listener: (e: ProgressEvent) => void) => {
    progressListeners.add(listener);
    return () => progressListeners.delete(listener);
  },
  pickFile: (filters: { name: string; extensions: string[] }[]) => ipcRenderer.invoke('cws:pick-file', filters),
  printPdf: (html: Uint8Array) => ipcRenderer.invoke('cws:print-pdf', html) as Promise<Uint8Array>,
  // A dropped file's real path (the desktop app reads it in place; the browser uploads instead).
  pathForFile: (file: File) => webUtils.getPathForFile(file),
});
