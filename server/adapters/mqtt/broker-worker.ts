// Worker-thread entry of the embedded broker: runs aedes on its own event loop and reports to the parent.
import { parentPort, workerData } from 'node:worker_threads';
import { startAedesServer } from './aedes-server';

export type BrokerWorkerMessage =
  | { type: 'listening'; port: number; url: string }
  | { type: 'error'; message: string }
  | { type: 'clients'; count: number }
  | { type: 'closed' };

const port = parentPort!;
const post = (m: BrokerWorkerMessage) => port.postMessage(m);
const { port: tcpPort, host } = workerData as { port: number; host?: string };

try {
  const server = await startAedesServer({ port: tcpPort, ...(host && { host }) });
  post({ type: 'listening', port: server.port, url: server.url });
  const stats = setInterval(() => post({ type: 'clients', count: server.clients() }), 1000);
  port.on('message', (m: { type: string }) => {
    if (m.type !== 'close') return;
    clearInterval(stats);
    void server.close().then(() => post({ type: 'closed' }));
  });
} catch (err) {
  post({ type: 'error', message: (err as Error).message });
}
