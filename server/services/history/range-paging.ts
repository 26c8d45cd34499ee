// How history.range cuts a window into pages, and thins samples to a step. Pure.
// A page is a stretch of time sized so that the fleet's samples in it stay within PAGE_SAMPLE_BUDGET: the browser
// gets its first frame after one small read, then fetches the next pages while it plays.
import { SLICE_SPAN_MS, SLICE_TIER, type SliceTier } from '../../domain/history/slice';

/** Samples one page may carry across all robots (~1 MB of JSON columns). */
export const PAGE_SAMPLE_BUDGET = 50_000;
/** Rate assumed when sizing pages: robots publish visualization at up to 10 Hz; the 1 s tier holds 1 Hz. */
const ASSUMED_HZ: Record<SliceTier, number> = { 0: 10, 1: 1 };
const MIN_PAGE_MS = 1_000;
/** The first page of a window is short: the browser draws its first frame from it while the next pages load. */
export const FIRST_PAGE_MAX_MS = 2_000;
const MAX_PAGE_MS = 600_000;

/** Page length for `robots` robots at the tier's rate, thinned to one sample per stepMs (0: all). */
export function pageSpanMs(tier: SliceTier, robots: number, stepMs: number): number {
  const hz = stepMs > 0 ? Math.min(ASSUMED_HZ[tier], 1000 / stepMs) : ASSUMED_HZ[tier];
  const ms = (PAGE_SAMPLE_BUDGET / (Math.max(1, robots) * hz)) * 1000;
  return Math.max(MIN_PAGE_MS, Math.min(MAX_PAGE_MS, Math.floor(ms / 1000) * 1000));
}

/**
 * The 1 s tier when the window is older than the raw retention, or when a step of a second or more thins it anyway
 * and the window ended long enough ago for its 1 s slices (5 min each, written when closed) to be in the database.
 */
export function rangeTier(w: { from: number; to: number }, now: number, rawRetentionMs: number, stepMs: number): SliceTier {
  if (w.from < now - rawRetentionMs) return SLICE_TIER.second;
  const secondSlicesWritten = w.to < now - SLICE_SPAN_MS[SLICE_TIER.second] - 10_000;
  return stepMs >= 1000 && secondSlicesWritten ? SLICE_TIER.second : SLICE_TIER.raw;
}

export interface PageBounds {
  from: number;
  /** Exclusive, except on the last page, which also holds a sample at exactly the window's `to`. */
  to: number;
  last: boolean;
}

/** The page a cursor names (the start of the page as decimal epoch ms); null when it lies outside the window. */
export function pageOf(window: { from: number; to: number }, cursor: string | undefined, spanMs: number): PageBounds | null {
  const from = cursor === undefined ? window.from : Number(cursor);
  if (!Number.isSafeInteger(from) || from < window.from || from > window.to) return null;
  const to = Math.min(window.to, from + (cursor === undefined ? Math.min(spanMs, FIRST_PAGE_MAX_MS) : spanMs));
  return { from, to, last: to >= window.to };
}

export const cursorOf = (page: PageBounds): string | null => (page.last ? null : String(page.to));

export const inPage = (ts: number, p: PageBounds): boolean => ts >= p.from && (ts < p.to || (p.last && ts === p.to));

/**
 * Keeps at most one sample per stepMs bucket (aligned on the epoch, so pages thin the same way wherever they start).
 * `prevBucket` is the bucket of the last sample kept before; returns the new one when ts is kept, null otherwise.
 */
export function keepForStep(ts: number, stepMs: number, prevBucket: number | null): number | null {
  if (stepMs <= 0) return ts;
  const bucket = Math.floor(ts / stepMs);
  return bucket === prevBucket ? null : bucket;
}
