// The outage fixtures themselves: a private Postgres and Mosquitto can be stopped and started again.
import postgres from 'postgres';
import mqtt from 'mqtt';
import { describe, expect, it } from 'vitest';
import { canRunPrivateMosquitto, canRunPrivatePostgres, startPrivateMosquitto, startPrivatePostgres } from './private-services';

describe('private services for outage tests', () => {
  it.runIf(canRunPrivatePostgres)('a private Postgres answers, stops and starts again', async () => {
    const pg = await startPrivatePostgres();
    try {
      const client = () => postgres(pg.url, { max: 1, onnotice: () => {}, connect_timeout: 2 });
      const before = client();
      expect((await before`select 1 as one`)[0]!.one).toBe(1);
      await before.end();
      await pg.stop();
      const during = client();
      await expect(during`select 1`).rejects.toThrow();
      await during.end();
      await pg.start();
      const after = client();
      expect((await after`select 2 as two`)[0]!.two).toBe(2);
      await after.end();
    } finally {
      await pg.destroy();
    }
  });

  it.runIf(canRunPrivateMosquitto)('a private Mosquitto can be killed and restarted', async () => {
    const broker = await startPrivateMosquitto();
    try {
      const c = await mqtt.connectAsync(broker.url, { reconnectPeriod: 100 });
      await broker.kill();
      await new Promise((r) => setTimeout(r, 300));
      expect(c.connected).toBe(false);
      // Listen before starting: with a 100 ms reconnect period the client can be back before start() returns.
      const reconnected = new Promise<void>((r) => c.once('connect', () => r()));
      await broker.start();
      await reconnected;
      expect(c.connected).toBe(true);
      await c.endAsync();
    } finally {
      await broker.destroy();
    }
  });
});
