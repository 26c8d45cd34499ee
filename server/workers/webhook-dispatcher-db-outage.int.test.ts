// The webhook dispatcher while its database is away (PGlite, or Postgres with DATABASE_URL; every statement of the
// dispatcher's connection fails while `down`, like a stopped Postgres): polling and recording fail, nothing is
// thrown or left unhandled, and once the database is back every notification has arrived exactly once, including
// one the receiver accepted just before the database went away (kept in memory and recorded later, not re-posted).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openDb } from '../../db/client';
import { createAlertOutbox } from '../adapters/storage/alert-store';
import { createHttpWebhookSender } from '../adapters/webhooks/http-webhook-sender';
import { systemClock } from '../ports/clock';
import type { WebhookSender } from '../ports/webhook-sender';
import { createTestDatabase, tempDir, testLogger, waitFor } from '../testing/test-env';
import { expectEachOnce, storeNotifications } from '../testing/webhook-delivery-checks';
import { startWebhookReceiver, type WebhookReceiver } from '../testing/webhook-receiver';
import { createWebhookDispatcher, type WebhookDispatcher } from './webhook-dispatcher';

const secret = 'integration-test-webhook-secret';
let db: Db;
let drop: () => Promise<void>;
let down = false;
let receiver: WebhookReceiver;
let dispatcher: WebhookDispatcher | undefined;

beforeAll(async () => {
  const t = await createTestDatabase();
  drop = t.drop;
  db = await openDb({ databaseUrl: t.url, dataDir: tempDir('webhook-outage'), migrate: true });
  receiver = await startWebhookReceiver({ secret });
}, 60_000);

afterEach(async () => {
  down = false;
  await dispatcher?.stop();
});

afterAll(async () => {
  await receiver?.close();
  await db?.close();
  await drop?.();
});

/** The database as the dispatcher sees it: every statement fails while `down`. */
const flakyDb = (): Db => ({
  ...db,
  kind: db.kind,
  orm: db.orm,
  rows: (q) => (down ? Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')) : db.rows(q)),
  ping: () => db.ping(),
  close: async () => {},
});

function start(sender: WebhookSender) {
  dispatcher = createWebhookDispatcher({
    outbox: createAlertOutbox(flakyDb()),
    sender,
    clock: systemClock,
    logger: testLogger,
    pollMs: 100,
    backoff: { baseMs: 100, capMs: 400 },
  });
  return dispatcher;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('webhook dispatcher during a database outage', () => {
  it('polls through an outage without throwing and sends what was stored meanwhile once it is back', async () => {
    down = true;
    const d = start(createHttpWebhookSender({ secret }));
    const ids = await storeNotifications(db, receiver.url, 3, () => d.wake());
    await sleep(700);
    expect(receiver.accepted).toHaveLength(0);
    expect(d.stats().storeErrors).toBeGreaterThan(3);
    down = false;
    await expectEachOnce(db, receiver, ids);
  });

  it('records a delivery accepted just before the database went away later, without posting it again', async () => {
    receiver.accepted.length = 0;
    const http = createHttpWebhookSender({ secret });
    let cut = false;
    // The database goes away right after the receiver accepted the first notification, until the test brings it back.
    const sender: WebhookSender = {
      send: async (url, body, headers) => {
        const r = await http.send(url, body, headers);
        if (r.ok && !cut) {
          cut = true;
          down = true;
        }
        return r;
      },
    };
    const d = start(sender);
    const ids = await storeNotifications(db, receiver.url, 3);
    await waitFor('a delivery kept unrecorded', () => d.stats().unrecorded > 0);
    await sleep(400);
    // Still down: what was accepted is waiting to be recorded, and none of it was posted twice.
    expect(d.stats().unrecorded).toBeGreaterThan(0);
    expect([...receiver.countsById().values()].filter((n) => n > 1)).toEqual([]);
    down = false;
    await expectEachOnce(db, receiver, ids);
    expect(d.stats()).toMatchObject({ unrecorded: 0, failures: 0 });
    expect(d.stats().storeErrors).toBeGreaterThan(0);
  });
});
