// What alert rule evaluation costs, in its own process with the app's V8 flags: a fleet of R robots as the fleet
// state store would list them (most driving, some charging, a few idle, offline, stuck, with errors, e-stops and low
// batteries, some of them flapping), the real engine (no timer) on the real alert center on the real alert store
// (PGlite, or Postgres with DATABASE_URL), driven by a fake clock one second per evaluation. Measured per evaluation
// with process.cpuUsage: the evaluation itself (facts, conditions, center.observe), the database writes of the
// transitions it caused until they landed (PGlite runs in this process, so its work counts; Postgres's does not),
// and the engine's handler for the state messages of that second. A second set of engines, each with one rule
// enabled, on a center that only counts, splits the evaluation by rule. Prints `RESULT {json}`.
// Usage: tsx bench/alert-rules.ts --robots 500 --evaluations 600 [--warmup 30]
import { PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openDb } from '../db/client';
import { upsertRobots } from '../db/queries/robots';
import { createAlertOutbox, createAlertStore } from '../server/adapters/storage/alert-store';
import { ALERT_RULE_IDS, type AlertRule } from '../server/domain/alerts/rule-catalogue';
import { isRobotRule } from '../server/domain/alerts/rule-conditions';
import type { CommandView } from '../server/domain/commands/command';
import { newEnvelope, type Envelope } from '../server/domain/envelope';
import type { RobotView } from '../server/domain/robot';
import { newRobotView } from '../server/domain/robot-merge';
import { SUBJECTS } from '../server/domain/telemetry';
import { stateMessage } from '../server/domain/testing/fixtures';
import type { VdaError } from '../server/domain/vda5050/messages';
import type { AlertCenter } from '../server/ports/alert-center';
import type { EnvelopeHandler, MessageBus } from '../server/ports/message-bus';
import type { RobotProtocolStats } from '../server/ports/robot-protocol-reader';
import { createAlertCenter } from '../server/services/alerts/alert-center';
import { createTestDatabase, tempDir, testLogger } from '../server/testing/test-env';
import { createAlertEngine, type AlertEngine } from '../server/workers/alert-engine';

const { values } = parseArgs({
  options: {
    robots: { type: 'string', default: '500' },
    evaluations: { type: 'string', default: '600' },
    warmup: { type: 'string', default: '30' },
  },
});
const R = Number(values.robots);
const N = Number(values.evaluations);
const WARMUP = Number(values.warmup);
const T0 = Date.parse('2026-12-02T08:00:00.000Z');
const MANUFACTURER = 'BenchRobotics';

/** The bus the engine subscribes to, reduced to direct calls so that what is timed is the engine's handler only. */
function directBus(): MessageBus & { deliver(env: Envelope): void } {
  const handlers = new Map<string, EnvelopeHandler[]>();
  return {
    kind: 'bench',
    publish: (env) => {
      for (const h of handlers.get(env.subject) ?? []) void h(env);
    },
    deliver(env) {
      for (const h of handlers.get(env.subject) ?? []) void h(env);
    },
    subscribe(subject, h) {
      handlers.set(subject, [...(handlers.get(subject) ?? []), h]);
      return {
        unsubscribe: () =>
          handlers.set(
            subject,
            (handlers.get(subject) ?? []).filter((x) => x !== h),
          ),
      };
    },
    stats: () => ({ published: 0, delivered: 0, handlerErrors: 0, pending: 0 }),
    close: async () => {},
  };
}

// --- the fleet: robots registered in the database (alerts refer to them), views as the fleet state store keeps them
const t = await createTestDatabase();
const db = await openDb({ databaseUrl: t.url, dataDir: tempDir('bench-alerts'), migrate: true });
const serial = (i: number) => `AL-${String(i).padStart(4, '0')}`;
const ids = (
  await upsertRobots(
    db,
    Array.from({ length: R }, (_, i) => ({ manufacturer: MANUFACTURER, serialNumber: serial(i) })),
  )
).map((r) => r.id);

/** What each robot does, by index: shares chosen so that some alerts of most robot rules fire, resolve or flap. */
type Role =
  | 'driving'
  | 'charging'
  | 'idle'
  | 'stuck' // driving without moving: robot.stuck after 20 s
  | 'charging-no-gain' // robot.charging_no_gain after 120 s
  | 'battery-low' // below 20 %, some below 10 %: open, escalated
  | 'battery-flapping' // 18 % for 12 s then 22 % for 8 s: opens, then flaps (clearSec 30)
  | 'warning-error' // a WARNING error present: robot.error_lasting after 30 s
  | 'fatal-blinking' // a FATAL error for 5 s of every 40: opens and resolves
  | 'estop-flapping' // e-stop every other 2 s: opens at once, flaps (clearSec 3)
  | 'poor-localization'
  | 'offline'
  | 'noisy'; // 10 % of its messages invalid: protocol.invalid_rate
