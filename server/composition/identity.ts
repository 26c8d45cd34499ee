// Identity: the audit trail, sessions and sign-in (with the first administrator), the origin check, the socket
// guard and robots' MQTT credentials. Composed right after the database and stopped last before it: every other
// module may record audit entries until it stops (the broker's final refusal summaries too).
import type { Db } from '../../db/client';
import type { AppConfig } from '../config';
import { createOriginCheck } from '../adapters/http/origin-check';
import { createRedisAttemptCounters, sharedDeviceKey } from '../adapters/redis/redis-attempt-counters';
import type { RedisConnection } from '../adapters/redis/redis-connection';
import { guardSockets } from '../adapters/realtime/socket-auth';
import type { FleetIo } from '../adapters/realtime/socketio';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import { createAuditTrail } from '../services/identity/audit-trail';
import { createIdentity } from '../services/identity/identity';
import { createLoginLimiter, DEFAULT_LOGIN_LIMITS, type LoginLimiter, type LoginLimits } from '../services/identity/login-limiter';
import { createSharedLoginLimiter, type SharedLimiterStats } from '../services/identity/shared-login-limiter';
import { createRobotCredentials } from '../services/identity/robot-credentials';
import { createSessionStore, type SessionPolicy } from '../services/identity/sessions';
import { shutdownStep, type HealthContext, type Module } from './module';
import { connectSharedRedis, redisHealth, redisPrefix } from './redis';

/** Tuning of sign-in; tests shorten sessions and loosen throttling. */
export interface IdentityOptions {
  sessions?: Partial<SessionPolicy>;
  loginLimits?: LoginLimits;
  socketSweepMs?: number;
  /**
   * The Redis connection (REDIS_URL) when the caller has opened it already (server/index.ts does, for Socket.IO;
   * it closes it). With REDIS_URL set and none given, this module opens its own and closes it on stop.
   */
  redis?: RedisConnection | null;
}

export async function composeIdentity(
  config: AppConfig,
  deps: { db: Db; clock: Clock; logger: Logger; io?: FleetIo; options?: IdentityOptions },
) {
  const { db, clock, logger } = deps;
  // With REDIS_URL the sign-in budgets and the device-token key are shared by every node; else per process. First, so
  // an unreachable Redis fails the start before anything of this module is open.
  const ownRedis = config.REDIS_URL && !deps.options?.redis ? await connectSharedRedis(config, logger) : null;
  const redis = config.REDIS_URL ? (deps.options?.redis ?? ownRedis) : null;
  const audit = createAuditTrail({ db, clock, logger });
  const sessions = createSessionStore({
    db,
    clock,
    policy: { idleMs: config.SESSION_IDLE_MINUTES * 60_000, absoluteMs: config.SESSION_MAX_HOURS * 3600_000, ...deps.options?.sessions },
  });
  const step = shutdownStep(logger);
  let shared: { stats(): SharedLimiterStats } | null = null;
  let limiter: LoginLimiter;
  try {
    limiter = redis
      ? (shared = await sharedLimiter(redis, redisPrefix(config), deps.options?.loginLimits, logger))
      : createLoginLimiter(deps.options?.loginLimits);
  } catch (err) {
    await step('redis', () => ownRedis?.close());
    throw new Error(`REDIS_URL ${redis?.url}: the shared sign-in limits could not be set up (${(err as Error).message})`);
  }
  const identity = createIdentity({ db, sessions, audit, limiter, logger });
  const admin = await identity.bootstrapAdmin({ email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD });
  if (admin.created && admin.generatedPassword) {
    // Printed once, to the console only (not the structured log, which may be shipped elsewhere).
    console.log(
      `\n  First administrator created: ${admin.email}\n  Password (shown once, change it after signing in): ${admin.generatedPassword}\n`,
    );
  } else if (admin.created) logger.info({ email: admin.email }, 'first administrator created from ADMIN_EMAIL / ADMIN_PASSWORD');
  const origins = createOriginCheck(config.ALLOWED_ORIGINS);
  const socketGuard = deps.io
    ? guardSockets({ io: deps.io, sessions, audit, origins, logger, sweepMs: deps.options?.socketSweepMs })
    : null;
  const credentials = createRobotCredentials({ db, audit, logger });

  return {
    audit,
    identity,
    origins,
    credentials,
    health: (ctx: HealthContext) => ({
      ...(redis && { redis: redisHealth(ctx, redis, shared?.stats() ?? null) }),
      audit: {
        status: audit.stats().lastError ? 'degraded' : 'ok',
        ...audit.stats(),
        ...(socketGuard && { sockets: socketGuard.stats() }),
      },
    }),
    async stop() {
      socketGuard?.stop();
      // The identity's coalesced refusals (throttled sign-ins) are written before the audit trail flushes.
      identity.stop();
      await step('audit flush', () => audit.stop());
      await step('redis', () => ownRedis?.close());
    },
  } satisfies Module & Record<string, unknown>;
}

export type IdentityModule = Awaited<ReturnType<typeof composeIdentity>>;

async function sharedLimiter(redis: RedisConnection, prefix: string, limits: LoginLimits | undefined, logger: Logger) {
  const l = { ...DEFAULT_LOGIN_LIMITS, ...limits };
  const counters = createRedisAttemptCounters({
    client: redis.client,
    prefix,
    limits: { perAccount: l.perAccount, perAddress: l.perAddress, perDevice: l.perDevice!, windowSeconds: l.windowSeconds },
  });
  return createSharedLoginLimiter({ counters, deviceKey: await sharedDeviceKey(redis.client, prefix), limits: l, logger });
}
