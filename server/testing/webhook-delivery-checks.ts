// Shared steps of the webhook integration tests: store notifications as the alert center does (through the real
// store, one per transition), and check that a receiver got each exactly once, signed and in its alert's order.
import { expect } from 'vitest';
import type { Db } from '../../db/client';
import { createAlertOutbox, createAlertStore } from '../adapters/storage/alert-store';
import type { AlertTransition, AlertView } from '../domain/alerts/alert';
import { testAlert, testNotification } from './alert-webhook-fixtures';
import { waitFor } from './test-env';
import type { WebhookReceiver } from './webhook-receiver';

/** Stores `alerts` alerts, each opened, acknowledged and resolved with a notification to `to` per transition;
 *  calls `stored` after each (the center wakes the dispatcher there). Returns the delivery ids in order. */
export async function storeNotifications(db: Db, to: string, alerts: number, stored: () => void = () => {}): Promise<string[]> {
  const store = createAlertStore(db);
  const ids: string[] = [];
  for (let i = 0; i < alerts; i++) {
    const at = Date.now();
    const open = testAlert({ subject: `app:webhook-${crypto.randomUUID()}`, openedAt: at });
    const steps: [AlertTransition, AlertView][] = [
      ['opened', open],
      ['acknowledged', { ...open, state: 'acknowledged', acknowledgedBy: 'ada', acknowledgedAt: at + 1, updatedAt: at + 1 }],
      ['resolved', { ...open, state: 'resolved', resolvedBy: 'auto', resolvedAt: at + 2, updatedAt: at + 2, active: false }],
    ];
    for (const [transition, alert] of steps) {
      const n = testNotification(to, alert, transition);
      const record = { alertId: alert.id, transition, at: alert.updatedAt, by: 'auto', note: null };
      await store.apply({ alert, transition: record, notifications: [n] });
      ids.push(n.id);
      stored();
    }
  }
  return ids;
}

/** Waits until every id is delivered in the outbox (so nothing can be posted again), then checks that the receiver
 *  accepted each exactly once, with a valid signature, each alert's three in the order of its transitions. */
export async function expectEachOnce(db: Db, r: WebhookReceiver, ids: string[]): Promise<void> {
  const outbox = createAlertOutbox(db);
  await waitFor(
    'every notification delivered',
    async () => {
      const mine = (await outbox.recent(10_000)).filter((i) => ids.includes(i.id));
      return mine.length === ids.length && mine.every((i) => i.status === 'delivered');
    },
    20_000,
  );
  const counts = r.countsById();
  expect([...counts.keys()].sort()).toEqual([...ids].sort());
  expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
  expect(r.accepted.every((a) => a.verified && a.contentType === 'application/json' && a.body.id === a.delivery)).toBe(true);
  const order = r.accepted.map((a) => a.delivery);
  for (let i = 0; i + 2 < ids.length; i += 3) {
    expect(order.indexOf(ids[i] as string)).toBeLessThan(order.indexOf(ids[i + 1] as string));
    expect(order.indexOf(ids[i + 1] as string)).toBeLessThan(order.indexOf(ids[i + 2] as string));
  }
}
