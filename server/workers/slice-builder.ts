// Pure part of the history writer: per robot, the open slice of each tier and when to close it. No I/O, no timers;
// the writer feeds samples and the time, and receives closed slices through `onClosed`.
//
// Rules (server/domain/history/slice.ts):
// - raw tier: every sample; closed when it would span SLICE_SPAN_MS[raw], hold RAW_SLICE_MAX_SAMPLES, or on a mapId
//   change (a slice is on one map, so the codec and readers never mix maps within one).
// - second tier: the first sample of each second (by robot time), closed at SLICE_SPAN_MS[second] or a mapId change.
// - a slice also closes once it has been open SLICE_SPAN_MS of server time (a robot gone quiet still gets its
//   samples written).
// Slice boundaries are staggered per robot (a phase within the span drawn from the robot id): robots that started
// together would otherwise close, encode and write their slices in the same instant every 30 s, a burst of codec
// work on the event loop the live path shares; staggered, a 2,000-robot fleet closes ~67 raw slices a second.
// Out of order: samples are kept sorted by ts inside the open slice (a late state message between visualizations
// goes where it belongs), so the codec always sees non-decreasing times and a slice's start/end are its min/max.
// A sample too old for the open slice (the slice would span too long, e.g. a robot clock stepping back) closes it
// and opens a new one: nothing is dropped for lateness. Equal ts keep arrival order.
import type { HistorySample } from '../domain/history/history-sample';
import { RAW_SLICE_MAX_SAMPLES, SLICE_SPAN_MS, SLICE_TIER, type SliceSnapshot, type SliceTier } from '../domain/history/slice';

export interface ClosedSlice {
  robotId: number;
  tier: SliceTier;
  /** Sorted by ts; at least one. */
  samples: HistorySample[];
  snapshot: SliceSnapshot | null;
}

interface OpenSlice {
  samples: HistorySample[];
  start: number;
  end: number;
  mapId: string;
  /** Server time when it opened. */
  openedAt: number;
  snapshot: SliceSnapshot | null;
}

interface RobotSlices {
  open: [OpenSlice | null, OpenSlice | null];
  phase: [number, number];
  /** floor(ts / 1000) of the last sample the second tier took. */
  lastSecond: number;
}

export interface SliceBuilderOptions {
  /** Robots tracked at once; a robot beyond it is refused while every tracked one has an open slice. */
  maxRobots: number;
  /** The robot's view as a slice opens. */
  snapshotOf(robotId: number): SliceSnapshot | null;
  onClosed(slice: ClosedSlice): void;
  /** Where in its span a robot's slice boundaries fall, in ms (tests pass 0); default spread by robot id. */
  phaseOf?(robotId: number, tier: SliceTier): number;
  /** Samples per slice, by tier (tests); defaults RAW_SLICE_MAX_SAMPLES and one per second of the span. */
  maxSamples?: Record<SliceTier, number>;
}

export interface SliceBuilder {
  /** Adds the sample (the caller validated it); false when the robot cannot be tracked. */
  add(robotId: number, sample: HistorySample, now: number): boolean;
  /** Closes slices open for their tier's span of server time; returns how many closed. */
  closeAged(now: number): number;
  /** Closes every open slice (flush, stop). */
  closeAll(): number;
  openSlices(): number;
  /** Copies of the open slices of a tier overlapping [from, to] (of the given robots, or all): what is not stored yet. */
  peekOpen(tier: SliceTier, from: number, to: number, robotIds?: ReadonlySet<number>): ClosedSlice[];
  robots(): number;
}

const TIERS = [SLICE_TIER.raw, SLICE_TIER.second] as const;

/** Spreads robot ids over the span (Knuth's multiplicative hash, as a fraction). */
const defaultPhase = (robotId: number, tier: SliceTier) => Math.floor((((robotId * 2654435761) >>> 0) / 2 ** 32) * SLICE_SPAN_MS[tier]);

