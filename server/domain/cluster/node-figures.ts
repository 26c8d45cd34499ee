// What each node of a cluster says about its bus in its announcements (cluster.nodes), and what its peers make of
// it: rates from two announcements, and how late announcements reach a node through the bus.

/** A node's bus counters since it started, and its own inbound lag. */
export interface BusFigures {
  published: number;
  delivered: number;
  /** Accepted, not yet handed to every subscriber. */
  pending: number;
  /** Refused by the bus after its retries. */
  lost: number;
  /** Median time its peers' announcements took to reach it (the last few); null before it heard any. */
  lagMs: number | null;
}

/** One node as the flow map draws it. */
export interface ClusterMember {
  node: string;
  roles: string[];
  leader: boolean;
  self: boolean;
  silentMs: number;
  bus?: BusFigures;
  /** From its last two announcements; null until there are two, or after its counters went back (a restart). */
  rates: { publishedPerSec: number; deliveredPerSec: number } | null;
}

const MAX_COUNT = 1e15;
const MAX_LAG_MS = 3_600_000;
const count = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_COUNT;

/** A peer's bus figures, or null when malformed (a peer's announcement crosses a boundary). */
export function busFiguresOf(v: unknown): BusFigures | null {
  if (typeof v !== 'object' || v === null) return null;
  const b = v as Record<string, unknown>;
  if (!count(b.published) || !count(b.delivered) || !count(b.pending) || !count(b.lost)) return null;
  if (b.lagMs !== null && !(count(b.lagMs) && b.lagMs <= MAX_LAG_MS)) return null;
  return { published: b.published, delivered: b.delivered, pending: b.pending, lost: b.lost, lagMs: b.lagMs };
}

/** Messages per second between two readings of the counters; null when they went back or no time passed. */
export function ratesBetween(before: { at: number; bus: BusFigures }, after: { at: number; bus: BusFigures }): ClusterMember['rates'] {
  const s = (after.at - before.at) / 1000;
  const p = after.bus.published - before.bus.published;
  const d = after.bus.delivered - before.bus.delivered;
  if (s <= 0 || p < 0 || d < 0) return null;
  return { publishedPerSec: p / s, deliveredPerSec: d / s };
}

/** Median of a few samples (the lag ring is short). */
export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >>> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
