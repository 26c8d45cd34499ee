// Delivers the webhooks the center stored in the outbox (with the alert's change, so none is lost): polls what is
// due, posts a few at once, records each answer, retries failures with back-off until a notification is older than
// maxAgeMs (then it is marked failed, still listed for admins). At least once, not exactly once: an accepted delivery
// is recorded afterwards; if that write fails it is kept in memory and written later instead of posted again, but a
// process that stops before that write succeeds posts it again after a restart. The body's `id` (x-fleetscope-delivery)
// is the same on every attempt, so a receiver drops such a repeat. One dispatcher per database (a control singleton).
import { WEBHOOK_HEADERS } from '../domain/alerts/webhook-body';
import { createThrottle, truncateText } from '../domain/log-bounds';
import type { AlertOutbox, OutboxItem } from '../ports/alert-store';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import type { WebhookSender, WebhookSendResult } from '../ports/webhook-sender';
import { eachLimited, within } from './bounded-async';
import { type BackoffOptions, retryDelayMs } from './webhook-backoff';
import { createDeliveryOrder } from './webhook-order';

export interface WebhookDispatcherOptions {
  outbox: AlertOutbox;
  sender: WebhookSender;
  clock: Clock;
  logger: Logger;
  /** How often the outbox is looked at when nobody wakes the dispatcher; default 1 s. */
  pollMs?: number;
  /** Notifications taken per look; default 20. */
  batch?: number;
  /** Posts in flight at once; default 4. */
  concurrency?: number;
  /** A notification still failing this long after it was stored is given up; default 24 h. */
  maxAgeMs?: number;
  backoff?: BackoffOptions;
  /** How long stop() waits for posts in flight; default 3 s. */
  stopWaitMs?: number;
}

export interface WebhookDispatcherStats {
  /** Attempts made (each retry counts). */
  sent: number;
  delivered: number;
  failures: number;
  gaveUp: number;
  /** Failed reads or writes of the outbox (retried). */
  storeErrors: number;
  lastError: string | null;
  lastErrorAt: number | null;
  /** From the outbox's last counts (refreshed after each poll that found work, else every 10 s); null before. */
  pending: number | null;
  failed: number | null;
  /** Accepted by the receiver but not yet recorded as delivered (database down). */
  unrecorded: number;
}

export interface WebhookDispatcher {
  /** Look at the outbox now (the center calls it after storing a notification). */
  wake(): void;
  /** One look now, resolved when done; never rejects. */
  poll(): Promise<void>;
  stats(): WebhookDispatcherStats;
  /** Stops polling and waits briefly for posts in flight; a post not yet started stays pending in the outbox. */
  stop(): Promise<void>;
}

const MAX_UNRECORDED = 10_000; // past it, a delivery whose record fails is simply posted again later

