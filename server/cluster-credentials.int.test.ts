// Two app processes with an embedded broker each, on one database and one NATS bus: a robot credential created,
// disabled or re-enabled on one reaches the other's broker at once, not at its next restart. Needs a shared
// database and bus (DATABASE_URL and BUS_URL); skipped otherwise (one process per database, nothing to keep in step).
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './app';
import { clusterServices, openClusterSite, type ClusterSite } from './testing/cluster-site';
import { waitFor } from './testing/test-env';

const ADMIN = { actorId: null, actor: 'integration-test', address: null };
let site: ClusterSite | null = null;
let a: App;
let b: App;
const clients: MqttClient[] = [];
// Each app with its own embedded broker, whatever MQTT_URL says: the credentials are those brokers'.
const startNode = (name: string) => site!.startNode(name, { MQTT_URL: undefined });

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

const run = clusterServices.databaseAndBus;

beforeAll(async () => {
  if (!run) return;
  site = await openClusterSite('cred');
  a = await startNode('a');
  b = await startNode('b');
});
afterAll(async () => {
  for (const c of clients) c.end(true);
  await site?.close();
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
