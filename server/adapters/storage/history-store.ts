// HistoryStore on db/queries/history-slices.ts: the same for Postgres and PGlite.
import type { Db } from '../../../db/client';
import {
  countSliceSamples,
  deleteSlicesBefore,
  insertSlices,
  latestSlicesAt,
  listSlices,
  summarizeHistoryIndexes,
  vacuumSlices,
} from '../../../db/queries/history-slices';
import { SLICE_TIER } from '../../domain/history/slice';
import type { HistoryStore } from '../../ports/history-store';

export function createHistoryStore(db: Db): HistoryStore {
  return {
    async writeSlices(rows) {
      await insertSlices(db, rows);
    },
    readSlices: (q) => listSlices(db, q),
    slicesAt: (q) => latestSlicesAt(db, q),
    async deleteSlicesBefore(tier, cutoffMs) {
      const n = await deleteSlicesBefore(db, tier, cutoffMs);
      // PGlite has no autovacuum: without this, the space of dropped slices would never be reused. Retention runs
      // every few minutes, which also suits keeping the BRIN indexes summarized (vacuum does that too).
      if (n > 0 && db.kind === 'pglite') await vacuumSlices(db);
      else if (tier === SLICE_TIER.raw) await summarizeHistoryIndexes(db);
      return n;
    },
    countSamples: (q) => countSliceSamples(db, q),
  };
}
