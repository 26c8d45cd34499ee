// Embedded MQTT broker for the zero-set-up default (MQTT_URL points the app at an external one instead).
// aedes runs in a worker thread: at thousands of messages per second the broker's own work (topic matching,
// packet parsing, socket writes) would otherwise take a third of the main event loop (profiled, see README).
// With `auth` every client must sign in and stays within its topic ACL (broker-auth.ts); the app always passes it.
import { startTsWorker } from '../../../platform/ts-worker';
import type { MqttAccount } from '../../domain/identity/mqtt-acl';
import type { BrokerAuthStats } from './broker-auth';
import type { BrokerWorkerCommand, BrokerWorkerData, BrokerWorkerMessage } from './broker-worker';
import type { ReportedDenial } from './denial-window';

export interface EmbeddedBroker {
  readonly url: string;
  readonly port: number;
  /** Connected clients, as last reported by the broker thread (about once a second). */
  clients(): number;
  /** Sign-in and ACL figures as last reported (about once a second); null when the broker runs without auth. */
  auth(): BrokerAuthStats | null;
  /** Reloads the credential table from `auth.accounts`; resolves once the broker thread uses it. */
  reloadAccounts(): Promise<void>;
  close(): Promise<void>;
}

export interface EmbeddedBrokerAuth {
  iface: string;
  /** The app's own client (all rights); generated per start. */
  master: { username: string; password: string };
  /** The current credential table (read at start and on every reloadAccounts()). */
  accounts: () => Promise<MqttAccount[]>;
  /** A refusal (connect, publish or subscribe); repeats of the same client, action and topic come coalesced. */
  onDenied: (d: ReportedDenial) => void;
  /** Window in which repeated refusals are coalesced into one report (default 10 s). */
  denialWindowMs?: number;
}

const APPLY_TIMEOUT_MS = 2000;

export async function startEmbeddedBroker(opts: { port: number; host?: string; auth?: EmbeddedBrokerAuth }): Promise<EmbeddedBroker> {
  const { auth } = opts;
  const data: BrokerWorkerData = {
    port: opts.port,
    ...(opts.host && { host: opts.host }),
    ...(auth && {
      auth: { iface: auth.iface, master: auth.master, accounts: await auth.accounts(), denialWindowMs: auth.denialWindowMs ?? 10_000 },
    }),
  };
  // A 16 MB young generation, not the 128 MB that `npm start`'s process-wide --max-semi-space-size=64 allows: that flag
  // is for the main thread (see db/client.ts, startPgliteWorker, for what the two threads saved).
  const worker = startTsWorker(new URL('./broker-worker.ts', import.meta.url), data, { maxYoungGenerationSizeMb: 16 });
  let clients = 0;
  let authStats: BrokerAuthStats | null = null;
  const applied = new Map<number, () => void>();
  worker.on('message', (m: BrokerWorkerMessage) => {
    if (m.type === 'stats') {
      clients = m.clients;
      authStats = m.auth;
    } else if (m.type === 'denied') auth?.onDenied(m.denial);
    else if (m.type === 'accounts-applied') applied.get(m.seq)?.();
  });
  const started = await new Promise<{ url: string; port: number }>((resolve, reject) => {
    const onMessage = (m: BrokerWorkerMessage) => {
      if (m.type === 'listening') resolve(m);
      else if (m.type === 'error') reject(new Error(m.message));
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`embedded MQTT broker thread exited (${code}) before listening`)));
  });
  const send = (c: BrokerWorkerCommand) => worker.postMessage(c);

  let seq = 0;
  let chain: Promise<void> = Promise.resolve();
  let closing: Promise<void> | null = null;
  return {
    url: started.url,
    port: started.port,
    clients: () => clients,
    auth: () => authStats,
    reloadAccounts() {
      if (!auth) return Promise.resolve();
      // One reload at a time, each reading the table after the previous was applied: the last one always wins.
      const run = chain.then(async () => {
        if (closing) return;
        const accounts = await auth.accounts();
        const id = ++seq;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => applied.delete(id) && resolve(), APPLY_TIMEOUT_MS);
          applied.set(id, () => {
            clearTimeout(timer);
            applied.delete(id);
            resolve();
          });
          send({ type: 'accounts', seq: id, accounts });
        });
      });
      chain = run.catch(() => {});
      return run;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        const done = () => void worker.terminate().finally(resolve);
        worker.on('message', (m: BrokerWorkerMessage) => m.type === 'closed' && done());
        send({ type: 'close' });
        setTimeout(done, 3000).unref();
      });
      return closing;
    },
  };
}
