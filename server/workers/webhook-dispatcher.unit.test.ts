import { afterEach, describe, expect, it } from 'vitest';
import type { WebhookSender, WebhookSendResult } from '../ports/webhook-sender';
import { memoryOutbox, testAlert, testNotification } from '../testing/alert-webhook-fixtures';
import { testLogger } from '../testing/test-env';
import { createWebhookDispatcher, type WebhookDispatcher, type WebhookDispatcherOptions } from './webhook-dispatcher';

const URL = 'http://receiver.test/hook';
const OK: WebhookSendResult = { ok: true, status: 204, error: null };
const REFUSED: WebhookSendResult = { ok: false, status: 503, error: 'HTTP 503' };

interface Call {
  url: string;
  body: string;
  headers: Readonly<Record<string, string>>;
}

function fakeSender(answer: (c: Call) => WebhookSendResult | Promise<WebhookSendResult> = () => OK) {
  const calls: Call[] = [];
  const sender: WebhookSender = {
    send: async (url, body, headers) => {
      const c = { url, body, headers };
      calls.push(c);
      return answer(c);
    },
  };
  return { calls, sender };
}

let t = 1_000_000;
const clock = { now: () => t };
const started: WebhookDispatcher[] = [];
afterEach(async () => {
  for (const d of started.splice(0)) await d.stop();
});

function start(o: Pick<WebhookDispatcherOptions, 'outbox' | 'sender'> & Partial<WebhookDispatcherOptions>) {
  // A long pollMs: the tests call poll() themselves, at the fake clock's times.
  const d = createWebhookDispatcher({ clock, logger: testLogger, pollMs: 3_600_000, backoff: { random: () => 0.5 }, ...o });
  started.push(d);
  return d;
}

describe('webhook dispatcher', () => {
  it('posts each due notification once, as JSON with its delivery id and event, and records it delivered', async () => {
    const outbox = memoryOutbox();
    const ns = [1, 2, 3].map(() => testNotification(URL, testAlert()));
    for (const n of ns) outbox.add(n, t);
    const { calls, sender } = fakeSender();
    const d = start({ outbox, sender });
    await d.poll();
    await d.poll();
    expect(calls.map((c) => c.headers['x-fleetscope-delivery']).sort()).toEqual(ns.map((n) => n.id).sort());
    expect(calls.every((c) => c.headers['x-fleetscope-event'] === 'opened' && c.url === URL)).toBe(true);
    expect(JSON.parse(calls[0]!.body)).toEqual(ns.find((n) => n.id === calls[0]!.headers['x-fleetscope-delivery'])!.body);
    expect([...outbox.items.values()].every((i) => i.status === 'delivered' && i.deliveredAt === t)).toBe(true);
    expect(d.stats()).toMatchObject({ sent: 3, delivered: 3, failures: 0, pending: 0 });
  });

  it('retries a refused notification after 2 s, 4 s, … and gives up once it is older than maxAgeMs', async () => {
    const outbox = memoryOutbox();
    const n = testNotification(URL, testAlert());
    outbox.add(n, t);
    const { calls, sender } = fakeSender(() => REFUSED);
    const d = start({ outbox, sender, maxAgeMs: 10_000 });
    const item = () => outbox.items.get(n.id)!;
    await d.poll();
    expect(item()).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: t + 2_000, lastError: 'HTTP 503' });
    t += 1_999;
    await d.poll();
    expect(calls).toHaveLength(1);
    t += 1;
    await d.poll();
    expect(item()).toMatchObject({ attempts: 2, nextAttemptAt: t + 4_000 });
    t += 8_000;
    await d.poll();
    expect(item()).toMatchObject({ status: 'failed', attempts: 3 });
    expect(d.stats()).toMatchObject({ sent: 3, failures: 3, gaveUp: 1, lastError: 'HTTP 503', failed: 1 });
  });

  it('survives a database that is down while polling: nothing sent, nothing thrown, all sent once it is back', async () => {
    const outbox = memoryOutbox();
    outbox.add(testNotification(URL, testAlert()), t);
    outbox.down = true;
    const { calls, sender } = fakeSender();
    const d = start({ outbox, sender });
    await d.poll();
    expect(calls).toHaveLength(0);
    expect(d.stats().storeErrors).toBeGreaterThan(0);
    outbox.down = false;
    await d.poll();
    expect(calls).toHaveLength(1);
    expect(outbox.items.values().next().value?.status).toBe('delivered');
  });

  it('keeps an accepted delivery whose record failed and writes it later instead of posting it again', async () => {
    const outbox = memoryOutbox();
    const n = testNotification(URL, testAlert());
    outbox.add(n, t);
    outbox.failOnly = new Set(['delivered']);
    outbox.down = true;
    const { calls, sender } = fakeSender();
    const d = start({ outbox, sender });
    await d.poll();
    await d.poll();
    expect(calls).toHaveLength(1);
    expect(d.stats()).toMatchObject({ unrecorded: 1, delivered: 1 });
    expect(outbox.items.get(n.id)!.status).toBe('pending');
    outbox.down = false;
    await d.poll();
    expect(calls).toHaveLength(1);
    expect(outbox.items.get(n.id)).toMatchObject({ status: 'delivered', deliveredAt: t });
    expect(d.stats().unrecorded).toBe(0);
  });

  it('posts at most 4 at once, and one alert’s notifications one after another in order', async () => {
    const outbox = memoryOutbox();
    const alert = testAlert();
    const own = [testNotification(URL, alert), testNotification(URL, { ...alert, state: 'resolved' }, 'resolved')];
    outbox.add(own[0]!, t);
    for (let i = 0; i < 10; i++) outbox.add(testNotification(URL, testAlert()), t + 1 + i);
    outbox.add(own[1]!, t + 20);
    let inFlight = 0;
    let most = 0;
    const { calls, sender } = fakeSender(async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return OK;
    });
    const d = start({ outbox, sender });
    t += 100;
    await d.poll();
    expect(calls).toHaveLength(12);
    expect(most).toBe(4);
    const order = calls.map((c) => c.headers['x-fleetscope-delivery']);
    expect(order.indexOf(own[0]!.id)).toBeLessThan(order.indexOf(own[1]!.id));
  });

  it('counts a sender that throws as a failed attempt', async () => {
    const outbox = memoryOutbox();
    outbox.add(testNotification(URL, testAlert()), t);
    const { sender } = fakeSender(() => {
      throw new Error('boom');
    });
    const d = start({ outbox, sender });
    await d.poll();
    expect(d.stats()).toMatchObject({ failures: 1, lastError: 'boom' });
    expect(outbox.items.values().next().value).toMatchObject({ status: 'pending', attempts: 1, lastError: 'boom' });
  });

  it('stop() starts no new post, waits for the ones in flight, and leaves the rest pending', async () => {
    const outbox = memoryOutbox();
    for (let i = 0; i < 6; i++) outbox.add(testNotification(URL, testAlert()), t);
    const { calls, sender } = fakeSender(() => new Promise((r) => setTimeout(() => r(OK), 50)));
    const d = start({ outbox, sender, concurrency: 2 });
    void d.poll();
    await new Promise((r) => setTimeout(r, 10));
    await d.stop();
    const statuses = [...outbox.items.values()].map((i) => i.status);
    expect(calls).toHaveLength(2);
    expect(statuses.filter((s) => s === 'delivered')).toHaveLength(2);
    expect(statuses.filter((s) => s === 'pending')).toHaveLength(4);
    await d.poll();
    d.wake();
    expect(calls).toHaveLength(2);
  });
});

