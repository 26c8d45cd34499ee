// Alerts, webhook notifications and an in-memory outbox for webhook tests (the real outbox is
// server/adapters/storage/alert-store.ts; this one can be made to fail like a database that is down).
import { randomUUID } from 'node:crypto';
import type { AlertView } from '../domain/alerts/alert';
import type { AlertWebhookBody } from '../domain/alerts/webhook-body';
import type { AlertOutbox, DeliveryStatus, OutboxItem, OutboxNotification } from '../ports/alert-store';

export function testAlert(over: Partial<AlertView> = {}): AlertView {
  const at = over.openedAt ?? Date.now();
  return {
    ...{ id: randomUUID(), ruleId: 'robot.stuck', severity: 'warning', subject: 'app:test', robotId: null },
    ...{ title: 'test alert', detail: { value: 1 }, state: 'open', openedAt: at, acknowledgedBy: null, acknowledgedAt: null },
    ...{ acknowledgeNote: null, resolvedAt: null, resolvedBy: null, resolveNote: null, flaps: 0, active: true },
    ...{ traceId: null, updatedAt: at },
    ...over,
  };
}

/** An `opened` notification of `alert` to `url` (a new delivery id each time). */
export function testNotification(url: string, alert: AlertView, event: AlertWebhookBody['event'] = 'opened'): OutboxNotification {
  const id = randomUUID();
  const body: AlertWebhookBody = {
    id,
    event,
    at: alert.updatedAt,
    by: 'auto',
    note: null,
    rule: { id: alert.ruleId, name: 'Stuck' },
    alert,
  };
  return { id, url, body };
}

export interface MemoryOutbox extends AlertOutbox {
  add(n: OutboxNotification, createdAt?: number): void;
  items: Map<string, OutboxItem>;
  /** Every call fails while set, like a database that is down; `failOnly` limits it to some operations. */
  down: boolean;
  failOnly: ReadonlySet<keyof AlertOutbox> | null;
  calls: Record<keyof AlertOutbox, number>;
}

export function memoryOutbox(): MemoryOutbox {
  const items = new Map<string, OutboxItem>();
  const calls = { due: 0, delivered: 0, retryLater: 0, recent: 0, counts: 0 };
  const o: MemoryOutbox = {
    items,
    down: false,
    failOnly: null,
    calls,
    add(n, createdAt = Date.now()) {
      const base = { status: 'pending' as const, attempts: 0, createdAt, nextAttemptAt: createdAt, deliveredAt: null, lastError: null };
      items.set(n.id, { ...n, ...base });
    },
    due: (now, limit) =>
      guard('due', () =>
        [...items.values()]
          .filter((i) => i.status === 'pending' && i.nextAttemptAt <= now)
          .sort((a, b) => a.createdAt - b.createdAt)
          .slice(0, limit)
          .map((i) => ({ ...i })),
      ),
    delivered: (id, at) =>
      guard('delivered', () => {
        const i = items.get(id);
        if (i?.status === 'pending') Object.assign(i, { status: 'delivered', attempts: i.attempts + 1, deliveredAt: at });
      }),
    retryLater: (id, a) =>
      guard('retryLater', () => {
        const i = items.get(id);
        if (i?.status !== 'pending') return;
        Object.assign(i, { attempts: i.attempts + 1, lastError: a.error, nextAttemptAt: a.nextAttemptAt });
        if (a.giveUp) i.status = 'failed';
      }),
    recent: (limit) => guard('recent', () => [...items.values()].reverse().slice(0, limit)),
    counts: () =>
      guard('counts', () => {
        const c: Record<DeliveryStatus, number> = { pending: 0, delivered: 0, failed: 0 };
        for (const i of items.values()) c[i.status]++;
        return c;
      }),
  };
  async function guard<T>(op: keyof AlertOutbox, fn: () => T): Promise<T> {
    calls[op]++;
    await Promise.resolve();
    if (o.down && (!o.failOnly || o.failOnly.has(op))) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    return fn();
  }
  return o;
}
