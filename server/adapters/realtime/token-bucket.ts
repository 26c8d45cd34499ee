// A token bucket: `burst` events at once, then `perSec` on average. One per socket (or per socket and event).
export interface BucketRate {
  perSec: number;
  burst: number;
}

export function createTokenBucket(rate: BucketRate, now: () => number) {
  let tokens = rate.burst;
  let at = now();
  return {
    /** Takes a token: 0 when one was free, else the milliseconds until one will be (nothing taken). */
    take(): number {
      const t = now();
      tokens = Math.min(rate.burst, tokens + ((t - at) / 1000) * rate.perSec);
      at = t;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.ceil(((1 - tokens) / rate.perSec) * 1000);
    },
  };
}
