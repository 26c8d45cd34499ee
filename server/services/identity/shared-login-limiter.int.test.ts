// Sign-in limits shared through Redis (REDIS_URL): two limiter instances on two connections, as two app nodes
// would be, against the real Redis (REDIS_URL, else 127.0.0.1:6379). Keys live under a prefix of this run's own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisAttemptCounters, sharedDeviceKey } from '../../adapters/redis/redis-attempt-counters';
import { connectRedis, type RedisConnection } from '../../adapters/redis/redis-connection';
import { isUnavailable } from '../../domain/unavailable';
import { testLogger } from '../../testing/test-env';
import type { LoginTicket } from './login-limiter';
import { createSharedLoginLimiter } from './shared-login-limiter';

const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `fleetscope-it-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}:`;
const limits = { perAccount: 5, perAddress: 30, perDevice: 10, windowSeconds: 900 };
const connections: RedisConnection[] = [];

async function node() {
  const redis = await connectRedis({ url: REDIS, logger: testLogger });
  connections.push(redis);
  const counters = createRedisAttemptCounters({ client: redis.client, prefix, limits });
  const limiter = createSharedLoginLimiter({
    counters,
    deviceKey: await sharedDeviceKey(redis.client, prefix),
    limits,
    logger: testLogger,
  });
  return { redis, limiter };
}

let a: Awaited<ReturnType<typeof node>>;
let b: Awaited<ReturnType<typeof node>>;
let n = 0;
/** An email of its own per test: the budgets of one test never meet another's. */
const fresh = () => `user${++n}@x.io`;
const attempt = (email: string, address = '10.0.0.1', deviceToken: string | null = null) => ({ email, address, deviceToken });
const allowed = (t: LoginTicket): t is Extract<LoginTicket, { allowed: true }> => t.allowed;

beforeAll(async () => {
  a = await node();
  b = await node();
}, 30_000);

afterAll(async () => {
  const c = connections[0]?.client;
  if (c?.isReady) {
    const keys = await c.keys(`${prefix}*`);
    if (keys.length > 0) await c.del(keys);
  }
  for (const r of connections) await r.close();
});

describe('sign-in limits shared through Redis', () => {
  it('two nodes spend one per-account budget: attempts on A count on B', async () => {
    const email = fresh();
    for (let i = 0; i < 3; i++) expect((await a.limiter.begin(attempt(email))).allowed).toBe(true);
    for (let i = 0; i < 2; i++) expect((await b.limiter.begin(attempt(email, '10.0.0.2'))).allowed).toBe(true);
    const onA = await a.limiter.begin(attempt(email, '10.0.0.3'));
    const onB = await b.limiter.begin(attempt(email, '10.0.0.4'));
    expect(onA.allowed).toBe(false);
    expect(onB).toMatchObject({ allowed: false });
    const wait = (onB as { retryAfterMs: number }).retryAfterMs;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(900_000);
  });

  it('60 attempts at once, spread over both nodes: only the limit get through', async () => {
    const email = fresh();
    const tickets = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).limiter.begin(attempt(email, '10.6.6.6'))));
    expect(tickets.filter((t) => t.allowed)).toHaveLength(5);
  });

  it('a right password gives its point back (on the other node too); failures stay counted', async () => {
    const email = fresh();
    for (let i = 0; i < 4; i++) expect((await a.limiter.begin(attempt(email))).allowed).toBe(true); // 4 failures on A
    for (let i = 0; i < 5; i++) {
      const t = await b.limiter.begin(attempt(email));
      if (!allowed(t)) throw new Error('refused');
      expect(await t.succeeded()).toMatch(/^[a-z0-9]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    }
    expect((await a.limiter.begin(attempt(email))).allowed).toBe(true); // the 5th failure
    expect((await b.limiter.begin(attempt(email))).allowed).toBe(false);
  });

  it('an attempt that could not be judged is given back, once', async () => {
    const email = fresh();
    for (let i = 0; i < 4; i++) await a.limiter.begin(attempt(email));
    const t = await a.limiter.begin(attempt(email));
    if (!allowed(t)) throw new Error('refused');
    await t.abandoned();
    await t.abandoned();
    expect((await b.limiter.begin(attempt(email))).allowed).toBe(true);
    expect((await b.limiter.begin(attempt(email))).allowed).toBe(false);
  });

  it('a refused attempt takes nothing: a spent address does not eat the account budget', async () => {
    const address = '10.9.9.9';
    for (let i = 0; i < 30; i++) await a.limiter.begin(attempt(fresh(), address)); // a sprayer spends the address
    const victim = fresh();
    for (let i = 0; i < 10; i++) expect((await b.limiter.begin(attempt(victim, address))).allowed).toBe(false);
    // From elsewhere the account still has its whole budget.
    for (let i = 0; i < 5; i++) expect((await a.limiter.begin(attempt(victim, '10.1.1.1'))).allowed).toBe(true);
    expect((await a.limiter.begin(attempt(victim, '10.1.1.1'))).allowed).toBe(false);
  });

  it('a device token from node A is honoured by node B, past a spent account budget', async () => {
    const email = fresh();
    const first = await a.limiter.begin(attempt(email, '10.0.0.9'));
    if (!allowed(first)) throw new Error('refused');
    const token = await first.succeeded();
    for (let i = 0; i < 10; i++) await b.limiter.begin(attempt(email, '10.0.0.9'));
    expect((await b.limiter.begin(attempt(email, '10.0.0.9'))).allowed).toBe(false);
    expect(await b.limiter.begin(attempt(email, '10.0.0.9', token))).toMatchObject({ allowed: true, knownDevice: true });
    // For another account, or altered, it is just no token.
    expect(await b.limiter.begin(attempt(fresh(), '10.0.0.8', token))).toMatchObject({ allowed: true, knownDevice: false });
    // The device's own budget is shared too: 10 per window over both nodes (one spent above).
    for (let i = 0; i < 9; i++) expect((await (i % 2 ? a : b).limiter.begin(attempt(email, `10.2.0.${i}`, token))).allowed).toBe(true);
    expect((await a.limiter.begin(attempt(email, '10.2.0.99', token))).allowed).toBe(false);
  });

  it('giving back never takes a counter below zero nor revives an expired window', async () => {
    const counters = createRedisAttemptCounters({ client: a.redis.client, prefix, limits });
    const budget = [{ kind: 'account' as const, key: fresh() }];
    const before = (await a.redis.client.keys(`${prefix}login:account*`)).length;
    await counters.give(budget); // no window yet: nothing is created
    expect((await a.redis.client.keys(`${prefix}login:account*`)).length).toBe(before);
    expect(await counters.take(budget)).toEqual({ ok: true });
    await counters.give(budget);
    await counters.give(budget);
    for (let i = 0; i < 5; i++) expect(await counters.take(budget)).toEqual({ ok: true });
    expect((await counters.take(budget)).ok).toBe(false);
  });

  it('Redis gone: the attempt is refused as unavailable (503), counted, never let through', async () => {
    const c = await node();
    await c.redis.close();
    const err = await Promise.resolve(c.limiter.begin(attempt(fresh()))).catch((e: unknown) => e);
    expect(isUnavailable(err)).toBe(true);
    expect((err as Error).message).toMatch(/REDIS_URL.*not answering/);
    expect(c.limiter.stats()).toMatchObject({ refusedUnavailable: 1, lastError: expect.any(String) });
  });
});
