// Alert webhooks end to end: the real app, a simulated robot's emergency stop, and a real local HTTP receiver that
// checks every signature. Each notification arrives exactly once, also when the receiver was down for a while and
// when the app restarted in between (the resolution was stored in the outbox before the restart and sent after).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { createApp, type App } from './app';
import { verifyWebhook } from './adapters/webhooks/sign';
import { WEBHOOK_HEADERS, type AlertWebhookBody } from './domain/alerts/webhook-body';
import { startFleet, type SimFleet } from './sim/fleet';
import { robotLogin } from './testing/mqtt-credentials';
import { testConfig, testLogger, waitFor } from './testing/test-env';

const SECRET = 'a-test-secret-of-32-characters!!';
const received: { body: AlertWebhookBody; valid: boolean }[] = [];
let refusing = false;
const receiver = http.createServer((req, res) => {
  let raw = '';
  req.setEncoding('utf8');
  req.on('data', (c: string) => (raw += c));
  req.on('end', () => {
    if (refusing) return void res.writeHead(503).end();
    const header = (n: string) => req.headers[n] as string | undefined;
    const valid = verifyWebhook({
      secret: SECRET,
      rawBody: raw,
      timestamp: header(WEBHOOK_HEADERS.timestamp),
      signature: header(WEBHOOK_HEADERS.signature),
    }).ok;
    received.push({ body: JSON.parse(raw) as AlertWebhookBody, valid });
    res.writeHead(204).end();
  });
});

let app: App | null = null;
let fleet: SimFleet | null = null;
let cleanup: (() => Promise<void>) | null = null;
afterAll(async () => {
  await fleet?.stop();
  await app?.stop();
  await cleanup?.();
  receiver.close();
});

const estops = () => received.filter((r) => r.body.rule.id === 'robot.emergency_stop');

it('delivers each notification exactly once, signed, through a receiver outage and an app restart', async () => {
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const t = await testConfig({ ALERT_WEBHOOK_URL: url, ALERT_WEBHOOK_SECRET: SECRET, ALERT_EVAL_MS: '250' });
  cleanup = t.cleanup;
  app = await createApp(t.config, { logger: testLogger });
  fleet = await startFleet({
    brokerUrl: app.brokerUrl,
    clientOptions: await robotLogin(app, 'SimRobotics'),
    iface: t.config.VDA_INTERFACE,
    robots: 1,
    hz: 5,
    seed: 9,
    map: app.map,
    autonomous: 'never',
  });
  await fleet.ready;
  await waitFor('robot online', () => app!.store.list().find((r) => r.connection === 'ONLINE'), 20_000);

  fleet.injectFault('SIM-0001', { kind: 'emergencyStop' });
  await waitFor('opening delivered', () => estops().length === 1, 15_000, 50);

  // The receiver refuses everything; the resolution is stored and retried, then the app stops before it lands.
  refusing = true;
  fleet.clearFault('SIM-0001', 'emergencyStop');
  const store = app.alerts;
  await waitFor('alert resolved', () => !store.unresolved().some((a) => a.ruleId === 'robot.emergency_stop'), 15_000, 50);
  await waitFor(
    'a refused attempt',
    () => app!.alerts.deliveries(10).then((d) => d.some((x) => x.attempts > 0 && x.status === 'pending')),
    15_000,
    100,
  );
  await fleet.stop();
  fleet = null;
  await app.stop();
  app = null;
  expect(estops()).toHaveLength(1);

  // Back up, and a new app on the same database sends what was pending.
  refusing = false;
  app = await createApp(t.config, { logger: testLogger });
  await waitFor('resolution delivered after the restart', () => estops().length === 2, 30_000, 100);
  await new Promise((r) => setTimeout(r, 1_500)); // room for a duplicate to show up

  const mine = estops();
  expect(mine.map((r) => r.body.event)).toEqual(['opened', 'resolved']);
  expect(mine.every((r) => r.valid)).toBe(true);
  expect(new Set(mine.map((r) => r.body.id)).size).toBe(mine.length);
  expect(mine[0]!.body.alert.id).toBe(mine[1]!.body.alert.id);
  expect(mine[1]!.body).toMatchObject({ by: 'auto', alert: { state: 'resolved', severity: 'critical' } });
  const deliveries = await app.alerts.deliveries(10);
  expect(deliveries.filter((d) => d.body.rule.id === 'robot.emergency_stop').map((d) => d.status)).toEqual(['delivered', 'delivered']);
}, 120_000);
