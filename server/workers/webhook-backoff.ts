// When a failed webhook is tried again: doubling from 2 s, capped at 5 min, spread ±20 % so that notifications
// that failed together (a receiver outage) do not all come back at the same instant. Pure.

export interface BackoffOptions {
  /** The wait after the first failed attempt; default 2 s. */
  baseMs?: number;
  /** The longest wait; default 5 min. */
  capMs?: number;
  /** A number in [0, 1); default Math.random. */
  random?: () => number;
}

export const DEFAULT_BACKOFF = { baseMs: 2_000, capMs: 5 * 60_000 } as const;

/** The wait after the `failures`-th failed attempt (1 → ~2 s, 2 → ~4 s, 3 → ~8 s, … ~5 min). */
export function retryDelayMs(failures: number, o: BackoffOptions = {}): number {
  const base = o.baseMs ?? DEFAULT_BACKOFF.baseMs;
  const cap = o.capMs ?? DEFAULT_BACKOFF.capMs;
  // 2^30 already passes any sane cap; the bound keeps the power finite for a huge attempt count.
  const nominal = Math.min(cap, base * 2 ** Math.min(Math.max(failures, 1) - 1, 30));
  const spread = 0.8 + 0.4 * (o.random ?? Math.random)();
  return Math.max(1, Math.round(nominal * spread));
}