function roleOf(i: number): Role {
  const k = i % 100;
  if (k < 70) return 'driving';
  if (k < 80) return 'charging';
  if (k < 84) return 'idle';
  const rare: Role[] = [
    'stuck',
    'charging-no-gain',
    'battery-low',
    'battery-low',
    'battery-flapping',
    'warning-error',
    'fatal-blinking',
    'estop-flapping',
    'poor-localization',
    'offline',
    'noisy',
    'driving',
    'driving',
    'charging',
    'idle',
    'stuck',
  ];
  return rare[k - 84]!;
}
const roles = ids.map((_, i) => roleOf(i));
const views = new Map<number, RobotView>();
const protocol = new Map<number, RobotProtocolStats>();
for (let i = 0; i < R; i++) {
  const id = ids[i]!;
  protocol.set(id, {
    robot: `${MANUFACTURER}/${serial(i)}`,
    protocolVersion: '2.0.0',
    received: { state: 0, visualization: 0 },
    sent: {},
    invalid: 0,
    headerGaps: 0,
    lostMessages: 0,
    headerRegressions: 0,
    headerResets: 0,
    lastViolation: null,
    lastMessageAt: null,
  });
}

const warning: VdaError = {
  errorType: 'lidarDirty',
  errorLevel: 'WARNING',
  errorDescription: 'front scanner needs cleaning',
  errorReferences: [],
};
const fatal: VdaError = { errorType: 'driveFault', errorLevel: 'FATAL', errorDescription: 'left drive overcurrent', errorReferences: [] };

/** The fleet at second s: each view replaced, as the fleet state store replaces a robot's view on a message. */
function advanceFleet(s: number, now: number) {
  for (let i = 0; i < R; i++) {
    const id = ids[i]!;
    const role = roles[i]!;
    const prev = views.get(id);
    const v: RobotView = prev
      ? { ...prev }
      : { ...newRobotView(id, MANUFACTURER, serial(i)), connection: 'ONLINE', operatingMode: 'AUTOMATIC', protocolVersion: '2.0.0' };
    const lane = i % 40;
    const along = (s * 1.2 + i * 3.7) % 80; // 1.2 m/s back and forth along a 80 m aisle
    const moving = { x: 5 + along, y: 4 + lane * 2.5, theta: 0, mapId: 'warehouse-1' };
    const parked = { x: 2, y: 4 + lane * 2.5, theta: Math.PI, mapId: 'warehouse-1' };
    v.lastSeenAt = now - (i % 10) * 10; // visualization at 10 Hz: heard within the last 100 ms
    v.errors = [];
    v.driving = false;
    v.charging = false;
    v.speed = 0;
    v.pose = parked;
    v.battery = 60 + ((i * 7) % 35) - ((s / 60) % 10);
    switch (role) {
      case 'driving':
      case 'noisy':
      case 'poor-localization':
      case 'estop-flapping':
        v.driving = true;
        v.speed = 1.2;
        v.pose = moving;
        break;
      case 'stuck':
        v.driving = true;
        v.pose = { ...parked, x: 30 };
        break;
      case 'charging':
        v.charging = true;
        v.battery = Math.min(100, 30 + ((i * 3) % 40) + s * 0.05);
        break;
      case 'charging-no-gain':
        v.charging = true;
        v.battery = 41;
        break;
      case 'battery-low':
        v.battery = i % 2 === 0 ? 15 : 8;
        break;
      case 'battery-flapping':
        v.battery = s % 20 < 12 ? 18 : 22;
        break;
      case 'warning-error':
        v.errors = [warning];
        v.driving = true;
        v.pose = moving;
        break;
      case 'fatal-blinking':
        if (s % 40 < 5) v.errors = [fatal];
        break;
      case 'offline':
        v.connection = 'OFFLINE';
        v.lastSeenAt = T0 - 60_000;
        break;
      case 'idle':
        break;
    }
    views.set(id, v);
    const p = protocol.get(id)!;
    if (v.connection === 'ONLINE') {
      p.received.visualization! += 10;
      p.received.state! += 1;
      if (role === 'noisy') p.invalid += 1;
    }
  }
}