describe('webhook dispatcher order', () => {
  it('holds an alert’s later notifications back while an earlier one to the same URL waits for its retry', async () => {
    const outbox = memoryOutbox();
    const alert = testAlert();
    const opened = testNotification(URL, alert);
    const resolved = testNotification(URL, { ...alert, state: 'resolved' }, 'resolved');
    const elsewhere = testNotification('http://other.test/hook', alert);
    outbox.add(opened, t);
    outbox.add(resolved, t + 1);
    outbox.add(elsewhere, t + 2);
    let refuse = true;
    const { calls, sender } = fakeSender((c) => (refuse && c.headers['x-fleetscope-event'] === 'opened' && c.url === URL ? REFUSED : OK));
    const d = start({ outbox, sender });
    t += 10;
    await d.poll();
    // The other URL's copy went; the resolution to URL waits for the opening's retry.
    expect(calls.map((c) => [c.url, c.headers['x-fleetscope-event']])).toEqual([
      [URL, 'opened'],
      ['http://other.test/hook', 'opened'],
    ]);
    t += 1_000;
    await d.poll();
    expect(calls).toHaveLength(2);
    refuse = false;
    t += 1_000;
    await d.poll();
    expect(calls.slice(2).map((c) => c.headers['x-fleetscope-delivery'])).toEqual([opened.id, resolved.id]);
    expect([...outbox.items.values()].every((i) => i.status === 'delivered')).toBe(true);
  });

  it('lets the rest of a chain go when its head was given up', async () => {
    const outbox = memoryOutbox();
    const alert = testAlert();
    const [a, b] = [testNotification(URL, alert), testNotification(URL, alert, 'resolved')];
    outbox.add(a!, t - 20_000);
    outbox.add(b!, t);
    const { calls, sender } = fakeSender((c) => (c.headers['x-fleetscope-delivery'] === a!.id ? REFUSED : OK));
    const d = start({ outbox, sender, maxAgeMs: 10_000 });
    await d.poll();
    expect(calls.map((c) => c.headers['x-fleetscope-delivery'])).toEqual([a!.id, b!.id]);
    expect(outbox.items.get(a!.id)!.status).toBe('failed');
    expect(outbox.items.get(b!.id)!.status).toBe('delivered');
  });
});
