// mqtt-fuzz: a robot login (any serial of one manufacturer, as an admin would create it) publishes generated payloads
// on VDA 5050 topics: schema-aware mutations of valid messages, corrupted text, random bytes, hostile topics
// (vda-payloads.ts). The app must not crash or leak a rejection, keep RSS and /api/health bounded, count what it
// refused, and still turn valid telemetry sent afterwards into fleet state.
import type { RobotView } from '../../server/domain/robot';
import { mustQuery } from '../lib/trpc';
import { connectPublisher } from '../lib/mqtt-publisher';
import { appChecks, BOUNDS, watchHealth } from '../lib/app-checks';
import { startProbedApp, type ProbedApp } from '../lib/probed-app';
import type { Scenario } from '../lib/result';
import { runScenario, sleep } from '../lib/scenario-kit';
import { fuzzMessages, validMessage } from '../lib/vda-payloads';

const MANUFACTURER = 'ChaosBots';
const CHUNK = 2_000;
type Counters = {
  received: number;
  accepted: number;
  invalid: number;
  /** Empty payloads (retained messages cleared): the gateway ignores them, counted. */
  ignored: number;
  unknownTopics: number;
  reconnects: number;
  invalidRobots: number;
};

export const mqttFuzz: Scenario = (opts) => {
  const { quick, seed } = opts;
  const total = quick ? 10_000 : 100_000;
  const tried = `${total.toLocaleString('en')} generated MQTT payloads (seed ${seed}) from one manufacturer-wide robot login: mutated valid state/visualization/connection/factsheet, corrupted JSON, random bytes, 5% hostile topics; health bound ${BOUNDS.healthBytes / 1024} KB`;
  return runScenario('mqtt-fuzz', tried, quick ? 240_000 : 900_000, opts, async (v) => {
    const app = await startProbedApp(v.dir);
    v.defer(() => app.cleanup());
    const pub = await connectPublisher(app.brokerUrl, await app.robotLogin(MANUFACTURER), `chaos-fuzz-${seed}`);
    v.defer(() => pub.end());
    await sleep(1000);
    const rssStart = await app.markStart();
    const before = await counters(app);
    const health = watchHealth(app.url);
    const sent = { all: 0, routed: 0, surelyInvalid: 0, bytes: 0, unacked: 0, lostWithConnection: 0 };
    const t0 = performance.now();
    // A time budget rather than the scenario's deadline: an app slowed to a crawl still gets its figures reported.
    const budgetMs = quick ? 120_000 : 600_000;
    for (let c = 0; c * CHUNK < total && !app.child.exited() && performance.now() - t0 < budgetMs; c++) {
      const msgs = fuzzMessages({
        iface: app.iface,
        manufacturer: MANUFACTURER,
        serials: 20,
        seed: seed * 1_000_003 + c,
        count: Math.min(CHUNK, total - c * CHUNK),
      });
      const r = await pub.publishAll(msgs);
      sent.unacked += r.timedOut;
      sent.lostWithConnection += r.lostWithConnection;
      for (const m of msgs) {
        sent.all++;
        sent.bytes += m.payload.length;
        if (m.routed) sent.routed++;
        if (m.routed && m.surelyInvalid) sent.surelyInvalid++;
      }
      if (c % 5 === 4) v.log(`  ${sent.all} sent, app RSS ${app.probe().rssMb} MB`);
    }
    const sendSeconds = (performance.now() - t0) / 1000;
    const after = await drained(app, before.received + sent.routed);
    const h = await health.stop();
    health.report(v);
    const d = (k: keyof Counters) => after[k] - before[k];
    Object.assign(v.figures, {
      payloads: sent.all,
      payloadMb: Math.round(sent.bytes / 2 ** 20),
      msgsPerSec: Math.round(sent.all / sendSeconds),
      unacked: sent.unacked,
      lostWithBrokerDisconnect: sent.lostWithConnection,
      publisherDisconnects: pub.stats().disconnects,
      publisherLastError: pub.stats().lastError.slice(0, 120) || '-',
      routedSent: sent.routed,
      gatewayReceived: d('received'),
      accepted: d('accepted'),
      invalid: d('invalid'),
      ignored: d('ignored'),
      unknownTopics: d('unknownTopics'),
      gatewayReconnects: d('reconnects'),
      invalidByRobotKeys: after.invalidRobots,
      surelyInvalidSent: sent.surelyInvalid,
    });
    v.check(
      sent.all === total,
      `only ${sent.all} of ${total} payloads sent within ${budgetMs / 1000} s (${Math.round(sent.all / sendSeconds)} msg/s)`,
    );
    v.check(sent.unacked === 0, `${sent.unacked} publishes got no PUBACK within 15 s on a live connection`);
    v.check(d('received') >= sent.routed * 0.99, `the gateway received ${d('received')} of ${sent.routed} messages on its topics`);
    v.check(
      d('invalid') >= sent.surelyInvalid,
      `only ${d('invalid')} counted invalid, but ${sent.surelyInvalid} were not JSON objects at all`,
    );
    v.check(
      d('accepted') + d('invalid') + d('ignored') >= d('received') * 0.99,
      `received ${d('received')} but accepted ${d('accepted')} + invalid ${d('invalid')} + ignored ${d('ignored')}: some vanished uncounted`,
    );
    const ms = await validStillWorks(app, pub.publishAll.bind(pub), seed);
    v.figures.validAfterFuzzMs = ms ?? 'never';
    v.check(ms !== null, 'valid telemetry sent after the fuzz did not reach the fleet state within 20 s');
    v.figures.healthStatus = h.lastStatus;
    appChecks(v, app, rssStart);
  });
};

