// The Electron utilityProcess entry: a plain Node process that owns DuckDB. Main hands each window a MessagePort;
// every message on a port is a contract call envelope and gets exactly one reply (plus progress events).
import type { CallEnvelope } from '../shared/contract';
import { createCore } from './core/services';

interface PortLike {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
  start(): void;
}

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown; ports: PortLike[] }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) throw new Error('core-host must run in an Electron utilityProcess');

const ports = new Set<PortLike>();
const core = createCore({
  workspacePath: process.env.CWS_WORKSPACE || undefined,
  onProgress: (event) => {
    for (const p of ports) p.postMessage({ type: 'progress', event });
  },
});

parentPort.on('message', (e) => {
  const msg = e.data as { type?: string };
  if (msg?.type === 'connect' && e.ports[0]) {
    const port = e.ports[0];
    ports.add(port);
    port.on('message', async (m) => {
      const data = m.data as { id: number; envelope: CallEnvelope };
      const reply = await core.call(data.envelope);
      port.postMessage({ type: 'reply', id: data.id, reply });
    });
    port.start();
  }
});

process.on('exit', () => core.close());
