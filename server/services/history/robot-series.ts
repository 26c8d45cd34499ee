// history.robotSeries: one robot's battery, speed, pose, error count and status over a window, one column per field,
// at most SERIES_MAX_POINTS points. Windows over SERIES_SECOND_TIER_AFTER_MS (or older than the raw retention) read
// the 1 s tier; the window is read in chunks so a month of slices is never in memory at once.
import type { RobotSeries, RobotSeriesField } from '../../domain/history/history-api';
import type { HistorySample } from '../../domain/history/history-sample';
import { SLICE_SPAN_MS, SLICE_TIER, type SliceTier } from '../../domain/history/slice';
import { decodeSamples } from '../../domain/history/slice-codec';
import type { HistoryReaderDeps } from './history-reader';
import { statusCode, statusOf } from './history-tiers';
import { BucketThinner, SERIES_MAX_POINTS } from './downsample';
import { EventCursor, SNAPSHOT_EVENT_KINDS, stateFromSnapshot, type ReplayState } from './snapshot-replay';

/** Past 30 minutes the 1 s tier already has more points than a chart of SERIES_MAX_POINTS shows. */
export const SERIES_SECOND_TIER_AFTER_MS = 30 * 60_000;
const CHUNK_MS = 6 * 3600_000;
const MAX_EVENTS = 20_000;

interface Point {
  s: HistorySample;
  errors: number;
  status: number;
}

export async function robotSeries(
  deps: HistoryReaderDeps,
  q: { robotId: number; from: number; to: number; fields: readonly RobotSeriesField[] },
): Promise<RobotSeries> {
  const now = deps.clock.now();
  const long = q.to - q.from > SERIES_SECOND_TIER_AFTER_MS || q.from < now - deps.rawRetentionMs;
  let tier: SliceTier = long ? SLICE_TIER.second : SLICE_TIER.raw;
  let points = await collect(deps, q, segmentsOf(q, tier, now));
  // A window just written may have no 1 s slice closed yet (and raw may be gone): try the other tier before "nothing".
  if (points.length === 0) {
    const other: SliceTier = tier === SLICE_TIER.raw ? SLICE_TIER.second : SLICE_TIER.raw;
    const again = await collect(deps, q, [{ tier: other, from: q.from, to: q.to }]);
    if (again.length > 0) [tier, points] = [other, again];
  }
  const values: RobotSeries['values'] = {};
  for (const f of new Set(q.fields)) values[f] = points.map((p) => fieldValue(p, f));
  return { robotId: q.robotId, from: q.from, to: q.to, tier, t: points.map((p) => p.s.ts), values };
}

interface Segment {
  tier: SliceTier;
  from: number;
  to: number;
}

/**
 * The 1 s tier's slices span 5 minutes and are written when they close: the last minutes of a window reaching
 * to now come from the raw tier (a chart of the last hour ends at now, not 5 minutes before).
 */
export function segmentsOf(q: { from: number; to: number }, tier: SliceTier, now: number): Segment[] {
  if (tier === SLICE_TIER.raw) return [{ tier, from: q.from, to: q.to }];
  const split = Math.max(q.from, now - SLICE_SPAN_MS[SLICE_TIER.second] - 10_000);
  if (split > q.to) return [{ tier, from: q.from, to: q.to }];
  const out: Segment[] = [];
  if (split > q.from) out.push({ tier, from: q.from, to: split - 1 });
  out.push({ tier: SLICE_TIER.raw, from: split, to: q.to });
  return out;
}

async function collect(
  deps: HistoryReaderDeps,
  q: { robotId: number; from: number; to: number },
  segments: readonly Segment[],
): Promise<Point[]> {
  const thinner = new BucketThinner<Point>(q.from, q.to, SERIES_MAX_POINTS);
  const robotIds = [q.robotId];
  let state: ReplayState | null = null;
  let lastTs = -Infinity;
  for (const seg of segments) {
    for (let c = seg.from; c <= seg.to; c += CHUNK_MS) {
      const cTo = Math.min(seg.to, c + CHUNK_MS - 1);
      const [slices, events] = await Promise.all([
        deps.store.readSlices({ tier: seg.tier, from: c, to: cTo, robotIds }),
        deps.events.listEvents({ from: c, to: cTo, robotIds, kinds: SNAPSHOT_EVENT_KINDS, order: 'asc', limit: MAX_EVENTS }),
      ]);
      const cursor = new EventCursor(events);
      for (const slice of slices) {
        // The first slice's snapshot seeds the state; after that the events carry it (snapshots only re-sync it).
        if (!state) {
          state = stateFromSnapshot(slice.snapshot);
          cursor.takeUntil(slice.startMs - 1);
        }
        for (const s of decodeSamples(slice.data)) {
          if (s.ts < c || s.ts > cTo || s.ts <= lastTs) continue;
          lastTs = s.ts;
          cursor.advanceTo(state, s.ts);
          thinner.offer(s.ts, { s, errors: state.errors.length, status: statusCode(statusOf(s, state)) });
        }
      }
      if (state) cursor.advanceTo(state, cTo);
    }
  }
  return thinner.result();
}

function fieldValue(p: Point, f: RobotSeriesField): number | null {
  switch (f) {
    case 'battery':
      return p.s.battery;
    case 'speed':
      return p.s.speed;
    case 'x':
      return p.s.x;
    case 'y':
      return p.s.y;
    case 'theta':
      return p.s.theta;
    case 'errors':
      return p.errors;
    case 'status':
      return p.status;
  }
}
