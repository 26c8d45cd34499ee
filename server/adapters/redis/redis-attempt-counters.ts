// Budgets of sign-in attempts in Redis (rate-limiter-flexible's RateLimiterRedis: one atomic script per key, fixed
// windows that start at a key's first point), shared by every node. Keys are hashes of the email, address or device
// nonce: no personal data in Redis, and a made-up 1 KB email costs one short key that expires with its window.
// Taking is all or nothing: when one budget refuses, the points taken (the refused one too: the script counts it)
// are given back, as the in-memory limiter takes none. A point given back never takes a counter below zero nor
// brings an expired window back.
import { createHash, randomBytes } from 'node:crypto';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { withDeadline } from '../../domain/unavailable';
import type { AttemptBudget, AttemptBudgetKind, AttemptCounters, AttemptTake } from '../../ports/attempt-counters';
import type { RedisClient } from './redis-connection';

/** rate-limiter-flexible's script, except that a negative change (a reward) neither creates a key nor goes below 0. */
const INCR_TTL_CLAMPED = `
local delta = tonumber(ARGV[1])
if delta < 0 and redis.call('exists', KEYS[1]) == 0 then return {0, 0} end
redis.call('set', KEYS[1], 0, 'EX', ARGV[2], 'NX')
local consumed = redis.call('incrby', KEYS[1], delta)
if consumed < 0 then
  redis.call('set', KEYS[1], 0, 'KEEPTTL')
  consumed = 0
end
local ttl = redis.call('pttl', KEYS[1])
if ttl == -1 then
  redis.call('expire', KEYS[1], ARGV[2])
  ttl = 1000 * ARGV[2]
end
return {consumed, ttl}
`;

export interface RedisAttemptLimits {
  perAccount: number;
  perAddress: number;
  perDevice: number;
  windowSeconds: number;
}

const digest = (s: string) => createHash('sha256').update(s).digest('base64url').slice(0, 32);

export function createRedisAttemptCounters(o: {
  client: RedisClient;
  /** Key prefix, e.g. `fleetscope:`; tests use their own. */
  prefix: string;
  limits: RedisAttemptLimits;
  /** A Redis that does not answer refuses the attempt within this long (503), never holds the sign-in. */
  deadlineMs?: number;
}): AttemptCounters {
  const deadlineMs = o.deadlineMs ?? 2_000;
  const limiter = (name: AttemptBudgetKind, points: number) =>
    new RateLimiterRedis({
      storeClient: o.client,
      useRedisPackage: true,
      // While the connection is down: refuse at once rather than queue until it is back.
      rejectIfRedisNotReady: true,
      customIncrTtlLuaScript: INCR_TTL_CLAMPED,
      keyPrefix: `${o.prefix}login:${name}`,
      points,
      duration: o.limits.windowSeconds,
    });
  const limiters: Record<AttemptBudgetKind, RateLimiterRedis> = {
    account: limiter('account', o.limits.perAccount),
    address: limiter('address', o.limits.perAddress),
    device: limiter('device', o.limits.perDevice),
  };
  const keyOf = (b: AttemptBudget) => digest(b.key);
  const give = (budgets: readonly AttemptBudget[]) => Promise.all(budgets.map((b) => limiters[b.kind].reward(keyOf(b), 1)));
  const bounded = <T>(work: Promise<T>) => withDeadline(work, deadlineMs, 'Redis (REDIS_URL)');

  const take = async (budgets: readonly AttemptBudget[]): Promise<AttemptTake> => {
    const results = await Promise.allSettled(budgets.map((b) => limiters[b.kind].consume(keyOf(b), 1)));
    const counted = budgets.filter((_, i) => results[i]!.status === 'fulfilled' || results[i]!.reason instanceof RateLimiterRes);
    const failure = results.find((r) => r.status === 'rejected' && !(r.reason instanceof RateLimiterRes));
    const refused = results.flatMap((r) => (r.status === 'rejected' && r.reason instanceof RateLimiterRes ? [r.reason] : []));
    if (failure || refused.length > 0) await give(counted);
    if (failure) throw (failure as PromiseRejectedResult).reason;
    if (refused.length > 0) return { ok: false, retryAfterMs: Math.max(1, ...refused.map((r) => r.msBeforeNext)) };
    return { ok: true };
  };

  return {
    take(budgets) {
      const work = take(budgets);
      // Past the deadline the attempt is refused (503); if its points are taken after all, they are given back.
      return bounded(work).catch((err: unknown) => {
        void work.then((r) => (r.ok ? give(budgets) : undefined)).catch(() => {});
        throw err;
      });
    },
    async give(budgets) {
      await bounded(give(budgets));
    },
  };
}

/**
 * The device-token key every node shares: the first node stores a random one (SET NX), the others read it. It lives
 * as long as Redis keeps its data; a new key makes earlier device tokens unknown (as a restart did per process).
 */
export async function sharedDeviceKey(client: RedisClient, prefix: string): Promise<Buffer> {
  const key = `${prefix}login:device-key`;
  await client.set(key, randomBytes(32).toString('base64url'), { NX: true });
  const stored = await client.get(key);
  if (!stored) throw new Error(`Redis did not keep ${key}`);
  return Buffer.from(stored, 'base64url');
}
