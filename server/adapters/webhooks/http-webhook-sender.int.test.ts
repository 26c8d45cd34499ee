// The fetch sender against real local HTTP servers: what it sends and signs, and that a receiver cannot make it
// follow a redirect, wait forever or read a huge body.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../testing/test-env';
import { createHttpWebhookSender } from './http-webhook-sender';
import { verifyWebhook } from './sign';

const secret = 'test-secret-with-enough-chars';
type Seen = { path: string; headers: http.IncomingHttpHeaders; body: string };
const seen: Seen[] = [];
let other = 0;
let base = '';
const servers: http.Server[] = [];

async function serve(handler: http.RequestListener): Promise<number> {
  const s = http.createServer(handler);
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return (s.address() as AddressInfo).port;
}

beforeAll(async () => {
  const otherPort = await serve((_req, res) => {
    other++;
    res.end();
  });
  const port = await serve((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() });
      if (req.url === '/ok') res.writeHead(204).end();
      else if (req.url === '/redirect') res.writeHead(307, { location: `http://127.0.0.1:${otherPort}/` }).end();
      else if (req.url === '/huge-error') res.writeHead(500).end('x'.repeat(5_000_000));
      else if (req.url === '/endless-ok') {
        res.writeHead(200);
        const more = () => res.write('y'.repeat(65_536), () => setTimeout(more, 1));
        more();
      } else if (req.url === '/slow') setTimeout(() => res.writeHead(204).end(), 2_000);
    });
  });
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

describe('http webhook sender', () => {
  it('posts the body as given, as JSON, with the timestamp and a signature the receiver verifies', async () => {
    const sender = createHttpWebhookSender({ secret });
    const body = '{"id":"d-1","event":"opened"}';
    const r = await sender.send(`${base}/ok`, body, { 'x-fleetscope-delivery': 'd-1', 'x-fleetscope-event': 'opened' });
    expect(r).toEqual({ ok: true, status: 204, error: null });
    const got = seen.at(-1)!;
    expect(got.body).toBe(body);
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['x-fleetscope-delivery']).toBe('d-1');
    expect(got.headers['x-fleetscope-event']).toBe('opened');
    const timestamp = got.headers['x-fleetscope-timestamp'] as string;
    expect(Math.abs(Number(timestamp) - Date.now())).toBeLessThan(5_000);
    expect(verifyWebhook({ secret, rawBody: got.body, timestamp, signature: got.headers['x-fleetscope-signature'] as string })).toEqual({
      ok: true,
    });
  });

  it('sends no signature without a secret', async () => {
    await createHttpWebhookSender().send(`${base}/ok`, '{}', {});
    expect(seen.at(-1)!.headers['x-fleetscope-signature']).toBeUndefined();
    expect(seen.at(-1)!.headers['x-fleetscope-timestamp']).toBeDefined();
  });

  it('does not follow a redirect: a failed attempt naming where it pointed', async () => {
    const r = await createHttpWebhookSender({ secret }).send(`${base}/redirect`, '{}', {});
    expect(r.ok).toBe(false);
    expect(r.status).toBe(307);
    expect(r.error).toMatch(/^HTTP 307 \(redirect to http:\/\/127\.0\.0\.1:\d+\/ not followed\)/);
    expect(other).toBe(0);
  });

  it('reads a refusal’s body only to a small bound', async () => {
    const started = Date.now();
    const r = await createHttpWebhookSender().send(`${base}/huge-error`, '{}', {});
    expect(r).toMatchObject({ ok: false, status: 500 });
    expect(r.error!.length).toBeLessThanOrEqual(300);
    expect(r.error).toMatch(/^HTTP 500: x+$/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('does not read an accepted answer’s body (an endless one costs nothing)', async () => {
    const r = await createHttpWebhookSender({ timeoutMs: 3_000 }).send(`${base}/endless-ok`, '{}', {});
    expect(r).toEqual({ ok: true, status: 200, error: null });
  });

  it('gives up on a receiver that does not answer within the timeout', async () => {
    const started = Date.now();
    const r = await createHttpWebhookSender({ timeoutMs: 200 }).send(`${base}/slow`, '{}', {});
    expect(r).toEqual({ ok: false, status: null, error: 'no answer within 200 ms' });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('reports a refused connection and a bad or non-HTTP URL without throwing', async () => {
    const port = await freePort();
    const refused = await createHttpWebhookSender().send(`http://127.0.0.1:${port}/`, '{}', {});
    expect(refused).toMatchObject({ ok: false, status: null });
    expect(refused.error).toMatch(/ECONNREFUSED/);
    for (const url of ['not a url', 'data:application/json,{}', 'file:///etc/passwd']) {
      expect(await createHttpWebhookSender().send(url, '{}', {})).toEqual({ ok: false, status: null, error: 'not an http(s) URL' });
    }
    const badHost = await createHttpWebhookSender().send('http://exa mple.test/', '{}', {});
    expect(badHost).toMatchObject({ ok: false, status: null });
    expect(badHost.error).toBeTruthy();
  });
});
