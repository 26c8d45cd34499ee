// Row counts and sizes of the tables on the flow graph, refreshed in the background every 30 s (an
// exact count of a large table costs tens of milliseconds: never on every graph push).
import type { Db } from '../../../db/client';
import { tableStats, type TableStats } from '../../../db/queries/table-stats';

export interface TableStatsCache {
  get(table: string): (TableStats & { at: number }) | undefined;
  refresh(): Promise<void>;
  stop(): void;
}

export function createTableStatsCache(deps: { db: Db; tables: readonly string[]; everyMs?: number; onError?: (err: Error) => void }): TableStatsCache {
  const latest = new Map<string, TableStats & { at: number }>();
  let running: Promise<void> | null = null;
  const refresh = () => {
    running ??= tableStats(deps.db, deps.tables)
      .then((rows) => {
        const at = Date.now();
        for (const r of rows) latest.set(r.table, { ...r, at });
      })
      .catch((err: unknown) => deps.onError?.(err as Error))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void refresh(), deps.everyMs ?? 30_000);
  timer.unref();
  return { get: (t) => latest.get(t), refresh, stop: () => clearInterval(timer) };
}
