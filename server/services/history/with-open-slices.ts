// History as readers see it: the stored slices plus the ones still open in the writer. A raw slice is stored when
// it closes (up to 30 s after its first sample), so without this the last half-minute of every robot would be
// missing from fleetAt, range and the why view (e.g. "scrub back to just before the pause" right after a pause).
// Open slices are process-local: the reader sees those of the writer in its own process.
import type { SliceRow } from '../../domain/history/slice';
import type { HistoryStore, OpenSliceSource } from '../../ports/history-store';

const byRobotThenStart = (a: SliceRow, b: SliceRow) => a.robotId - b.robotId || a.startMs - b.startMs;

/** Stored rows plus open ones; an open slice never overlaps a stored one of the same robot and tier (it starts after). */
export function withOpenSlices(store: HistoryStore, open: OpenSliceSource): HistoryStore {
  return {
    ...store,
    async readSlices(q) {
      const stored = await store.readSlices(q);
      const fresh = open.openSlices(q);
      return fresh.length === 0 ? stored : [...stored, ...fresh].sort(byRobotThenStart);
    },
    async slicesAt(q) {
      const stored = await store.slicesAt(q);
      const fresh = open.openSlices({ tier: q.tier, from: q.at - q.maxGapMs, to: q.at, robotIds: q.robotIds });
      if (fresh.length === 0) return stored;
      // Per robot, the latest slice starting at or before `at`.
      const best = new Map<number, SliceRow>();
      for (const r of [...stored, ...fresh]) {
        if (r.startMs > q.at) continue;
        const b = best.get(r.robotId);
        if (!b || r.startMs > b.startMs) best.set(r.robotId, r);
      }
      return [...best.values()].sort(byRobotThenStart);
    },
  };
}