export function createWebhookDispatcher(o: WebhookDispatcherOptions): WebhookDispatcher {
  const { outbox, sender, clock, pollMs = 1_000, batch = 20, concurrency = 4, maxAgeMs = 24 * 3_600_000 } = o;
  const log = o.logger.child({ component: 'worker:webhook-dispatcher' });
  const s: WebhookDispatcherStats = {
    ...{ sent: 0, delivered: 0, failures: 0, gaveUp: 0, storeErrors: 0, lastError: null, lastErrorAt: null },
    ...{ pending: null, failed: null, unrecorded: 0 },
  };
  const unrecorded = new Map<string, number>(); // delivery id → accepted at, for those whose record failed
  const order = createDeliveryOrder<OutboxItem>();
  const shouldLog = createThrottle(5, 100);
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let countsAt = Number.NEGATIVE_INFINITY;

  /** A write to the outbox; a failure is counted, logged (throttled) and left for the next poll. */
  const record = (op: string, write: () => Promise<void>) =>
    write().then(
      () => true,
      (err: unknown) => {
        s.storeErrors++;
        if (shouldLog(`store:${op}`)) log.warn({ op, err: errText(err) }, 'webhook outbox unavailable; retrying on the next poll');
        return false;
      },
    );

  /** Records the deliveries whose record failed earlier; false while the database still refuses. */
  const flushUnrecorded = async () => {
    for (const [id, at] of unrecorded) {
      if (!(await record('delivered', () => outbox.delivered(id, at)))) return false;
      unrecorded.delete(id);
    }
    return true;
  };

  /** One attempt at one notification: whether its outcome was recorded, and whether its chain may go on. */
  const deliver = async (item: OutboxItem): Promise<{ recorded: boolean; next: boolean }> => {
    s.sent++;
    const headers = { [WEBHOOK_HEADERS.delivery]: item.id, [WEBHOOK_HEADERS.event]: item.body.event };
    const r = await Promise.resolve()
      .then(() => sender.send(item.url, JSON.stringify(item.body), headers))
      .catch((err: unknown): WebhookSendResult => ({ ok: false, status: null, error: errText(err) }));
    const at = clock.now();
    if (r.ok) {
      s.delivered++;
      order.settled(item);
      const recorded = await record('delivered', () => outbox.delivered(item.id, at));
      if (!recorded && unrecorded.size < MAX_UNRECORDED) unrecorded.set(item.id, at);
      return { recorded, next: true };
    }
    const error = r.error ?? `HTTP ${r.status ?? '?'}`;
    const giveUp = at - item.createdAt >= maxAgeMs;
    Object.assign(s, { failures: s.failures + 1, gaveUp: s.gaveUp + (giveUp ? 1 : 0), lastError: error, lastErrorAt: at });
    if (giveUp || shouldLog('send')) {
      log.warn({ delivery: item.id, to: originOf(item.url), attempts: item.attempts + 1, error, giveUp }, 'webhook not delivered');
    }
    const nextAttemptAt = at + retryDelayMs(item.attempts + 1, o.backoff);
    order.failed(item, giveUp ? null : nextAttemptAt);
    const recorded = await record('retryLater', () => outbox.retryLater(item.id, { at, error, giveUp, nextAttemptAt }));
    return { recorded, next: giveUp };
  };

  /** One look at the outbox; true when a full batch went well, so more may be due at once. */
  const round = async (): Promise<boolean> => {
    if (!(await flushUnrecorded())) return false;
    // Items of held-back chains come back from `due` and are skipped: ask for that many more (bounded).
    const limit = batch + Math.min(order.held() * 4, batch * 5);
    let items: OutboxItem[] = [];
    const now = clock.now();
    if (!(await record('due', async () => void (items = await outbox.due(now, limit))))) return false;
    let ok = true;
    const fresh = items.filter((i) => !unrecorded.has(i.id));
    const chains = order.chains(fresh, now, batch);
    // One alert's notifications to one URL go one after another, a failure holding back the rest; others at once.
    await eachLimited(chains, concurrency, async (chain) => {
      for (const item of chain) {
        if (stopped) return;
        const r = await deliver(item);
        ok &&= r.recorded;
        if (!r.next) return;
      }
    });
    if (items.length > 0 || clock.now() - countsAt >= 10_000) {
      countsAt = clock.now();
      await record('counts', async () => {
        const c = await outbox.counts();
        Object.assign(s, { pending: c.pending, failed: c.failed });
      });
    }
    return ok && chains.flat().length >= batch;
  };

  const schedule = (ms: number) => {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(() => void poll(), ms).unref();
  };

  const poll = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        while (!stopped) {
          again = false;
          if (!(await round()) && !again) break;
        }
      } catch (err) {
        log.error({ err: errText(err) }, 'webhook dispatcher poll failed');
      } finally {
        running = null;
        schedule(pollMs);
      }
    })();
    return running;
  };

  schedule(0);
  return {
    wake: () => void poll(),
    poll,
    stats: () => ({ ...s, unrecorded: unrecorded.size }),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await within(o.stopWaitMs ?? 3_000, (running ?? Promise.resolve()).then(flushUnrecorded));
    },
  };
}

/** Only the origin is logged: a webhook URL often carries its token in the path (Slack, Teams). */
const originOf = (url: string) => (URL.canParse(url) ? new URL(url).origin : '(not a URL)');
const errText = (err: unknown) => truncateText(err instanceof Error ? err.message : String(err), 300);
