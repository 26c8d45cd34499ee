// The newest closed slices, kept in memory for readers on a web node without a gateway. Such a node builds its own
// copy of every robot's slices from the bus (the gateways' nodes store the real ones), but its slices do not start
// and end where the stored ones do: between the last stored slice of a robot and the copy's open one there can be
// a stretch only the copy's recently closed slices hold. They are kept here for KEEP_MS, then forgotten.
import type { SliceRow } from '../../domain/history/slice';
import type { Clock } from '../../ports/clock';
import type { OpenSliceSource, SliceQuery } from '../../ports/history-store';

export interface RecentSlices extends OpenSliceSource {
  /** Takes closed slices in place of the database (the history writer's store). */
  writeSlices(rows: readonly SliceRow[]): Promise<void>;
  size(): number;
}

/** Longer than a raw slice's 30 s span plus the time a gateway's node takes to store it. */
const KEEP_MS = 120_000;

export function createRecentSlices(deps: { clock: Clock; keepMs?: number; maxRows?: number }): RecentSlices {
  const keepMs = deps.keepMs ?? KEEP_MS;
  const maxRows = deps.maxRows ?? 50_000;
  // In the order they closed: the oldest go first, by age or when the bound is reached.
  let kept: { row: SliceRow; at: number }[] = [];
  const prune = () => {
    const cutoff = deps.clock.now() - keepMs;
    let i = 0;
    while (i < kept.length && (kept[i]!.at < cutoff || kept.length - i > maxRows)) i++;
    if (i > 0) kept = kept.slice(i);
  };
  return {
    async writeSlices(closed) {
      const at = deps.clock.now();
      for (const row of closed) kept.push({ row, at });
      prune();
    },
    openSlices(q: SliceQuery) {
      prune();
      const ids = q.robotIds && new Set(q.robotIds);
      return kept
        .map((k) => k.row)
        .filter((r) => r.tier === q.tier && r.endMs >= q.from && r.startMs <= q.to && (!ids || ids.has(r.robotId)));
    },
    size: () => kept.length,
  };
}
