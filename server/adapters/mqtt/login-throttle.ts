// Password guessing against the broker costs a scrypt run each (~70 ms of the broker thread). After too many wrong
// passwords for one username or from one address within a window, further unverified attempts are refused without
// running scrypt until the window ends. Logins already verified (cached) still get in: a guesser cannot lock out
// the robots that know their password.
export interface ThrottleLimits {
  perUsername: number;
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = { perUsername: 10, perAddress: 50, windowMs: 60_000 };

export function createLoginThrottle(limits: ThrottleLimits = DEFAULT_THROTTLE, now: () => number = Date.now, maxKeys = 10_000) {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const countOf = (key: string) => {
    const w = windows.get(key);
    if (!w) return 0;
    if (now() >= w.resetAt) {
      windows.delete(key);
      return 0;
    }
    return w.count;
  };
  const bump = (key: string) => {
    const t = now();
    const w = windows.get(key);
    if (w && t < w.resetAt) w.count++;
    else {
      if (windows.size >= maxKeys) windows.delete(windows.keys().next().value!);
      windows.set(key, { count: 1, resetAt: t + limits.windowMs });
    }
  };
  return {
    blocked(username: string, address: string | null): boolean {
      return countOf(`u:${username}`) >= limits.perUsername || (address !== null && countOf(`a:${address}`) >= limits.perAddress);
    },
    failed(username: string, address: string | null): void {
      bump(`u:${username}`);
      if (address !== null) bump(`a:${address}`);
    },
  };
}
