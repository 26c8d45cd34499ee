// Stores robots' factsheets: the latest per robot, at most one statement in flight, batched every flush interval,
// and skipped when only the header changed. A fleet connecting at once sends thousands of factsheets (and answers
// factsheet requests); one UPDATE and commit each queued on the connection pool and on WAL syncs and stalled the
// sample inserts (measured at 2,000 robots).
import { createThrottle } from '../domain/log-bounds';
import type { FactsheetStore } from '../ports/factsheet-store';
import type { Logger } from '../ports/logger';
import { isRowError } from '../domain/write-errors';

/** The factsheet without its header (headerId and timestamp change on every send). */
const contentOf = (message: unknown): string => {
  const { headerId: _h, timestamp: _t, ...rest } = (message ?? {}) as Record<string, unknown>;
  return JSON.stringify(rest);
};

export function createFactsheetWriter(deps: { store: FactsheetStore; logger: Logger; flushMs?: number }) {
  const pending = new Map<number, unknown>();
  const saved = new Map<number, string>();
  let writing: Promise<void> | null = null;
  let written = 0;
  let rejected = 0;
  const shouldLog = createThrottle(5, 100);

  const stored = (batch: { robotId: number; factsheet: unknown }[]) => {
    written += batch.length;
    for (const r of batch) saved.set(r.robotId, contentOf(r.factsheet));
  };
  /** One factsheet the database refuses must not hold back the others: each is then saved on its own. */
  const saveIsolating = async (batch: { robotId: number; factsheet: unknown }[]) => {
    try {
      await deps.store.save(batch);
      stored(batch);
    } catch (err) {
      if (!isRowError(err)) throw err;
      if (batch.length === 1) {
        rejected++;
        if (shouldLog('rejected'))
          deps.logger.error({ err: (err as Error).message, robotId: batch[0]!.robotId }, 'a factsheet the database refuses was not saved');
        return;
      }
      for (const r of batch) await saveIsolating([r]);
    }
  };

  const flush = async (): Promise<void> => {
    if (writing) await writing;
    if (pending.size === 0) return;
    const batch = [...pending].map(([robotId, factsheet]) => ({ robotId, factsheet }));
    pending.clear();
    writing = saveIsolating(batch)
      .catch((err: unknown) => {
        if (shouldLog('retry'))
          deps.logger.error({ err: (err as Error).message, robots: batch.length }, 'saving factsheets failed; will retry');
        for (const r of batch)
          if (!pending.has(r.robotId) && saved.get(r.robotId) !== contentOf(r.factsheet)) pending.set(r.robotId, r.factsheet);
      })
      .finally(() => (writing = null));
    await writing;
  };
  const timer = setInterval(() => void flush(), deps.flushMs ?? 500);
  timer.unref();

  return {
    save(robotId: number, message: unknown): void {
      if (saved.get(robotId) === contentOf(message)) return;
      pending.set(robotId, message);
    },
    flush,
    stats: () => ({ written, pending: pending.size, rejected }),
    async stop() {
      clearInterval(timer);
      await flush();
    },
  };
}
