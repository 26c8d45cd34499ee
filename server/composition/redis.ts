// Redis by configuration (REDIS_URL): unset, nothing (Socket.IO, sign-in limits and device tokens stay per process);
// set, one connection made before anything else, so an unreachable Redis fails the start at once with one line
// naming REDIS_URL. It carries the Socket.IO cluster adapter (server/index.ts) and the shared sign-in limits
// (composition/identity.ts). Keys and streams are named under BUS_PREFIX, which every node of a site shares.
import { redisSocketOptions } from '../adapters/realtime/redis-adapter';
import { connectRedis, type RedisConnection } from '../adapters/redis/redis-connection';
import type { AppConfig } from '../config';
import type { Logger } from '../ports/logger';
import type { ComponentHealth } from '../services/health';
import type { SharedLimiterStats } from '../services/identity/shared-login-limiter';
import { recently, type HealthContext } from './module';

/** How long the first connect may take before the start fails. */
export const REDIS_CONNECT_TIMEOUT_MS = 3_000;

export const redisPrefix = (config: Pick<AppConfig, 'BUS_PREFIX'>) => `${config.BUS_PREFIX}:`;

export async function connectSharedRedis(config: AppConfig, logger: Logger): Promise<RedisConnection | null> {
  if (!config.REDIS_URL) return null;
  const redis = await connectRedis({ url: config.REDIS_URL, logger, timeoutMs: REDIS_CONNECT_TIMEOUT_MS });
  logger.info({ url: redis.url, prefix: redisPrefix(config) }, 'redis: Socket.IO across nodes, shared sign-in limits');
  return redis;
}

/** Options of the Socket.IO server: with Redis, the Redis Streams adapter and connection state recovery. */
export function socketIoClusterOptions(config: AppConfig, redis: RedisConnection | null) {
  return redis ? redisSocketOptions(redis.client, redisPrefix(config)) : {};
}

/** The `redis` component of /api/health: degraded while disconnected, or after errors in the last minutes. */
export function redisHealth(ctx: HealthContext, redis: RedisConnection, signIn: SharedLimiterStats | null): ComponentHealth {
  const c = redis.health();
  const troubled = !c.connected || recently(ctx, c.lastErrorAt) || recently(ctx, signIn?.lastErrorAt ?? null);
  return { status: troubled ? 'degraded' : 'ok', url: redis.url, ...c, ...(signIn && { signIn }) };
}