/** The state messages of second s (each robot's state at 1 Hz), as the gateway's envelopes on robot.state. */
function stateEnvelopes(s: number, now: number): Envelope[] {
  const out: Envelope[] = [];
  for (let i = 0; i < R; i++) {
    const id = ids[i]!;
    const v = views.get(id)!;
    if (v.connection !== 'ONLINE') continue;
    const role = roles[i]!;
    const eStop = role === 'estop-flapping' && s % 4 < 2 ? 'AUTOACK' : 'NONE';
    const message = stateMessage({
      headerId: s,
      timestamp: new Date(now).toISOString(),
      manufacturer: MANUFACTURER,
      serialNumber: serial(i),
      driving: v.driving,
      batteryState: { batteryCharge: v.battery ?? 0, charging: v.charging },
      errors: v.errors,
      safetyState: { eStop, fieldViolation: false },
      agvPosition: {
        ...v.pose!,
        positionInitialized: true,
        localizationScore: role === 'poor-localization' ? 0.3 : 0.95,
      },
    });
    const payload = { robotId: id, manufacturer: MANUFACTURER, serialNumber: serial(i), size: 900, topic: 'state', message };
    out.push(newEnvelope({ subject: SUBJECTS.state, source: 'bench', producedAt: now, receivedAt: now, payload }));
  }
  return out;
}

// Commands: one robot's command fails every 30 s and the next one succeeds 10 s later (command.failed opens, resolves).
const commandListeners: ((c: CommandView) => void)[] = [];
const command = (now: number, status: CommandView['status']) => {
  for (const l of commandListeners)
    l({ id: `c${now}`, robotId: ids[0]!, type: 'goTo', status, finishedAt: now, outcome: null, traceId: null } as unknown as CommandView);
};

let clockNow = T0;
const clock = { now: () => clockNow };
const fleet = { list: () => [...views.values()].sort((a, b) => a.id - b.id), get: (id: number) => views.get(id) };
const appHealth = async () => ({
  status: 'ok' as const,
  components: { database: { status: 'ok' as const }, mqtt: { status: 'ok' as const } },
});

const store = createAlertStore(db);
const center = await createAlertCenter({ store, outbox: createAlertOutbox(db), clock, logger: testLogger });
const bus = directBus();
const engineOf = (b: MessageBus, c: Pick<AlertCenter, 'rules' | 'observe'>): AlertEngine =>
  createAlertEngine({
    bus: b,
    fleet,
    protocol: { stats: (id) => protocol.get(id) },
    commands: { onChange: (l) => (commandListeners.push(l), () => {}) },
    flow: null,
    appHealth,
    center: c,
    clock,
    logger: testLogger,
    timer: false,
  });
const engine = engineOf(bus, center);

// The split by rule: engines on a center that counts only, each with one rule (or none: the facts alone) enabled.
const splitBus = directBus();
const robotRuleIds = ALERT_RULE_IDS.filter((id) => isRobotRule(id));
const split = [null, ...robotRuleIds, 'all' as const].map((only) => {
  const rules: AlertRule[] = center.rules().map((r) => ({ ...r, enabled: only === 'all' ? r.enabled : r.id === only }));
  const rule = only === null ? '(facts only)' : only === 'all' ? '(all enabled rules)' : only;
  return { rule, engine: engineOf(splitBus, { rules: () => rules, observe: () => {} }), cpu: [] as number[] };
});

const cpuUs = (c: NodeJS.CpuUsage) => c.user + c.system;
// Garbage collections, to tell which slow evaluations were slow because of one (matched by time at the end).
const gcs: { start: number; end: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcs.push({ start: e.startTime, end: e.startTime + e.duration });
}).observe({ entryTypes: ['gc'] });
const gcUsWithin = (from: number, to: number) =>
  Math.round(gcs.reduce((sum, g) => sum + Math.max(0, Math.min(to, g.end) - Math.max(from, g.start)), 0) * 1000);
