// Stores robots' factsheets: the latest per robot, at most one statement in flight, batched every flush interval,
// and skipped when only the header changed. A fleet connecting at once sends thousands of factsheets (and answers
// factsheet requests); one UPDATE and commit each queued on the connection pool and on WAL syncs and stalled the
// sample inserts (measured at 2,000 robots).
import type { Db } from '../../db/client';
import { saveFactsheets } from '../../db/queries/robots';
import type { Logger } from '../logger';

/** The factsheet without its header (headerId and timestamp change on every send). */
const contentOf = (message: unknown): string => {
  const { headerId: _h, timestamp: _t, ...rest } = (message ?? {}) as Record<string, unknown>;
  return JSON.stringify(rest);
};

export function createFactsheetWriter(deps: { db: Db; logger: Logger; flushMs?: number }) {
  const pending = new Map<number, unknown>();
  const saved = new Map<number, string>();
  let writing: Promise<void> | null = null;
  let written = 0;

  const flush = async (): Promise<void> => {
    if (writing) await writing;
    if (pending.size === 0) return;
    const batch = [...pending].map(([robotId, factsheet]) => ({ robotId, factsheet }));
    pending.clear();
    writing = saveFactsheets(deps.db, batch)
      .then(() => {
        written += batch.length;
        for (const r of batch) saved.set(r.robotId, contentOf(r.factsheet));
      })
      .catch((err: unknown) => {
        deps.logger.error({ err: (err as Error).message, robots: batch.length }, 'saving factsheets failed; will retry');
        for (const r of batch) if (!pending.has(r.robotId)) pending.set(r.robotId, r.factsheet);
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
    stats: () => ({ written, pending: pending.size }),
    async stop() {
      clearInterval(timer);
      await flush();
    },
  };
}
