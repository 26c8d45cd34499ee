// Synthetic fleet history for storage and replay benchmarks: robots driving a warehouse grid at 10 Hz (straight legs
// at up to 1.2 m/s with acceleration, turns on the spot, stops at stations), written as the history writer would
// write it (raw slices of SLICE_SPAN_MS, one-per-second slices) without a simulator, so 500 robots × 10 minutes
// take seconds to make. Deterministic (seeded), with the header-timestamp jitter and millimetre localisation noise
// of a real robot, so the codec is not flattered by perfectly regular input.
import { HISTORY_SOURCE, type HistorySample } from '../../server/domain/history/history-sample';
import { SLICE_SPAN_MS, SLICE_TIER, type SliceRow, type SliceSnapshot } from '../../server/domain/history/slice';
import { encodeSamples } from '../../server/domain/history/slice-codec';

const PERIOD_MS = 100;
const MAX_SPEED = 1.2;
const ACCEL = 0.6;
const TURN_RATE = 1.0;

/** mulberry32: small, fast, seeded. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Phase = { kind: 'drive'; left: number } | { kind: 'turn'; target: number } | { kind: 'wait'; untilMs: number };

/** One robot's motion, advanced a sample at a time. */
class SyntheticRobot {
  private x: number;
  private y: number;
  private theta: number;
  private speed = 0;
  private battery: number;
  private headerId = 0;
  private phase: Phase;
  constructor(
    private readonly rand: () => number,
    private t: number,
  ) {
    this.x = 2 + Math.floor(rand() * 40) * 2;
    this.y = 2 + Math.floor(rand() * 25) * 2;
    this.theta = (Math.floor(rand() * 4) * Math.PI) / 2 - Math.PI / 2;
    this.battery = 40 + rand() * 60;
    this.phase = { kind: 'drive', left: 4 + rand() * 30 };
  }

  next(): HistorySample {
    const dt = PERIOD_MS / 1000;
    const p = this.phase;
    if (p.kind === 'drive') {
      const stopping = this.speed ** 2 / (2 * ACCEL) >= p.left;
      this.speed = Math.max(0, Math.min(MAX_SPEED, this.speed + (stopping ? -ACCEL : ACCEL) * dt));
      const step = Math.min(p.left, this.speed * dt);
      this.x += Math.cos(this.theta) * step;
      this.y += Math.sin(this.theta) * step;
      p.left -= step;
      if (p.left <= 1e-3 || (stopping && this.speed === 0)) {
        this.speed = 0;
        this.phase =
          this.rand() < 0.3
            ? { kind: 'wait', untilMs: this.t + 5000 + this.rand() * 40_000 }
            : { kind: 'turn', target: normalise(this.theta + (this.rand() < 0.5 ? 1 : -1) * (Math.PI / 2)) };
      }
    } else if (p.kind === 'turn') {
      const d = normalise(p.target - this.theta);
      const step = Math.sign(d) * Math.min(Math.abs(d), TURN_RATE * dt);
      this.theta = normalise(this.theta + step);
      if (Math.abs(d) <= TURN_RATE * dt) {
        this.theta = p.target;
        this.phase = { kind: 'drive', left: 4 + this.rand() * 30 };
      }
    } else if (this.t >= p.untilMs) {
      this.phase = { kind: 'turn', target: normalise(this.theta + Math.PI) };
    }
    this.battery = Math.max(5, this.battery - (this.speed > 0 ? 0.0004 : 0.0001));
    const noise = () => (this.rand() - 0.5) * 0.002; // ±1 mm of localisation noise
    const sample: HistorySample = {
      // Header timestamps of a real robot wobble by a few ms around the period.
      ts: Math.round(this.t + (this.rand() - 0.5) * 6),
      source: HISTORY_SOURCE.visualization,
      headerId: this.headerId++,
      x: this.x + noise(),
      y: this.y + noise(),
      theta: normalise(this.theta + noise()),
      mapId: 'warehouse-1',
      speed: this.speed,
      battery: Math.round(this.battery * 10) / 10,
      driving: this.speed > 0,
      paused: false,
      charging: false,
      operatingMode: 'AUTOMATIC',
    };
    this.t += PERIOD_MS;
    return sample;
  }
}

function normalise(a: number): number {
  let r = a % (2 * Math.PI);
  if (r <= -Math.PI) r += 2 * Math.PI;
  if (r > Math.PI) r -= 2 * Math.PI;
  return r;
}

const SNAPSHOT: SliceSnapshot = {
  connection: 'ONLINE',
  errors: [],
  orderId: 'order-0001',
  lastNodeId: 'n-12',
  charging: false,
  operatingMode: 'AUTOMATIC',
  protocolVersion: '2.0.0',
};

/**
 * The fleet's slices over [fromMs, fromMs + minutes), handed out one raw span at a time (every robot's raw slice of
 * that span, plus the one-per-second slices that close in it), so memory holds one span of samples at most.
 */
export function* syntheticSlices(o: {
  robotIds: readonly number[];
  fromMs: number;
  minutes: number;
  seed?: number;
}): Generator<SliceRow[]> {
  const rawSpan = SLICE_SPAN_MS[SLICE_TIER.raw];
  const secondSpan = SLICE_SPAN_MS[SLICE_TIER.second];
  const rand = prng(o.seed ?? 1);
  const robots = o.robotIds.map((id) => ({
    id,
    robot: new SyntheticRobot(prng(Math.floor(rand() * 2 ** 32)), o.fromMs),
    perSecond: [] as HistorySample[],
  }));
  const endMs = o.fromMs + o.minutes * 60_000;
  for (let spanStart = o.fromMs; spanStart < endMs; spanStart += rawSpan) {
    const spanEnd = Math.min(endMs, spanStart + rawSpan);
    const rows: SliceRow[] = [];
    for (const r of robots) {
      const samples: HistorySample[] = [];
      for (let t = spanStart; t < spanEnd; t += PERIOD_MS) {
        const s = r.robot.next();
        samples.push(s);
        if ((t - o.fromMs) % 1000 === 0) r.perSecond.push(s);
      }
      rows.push(sliceOf(r.id, SLICE_TIER.raw, samples));
      const secondStart = r.perSecond[0]?.ts;
      if (secondStart !== undefined && (spanEnd - o.fromMs) % secondSpan === 0) {
        rows.push(sliceOf(r.id, SLICE_TIER.second, r.perSecond));
        r.perSecond = [];
      }
    }
    yield rows;
  }
  // What is left of the one-per-second tier when the window ends (the writer closes open slices on stop).
  const rest = robots.filter((r) => r.perSecond.length > 0).map((r) => sliceOf(r.id, SLICE_TIER.second, r.perSecond));
  if (rest.length > 0) yield rest;
}

function sliceOf(robotId: number, tier: SliceRow['tier'], samples: HistorySample[]): SliceRow {
  return {
    robotId,
    tier,
    startMs: samples[0]!.ts,
    endMs: samples[samples.length - 1]!.ts,
    count: samples.length,
    snapshot: SNAPSHOT,
    data: encodeSamples(samples),
  };
}
