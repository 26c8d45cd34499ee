// Login throttling: failed attempts are counted per account and per address (rate-limiter-flexible, in memory);
// past the limit, logins are refused before the password is even checked, until the window passes.
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface LoginLimits {
  /** Failed attempts per account per window. */
  perAccount: number;
  /** Failed attempts per address per window (covers spraying many accounts). */
  perAddress: number;
  windowSeconds: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perAccount: 5, perAddress: 30, windowSeconds: 15 * 60 };

export function createLoginLimiter(limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {
  const account = new RateLimiterMemory({ keyPrefix: 'acct', points: limits.perAccount, duration: limits.windowSeconds });
  const address = new RateLimiterMemory({ keyPrefix: 'addr', points: limits.perAddress, duration: limits.windowSeconds });
  const blockedFor = (res: RateLimiterRes | null, max: number) => (res && res.consumedPoints >= max ? res.msBeforeNext : 0);

  return {
    /** 0 when a login may be tried, else the milliseconds until it may. */
    async retryAfterMs(email: string, addr: string): Promise<number> {
      const [a, b] = await Promise.all([account.get(email), address.get(addr)]);
      return Math.max(blockedFor(a, limits.perAccount), blockedFor(b, limits.perAddress));
    },
    async failed(email: string, addr: string): Promise<void> {
      await Promise.all([account.penalty(email, 1), address.penalty(addr, 1)]);
    },
    async succeeded(email: string): Promise<void> {
      await account.delete(email);
    },
  };
}
export type LoginLimiter = ReturnType<typeof createLoginLimiter>;
