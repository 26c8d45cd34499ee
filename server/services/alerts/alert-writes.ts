// Alert transitions on their way to the database, in order, one at a time. A write that fails (database outage) is
// kept and retried with back-off until it lands, never dropped: the center's memory is the truth meanwhile, and the
// backlog shows in /api/health. Bounded: past `max` waiting writes, new ones are refused (the center then opens no
// new alerts and counts them), so an outage cannot grow memory without end.
import type { AlertChange, AlertStore } from '../../ports/alert-store';
import type { Logger } from '../../ports/logger';
import { isRowError } from '../../domain/write-errors';
import { writeErrorText } from '../command-book';

export interface AlertWriteOptions {
  retryFirstMs: number;
  retryMaxMs: number;
  max: number;
}

export const DEFAULT_ALERT_WRITES: AlertWriteOptions = { retryFirstMs: 250, retryMaxMs: 5_000, max: 20_000 };

interface Item {
  change: AlertChange;
  queuedAt: number;
  done: () => void;
}

export function createAlertWrites(deps: {
  store: Pick<AlertStore, 'apply'>;
  logger: Logger;
  now: () => number;
  /** After each landed write that carried notifications (the webhook dispatcher polls at once). */
  onLanded?: (change: AlertChange) => void;
  options?: Partial<AlertWriteOptions>;
}) {
  const o = { ...DEFAULT_ALERT_WRITES, ...deps.options };
  const queue: Item[] = [];
  const counts = { written: 0, failures: 0, refused: 0, rejected: 0 };
  let lastError: string | null = null;
  let lastLoggedAt = -Infinity;
  let running = false;
  let stopped = false;
  let wake: (() => void) | null = null;

  const pause = (ms: number) =>
    new Promise<void>((r) => {
      const t = setTimeout(r, ms);
      t.unref();
      wake = () => {
        clearTimeout(t);
        r();
      };
    });

  async function drain() {
    running = true;
    let failures = 0;
    while (queue.length > 0 && !stopped) {
      const item = queue[0]!;
      try {
        await deps.store.apply(item.change);
        queue.shift();
        counts.written++;
        failures = 0;
        item.done();
        if (item.change.notifications.length > 0) deps.onLanded?.(item.change);
      } catch (err) {
        if (isRowError(err)) {
          // The database refused the change itself (a second unresolved alert of a rule and subject: another
          // instance, or memory and database disagreeing). It would fail forever and hold every write behind it.
          queue.shift();
          counts.rejected++;
          lastError = writeErrorText(err);
          deps.logger.error({ err: lastError, alertId: item.change.alert.id }, 'alert write refused by the database; dropped');
          item.done();
          continue;
        }
        failures++;
        counts.failures++;
        lastError = writeErrorText(err);
        if (deps.now() - lastLoggedAt > 10_000) {
          lastLoggedAt = deps.now();
          deps.logger.warn({ err: lastError, waiting: queue.length }, 'alert write failed; kept and retried');
        }
        await pause(Math.min(o.retryMaxMs, o.retryFirstMs * 2 ** Math.min(failures - 1, 10)));
      }
    }
    running = false;
  }

  return {
    /** Queues a change; the promise settles when it has landed (never rejects; it may wait through an outage). */
    enqueue(change: AlertChange): Promise<void> | null {
      if (queue.length >= o.max) {
        counts.refused++;
        return null;
      }
      const landed = new Promise<void>((done) => queue.push({ change, queuedAt: deps.now(), done }));
      if (!running) void drain();
      return landed;
    },
    /** Room for at least `n` more writes. */
    hasRoom: (n = 1) => queue.length + n <= o.max,
    stats: () => ({
      pendingWrites: queue.length,
      oldestPendingWriteMs: queue.length > 0 ? deps.now() - queue[0]!.queuedAt : 0,
      writesLanded: counts.written,
      writeFailures: counts.failures,
      writesRefused: counts.refused,
      /** Writes the database refused for their data (dropped, logged). */
      writesRejected: counts.rejected,
      lastWriteError: lastError,
    }),
    /** Gives queued writes until `deadlineMs` to land (a clean shutdown), then stops retrying. */
    async stop(deadlineMs = 3_000) {
      const until = deps.now() + deadlineMs;
      while (queue.length > 0 && running && deps.now() < until) {
        wake?.();
        await new Promise((r) => setTimeout(r, 50));
      }
      stopped = true;
      wake?.();
      if (queue.length > 0) deps.logger.error({ lost: queue.length }, 'alert writes still waiting at shutdown');
    },
  };
}

export type AlertWrites = ReturnType<typeof createAlertWrites>;
