// The app's own CPU per telemetry message, in-process: the real app (createApp, its database, signed-in Socket.IO
// viewers) with VDA 5050 messages handed straight to the gateway (`receive`, as its MQTT client would), so no
// simulator, broker or other load shares the measurement. What is left is the app's path: decode and schema
// validation, bus, state store, ingest batches into the database, protocol bookkeeping, fan-out frames. Run by
// bench/scenarios/app-hotpath.ts with the app's V8 flags; prints `RESULT {json}`.
// Usage: tsx bench/app-hotpath.ts --robots 1000 --frames 40 --rounds 6 [--viewers 3]   (DATABASE_URL → Postgres)
import http from 'node:http';
import { PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Server } from 'socket.io';
import { createApp } from '../server/app';
import { stateMessage } from '../server/domain/testing/fixtures';
import { connectAs } from '../server/testing/sign-in';
import { testConfig, testLogger } from '../server/testing/test-env';
import { buildFactsheet } from '../server/sim/vda-messages';

const { values } = parseArgs({
  options: {
    robots: { type: 'string', default: '1000' },
    frames: { type: 'string', default: '40' },
    rounds: { type: 'string', default: '6' },
    viewers: { type: 'string', default: '3' },
  },
});
const R = Number(values.robots);
const FRAMES = Number(values.frames);
const ROUNDS = Number(values.rounds);
const MANUFACTURER = 'SimRobotics';

type Msg = [topic: string, payload: Buffer];

// ALERT_EVAL_MS from the environment (at most 60000) lets a run compare the alert engine's share: see docs/performance.md.
const t = await testConfig({ SIM_ROBOTS: '0', ALERT_EVAL_MS: process.env.ALERT_EVAL_MS });
const server = http.createServer();
const io = new Server(server, { transports: ['websocket'] });
const app = await createApp(t.config, { logger: testLogger, io: io as never });
await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
const port = (server.address() as { port: number }).port;
const viewers = await Promise.all(Array.from({ length: Number(values.viewers) }, () => connectAs(app, `http://127.0.0.1:${port}`)));
let frames = 0;
for (const v of viewers) v.on('fleet:frame', () => void frames++);

// Messages reach the gateway exactly as mqtt.js delivers them: topic, payload buffer, packet.
const packet = { retain: false };
const deliver = ([topic, payload]: Msg) => app.gateway.receive(topic, payload, packet);
const iface = t.config.VDA_INTERFACE;
const serial = (i: number) => `HOT-${String(i).padStart(4, '0')}`;
const topic = (i: number, sub: string) => `${iface}/v2/${MANUFACTURER}/${serial(i)}/${sub}`;
const headerIds = new Map<string, number>();
const header = (i: number, sub: string) => {
  const key = `${i}/${sub}`;
  const headerId = headerIds.get(key) ?? 0;
  headerIds.set(key, headerId + 1);
  return { headerId, timestamp: new Date().toISOString(), version: '2.0.0', manufacturer: MANUFACTURER, serialNumber: serial(i) };
};
const json = (m: object) => Buffer.from(JSON.stringify(m));
const position = (i: number, f: number) => ({
  x: 10 + (i % 50) + f * 0.01,
  y: 5 + (i % 30),
  theta: 0.5,
  mapId: 'warehouse-1',
  positionInitialized: true,
});

/** One period of the fleet: a visualization per robot and, for a tenth of them, a state (each robot's state at 1 Hz). */
function period(f: number): Msg[] {
  const out: Msg[] = [];
  for (let i = 0; i < R; i++) {
    out.push([
      topic(i, 'visualization'),
      json({ ...header(i, 'visualization'), agvPosition: position(i, f), velocity: { vx: 1.2, vy: 0, omega: 0.01 } }),
    ]);
    if (f % 10 === i % 10)
      out.push([topic(i, 'state'), json(stateMessage({ ...header(i, 'state'), driving: true, agvPosition: position(i, f) }))]);
  }
  return out;
}

/** Hands the messages over in ten slices per period, each its own macrotask (as socket reads arrive). */
async function feed(periods: Msg[][]): Promise<number> {
  let n = 0;
  for (const msgs of periods) {
    const slice = Math.ceil(msgs.length / 10);
    for (let s = 0; s < msgs.length; s += slice) {
      for (const m of msgs.slice(s, s + slice)) deliver(m);
      n += Math.min(slice, msgs.length - s);
      await new Promise((r) => setImmediate(r));
    }
  }
  return n;
}

let gcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMs += e.duration;
}).observe({ entryTypes: ['gc'] });

// Robots announce themselves (first contact registers them) with their factsheet, then warm up the JIT.
for (let i = 0; i < R; i++)
  deliver([
    topic(i, 'factsheet'),
    json(buildFactsheet(header(i, 'factsheet'), { maxSpeed: 1.5, maxAccel: 0.6, maxTurnRate: 1, headingTolerance: 0.1 }, 10)),
  ]);
await new Promise((r) => setTimeout(r, 2000));
await feed(Array.from({ length: 20 }, (_, f) => period(f)));
await app.ingest.flush();

const rounds: { usPerMsg: number; gcUsPerMsg: number; msgsPerSec: number; messages: number }[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const periods = Array.from({ length: FRAMES }, (_, f) => period(f)); // built before the clock starts
  const g0 = gcMs;
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  const n = await feed(periods);
  await app.ingest.flush(); // the database writes are part of the cost
  const c = process.cpuUsage(c0);
  const wall = performance.now() - w0;
  rounds.push({ usPerMsg: (c.user + c.system) / n, gcUsPerMsg: ((gcMs - g0) * 1000) / n, msgsPerSec: (n / wall) * 1000, messages: n });
}
const h = app.gateway.health();
// The alert engine runs in the app every ALERT_EVAL_MS: what it did during the run, to read its share by.
const alerting = (await app.runtime.health()).components.alerts;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const r1 = (v: number) => Math.round(v * 10) / 10;
console.log(
  `RESULT ${JSON.stringify({
    robots: R,
    messagesPerRound: rounds[0]?.messages ?? 0,
    rounds: ROUNDS,
    usPerMsgMedian: r1(median(rounds.map((x) => x.usPerMsg))),
    usPerMsgMin: r1(Math.min(...rounds.map((x) => x.usPerMsg))),
    gcUsPerMsgMedian: r1(median(rounds.map((x) => x.gcUsPerMsg))),
    msgsPerSecMedian: Math.round(median(rounds.map((x) => x.msgsPerSec))),
    perRound: rounds.map((x) => r1(x.usPerMsg)),
    accepted: h.accepted,
    invalid: h.invalid,
    viewerFrames: frames,
    alerting: alerting && { engine: alerting.engine, opened: alerting.opened, resolved: alerting.resolved, flaps: alerting.flaps },
  })}`,
);
for (const v of viewers) v.close();
await app.stop();
server.close();
await t.cleanup();
process.exit(0);
