// An aedes MQTT broker on a TCP port, in the calling thread. The app runs it inside a worker thread
// (embedded-broker.ts) so that broker work never competes with the gateway on the main event loop.
import net from 'node:net';
import { Aedes } from 'aedes';
import type { BrokerAuth } from './broker-auth';

export interface AedesServer {
  readonly url: string;
  readonly port: number;
  clients(): number;
  close(): Promise<void>;
}

/** Without `auth` anyone may connect and use any topic (tests and benchmarks that run a broker of their own). */
export async function startAedesServer(opts: { port: number; host?: string; auth?: BrokerAuth }): Promise<AedesServer> {
  const broker = await Aedes.createBroker();
  opts.auth?.attach(broker);
  const server = net.createServer(broker.handle);
  const sockets = new Set<net.Socket>();
  server.on('connection', (s) => {
    s.setNoDelay(true); // see no-delay.ts
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(`MQTT_PORT ${opts.port} is already in use; set MQTT_PORT to a free port or MQTT_URL to an external broker`)
          : err,
      ),
    );
    server.listen(opts.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return {
    url: `mqtt://${host}:${port}`,
    port,
    clients: () => broker.connectedClients,
    async close() {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      // server.close() waits for every connection to end, so destroy what is still open.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}
