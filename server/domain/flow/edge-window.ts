// Sliding-window meter of one edge of the data path: messages, bytes, errors, drops and a latency histogram per
// one-second slot, in typed arrays allocated once. Recording is a few array writes (hot path: thousands per
// second); reading sums the slots of the window. Totals since start feed /metrics counters.
import { bucketOf, LATENCY_BUCKETS } from './latency-buckets';

export const WINDOW_SECONDS = 10;
const SLOTS = WINDOW_SECONDS + 1; // the slot being filled plus the full window behind it

export interface EdgeFigures {
  /** Over the window (per second where it says so). */
  msgsPerSec: number;
  bytesPerSec: number;
  /** Latency in ms; null with no observation in the window. */
  p50Ms: number | null;
  p99Ms: number | null;
  errors: number;
  drops: number;
  /** Messages in the window (not per second). */
  messages: number;
  histogram: number[];
  totals: {
    messages: number;
    bytes: number;
    errors: number;
    drops: number;
    latencyCount: number;
    latencySumMs: number;
    histogram: number[];
  };
}

export class EdgeWindow {
  private readonly stamps = new Float64Array(SLOTS).fill(-1);
  private readonly counts = new Float64Array(SLOTS);
  private readonly bytes = new Float64Array(SLOTS);
  private readonly errors = new Float64Array(SLOTS);
  private readonly drops = new Float64Array(SLOTS);
  private readonly hist = new Uint32Array(SLOTS * LATENCY_BUCKETS);
  private readonly totalHist = new Float64Array(LATENCY_BUCKETS);
  private total = { messages: 0, bytes: 0, errors: 0, drops: 0, latencyCount: 0, latencySumMs: 0 };
  private readonly bornSec: number;

  constructor(nowMs: number) {
    this.bornSec = Math.floor(nowMs / 1000);
  }

  private slot(nowMs: number): number {
    const sec = Math.floor(nowMs / 1000);
    const i = sec % SLOTS;
    if (this.stamps[i] !== sec) {
      this.stamps[i] = sec;
      this.counts[i] = 0;
      this.bytes[i] = 0;
      this.errors[i] = 0;
      this.drops[i] = 0;
      this.hist.fill(0, i * LATENCY_BUCKETS, (i + 1) * LATENCY_BUCKETS);
    }
    return i;
  }

  /** `latencyMs` NaN when this record carries no latency (e.g. a batch counted by rows). */
  record(nowMs: number, messages: number, bytes: number, latencyMs: number): void {
    const i = this.slot(nowMs);
    this.counts[i]! += messages;
    this.bytes[i]! += bytes;
    this.total.messages += messages;
    this.total.bytes += bytes;
    // biome-ignore lint/suspicious/noSelfCompare: the NaN check without a call, on the hot path
    if (latencyMs === latencyMs) this.observe(i, latencyMs);
  }

  /** A latency observation without a message count (e.g. a sampled hop on an edge counted elsewhere). */
  latency(nowMs: number, latencyMs: number): void {
    this.observe(this.slot(nowMs), latencyMs);
  }

  private observe(i: number, ms: number): void {
    const b = bucketOf(Math.max(0, ms));
    this.hist[i * LATENCY_BUCKETS + b]!++;
    this.totalHist[b]!++;
    this.total.latencyCount++;
    this.total.latencySumMs += ms;
  }

  error(nowMs: number, n = 1): void {
    this.errors[this.slot(nowMs)]! += n;
    this.total.errors += n;
  }

  drop(nowMs: number, n = 1): void {
    this.drops[this.slot(nowMs)]! += n;
    this.total.drops += n;
  }

  /** Figures over the last WINDOW_SECONDS full seconds plus the current one, scaled by the time covered. */
  read(nowMs: number, percentile: (counts: ArrayLike<number>, p: number) => number): EdgeFigures {
    const sec = Math.floor(nowMs / 1000);
    const from = sec - WINDOW_SECONDS;
    let messages = 0;
    let bytes = 0;
    let errors = 0;
    let drops = 0;
    const histogram = new Array<number>(LATENCY_BUCKETS).fill(0);
    for (let i = 0; i < SLOTS; i++) {
      const s = this.stamps[i]!;
      if (s < from || s > sec) continue;
      messages += this.counts[i]!;
      bytes += this.bytes[i]!;
      errors += this.errors[i]!;
      drops += this.drops[i]!;
      for (let b = 0; b < LATENCY_BUCKETS; b++) histogram[b]! += this.hist[i * LATENCY_BUCKETS + b]!;
    }
    // Seconds covered: the full window, or less for an edge born recently; the current second counts pro rata.
    const covered = Math.max(0.001, Math.min(WINDOW_SECONDS, sec - this.bornSec) + (nowMs % 1000) / 1000);
    const p50 = percentile(histogram, 50);
    const p99 = percentile(histogram, 99);
    return {
      msgsPerSec: messages / covered,
      bytesPerSec: bytes / covered,
      p50Ms: Number.isNaN(p50) ? null : p50,
      p99Ms: Number.isNaN(p99) ? null : p99,
      errors,
      drops,
      messages,
      histogram,
      totals: { ...this.total, histogram: Array.from(this.totalHist) },
    };
  }
}
