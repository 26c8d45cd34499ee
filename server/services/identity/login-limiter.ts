// Login throttling that slows guessers without letting them lock the real user out (OWASP "device cookies"):
// - An attempt takes its point BEFORE the password is checked, synchronously, so guesses sent at once cannot all
//   pass a check that none of them has counted yet; a right password gives the point back, so only failures stay.
// - Clients without a device token for the account share a per-account budget and a per-address budget; past
//   either, they get 429 before any password check (no scrypt run, no oracle) until the window ends.
// - A successful login hands out a device token (a signed cookie) bound to that account. A later login for that
//   account with the token skips the account and address budgets and spends the device's own budget instead: a
//   guesser without the token can only lock out clients that never signed in, never the user's own browser.
// - Every counter map is capped; past the cap the oldest window is dropped, so made-up emails, addresses or
//   tokens cannot grow memory. Tokens are signed with a key per process: after a restart they count as unknown.
// This is the default, per process. With REDIS_URL the counters and the key are shared by every node instead
// (shared-login-limiter.ts, same rules, asynchronous): both are a LoginLimiter.
import { randomBytes } from 'node:crypto';
import { createDeviceTokens } from '../../domain/identity/device-token';

export interface LoginLimits {
  /** Failed attempts per account per window, from clients without a device token for it. */
  perAccount: number;
  /** Failed attempts per address per window, from clients without a device token (covers spraying accounts). */
  perAddress: number;
  windowSeconds: number;
  /** Failed attempts per device token per window. */
  perDevice?: number;
  /** How long a device token is honoured. */
  deviceDays?: number;
  /** Windows kept per counter (account, address, device). */
  maxKeys?: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perAccount: 5,
  perAddress: 30,
  windowSeconds: 15 * 60,
  perDevice: 10,
  deviceDays: 30,
  maxKeys: 10_000,
};

export interface LoginAttempt {
  email: string;
  address: string;
  /** The device token the client sent (from a cookie), if any. */
  deviceToken: string | null;
}

export type AttemptTicket =
  | { allowed: false; retryAfterMs: number }
  | {
      allowed: true;
      /** True when a valid device token for this account let the attempt skip the account and address budgets. */
      knownDevice: boolean;
      /** The password was right: gives the point back and returns a fresh device token for this account. */
      succeeded(): string;
      /** The attempt could not be judged (e.g. the database failed): gives the point back. */
      abandoned(): void;
    };

type MaybePromise<T> = T | Promise<T>;

/** A ticket as the identity service uses it: the in-memory limiter answers at once, the shared one asynchronously. */
export type LoginTicket =
  | { allowed: false; retryAfterMs: number }
  | { allowed: true; knownDevice: boolean; succeeded(): MaybePromise<string>; abandoned(): MaybePromise<void> };

/** Sign-in throttling: begin() takes the attempt's point (or refuses) before the password is checked. */
export interface LoginLimiter {
  begin(a: LoginAttempt): MaybePromise<LoginTicket>;
  stats(): Record<string, number | string | null>;
}

/** Fixed windows per key, capped at maxKeys. Synchronous: a check and its count cannot be interleaved. */
export function createWindowCounter(o: { limit: number; windowMs: number; now: () => number; maxKeys: number }) {
  // Windows are only ever inserted when created, so insertion order is expiry order: the oldest come first.
  const windows = new Map<string, { count: number; resetAt: number }>();
  const live = (key: string) => {
    const w = windows.get(key);
    if (w && o.now() >= w.resetAt) {
      windows.delete(key);
      return undefined;
    }
    return w;
  };
  // The oldest window goes first: an expired one if there is any, else the one closest to expiring.
  const makeRoom = () => {
    for (const key of windows.keys()) {
      if (windows.size < o.maxKeys) return;
      windows.delete(key);
    }
  };
  return {
    /** 0 when a point is free, else the milliseconds until one is. */
    wait(key: string): number {
      const w = live(key);
      return w && w.count >= o.limit ? Math.max(1, w.resetAt - o.now()) : 0;
    },
    take(key: string): void {
      const w = live(key);
      if (w) return void w.count++;
      makeRoom();
      windows.set(key, { count: 1, resetAt: o.now() + o.windowMs });
    },
    give(key: string): void {
      const w = live(key);
      if (w && w.count > 0) w.count--;
    },
    size: () => windows.size,
  };
}

export function createLoginLimiter(limits: LoginLimits = DEFAULT_LOGIN_LIMITS, opts: { now?: () => number; deviceKey?: Buffer } = {}) {
  const now = opts.now ?? Date.now;
  const key = opts.deviceKey ?? randomBytes(32);
  const l = { ...DEFAULT_LOGIN_LIMITS, ...limits };
  const windowMs = l.windowSeconds * 1000;
  const deviceMs = l.deviceDays! * 86_400_000;
  const counter = (limit: number) => createWindowCounter({ limit, windowMs, now, maxKeys: l.maxKeys! });
  const account = counter(l.perAccount);
  const address = counter(l.perAddress);
  const device = counter(l.perDevice!);

  const tokens = createDeviceTokens({ key, now, maxAgeMs: deviceMs });

  return {
    /** Takes a point for this attempt, or says how long to wait. Call before checking the password. */
    begin(a: LoginAttempt): AttemptTicket {
      const known = tokens.deviceOf(a.email, a.deviceToken);
      const keys: [ReturnType<typeof counter>, string][] = known
        ? [[device, known]]
        : [
            [account, a.email],
            [address, a.address],
          ];
      const wait = Math.max(...keys.map(([c, k]) => c.wait(k)));
      if (wait > 0) return { allowed: false, retryAfterMs: wait };
      for (const [c, k] of keys) c.take(k);
      let open = true;
      const giveBack = () => {
        if (open) for (const [c, k] of keys) c.give(k);
        open = false;
      };
      return {
        allowed: true,
        knownDevice: known !== null,
        succeeded() {
          giveBack();
          return tokens.issue(a.email);
        },
        abandoned: giveBack,
      };
    },
    stats: () => ({ accounts: account.size(), addresses: address.size(), devices: device.size() }),
  };
}