async function counters(app: ProbedApp): Promise<Counters> {
  const res = await fetch(`${app.url}/api/health`, { signal: AbortSignal.timeout(30_000) });
  const body = (await res.json()) as { components: { gateways?: Record<string, unknown> } };
  const gw = Object.values(body.components.gateways ?? {}).find(
    (x): x is Counters & { invalidByRobot?: object } => typeof x === 'object' && x !== null && 'received' in x,
  );
  if (!gw) throw new Error('/api/health has no gateway counters');
  return {
    received: gw.received,
    accepted: gw.accepted,
    invalid: gw.invalid,
    ignored: gw.ignored ?? 0,
    unknownTopics: gw.unknownTopics,
    reconnects: gw.reconnects,
    invalidRobots: Object.keys(gw.invalidByRobot ?? {}).length,
  };
}

/** Waits until the gateway has seen `target` messages, or its count stops moving for 3 s (60 s at most). */
async function drained(app: ProbedApp, target: number): Promise<Counters> {
  let last = await counters(app);
  let still = Date.now();
  const deadline = Date.now() + 60_000;
  while (last.received < target && Date.now() - still < 3000 && Date.now() < deadline) {
    await sleep(500);
    const c = await counters(app);
    if (c.received !== last.received) still = Date.now();
    last = c;
  }
  return last;
}

/** Publishes a fresh robot's connection, state and visualization; ms until fleet.list shows its pose (null: never). */
async function validStillWorks(
  app: ProbedApp,
  publishAll: (m: { topic: string; payload: Buffer }[]) => Promise<unknown>,
  seed: number,
): Promise<number | null> {
  const serial = `CHECK-${seed}`;
  const topic = (sub: string) => `${app.iface}/v2/${MANUFACTURER}/${serial}/${sub}`;
  const msg = (sub: 'connection' | 'state' | 'visualization', id: number) => ({
    topic: topic(sub),
    payload: Buffer.from(JSON.stringify(validMessage(sub, MANUFACTURER, serial, id))),
  });
  const t0 = performance.now();
  await publishAll([msg('connection', 1), msg('state', 1)]);
  while (performance.now() - t0 < 20_000) {
    await publishAll([msg('visualization', Math.round(performance.now()))]);
    const robots = await mustQuery<RobotView[]>(app.admin, 'fleet.list').catch(() => []);
    const r = robots.find((x) => x.serialNumber === serial);
    if (r?.pose && Math.abs(r.pose.x - 12.5) < 0.01) return Math.round(performance.now() - t0);
    await sleep(250);
  }
  return null;
}
