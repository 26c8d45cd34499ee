// A real webhook receiver for tests: node:http on 127.0.0.1, recording every request it accepts with whether its
// signature checked out. It can refuse (503) or stop listening for a while and come back on the same port, like a
// receiver that is down. It keeps repeats: tests count deliveries per id to prove each arrived exactly once.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook } from '../adapters/webhooks/sign';
import { type AlertWebhookBody, WEBHOOK_HEADERS } from '../domain/alerts/webhook-body';

export interface ReceivedWebhook {
  delivery: string;
  event: string;
  body: AlertWebhookBody;
  /** Signature valid (true without a secret when the request carried none). */
  verified: boolean;
  contentType: string | undefined;
}

export interface WebhookReceiver {
  url: string;
  /** `refuse`: answer 503 to everything (the request is counted in `refused`). */
  mode: 'accept' | 'refuse';
  /** Holds each answer this long (a slow receiver, posts in flight). */
  delayMs: number;
  /** Requests whose body arrived, answered or not yet. */
  received: number;
  accepted: ReceivedWebhook[];
  refused: number;
  /** Deliveries accepted per id. */
  countsById(): Map<string, number>;
  /** Stops listening and drops open connections (a receiver that is down). */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(o: { secret?: string } = {}): Promise<WebhookReceiver> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      r.received++;
      if (r.delayMs > 0) setTimeout(answer, r.delayMs);
      else answer();
    });
    const answer = () => {
      if (r.mode === 'refuse') {
        r.refused++;
        res.writeHead(503, { 'content-type': 'text/plain' }).end('down for maintenance');
        return;
      }
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const header = (name: string) => {
        const v = req.headers[name];
        return Array.isArray(v) ? v[0] : v;
      };
      const verified = o.secret
        ? verifyWebhook({
            secret: o.secret,
            rawBody,
            timestamp: header(WEBHOOK_HEADERS.timestamp),
            signature: header(WEBHOOK_HEADERS.signature),
          }).ok
        : header(WEBHOOK_HEADERS.signature) === undefined;
      r.accepted.push({
        delivery: header(WEBHOOK_HEADERS.delivery) ?? '',
        event: header(WEBHOOK_HEADERS.event) ?? '',
        body: JSON.parse(rawBody) as AlertWebhookBody,
        verified,
        contentType: header('content-type'),
      });
      res.writeHead(204).end();
    };
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      server.closeAllConnections();
    });
  const port = await listen(0);
  const r: WebhookReceiver = {
    url: `http://127.0.0.1:${port}/hooks/alerts`,
    mode: 'accept',
    delayMs: 0,
    received: 0,
    accepted: [],
    refused: 0,
    countsById() {
      const m = new Map<string, number>();
      for (const a of r.accepted) m.set(a.delivery, (m.get(a.delivery) ?? 0) + 1);
      return m;
    },
    down: stop,
    up: async () => void (await listen(port)),
    close: stop,
  };
  return r;
}
