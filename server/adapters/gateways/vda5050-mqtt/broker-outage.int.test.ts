// A broker that goes away and comes back: the gateway reports it, does not crash, reconnects and resumes.
// Uses a broker of its own (embedded aedes) because the test must stop and restart it.
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../app';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../mqtt/embedded-broker';
import { freePort, testConfig, testLogger, waitFor } from '../../../testing/test-env';

let app: App | undefined;
let broker: EmbeddedBroker | undefined;
let cleanup: (() => Promise<void>) | undefined;

afterAll(async () => {
  await app?.stop();
  await broker?.close();
  await cleanup?.();
});

describe('broker outage', () => {
  it('shows MQTT down in health while the broker is away, then reconnects and keeps ingesting', async () => {
    const port = await freePort();
    broker = await startEmbeddedBroker({ port });
    const t = await testConfig({ MQTT_URL: broker.url });
    cleanup = t.cleanup;
    app = await createApp(t.config, { logger: testLogger });
    const iface = t.config.VDA_INTERFACE;

    const robot = mqtt.connect(broker.url, { clientId: `outage-robot-${Date.now()}`, reconnectPeriod: 200 });
    let headerId = 0;
    const timer = setInterval(() => {
      if (!robot.connected) return;
      robot.publish(
        `${iface}/v2/Outage/R1/visualization`,
        JSON.stringify({
          headerId: headerId++,
          timestamp: new Date().toISOString(),
          version: '2.0.0',
          manufacturer: 'Outage',
          serialNumber: 'R1',
          agvPosition: { x: headerId, y: 0, theta: 0, mapId: 'warehouse-1', positionInitialized: true },
        }),
      );
    }, 50);
    try {
      const robotPose = () => app!.runtime.fleet.list().find((r) => r.serialNumber === 'R1')?.pose?.x ?? -1;
      await waitFor('robot seen', () => robotPose() > 0);

      await broker.close();
      const down = await waitFor('health shows MQTT down', async () => {
        const h = await app!.runtime.health();
        return h.components.mqtt?.status === 'down' ? h : null;
      });
      expect(down.status).toBe('degraded');
      const xWhileDown = robotPose();

      broker = await startEmbeddedBroker({ port });
      await waitFor('gateway reconnected', async () => (await app!.runtime.health()).components.mqtt?.status === 'ok', 15_000);
      await waitFor('telemetry flows again', () => robotPose() > xWhileDown + 5, 15_000);
      expect(app.gateway.health().reconnects).toBeGreaterThan(0);
      expect((await app.runtime.health()).status).toBe('ok');
    } finally {
      clearInterval(timer);
      await robot.endAsync(true);
    }
  });
});
