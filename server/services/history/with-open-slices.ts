// History as readers see it: the stored slices plus the ones still open in the writer. A raw slice is stored when
// it closes (up to 30 s after its first sample), so without this the last half-minute of every robot would be
// missing from fleetAt, range and the why view (e.g. "scrub back to just before the pause" right after a pause).
// Open slices are process-local: the reader sees those of the writer in its own process. A web node without a
// gateway keeps a copy of every robot's newest slices (composition/history.ts) whose bounds differ from the stored
// ones: a copy the stored slices already cover is left out; one that overlaps them repeats the same samples.
import type { SliceRow } from '../../domain/history/slice';
import type { HistoryStore, OpenSliceSource } from '../../ports/history-store';

const byRobotThenStart = (a: SliceRow, b: SliceRow) => a.robotId - b.robotId || a.startMs - b.startMs;

/** The fresh rows that end after every stored row of their robot (in one tier: the rows of one query). */
function notCovered(stored: readonly SliceRow[], fresh: readonly SliceRow[]): SliceRow[] {
  if (fresh.length === 0 || stored.length === 0) return [...fresh];
  const end = new Map<number, number>();
  for (const r of stored) end.set(r.robotId, Math.max(end.get(r.robotId) ?? Number.NEGATIVE_INFINITY, r.endMs));
  return fresh.filter((r) => r.endMs > (end.get(r.robotId) ?? Number.NEGATIVE_INFINITY));
}

/** Stored rows plus open ones (a gateway's own open slice starts after its stored ones; a copy's is trimmed of those covered). */
export function withOpenSlices(store: HistoryStore, open: OpenSliceSource): HistoryStore {
  return {
    ...store,
    async readSlices(q) {
      const stored = await store.readSlices(q);
      const fresh = notCovered(stored, open.openSlices(q));
      return fresh.length === 0 ? stored : [...stored, ...fresh].sort(byRobotThenStart);
    },
    async slicesAt(q) {
      const stored = await store.slicesAt(q);
      const fresh = notCovered(stored, open.openSlices({ tier: q.tier, from: q.at - q.maxGapMs, to: q.at, robotIds: q.robotIds }));
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
