// npx tsx bench/sim-message-cost.ts [--robots 100] [--seconds 240] [--v3-share 0.25] [--hz 10]
// CPU cost of the simulator's per-message work (server/sim/): building a robot's VDA 5050 visualization and state
// and serialising them to the JSON text that is published, per protocol version, without the MQTT client.
// A fleet of robots is driven mid-order by a stand-in master control (orders of several nodes with node actions,
// instant actions now and then, some of them rejected so errors are reported), stepped at `hz`; each tick a robot
// builds its visualization, and its state when the simulator would send one (on a change, on a stateRequest, at
// least every second: the rule of SimRobot.step), so the kinds are weighted by the simulator's own rates.
// The model step itself (stepAgv) is not timed. Each implementation is timed on the same ticks:
//   objects: the message objects of telemetry-objects.ts + JSON.stringify (what SimRobot published before)
//   sim:     TelemetryJson (telemetry-json.ts), what SimRobot publishes now
// Prints µs per message (timer overhead subtracted); figures are printed, never compared against a threshold.
import { parseArgs } from 'node:util';
import type { VdaHeader } from '../server/domain/vda5050/messages';
import { action, makeCtx, modelAt, order, planner } from '../server/sim/agv-test-fixtures';
import type { AgvModel } from '../server/sim/agv-model';
import { stepAgv } from '../server/sim/agv-step';
import { IntermediatePathCache } from '../server/sim/intermediate-path';
import { createPrng, type Prng } from '../server/sim/prng';
import { deliver } from '../server/sim/robot-inbox';
import { TelemetryJson } from '../server/sim/telemetry-json';
import { stateObject, visualizationObject } from '../server/sim/telemetry-objects';
import { HeaderSequence } from '../server/sim/vda-messages';
import { machineInfo } from './lib/machine';
import { table } from './lib/report';
import { round } from './lib/stats';

const { values } = parseArgs({
  options: { robots: { type: 'string' }, seconds: { type: 'string' }, 'v3-share': { type: 'string' }, hz: { type: 'string' } },
});
const ROBOTS = Number(values.robots ?? 100);
const SECONDS = Number(values.seconds ?? 240);
const V3_SHARE = Number(values['v3-share'] ?? 0.25);
const HZ = Number(values.hz ?? 10);
const WARMUP_SEC = 30;
const dt = 1 / HZ;
const ctx = makeCtx();
const PLACES = planner.map.nodes.filter((n) => n.place).map((n) => n.id);

type Kind = 'visualization' | 'state';
interface Encoder {
  visualization(h: VdaHeader, m: AgvModel, v3: boolean, refStateHeaderId: number, path: IntermediatePathCache, ts: string): string;
  state(h: VdaHeader, m: AgvModel, v3: boolean, path: IntermediatePathCache, ts: string): string;
}
const objects: Encoder = {
  visualization: (h, m, v3, ref, path, ts) =>
    JSON.stringify(visualizationObject(h, m, ctx, v3, ref, v3 ? path.get(m, ctx, ts) : undefined)),
  state: (h, m, v3, path, ts) => JSON.stringify(stateObject(h, m, ctx, v3, v3 ? path.get(m, ctx, ts) : undefined)),
};
function sim(serialNumber: string, version: string, v3: boolean): Encoder {
  const json = new TelemetryJson({ version, manufacturer: 'SimRobotics', serialNumber }, ctx, v3);
  return {
    visualization: (h, m, _v3, ref, path, ts) => json.visualization(h.headerId, h.timestamp, m, ref, v3 ? path.get(m, ctx, ts) : undefined),
    state: (h, m, _v3, path, ts) => json.state(h.headerId, h.timestamp, m, v3 ? path.get(m, ctx, ts) : undefined),
  };
}
const IMPLS: Record<string, (serialNumber: string, version: string, v3: boolean) => Encoder> = { objects: () => objects, sim };

interface SimBot {
  m: AgvModel;
  v3: boolean;
  rng: Prng;
  headers: HeaderSequence;
  path: IntermediatePathCache;
  encoders: Record<string, Encoder>;
  lastStateAt: number;
  orders: number;
}

/** The stand-in master control: a new order when the last is done; instant actions and a bad order now and then. */
function command(b: SimBot): void {
  const m = b.m;
  if (m.order && !m.order.done) return;
  const from = m.robot.lastNodeId;
  const to = PLACES[b.rng.int(PLACES.length)]!;
  const path = to === from ? null : planner.shortestPath(from, to);
  if (!path || path.length < 3) return;
  const id = `o-${b.orders++}`;
  const actionsAt = {
    [path[1]!]: [action(`${id}-fine`, 'finePositioning', 'NONE')],
    [path[path.length - 1]!]: [action(`${id}-${b.orders % 2 ? 'pick' : 'drop'}`, b.orders % 2 ? 'pick' : 'drop')],
  };
  deliver(m, 'order', JSON.stringify(order(id, 0, path, { actionsAt })), ctx);
  if (b.orders % 3 === 0) instant(m, `${id}-sr`, 'stateRequest');
  // An order that does not start where the robot stands: rejected, reported as an error until the next order.
  if (b.orders % 7 === 0) deliver(m, 'order', JSON.stringify(order(`${id}-bad`, 0, ['dock-9', 'n-002'])), ctx);
}

function instant(m: AgvModel, actionId: string, type: string): void {
  deliver(m, 'instantActions', JSON.stringify({ ...order('x', 0, ['dock-1']), actions: [action(actionId, type, 'NONE')] }), ctx);
}

