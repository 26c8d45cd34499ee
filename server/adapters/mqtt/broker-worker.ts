// Worker-thread entry of the embedded broker: runs aedes on its own event loop and reports to the parent. With
// `auth` in workerData it authenticates every client and enforces topic ACLs (broker-auth.ts); password checks run
// here, off the main thread. Refusals go to the parent coalesced (denial-window.ts), counts with the stats.
import { parentPort, workerData } from 'node:worker_threads';
import type { MqttAccount } from '../../domain/identity/mqtt-acl';
import { startAedesServer } from './aedes-server';
import { createBrokerAuth, type BrokerAuthConfig, type BrokerAuthStats } from './broker-auth';
import { createDenialWindow, type ReportedDenial } from './denial-window';

export interface BrokerWorkerData {
  port: number;
  host?: string;
  auth?: BrokerAuthConfig & { denialWindowMs: number };
}

export type BrokerWorkerMessage =
  | { type: 'listening'; port: number; url: string }
  | { type: 'error'; message: string }
  | { type: 'stats'; clients: number; auth: BrokerAuthStats | null }
  | { type: 'denied'; denial: ReportedDenial }
  | { type: 'accounts-applied'; seq: number }
  | { type: 'closed' };

export type BrokerWorkerCommand = { type: 'accounts'; seq: number; accounts: MqttAccount[] } | { type: 'close' };

const port = parentPort!;
const post = (m: BrokerWorkerMessage) => port.postMessage(m);
const { port: tcpPort, host, auth: authConfig } = workerData as BrokerWorkerData;

try {
  const denials = authConfig
    ? createDenialWindow({ windowMs: authConfig.denialWindowMs, now: Date.now, emit: (denial) => post({ type: 'denied', denial }) })
    : null;
  // Counts go out once a second, and 50 ms after a refusal so health shows it at once.
  let soon: NodeJS.Timeout | null = null;
  const auth = authConfig
    ? createBrokerAuth(authConfig, (d) => {
        denials!.report(d);
        soon ??= setTimeout(() => {
          soon = null;
          postStats();
        }, 50);
      })
    : undefined;
  const server = await startAedesServer({ port: tcpPort, ...(host && { host }), ...(auth && { auth }) });
  const postStats = () => post({ type: 'stats', clients: server.clients(), auth: auth?.stats() ?? null });
  postStats();
  post({ type: 'listening', port: server.port, url: server.url });
  const stats = setInterval(() => {
    denials?.sweep();
    postStats();
  }, 1000);
  port.on('message', (m: BrokerWorkerCommand) => {
    if (m.type === 'accounts') {
      auth?.setAccounts(m.accounts);
      post({ type: 'accounts-applied', seq: m.seq });
      return;
    }
    clearInterval(stats);
    if (soon) clearTimeout(soon);
    denials?.flush();
    postStats();
    void server.close().then(() => post({ type: 'closed' }));
  });
} catch (err) {
  post({ type: 'error', message: (err as Error).message });
}
