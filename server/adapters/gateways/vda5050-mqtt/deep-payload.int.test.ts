// A robot payload nested 100,000 levels deep parsed, then overflowed the stack in the gateway's MQTT message handler
// (JSON.stringify in the protocol monitor); the exception escaped into mqtt.js's packet stream and the gateway
// received nothing more until a keepalive timeout a minute later (issue 12, chaos mqtt-fuzz). Through the real
// gateway and broker (embedded, or MQTT_URL): deep payloads are refused as invalid, counted, and the valid
// messages right behind them reach the fleet state at once.
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../app';
import { stateMessage } from '../../../domain/testing/fixtures';
import { robotLogin } from '../../../testing/mqtt-credentials';
import { testConfig, testLogger, waitFor } from '../../../testing/test-env';
import { MAX_PAYLOAD_DEPTH } from './json-depth';

const M = 'Deep Inc';
const S = 'DEEP-1';
let app: App;
let cleanup: () => Promise<void>;
let client: MqttClient;
let topic: string;
let headerId = 0;

const state = (batteryCharge: number) =>
  JSON.stringify(
    stateMessage({
      headerId: ++headerId,
      timestamp: new Date().toISOString(),
      manufacturer: M,
      serialNumber: S,
      batteryState: { batteryCharge, charging: false },
    }),
  );
const robot = () => app.runtime.fleet.list().find((r) => r.manufacturer === M && r.serialNumber === S);
const nested = (levels: number, inner = '1') => `${'['.repeat(levels)}${inner}${']'.repeat(levels)}`;

beforeAll(async () => {
  const t = await testConfig({ TRACE_SAMPLE_RATE: '1' });
  cleanup = t.cleanup;
  topic = `${t.config.VDA_INTERFACE}/v2/${M}/${S}/state`;
  app = await createApp(t.config, { logger: testLogger });
  client = await mqtt.connectAsync(app.brokerUrl, { clientId: `deep-${Date.now().toString(36)}`, ...(await robotLogin(app, M, S)) });
  await client.publishAsync(topic, state(50), { qos: 1 });
  await waitFor('robot registered', () => robot()?.battery === 50);
}, 60_000);

afterAll(async () => {
  await client?.endAsync();
  await app?.stop();
  await cleanup?.();
});

describe('deeply nested robot payloads', () => {
  it('are refused as invalid, and the valid messages right behind them arrive promptly', async () => {
    const gw0 = app.gateway.health();
    const header = state(0).slice(0, -1); // a valid state message, still open for one more field
    const deep = [
      nested(100_000), // the chaos payload: 200 KB, over the monitor's 32 KB kept size (stringified there)
      `${header},"extra":${nested(99_000)}}`, // inside an otherwise valid state
      `${header},"extra":${nested(5_000)}}`, // small enough to be kept whole in the inspector ring
      `${header},"extra":${nested(MAX_PAYLOAD_DEPTH)}}`, // just past the bound (the message itself is one level)
    ];
    for (const d of deep) client.publish(topic, d, { qos: 1 });
    const t0 = Date.now();
    for (let i = 1; i <= 20; i++) client.publish(topic, state(60 + i), { qos: 1 });
    await waitFor('the valid messages after the deep ones in the fleet state', () => robot()?.battery === 80, 5000);
    const ms = Date.now() - t0;
    const gw = app.gateway.health();
    expect(gw.received - gw0.received).toBe(deep.length + 20);
    expect(gw.accepted - gw0.accepted).toBe(20);
    expect(gw.invalid - gw0.invalid).toBe(deep.length);
    expect(gw.invalidByRobot[`${M}/${S}`]?.lastReason).toBe(`payload nests deeper than ${MAX_PAYLOAD_DEPTH} levels`);
    expect(gw).toMatchObject({ status: 'ok', connected: true, handlerErrors: 0 });
    console.log(`[deep] ${deep.length} deep payloads then 20 valid states: all in the fleet state after ${ms} ms`);
    // The inspector can show every kept message (a deep one kept whole overflowed wherever it was serialised).
    const id = robot()!.id;
    const kept = await app.runtime.protocol.messages(id, 50);
    expect(() => JSON.stringify(kept)).not.toThrow();
    expect(kept.filter((m) => m.violation?.reason.includes('nests deeper'))).toHaveLength(deep.length);
  }, 30_000);

  it('accepts a message that nests exactly as deep as the bound allows', async () => {
    const header = state(0).slice(0, -1);
    const accepted = app.gateway.health().accepted;
    client.publish(topic, `${header},"extra":${nested(MAX_PAYLOAD_DEPTH - 1)}}`, { qos: 1 });
    await waitFor('accepted', () => app.gateway.health().accepted === accepted + 1);
  });
});
