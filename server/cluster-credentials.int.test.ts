// Two app processes with an embedded broker each, on one database and one NATS bus: a robot credential created,
// disabled or re-enabled on one reaches the other's broker at once, not at its next restart. Needs a shared
// database and bus (DATABASE_URL and BUS_URL); skipped otherwise (one process per database, nothing to keep in step).
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from './app';
import { parseConfig } from './config';
import { deleteNatsStream } from './adapters/bus/nats-jetstream';
import { createTestDatabase, freePort, tempDir, testLogger, waitFor } from './testing/test-env';

const busUrl = process.env.BUS_URL;
const prefix = `itcred${Date.now().toString(36)}`;
const ADMIN = { actorId: null, actor: 'integration-test', address: null };
let url = '';
let drop: () => Promise<void> = async () => {};
let a: App;
let b: App;
const clients: MqttClient[] = [];

async function startNode(name: string): Promise<App> {
  const config = parseConfig({
    DATA_DIR: tempDir(`cred-${name}`),
    DATABASE_URL: url,
    BUS_URL: busUrl,
    BUS_PREFIX: prefix,
    MQTT_PORT: String(await freePort()),
    PORT: String(await freePort()),
    NODE_ID: `node-${name}`,
    VDA_INTERFACE: prefix,
    SIM_ROBOTS: '0',
    LOG_LEVEL: 'silent',
  });
  return createApp(config, { logger: testLogger });
}

/** Connects to a broker once, without retrying: resolves with the client, or the refusal's message. */
function connectOnce(brokerUrl: string, login: { username: string; password: string }): Promise<MqttClient | string> {
  return new Promise((resolve) => {
    const c = mqtt.connect(brokerUrl, { ...login, reconnectPeriod: 0, connectTimeout: 3000 });
    c.once('connect', () => {
      clients.push(c);
      resolve(c);
    });
    c.once('error', (err) => {
      c.end(true);
      resolve(err.message);
    });
  });
}

const run = Boolean(process.env.DATABASE_URL && busUrl);

beforeAll(async () => {
  if (!run) return;
  const db = await createTestDatabase();
  url = db.url ?? '';
  drop = db.drop;
  a = await startNode('a');
  b = await startNode('b');
});
afterAll(async () => {
  for (const c of clients) c.end(true);
  await b?.stop();
  await a?.stop();
  await drop();
  if (busUrl) await deleteNatsStream(busUrl, prefix);
});

describe.skipIf(!run)('robot credentials across app processes', () => {
  it('created on one node, the other node’s broker signs the robot in at once; disabled, it is dropped and refused there', async () => {
    expect(a.broker && b.broker).toBeTruthy();
    const { credential, password } = await a.credentials.create({ manufacturer: 'Acme', serialNumber: 'X-1' }, ADMIN);
    const login = { username: credential.username, password };
    // The other broker got the announcement over the bus (it arrives within milliseconds; allow a second).
    const client = await waitFor(
      'node b to accept the new login',
      async () => {
        const r = await connectOnce(b.brokerUrl, login);
        return typeof r === 'string' ? null : r;
      },
      5000,
      100,
    );
    const closed = new Promise<void>((r) => client.once('close', () => r()));
    await a.credentials.update({ id: credential.id, disabled: true }, ADMIN);
    await closed;
    await waitFor(
      'node b to refuse the disabled login',
      async () => typeof (await connectOnce(b.brokerUrl, login)) === 'string',
      5000,
      100,
    );
    expect(await connectOnce(b.brokerUrl, login)).toMatch(/Not authorized|Bad username or password/i);
  });
});