const settle = async () => {
  while (center.writeStats().pendingWrites > 0) await new Promise((r) => setTimeout(r, 2));
};
const samples: {
  s: number;
  evalUs: number;
  writesUs: number;
  stateUs: number;
  observations: number;
  writes: number;
  opened: number;
  window: [number, number];
}[] = [];
await engine.refreshApp();
for (let s = 0; s < WARMUP + N; s++) {
  clockNow = T0 + s * 1000;
  advanceFleet(s, clockNow);
  const envs = stateEnvelopes(s, clockNow);
  if (s % 30 === 5) command(clockNow, 'failed');
  if (s % 30 === 15) command(clockNow, 'succeeded');
  const w0 = center.writeStats();
  const opened0 = center.stats().opened;
  const c0 = process.cpuUsage();
  for (const e of envs) bus.deliver(e);
  const c1 = process.cpuUsage();
  const t1 = performance.now();
  engine.evaluateOnce(clockNow);
  const t2 = performance.now();
  const c2 = process.cpuUsage();
  await settle();
  const c3 = process.cpuUsage();
  for (const e of envs) splitBus.deliver(e);
  for (const x of split) {
    const b = process.cpuUsage();
    x.engine.evaluateOnce(clockNow);
    if (s >= WARMUP) x.cpu.push(cpuUs(process.cpuUsage(b)));
  }
  if (s < WARMUP) continue;
  samples.push({
    s,
    window: [t1, t2],
    opened: center.stats().opened - opened0,
    stateUs: cpuUs(c1) - cpuUs(c0),
    evalUs: cpuUs(c2) - cpuUs(c1),
    writesUs: cpuUs(c3) - cpuUs(c2),
    observations: engine.stats().lastObservations,
    writes: center.writeStats().writesLanded - w0.writesLanded,
  });
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const pct = (xs: number[], p: number) => sorted(xs)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] ?? 0;
const median = (xs: number[]) => pct(xs, 50);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const r1 = (v: number) => Math.round(v * 10) / 10;
const r3 = (v: number) => Math.round(v * 1000) / 1000;
const evalUs = samples.map((x) => x.evalUs);
const writesUs = samples.map((x) => x.writesUs);
const totalUs = samples.map((x) => x.evalUs + x.writesUs + x.stateUs);
const stateMsgs = R; // one state per robot per second (the offline ones send none; counted anyway, a small overstatement)
const telemetryPerSec = R * 10; // visualization at 10 Hz per robot, the rate the pipeline figures use
const facts = median(split[0]!.cpu);
const c = center.stats();
const cs = center.writeStats();
console.log(
  `RESULT ${JSON.stringify({
    robots: R,
    evaluations: N,
    evalMs: 1000,
    database: t.url ? 'postgres' : 'pglite',
    evalCpuUs: { median: r1(median(evalUs)), p99: r1(pct(evalUs, 99)), mean: r1(mean(evalUs)) },
    writesCpuUs: { median: r1(median(writesUs)), p99: r1(pct(writesUs, 99)), mean: r1(mean(writesUs)) },
    stateHandlerUsPerMsg: r3(median(samples.map((x) => x.stateUs)) / stateMsgs),
    totalCpuUsPerSecond: { median: r1(median(totalUs)), p99: r1(pct(totalUs, 99)), mean: r1(mean(totalUs)) },
    // What the engine adds to each telemetry message at ALERT_EVAL_MS=1000: a second's CPU over a second's messages.
    usPerTelemetryMsg: {
      median: r3(median(totalUs) / telemetryPerSec),
      mean: r3(mean(totalUs) / telemetryPerSec),
      p99: r3(pct(totalUs, 99) / telemetryPerSec),
      evaluationOnly: r3(median(evalUs) / telemetryPerSec),
    },
    observationsPerEvaluation: median(samples.map((x) => x.observations)),
    writesPerEvaluationMean: r3(mean(samples.map((x) => x.writes))),
    alertsUnresolvedAtEnd: c.open + c.acknowledged,
    opened: c.opened,
    resolved: c.resolved,
    flaps: c.flaps,
    refused: c.refused,
    written: cs.writesLanded,
    writeFailures: cs.writeFailures,
    evaluationErrors: engine.stats().evaluationErrors,
    // The five slowest evaluations, with the garbage collection that ran during each.
    slowest: [...samples]
      .sort((a, b) => b.evalUs - a.evalUs)
      .slice(0, 5)
      .map(({ window: [from, to], ...x }) => ({ ...x, gcUs: gcUsWithin(from, to) })),
    byRule: split.map((x) => ({
      rule: x.rule,
      cpuUsMedian: r1(median(x.cpu)),
      addedUsMedian: x.rule === '(facts only)' ? null : r1(median(x.cpu) - facts),
    })),
  })}`,
);
engine.stop();
for (const x of split) x.engine.stop();
await center.stop();
await db.close();
await t.drop();
process.exit(0);