export function createSliceBuilder(o: SliceBuilderOptions): SliceBuilder {
  const maxSamples = o.maxSamples ?? { 0: RAW_SLICE_MAX_SAMPLES, 1: SLICE_SPAN_MS[SLICE_TIER.second] / 1000 };
  const robots = new Map<number, RobotSlices>();
  let open = 0;

  const close = (robotId: number, r: RobotSlices, tier: SliceTier) => {
    const s = r.open[tier];
    if (!s) return;
    r.open[tier] = null;
    open--;
    o.onClosed({ robotId, tier, samples: s.samples, snapshot: s.snapshot });
  };

  const phaseOf = o.phaseOf ?? defaultPhase;
  const bucket = (r: RobotSlices, tier: SliceTier, ts: number) => Math.floor((ts + r.phase[tier]) / SLICE_SPAN_MS[tier]);

  const fits = (r: RobotSlices, s: OpenSlice, tier: SliceTier, x: HistorySample) =>
    x.mapId === s.mapId &&
    s.samples.length < maxSamples[tier] &&
    Math.max(s.end, x.ts) - Math.min(s.start, x.ts) < SLICE_SPAN_MS[tier] &&
    // Moving forward into the robot's next span closes the slice; a late sample of the span before still fits.
    !(x.ts > s.end && bucket(r, tier, x.ts) !== bucket(r, tier, s.end));

  const put = (robotId: number, r: RobotSlices, tier: SliceTier, x: HistorySample, now: number) => {
    let s = r.open[tier];
    if (s && !fits(r, s, tier, x)) {
      close(robotId, r, tier);
      s = null;
    }
    if (!s) {
      r.open[tier] = { samples: [x], start: x.ts, end: x.ts, mapId: x.mapId, openedAt: now, snapshot: o.snapshotOf(robotId) };
      open++;
      return;
    }
    const a = s.samples;
    if (x.ts >= s.end) {
      a.push(x);
      s.end = x.ts;
      return;
    }
    // Late: insert after the last sample not newer than it (usually a step or two back from the end).
    let i = a.length;
    while (i > 0 && a[i - 1]!.ts > x.ts) i--;
    a.splice(i, 0, x);
    if (x.ts < s.start) s.start = x.ts;
  };

  /** Makes room by forgetting a robot with nothing open (its second-tier dedup state only). */
  const evictIdle = (): boolean => {
    for (const [id, r] of robots)
      if (!r.open[0] && !r.open[1]) {
        robots.delete(id);
        return true;
      }
    return false;
  };

  return {
    add(robotId, x, now) {
      let r = robots.get(robotId);
      if (!r) {
        if (robots.size >= o.maxRobots && !evictIdle()) return false;
        r = { open: [null, null], phase: [phaseOf(robotId, 0), phaseOf(robotId, 1)], lastSecond: Number.NEGATIVE_INFINITY };
        robots.set(robotId, r);
      }
      put(robotId, r, SLICE_TIER.raw, x, now);
      const second = Math.floor(x.ts / 1000);
      if (second > r.lastSecond) {
        r.lastSecond = second;
        put(robotId, r, SLICE_TIER.second, x, now);
      }
      return true;
    },
    closeAged(now) {
      let n = 0;
      for (const [id, r] of robots)
        for (const tier of TIERS) {
          const s = r.open[tier];
          if (s && now - s.openedAt >= SLICE_SPAN_MS[tier]) {
            close(id, r, tier);
            n++;
          }
        }
      return n;
    },
    closeAll() {
      let n = 0;
      for (const [id, r] of robots)
        for (const tier of TIERS)
          if (r.open[tier]) {
            close(id, r, tier);
            n++;
          }
      return n;
    },
    openSlices: () => open,
    peekOpen(tier, from, to, robotIds) {
      const out: ClosedSlice[] = [];
      const visit = (id: number, r: RobotSlices) => {
        const s = r.open[tier];
        if (s && s.start <= to && s.end >= from) out.push({ robotId: id, tier, samples: s.samples.slice(), snapshot: s.snapshot });
      };
      if (robotIds) {
        for (const id of robotIds) {
          const r = robots.get(id);
          if (r) visit(id, r);
        }
      } else for (const [id, r] of robots) visit(id, r);
      return out;
    },
    robots: () => robots.size,
  };
}
