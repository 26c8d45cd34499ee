// Bounds how many events one robot can add to the timeline: per (robot, kind), at most `burst` events in each
// fixed window; the rest are counted and the count rides on the next event that passes, so a flood is visible as
// a number, never as rows. Pure: the caller gives the time. Keys are bounded (least recently used evicted).
import { BoundedMap } from './bounded-map';

export interface EventRateLimitOptions {
  windowMs: number;
  /** Events admitted per key and window. */
  burst: number;
  /** Keys remembered at most. */
  maxKeys?: number;
}

interface Window {
  start: number;
  used: number;
  /** Refused since the last admitted event. */
  suppressed: number;
}

export type Admission = { ok: true; suppressed: number } | { ok: false };

export interface EventRateLimiter {
  /** Whether an event may be stored now; `suppressed` is how many of this key were refused since the last one. */
  admit(robotId: number, kind: string, now: number): Admission;
  /** Events refused in total. */
  refused(): number;
}

export function createEventRateLimiter(o: EventRateLimitOptions): EventRateLimiter {
  const windows = new BoundedMap<string, Window>(o.maxKeys ?? 50_000);
  let refused = 0;
  return {
    admit(robotId, kind, now) {
      const w = windows.getOrCreate(`${robotId}:${kind}`, () => ({ start: now, used: 0, suppressed: 0 }));
      if (now - w.start >= o.windowMs || now < w.start) {
        w.start = now;
        w.used = 0;
      }
      if (w.used >= o.burst) {
        w.suppressed++;
        refused++;
        return { ok: false };
      }
      w.used++;
      const suppressed = w.suppressed;
      w.suppressed = 0;
      return { ok: true, suppressed };
    },
    refused: () => refused,
  };
}
