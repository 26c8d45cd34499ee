// Embedded MQTT broker for the zero-set-up default (MQTT_URL points the app at an external one instead).
// aedes runs in a worker thread: at thousands of messages per second the broker's own work (topic matching,
// packet parsing, socket writes) would otherwise take a third of the main event loop (profiled, see README).
import { startTsWorker } from '../../../db/ts-worker';
import type { BrokerWorkerMessage } from './broker-worker';

export interface EmbeddedBroker {
  readonly url: string;
  readonly port: number;
  /** Connected clients, as last reported by the broker thread (about once a second). */
  clients(): number;
  close(): Promise<void>;
}

export async function startEmbeddedBroker(opts: { port: number; host?: string }): Promise<EmbeddedBroker> {
  const worker = startTsWorker(new URL('./broker-worker.ts', import.meta.url), opts);
  let clients = 0;
  const started = await new Promise<{ url: string; port: number }>((resolve, reject) => {
    const onMessage = (m: BrokerWorkerMessage) => {
      if (m.type === 'listening') resolve(m);
      else if (m.type === 'error') reject(new Error(m.message));
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`embedded MQTT broker thread exited (${code}) before listening`)));
  });
  worker.on('message', (m: BrokerWorkerMessage) => {
    if (m.type === 'clients') clients = m.count;
  });
  let closing: Promise<void> | null = null;
  return {
    url: started.url,
    port: started.port,
    clients: () => clients,
    close() {
      closing ??= new Promise<void>((resolve) => {
        const done = () => void worker.terminate().finally(resolve);
        worker.on('message', (m: BrokerWorkerMessage) => m.type === 'closed' && done());
        worker.postMessage({ type: 'close' });
        setTimeout(done, 3000).unref();
      });
      return closing;
    },
  };
}
