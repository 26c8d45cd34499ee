// Alert webhooks end to end below the center: notifications stored in the real outbox (PGlite, or Postgres with
// DATABASE_URL), sent by the dispatcher through the fetch sender to a real local HTTP receiver that checks each
// signature. Each notification arrives exactly once: (a) normally, (b) when the receiver refused and then was
// down for a while, (c) when the dispatcher stopped with notifications pending (and with posts in flight) and a
// new one started on the reopened database.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDb } from '../../db/client';
import { createAlertOutbox } from '../adapters/storage/alert-store';
import { createHttpWebhookSender } from '../adapters/webhooks/http-webhook-sender';
import { systemClock } from '../ports/clock';
import { createTestDatabase, tempDir, testLogger, waitFor } from '../testing/test-env';
import { expectEachOnce, storeNotifications } from '../testing/webhook-delivery-checks';
import { startWebhookReceiver, type WebhookReceiver } from '../testing/webhook-receiver';
import { createWebhookDispatcher, type WebhookDispatcher } from './webhook-dispatcher';

const secret = 'integration-test-webhook-secret';
const dataDir = tempDir('webhooks');
let url: string | undefined;
let drop: () => Promise<void>;
let db: Db;
const receivers: WebhookReceiver[] = [];
const dispatchers: WebhookDispatcher[] = [];

beforeAll(async () => {
  const t = await createTestDatabase();
  url = t.url;
  drop = t.drop;
  db = await openDb({ databaseUrl: url, dataDir, migrate: true });
}, 60_000);

// A failed test must not leave its dispatcher sending the next test's notifications.
afterEach(async () => {
  for (const d of dispatchers.splice(0)) await d.stop();
});

afterAll(async () => {
  for (const r of receivers) await r.close();
  await db?.close();
  await drop?.();
});

async function receiver() {
  const r = await startWebhookReceiver({ secret });
  receivers.push(r);
  return r;
}

function dispatcher(o: { stopWaitMs?: number } = {}) {
  const d = createWebhookDispatcher({
    outbox: createAlertOutbox(db),
    sender: createHttpWebhookSender({ secret, timeoutMs: 2_000 }),
    clock: systemClock,
    logger: testLogger,
    pollMs: 100,
    backoff: { baseMs: 100, capMs: 400 },
    ...o,
  });
  dispatchers.push(d);
  return d;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('webhook dispatcher on the real outbox', () => {
  it('(a) delivers each notification exactly once, signed, woken as each is stored', async () => {
    const r = await receiver();
    const d = dispatcher();
    const ids = await storeNotifications(db, r.url, 10, () => d.wake());
    await expectEachOnce(db, r, ids);
    expect(d.stats()).toMatchObject({ delivered: 30, failures: 0, storeErrors: 0 });
    await d.stop();
  });

  it('(b) loses none while the receiver refuses and then is down for a while', async () => {
    const r = await receiver();
    r.mode = 'refuse';
    const d = dispatcher();
    const ids = await storeNotifications(db, r.url, 4, () => d.wake());
    await waitFor('refusals', () => r.refused >= 12);
    await r.down();
    ids.push(...(await storeNotifications(db, r.url, 4, () => d.wake())));
    await sleep(1_000);
    expect(r.accepted).toHaveLength(0);
    r.mode = 'accept';
    await r.up();
    await expectEachOnce(db, r, ids);
    const s = d.stats();
    expect(s.failures).toBeGreaterThan(24);
    expect(s.lastError).toMatch(/ECONNREFUSED|HTTP 503/);
    await d.stop();
  });

  it('(c) sends what was pending at a stop once, from a new dispatcher on the reopened database', async () => {
    const r = await receiver();
    r.mode = 'refuse';
    const first = dispatcher();
    const ids = await storeNotifications(db, r.url, 5, () => first.wake());
    await waitFor('every notification tried', () => r.refused >= ids.length);
    await first.stop();
    r.mode = 'accept';
    const refusedAtStop = r.refused;
    await sleep(500);
    expect(r.refused).toBe(refusedAtStop);
    expect(r.accepted).toHaveLength(0);
    // The process restarts: the database is closed and opened again, a new dispatcher starts.
    await db.close();
    db = await openDb({ databaseUrl: url, dataDir, migrate: true });
    dispatcher();
    await expectEachOnce(db, r, ids);
  });

  it('(c) a stop while posts are in flight waits for their answers, so none is posted again after the restart', async () => {
    const r = await receiver();
    r.delayMs = 300;
    const first = dispatcher({ stopWaitMs: 3_000 });
    const ids = await storeNotifications(db, r.url, 4);
    await waitFor('posts in flight', () => r.received > 0, 10_000, 5);
    await first.stop();
    // The posts in flight were answered and recorded; the rest were never started.
    const answered = r.accepted.length;
    expect(answered).toBeGreaterThan(0);
    expect(answered).toBeLessThan(ids.length);
    expect((await createAlertOutbox(db).counts()).delivered).toBeGreaterThanOrEqual(answered);
    r.delayMs = 0;
    await db.close();
    db = await openDb({ databaseUrl: url, dataDir, migrate: true });
    dispatcher();
    await expectEachOnce(db, r, ids);
  });
});
