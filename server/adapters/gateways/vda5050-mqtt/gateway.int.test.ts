// A robot written by hand from the VDA 5050 2.0.0 text (not the project's simulator) talks to the real gateway
// through a real broker (embedded, or Mosquitto when MQTT_URL is set) into a real database.
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../app';
import { HISTORY_SOURCE } from '../../../domain/history/history-sample';
import { SLICE_TIER } from '../../../domain/history/slice';
import { countRawSamples } from '../../../testing/history-samples';
import { robotLogin } from '../../../testing/mqtt-credentials';
import { testConfig, testLogger, waitFor } from '../../../testing/test-env';

let app: App;
let cleanup: () => Promise<void>;
let robot: MqttClient;
let iface: string;

const M = 'Acme Robotics';
const S = 'AMR-7';
const ts = (ms = Date.now()) => new Date(ms).toISOString();
const topic = (t: string, serial = S) => `${iface}/v2/${M}/${serial}/${t}`;
let headerId = 100;
const header = (serial = S) => ({ headerId: headerId++, timestamp: ts(), version: '2.0.0', manufacturer: M, serialNumber: serial });
const pub = (t: string, body: string | Buffer, retain = false) => robot.publishAsync(t, body, { qos: 1, retain });

beforeAll(async () => {
  const t = await testConfig();
  cleanup = t.cleanup;
  iface = t.config.VDA_INTERFACE;
  app = await createApp(t.config, { logger: testLogger });
  // One connection speaks for several robots of the manufacturer: a manufacturer-wide credential.
  robot = await mqtt.connectAsync(app.brokerUrl, { clientId: `hand-written-${Date.now()}`, ...(await robotLogin(app, M)) });
});

afterAll(async () => {
  await robot?.endAsync();
  await app?.stop();
  await cleanup?.();
});

describe('VDA 5050 gateway with a hand-written robot', () => {
  it('registers an unknown robot on first contact and stores its samples', async () => {
    await pub(topic('connection'), JSON.stringify({ ...header(), connectionState: 'ONLINE' }), true);
    for (let i = 0; i < 3; i++) {
      await pub(
        topic('visualization'),
        JSON.stringify({
          ...header(),
          agvPosition: { x: 10 + i, y: 5, theta: 1.57, mapId: 'warehouse-1', positionInitialized: true },
          velocity: { vx: 1, vy: 0, omega: 0 },
        }),
      );
    }
    await pub(
      topic('state'),
      JSON.stringify({
        ...header(),
        orderId: '',
        orderUpdateId: 0,
        lastNodeId: '',
        lastNodeSequenceId: 0,
        nodeStates: [],
        edgeStates: [],
        driving: true,
        paused: false,
        operatingMode: 'AUTOMATIC',
        actionStates: [],
        batteryState: { batteryCharge: 64.5, charging: false },
        errors: [{ errorType: 'obstacleDetected', errorLevel: 'WARNING', errorDescription: 'laser field' }],
        safetyState: { eStop: 'NONE', fieldViolation: false },
        agvPosition: { x: 12.5, y: 5, theta: 1.57, mapId: 'warehouse-1', positionInitialized: true },
      }),
    );
    const view = await waitFor('robot in fleet with battery', () =>
      app.runtime.fleet.list().find((r) => r.serialNumber === S && r.battery !== null),
    );
    expect(view).toMatchObject({
      manufacturer: M,
      connection: 'ONLINE',
      battery: 64.5,
      driving: true,
      pose: { x: 12.5, y: 5, mapId: 'warehouse-1' },
    });
    expect(view.errors).toEqual([{ errorType: 'obstacleDetected', errorLevel: 'WARNING', errorDescription: 'laser field' }]);
    await app.history.writer.flush();
    expect((await countRawSamples(app.history.store, HISTORY_SOURCE.visualization, [view.id])).get(view.id)).toBe(3);
    expect((await countRawSamples(app.history.store, HISTORY_SOURCE.state, [view.id])).get(view.id)).toBe(1);
    expect(await app.history.store.countSamples({ tier: SLICE_TIER.raw, robotId: view.id })).toBe(4);
  });

  it('rejects malformed, oversized, mismatched and unknown-version payloads, counts them per robot, and keeps going', async () => {
    const bad = 'BAD-1';
    const before = app.gateway.health().invalid;
    await pub(topic('visualization', bad), '{"headerId": 1, ');
    await pub(topic('visualization', bad), JSON.stringify({ ...header(bad), headerId: 'one' }));
    await pub(topic('visualization', bad), JSON.stringify({ ...header(bad), version: '9.0.0' }));
    await pub(topic('visualization', bad), JSON.stringify({ ...header('SOMEONE-ELSE') }));
    await pub(topic('state', bad), JSON.stringify({ ...header(bad) }));
    await pub(topic('visualization', bad), Buffer.alloc(300 * 1024, 0x20));
    await pub(topic('visualization', bad), '[1,2,3]');
    const h = await waitFor('7 invalid messages counted', () => {
      const g = app.gateway.health();
      return g.invalid - before >= 7 ? g : null;
    });
    const entry = h.invalidByRobot[`${M}/${bad}`];
    expect(entry?.count).toBe(7);
    expect(entry?.lastReason).toMatch(/not a JSON object/);
    // Nothing registered from garbage alone.
    expect(app.runtime.fleet.list().some((r) => r.serialNumber === bad)).toBe(false);

    // Valid traffic from the same robot continues.
    await pub(
      topic('visualization', bad),
      JSON.stringify({ ...header(bad), agvPosition: { x: 1, y: 1, theta: 0, mapId: 'warehouse-1', positionInitialized: true } }),
    );
    await waitFor('valid message after invalid ones', () => app.runtime.fleet.list().find((r) => r.serialNumber === bad && r.pose));
    const health = await app.runtime.health();
    expect((health.components.gateways as Record<string, unknown>)['vda5050-mqtt']).toMatchObject({ invalid: expect.any(Number) });
  });

  it('marks a robot CONNECTIONBROKEN when its last will fires', async () => {
    const serial = 'WILL-1';
    const c = await mqtt.connectAsync(app.brokerUrl, {
      ...(await robotLogin(app, M, serial)),
      clientId: `will-${Date.now()}`,
      will: {
        topic: topic('connection', serial),
        payload: Buffer.from(JSON.stringify({ ...header(serial), connectionState: 'CONNECTIONBROKEN' })),
        qos: 1,
        retain: true,
      },
    });
    await c.publishAsync(topic('connection', serial), JSON.stringify({ ...header(serial), connectionState: 'ONLINE' }), {
      qos: 1,
      retain: true,
    });
    await waitFor('online', () => app.runtime.fleet.list().find((r) => r.serialNumber === serial && r.connection === 'ONLINE'));
    c.stream.destroy(); // die without a clean disconnect
    await waitFor(
      'connection broken',
      () => app.runtime.fleet.list().find((r) => r.serialNumber === serial && r.connection === 'CONNECTIONBROKEN'),
      15_000,
    );
  });
});
