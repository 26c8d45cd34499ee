// REDIS_URL: unset, nothing of Redis (limits per process, no `redis` in health); set, the app shares its sign-in
// limits through Redis and says so in /api/health; a Redis that is not there stops the start within seconds with
// one line naming REDIS_URL (never a silent fall-back to per-process limits).
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from './app';
import { connectSharedRedis } from './composition/redis';
import { connectRedis, redactRedisUrl } from './adapters/redis/redis-connection';
import { parseConfig } from './config';
import { freePort, testConfig, testLogger, tempDir } from './testing/test-env';

const REDIS = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROOT = path.resolve(import.meta.dirname, '..');
let cleanup: (() => Promise<void>) | null = null;
let app: App | null = null;

afterEach(async () => {
  await app?.stop();
  app = null;
  await cleanup?.();
  cleanup = null;
});

/** Runs the real server (server/index.ts) until it exits; its exit code and what it wrote to stderr. */
function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['server/index.ts', '--dev'], {
      cwd: ROOT,
      // Redis is checked first of all, so the rest of the environment (a DATABASE_URL, a BUS_URL) is never reached.
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
    const kill = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(kill);
      resolve({ code, stderr, ms: Date.now() - t0 });
    });
  });
}

describe('REDIS_URL', () => {
  it('a closed port: the server does not start, and says REDIS_URL and why in one line', async () => {
    const r = await start({ REDIS_URL: 'redis://127.0.0.1:1', PORT: String(await freePort()), DATA_DIR: tempDir('redis-cfg') });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^fleetscope failed to start: REDIS_URL redis:\/\/127\.0\.0\.1:1: Redis is not reachable \(.+\)$/),
    ]);
  }, 90_000);

  it('a server that accepts but never answers: the start fails after ~3 s, naming REDIS_URL (password masked)', async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const t0 = Date.now();
      const config = parseConfig({ REDIS_URL: `redis://:s3cret@127.0.0.1:${port}` });
      const err = await connectSharedRedis(config, testLogger).catch((e: unknown) => e as Error);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toMatch(
        new RegExp(`^REDIS_URL redis://:\\*\\*\\*@127\\.0\\.0\\.1:${port}: Redis is not reachable \\(.+\\)$`),
      );
      expect((err as Error).message).not.toContain('s3cret');
      expect(Date.now() - t0).toBeGreaterThanOrEqual(2_500);
      expect(Date.now() - t0).toBeLessThan(6_000);
    } finally {
      silent.close();
    }
  }, 20_000);

  it('set: sign-in limits and device key live in Redis, and /api/health has a redis component', async () => {
    const t = await testConfig({ REDIS_URL: REDIS, ADMIN_PASSWORD: 'an-admin-password' });
    cleanup = t.cleanup;
    const prefix = `${t.config.BUS_PREFIX}:`;
    const redis = await connectRedis({ url: REDIS, logger: testLogger });
    try {
      app = await createApp(t.config, { logger: testLogger });
      const h = await app.runtime.health();
      expect(h.components.redis).toMatchObject({
        status: 'ok',
        connected: true,
        url: redactRedisUrl(REDIS),
        signIn: { refusedUnavailable: 0 },
      });
      await expect(app.identity.login('nobody@x.io', 'wrong-password!', { address: '10.0.0.1', userAgent: 't' })).rejects.toThrow(
        'wrong email or password',
      );
      expect(await redis.client.exists(`${prefix}login:device-key`)).toBe(1);
      expect((await redis.client.keys(`${prefix}login:account*`)).length).toBe(1);
    } finally {
      await app?.stop();
      app = null;
      const keys = await redis.client.keys(`${prefix}*`);
      if (keys.length > 0) await redis.client.del(keys);
      await redis.close();
    }
  }, 60_000);

  it('unset: no redis component, limits per process', async () => {
    const t = await testConfig({ REDIS_URL: '', ADMIN_PASSWORD: 'an-admin-password' });
    cleanup = t.cleanup;
    app = await createApp(t.config, { logger: testLogger });
    expect((await app.runtime.health()).components.redis).toBeUndefined();
  }, 60_000);
});
