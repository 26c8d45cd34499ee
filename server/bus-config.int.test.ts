// BUS_URL chooses the bus: unset, the in-process one; set, NATS JetStream, and a NATS that is not there stops the
// start at once with one line naming BUS_URL (never a silent fall-back to the in-process bus).
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from './app';
import { testConfig, testLogger } from './testing/test-env';

const NATS = process.env.BUS_URL ?? 'nats://127.0.0.1:4222';
let cleanup: (() => Promise<void>) | null = null;
let app: App | null = null;

afterEach(async () => {
  await app?.stop();
  app = null;
  await cleanup?.();
  cleanup = null;
});

describe('BUS_URL', () => {
  it('unreachable NATS: the start fails within seconds, saying BUS_URL and why', async () => {
    const t = await testConfig({ BUS_URL: 'nats://127.0.0.1:1' });
    cleanup = t.cleanup;
    const t0 = Date.now();
    await expect(createApp(t.config, { logger: testLogger })).rejects.toThrow(/^BUS_URL nats:\/\/127\.0\.0\.1:1: NATS is not reachable \(/);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('set: the app runs on NATS JetStream and health says so', async () => {
    const t = await testConfig({ BUS_URL: NATS });
    cleanup = t.cleanup;
    app = await createApp(t.config, { logger: testLogger });
    const h = await app.runtime.health();
    expect(h.components.bus).toMatchObject({ status: 'ok', kind: 'nats-jetstream', connected: true });
  });

  it('unset: the in-process bus', async () => {
    const t = await testConfig({ BUS_URL: '' });
    cleanup = t.cleanup;
    app = await createApp(t.config, { logger: testLogger });
    expect((await app.runtime.health()).components.bus).toMatchObject({ status: 'ok', kind: 'in-process' });
  });
});
