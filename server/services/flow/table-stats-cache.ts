// Row counts and sizes of the tables on the flow graph. An exact count of a large table costs tens of
// milliseconds, so it is never taken per graph push: reading the cache starts a background refresh when the
// figures are older than `maxAgeMs`, and nothing runs while nobody looks at the graph.
import type { Db } from '../../../db/client';
import { tableStats, type TableStats } from '../../../db/queries/table-stats';

export interface TableStatsCache {
  /** The latest figures (possibly a few seconds old); refreshes in the background when stale. */
  get(table: string): (TableStats & { at: number }) | undefined;
  refresh(): Promise<void>;
  stop(): void;
}

export function createTableStatsCache(deps: {
  db: Db;
  tables: readonly string[];
  maxAgeMs?: number;
  onError?: (err: Error) => void;
}): TableStatsCache {
  const maxAgeMs = deps.maxAgeMs ?? 10_000;
  const latest = new Map<string, TableStats & { at: number }>();
  let refreshedAt = 0;
  let running: Promise<void> | null = null;
  let stopped = false;
  const refresh = () => {
    if (stopped) return Promise.resolve();
    refreshedAt = Date.now();
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
  return {
    get(t) {
      if (Date.now() - refreshedAt > maxAgeMs) void refresh();
      return latest.get(t);
    },
    refresh,
    stop: () => void (stopped = true),
  };
}
