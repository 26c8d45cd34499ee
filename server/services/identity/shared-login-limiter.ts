// Sign-in throttling shared by every node of a site (REDIS_URL): the rules of login-limiter.ts (read its header),
// with the budgets in an AttemptCounters store and the device-token key shared, so a guesser cannot spread attempts
// over nodes and a device token from one node is honoured by all. The attempt still takes its point before the
// password is checked, and gets it back on a right password or when it could not be judged.
// When the store fails, the attempt is refused with a 503 (UnavailableError), counted and logged: never let through
// unthrottled, never a crash.
import type { DeviceTokens } from '../../domain/identity/device-token';
import { createDeviceTokens } from '../../domain/identity/device-token';
import { UnavailableError, unavailableMessage } from '../../domain/unavailable';
import type { AttemptBudget, AttemptCounters } from '../../ports/attempt-counters';
import type { Logger } from '../../ports/logger';
import { DEFAULT_LOGIN_LIMITS, type LoginAttempt, type LoginLimiter, type LoginLimits, type LoginTicket } from './login-limiter';

/** What the 503 names: the store the limits live in. */
export const SHARED_LIMITS_STORE = 'Redis (REDIS_URL, the shared sign-in limits)';

export function createSharedLoginLimiter(deps: {
  counters: AttemptCounters;
  /** The device-token key every node shares. */
  deviceKey: Buffer;
  logger: Logger;
  limits?: LoginLimits;
  now?: () => number;
}): LoginLimiter & { stats(): SharedLimiterStats } {
  const now = deps.now ?? Date.now;
  const l = { ...DEFAULT_LOGIN_LIMITS, ...deps.limits };
  const tokens: DeviceTokens = createDeviceTokens({ key: deps.deviceKey, now, maxAgeMs: l.deviceDays! * 86_400_000 });
  const log = deps.logger.child({ component: 'login-limiter:shared' });
  const counts = { refusedUnavailable: 0, giveBackFailures: 0 };
  let lastError: string | null = null;
  let lastErrorAt: number | null = null;
  const failed = (err: unknown, what: string) => {
    lastError = (err as Error)?.message ?? String(err);
    lastErrorAt = now();
    log.error({ err: lastError }, what);
  };

  return {
    async begin(a: LoginAttempt): Promise<LoginTicket> {
      const known = tokens.deviceOf(a.email, a.deviceToken);
      const budgets: AttemptBudget[] = known
        ? [{ kind: 'device', key: known }]
        : [
            { kind: 'account', key: a.email },
            { kind: 'address', key: a.address },
          ];
      let taken: Awaited<ReturnType<AttemptCounters['take']>>;
      try {
        taken = await deps.counters.take(budgets);
      } catch (err) {
        counts.refusedUnavailable++;
        failed(err, 'sign-in refused: the shared limits could not be counted');
        throw new UnavailableError(unavailableMessage(SHARED_LIMITS_STORE), { cause: err });
      }
      if (!taken.ok) return { allowed: false, retryAfterMs: taken.retryAfterMs };
      let open = true;
      const giveBack = async () => {
        if (!open) return;
        open = false;
        try {
          await deps.counters.give(budgets);
        } catch (err) {
          // The attempt stays counted: a failure to give back only ever errs on the strict side.
          counts.giveBackFailures++;
          failed(err, 'sign-in point not given back: the shared limits could not be reached');
        }
      };
      return {
        allowed: true,
        knownDevice: known !== null,
        async succeeded() {
          await giveBack();
          return tokens.issue(a.email);
        },
        abandoned: giveBack,
      };
    },
    stats: () => ({ ...counts, lastError, lastErrorAt }),
  };
}

export interface SharedLimiterStats {
  refusedUnavailable: number;
  giveBackFailures: number;
  lastError: string | null;
  lastErrorAt: number | null;
}