function makeBot(i: number): SimBot {
  const start = PLACES[i % PLACES.length]!;
  const v3 = Math.floor((i + 1) * V3_SHARE) > Math.floor(i * V3_SHARE);
  const m = modelAt(start);
  // A robot some hours into its life: finished instant actions are reported until 50 have piled up.
  for (let k = 0; k < 20; k++) instant(m, `boot-${i}-${k}`, 'stateRequest');
  const serial = `SIM-${String(i + 1).padStart(4, '0')}`;
  const version = v3 ? '3.0.0' : '2.0.0';
  const encoders = Object.fromEntries(Object.entries(IMPLS).map(([name, make]) => [name, make(serial, version, v3)]));
  return {
    m,
    v3,
    rng: createPrng(1000 + i),
    headers: new HeaderSequence('SimRobotics', serial, version),
    path: new IntermediatePathCache(),
    encoders,
    lastStateAt: -Infinity,
    orders: 0,
  };
}

interface Acc {
  us: number;
  n: number;
  bytes: number;
}
const acc = new Map<string, Acc>();
const add = (key: string, us: number, bytes: number) => {
  const a = acc.get(key) ?? { us: 0, n: 0, bytes: 0 };
  a.us += us;
  a.n++;
  a.bytes += bytes;
  acc.set(key, a);
};

// Timer overhead: two performance.now() calls back to back, subtracted from every timed section.
let overhead = Infinity;
for (let r = 0; r < 5; r++) {
  const t0 = performance.now();
  let x = 0;
  for (let i = 0; i < 200_000; i++) x += performance.now() - performance.now();
  overhead = Math.min(overhead, ((performance.now() - t0) * 1000) / 200_000 / 2);
  if (x > 1e9) console.log(x);
}

const bots = Array.from({ length: ROBOTS }, (_, i) => makeBot(i));
const names = Object.keys(IMPLS);
const ticks = Math.round((WARMUP_SEC + SECONDS) * HZ);
const t0ms = Date.UTC(2026, 0, 5, 8);
let mismatches = 0;
for (let tick = 0; tick < ticks; tick++) {
  const measure = tick >= WARMUP_SEC * HZ;
  const ts = new Date(t0ms + tick * 100).toISOString(); // one per tick, as the fleet's timer does
  for (const b of bots) {
    command(b);
    stepAgv(b.m, dt, ctx);
    const m = b.m;
    const p = b.v3 ? '3.0' : '2.0';
    const hv = b.headers.next('visualization', ts);
    const ref = b.headers.last('state');
    const due = m.changed || m.requests.state || m.robot.time - b.lastStateAt >= 1;
    const hs = due ? b.headers.next('state', ts) : null;
    // Rotate which implementation runs first, so none always finds the caches warm.
    const order = tick % 2 === 0 ? names : [...names].reverse();
    const texts: Record<string, string[]> = {};
    for (const name of order) {
      const enc = b.encoders[name]!;
      let t = performance.now();
      const vis = enc.visualization(hv, m, b.v3, ref, b.path, ts);
      let us = (performance.now() - t) * 1000 - overhead;
      if (measure) add(`${name}|${p}|visualization`, us, vis.length);
      texts[name] = [vis];
      if (hs) {
        t = performance.now();
        const st = enc.state(hs, m, b.v3, b.path, ts);
        us = (performance.now() - t) * 1000 - overhead;
        if (measure) add(`${name}|${p}|state`, us, st.length);
        texts[name]!.push(st);
      }
    }
    const first = texts[names[0]!]!;
    for (const name of names) if (texts[name]!.join() !== first.join()) mismatches++;
    if (hs) {
      m.changed = false;
      m.requests.state = false;
      b.lastStateAt = m.robot.time;
    }
  }
}

const get = (k: string) => acc.get(k) ?? { us: 0, n: 0, bytes: 0 };
const rows: Record<string, string | number>[] = [];
for (const name of names) {
  for (const p of ['2.0', '3.0', 'fleet']) {
    const protos = p === 'fleet' ? ['2.0', '3.0'] : [p];
    const sum = (kind: Kind) =>
      protos.reduce(
        (s, q) => {
          const a = get(`${name}|${q}|${kind}`);
          return { us: s.us + a.us, n: s.n + a.n, bytes: s.bytes + a.bytes };
        },
        { us: 0, n: 0, bytes: 0 },
      );
    const v = sum('visualization');
    const s = sum('state');
    if (v.n === 0) continue;
    rows.push({
      impl: name,
      protocol: p === 'fleet' ? `fleet (${Math.round(V3_SHARE * 100)}% 3.0)` : p,
      'vis µs': round(v.us / v.n, 2),
      'state µs': round(s.us / Math.max(1, s.n), 2),
      'states per vis': round(s.n / v.n, 3),
      'weighted µs/msg': round((v.us + s.us) / (v.n + s.n), 2),
      'vis B': Math.round(v.bytes / v.n),
      'state B': Math.round(s.bytes / Math.max(1, s.n)),
    });
  }
}
const mi = machineInfo() as Record<string, unknown>;
console.log(`sim message cost: ${ROBOTS} robots mid-order, ${SECONDS} s simulated at ${HZ} Hz after ${WARMUP_SEC} s warm-up`);
console.log(`machine: ${JSON.stringify(mi)}; timer overhead ${round(overhead * 1000, 0)} ns per section (subtracted)`);
table('µs per message (CPU of build + JSON text, no MQTT)', rows);
if (names.length > 1) console.log(`\noutput mismatches between implementations: ${mismatches}`);
