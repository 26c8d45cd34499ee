// The connection to Redis (REDIS_URL), shared by the Socket.IO adapter and the sign-in limits. The first connect
// must succeed within the timeout or the start fails with one line naming REDIS_URL; once connected, a lost
// connection is retried with backoff (counted in health, a few lines in the log), never a crash.
import { createClient, type RedisClientType } from 'redis';
import type { Logger } from '../../ports/logger';

export type RedisClient = RedisClientType;

export interface RedisConnection {
  client: RedisClient;
  /** The URL without its password, for logs and health. */
  url: string;
  health(): RedisConnectionHealth;
  close(): Promise<void>;
}

export interface RedisConnectionHealth {
  connected: boolean;
  errors: number;
  reconnects: number;
  lastError: string | null;
  lastErrorAt: number | null;
}

/** The URL with its password masked. */
export function redactRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return 'redis://(unparsable)';
  }
}

export async function connectRedis(o: { url: string; logger: Logger; timeoutMs?: number; now?: () => number }): Promise<RedisConnection> {
  const now = o.now ?? Date.now;
  const timeoutMs = o.timeoutMs ?? 3_000;
  const url = redactRedisUrl(o.url);
  const log = o.logger.child({ component: 'redis' });
  const state = { errors: 0, reconnects: 0, lastError: null as string | null, lastErrorAt: null as number | null };
  let connected = false;
  const client: RedisClient = createClient({
    url: o.url,
    socket: {
      connectTimeout: timeoutMs,
      // Before the first connect: give up at once (the start fails). After: retry, from 100 ms up to 2 s apart.
      reconnectStrategy: (retries, cause) => (connected ? Math.min(100 * 2 ** retries, 2_000) : cause),
    },
  });
  // An 'error' without a listener would end the process: every one is counted, the first few of a streak logged.
  client.on('error', (err: Error) => {
    state.errors++;
    state.lastError = err.message;
    state.lastErrorAt = now();
    if (connected && state.errors % 100 <= 3) log.warn({ err: err.message, errors: state.errors }, 'redis connection error');
  });
  client.on('reconnecting', () => void state.reconnects++);
  client.on('ready', () => {
    if (connected && state.reconnects > 0) log.info({ url }, 'redis connection back');
  });

  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
      }),
    ]);
    await client.ping();
  } catch (err) {
    client.destroy();
    throw new Error(`REDIS_URL ${url}: Redis is not reachable (${(err as Error).message || String(err)})`);
  } finally {
    clearTimeout(timer);
  }
  connected = true;

  return {
    client,
    url,
    health: () => ({ connected: client.isReady, ...state }),
    async close() {
      if (!client.isOpen) return;
      await client.close().catch(() => client.destroy());
    },
  };
}
