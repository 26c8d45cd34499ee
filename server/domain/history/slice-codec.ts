// Compact columnar codec for one slice of one robot's history samples (format v1).
//
// Measured by slice-codec.unit.test.ts ("slice codec figures"; synthetic traces of a robot looping lines and turns,
// a state sample every 10th; CPU µs on a loaded 2-core box, so read them as upper bounds):
//   600 driving at 10 Hz, simulator clock (ts jitter ±3 ms)     664 B = 1.11 B/sample (JSON: 221 B/sample)
//   600 driving at 10 Hz, odometry clock, noise σ 2 mm / 2 mrad  1760 B = 2.93 B/sample
//   600 standing still at 10 Hz                                  454 B = 0.76 B/sample
//   300 one per second (ts jitter ±40 ms)                        952 B = 3.17 B/sample
//   encode 0.5-1.6 µs + decode 0.3-0.5 µs per sample. Deflate pays: without it the same slices are 2.6-6.4 B/sample.
// So the raw tier holds 27-105 KB of samples per robot-hour at 10 Hz (36,000 samples) and the one-per-second tier
// ~11 KB, before row and index overhead.
//
// Layout: byte 0 = format version, byte 1 = body encoding (0 stored, 1 deflate-raw: kept only when smaller), varint
// body length, 4-byte FNV-1a checksum of the body, then the body. Body: varint count, a string dictionary shared by
// mapId and operatingMode, then one column per field: ts, flags (source, driving/paused/charging, speed/battery
// null), mapId index and mode index (run-length), headerId (per source), x, y, theta, speed, battery. Numbers are
// fixed-point integers (mm, mrad, mm/s, 0.1 %) coded as zigzag varints of the error of a predictor; each numeric
// column picks the predictor that costs least for this slice (previous value, previous + last step, last velocity ×
// elapsed time, or for ts previous + the typical step), and codes runs of zero errors as one run where that pays. A
// robot standing still or driving straight at constant speed thus codes mostly zeros, and deflate squeezes the rest.
// Precision kept: ts and headerId exact; x, y within 0.5 mm; theta within 0.5 mrad (decoded into (-π, π]); speed
// within 0.5 mm/s; battery within 0.05 %; booleans, nulls and strings exact.
// Range accepted (RangeError otherwise): finite numbers; ts and headerId integers; |ts| ≤ 2^46 ms (years -259..4199);
// |headerId| ≤ 2^46; |x|, |y| ≤ 2^46 mm (7·10^10 m); |speed| ≤ 2^46 mm/s; |battery| ≤ 2^46 tenths; any finite theta;
// mapId / operatingMode ≤ 1 KiB of UTF-8 each and well-formed, ≤ 64 KiB of distinct strings per slice; ≤ 100,000
// samples. Decoding refuses (SliceDecodeError) anything it did not write: unknown version, truncated or trailing bytes,
// out-of-range values, or a body larger than those bounds allow, so a corrupt row costs bounded work and memory.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { HISTORY_SOURCE, type HistorySample, type HistorySource } from './history-sample';

export const SLICE_CODEC_VERSION = 1;
/** Most samples one slice may hold (a raw slice holds ≤ 600); also bounds what decoding allocates. */
export const MAX_SLICE_SAMPLES = 100_000;
const MAX_STRING_BYTES = 1024;
const MAX_DICTIONARY_BYTES = 64 * 1024;
/** Largest magnitude of a fixed-point value (ts ms, headerId, mm, mm/s, 0.1 %): keeps every residual exact. */
const FIXED_LIMIT = 2 ** 46;
/** Predictions are clamped here, so a residual stays below 2^48 and its zigzag below 2^49. */
const PREDICTION_LIMIT = 2 ** 47;
const MAX_VARINT = 2 ** 50;
/**
 * Worst case: per sample 7 numeric columns × 8 varint bytes + 3 run-length pairs (≤ 11 bytes); the dictionary's
 * strings plus a ≤ 2-byte length for each (each but one empty string is ≥ 1 byte).
 */
const MAX_BODY_BYTES = MAX_SLICE_SAMPLES * 80 + MAX_DICTIONARY_BYTES * 3 + 64;

const BODY_STORED = 0;
const BODY_DEFLATE_RAW = 1;
/** Below this, deflate's block header costs more than it could save. */
const MIN_DEFLATE_BYTES = 48;

const TWO_PI = 2 * Math.PI;

/** Data given to decodeSamples that this codec did not write (or that was damaged). */
export class SliceDecodeError extends Error {
  override name = 'SliceDecodeError';
  constructor(detail: string) {
    super(`slice-codec: corrupt slice: ${detail}`);
  }
}

// ---------------------------------------------------------------------------------------------------------- bytes

class ByteWriter {
  buf: Uint8Array;
  pos = 0;
  constructor(capacity: number) {
    this.buf = new Uint8Array(Math.max(64, capacity));
  }
  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }
  byte(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }
  /** Unsigned LEB128; exact up to 2^53 (bitwise only below 2^31). */
  uvar(z: number): void {
    this.ensure(8);
    const buf = this.buf;
    let pos = this.pos;
    while (z >= 0x80000000) {
      buf[pos++] = (z % 128) | 0x80;
      z = Math.floor(z / 128);
    }
    while (z > 127) {
      buf[pos++] = (z & 127) | 0x80;
      z >>>= 7;
    }
    buf[pos++] = z;
    this.pos = pos;
  }
  svar(v: number): void {
    this.uvar(v >= 0 ? v * 2 : -v * 2 - 1);
  }
  uint32(v: number): void {
    this.ensure(4);
    for (let k = 0; k < 4; k++) this.buf[this.pos++] = (v >>> (8 * k)) & 255;
  }
  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
  result(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }
}

const unzigzag = (z: number): number => (z % 2 === 0 ? z / 2 : -(z + 1) / 2);

class ByteReader {
  constructor(
    private readonly buf: Uint8Array,
    public pos: number,
  ) {}
  get remaining(): number {
    return this.buf.length - this.pos;
  }
  byte(): number {
    if (this.pos >= this.buf.length) throw new SliceDecodeError('truncated');
    return this.buf[this.pos++]!;
  }
  uvar(): number {
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 8; i++) {
      if (this.pos >= this.buf.length) throw new SliceDecodeError('truncated');
      const b = this.buf[this.pos++]!;
      result += (b & 127) * mul;
      if (b < 128) {
        if (result > MAX_VARINT) throw new SliceDecodeError('number out of range');
        return result;
      }
      mul *= 128;
    }
    throw new SliceDecodeError('varint longer than 8 bytes');
  }
  uint32(): number {
    const b = this.bytes(4);
    return (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
  }
  svar(): number {
    return unzigzag(this.uvar());
  }
  bytes(n: number): Uint8Array {
    if (n > this.remaining) throw new SliceDecodeError('truncated');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}

/**
 * FNV-1a over the uncompressed body: raw deflate has no check of its own, and a damaged slice must fail loudly rather
 * than decode into plausible but wrong poses.
 */
function checksum(b: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  return h >>> 0;
}

// ------------------------------------------------------------------------------------------------------ predictors

/**
 * prev: the previous value. linear: previous + last step. timed: previous + last velocity × elapsed time (a robot's
 * pose stamped by its own clock). step: previous + a fixed step written with the column (a jittery periodic clock).
 */
const PREDICTOR = { prev: 0, linear: 1, timed: 2, step: 3 } as const;
type PredictorMode = (typeof PREDICTOR)[keyof typeof PREDICTOR];
const VALUE_MODES: readonly PredictorMode[] = [PREDICTOR.prev, PREDICTOR.linear, PREDICTOR.timed];
const TIME_MODES: readonly PredictorMode[] = [PREDICTOR.prev, PREDICTOR.linear, PREDICTOR.step];

const clampPrediction = (p: number): number => Math.min(PREDICTION_LIMIT, Math.max(-PREDICTION_LIMIT, p));

/**
 * The one prediction rule encoder and decoder share. The "last step" is only updated across a forward step in time,
 * so a duplicate-time sample (a state message carrying the pose the visualization just sent) or an out-of-order one
 * does not spoil the prediction of the next.
 */
class Predictor {
  private n = 0;
  private prev = 0;
  private prevT = 0;
  private lastDelta = 0;
  private lastDt = 0;
  constructor(
    private readonly mode: PredictorMode,
    private readonly step = 0,
  ) {}
  /** Prediction for a value taken at time t. */
  predict(t: number): number {
    if (this.n === 0) return 0;
    const dt = t - this.prevT;
    if (dt <= 0 || this.mode === PREDICTOR.prev) return this.prev;
    if (this.mode === PREDICTOR.linear) return clampPrediction(this.prev + this.lastDelta);
    if (this.lastDt <= 0) return this.prev;
    return clampPrediction(this.prev + Math.round((this.lastDelta * dt) / this.lastDt));
  }
  /** Prediction for the time column itself: time is assumed to move forward. */
  predictTime(): number {
    if (this.n === 0) return 0;
    if (this.mode === PREDICTOR.prev) return this.prev;
    return clampPrediction(this.prev + (this.mode === PREDICTOR.step ? this.step : this.lastDelta));
  }
  push(v: number, t: number): void {
    if (this.n > 0) {
      const dt = t - this.prevT;
      if (dt > 0) {
        this.lastDelta = v - this.prev;
        this.lastDt = dt;
      }
    }
    this.prev = v;
    this.prevT = t;
    this.n++;
  }
}

/** Rough bits a residual costs after deflate: runs of zeros are nearly free, the rest about their magnitude. */
function residualCost(r: number): number {
  if (r === 0) return 0.5;
  const z = r >= 0 ? r * 2 : -r * 2 - 1;
  return z < 0x80000000 ? 34 - Math.clz32(z) : 66;
}

/** The median forward step of a time column: what a periodic clock ticks by, whatever its jitter. */
function typicalStep(ts: Float64Array, n: number): number {
  const steps = new Float64Array(Math.max(0, n - 1));
  let m = 0;
  for (let i = 1; i < n; i++) if (ts[i]! > ts[i - 1]!) steps[m++] = ts[i]! - ts[i - 1]!;
  return m === 0 ? 0 : steps.subarray(0, m).sort()[m >> 1]!; // typed-array sort is numeric
}

const varintBytes = (z: number): number =>
  z < 128 ? 1 : z < 16384 ? 2 : z < 2097152 ? 3 : z < 268435456 ? 4 : Math.ceil(Math.log2(z + 1) / 7);
const zigzag = (r: number): number => (r >= 0 ? r * 2 : -r * 2 - 1);

/** Mode byte flag: zero residuals come in runs (a 0, then the run length - 1) rather than one 0 byte each. */
const ZERO_RUNS = 0x80;

/**
 * Whether to write residuals with ZERO_RUNS: a run of zero residuals (a robot standing, driving straight, a field that
 * did not change) becomes a 0 followed by the run length - 1; without, each zero is one 0 byte, which costs less when
 * zeros come alone (noisy poses). Whichever is shorter.
 */
function zeroRunsPay(residuals: Float64Array, n: number): boolean {
  let plain = 0;
  let runs = 0;
  for (let i = 0; i < n; ) {
    if (residuals[i] === 0) {
      let j = i + 1;
      while (j < n && residuals[j] === 0) j++;
      plain += j - i;
      runs += 1 + varintBytes(j - i - 1);
      i = j;
    } else {
      const b = varintBytes(zigzag(residuals[i]!));
      plain += b;
      runs += b;
      i++;
    }
  }
  return runs < plain;
}

function writeResiduals(w: ByteWriter, residuals: Float64Array, n: number, zeroRuns: boolean): void {
  let zeros = 0;
  for (let i = 0; i < n; i++) {
    const r = residuals[i]!;
    if (r === 0 && zeroRuns) {
      zeros++;
      continue;
    }
    if (zeros > 0) {
      w.uvar(0);
      w.uvar(zeros - 1);
      zeros = 0;
    }
    w.uvar(zigzag(r));
  }
  if (zeros > 0) {
    w.uvar(0);
    w.uvar(zeros - 1);
  }
}

/**
 * Picks the cheapest predictor for one column and writes its mode byte (with ZERO_RUNS), step and residuals. isTime: the
 * column is the time column (values === times), predicted without knowing its own time.
 */
function writeColumn(w: ByteWriter, values: Float64Array, times: Float64Array, n: number, isTime: boolean, scratch: Float64Array[]): void {
  const step = isTime ? typicalStep(values, n) : 0;
  let best: PredictorMode = PREDICTOR.prev;
  let bestCost = Number.POSITIVE_INFINITY;
  let [bestResiduals, trial] = scratch as [Float64Array, Float64Array];
  for (const mode of isTime ? TIME_MODES : VALUE_MODES) {
    if (mode === PREDICTOR.step && step === 0) continue;
    const p = new Predictor(mode, step);
    let cost = 0;
    for (let i = 0; i < n && cost < bestCost; i++) {
      const v = values[i]!;
      const t = times[i]!;
      const r = v - (isTime ? p.predictTime() : p.predict(t));
      trial[i] = r;
      cost += residualCost(r);
      p.push(v, t);
    }
    if (cost < bestCost) {
      bestCost = cost;
      best = mode;
      [bestResiduals, trial] = [trial, bestResiduals];
    }
  }
  const zeroRuns = zeroRunsPay(bestResiduals, n);
  w.byte(zeroRuns ? best | ZERO_RUNS : best);
  if (best === PREDICTOR.step) w.uvar(step);
  writeResiduals(w, bestResiduals, n, zeroRuns);
}

/** Reads a column written by writeColumn; times is null for the time column itself (which it then fills). */
function readColumn(r: ByteReader, n: number, times: Float64Array | null, out: Float64Array): void {
  const modeByte = r.byte();
  const mode = modeByte & ~ZERO_RUNS;
  const zeroRuns = (modeByte & ZERO_RUNS) !== 0;
  const known = times === null ? TIME_MODES : VALUE_MODES;
  if (!known.includes(mode as PredictorMode)) throw new SliceDecodeError(`unknown predictor ${mode}`);
  const step = mode === PREDICTOR.step ? r.uvar() : 0;
  const p = new Predictor(mode as PredictorMode, step);
  let zeros = 0;
  for (let i = 0; i < n; i++) {
    let residual = 0;
    if (zeros > 0) zeros--;
    else {
      const z = r.uvar();
      if (z !== 0) residual = unzigzag(z);
      else if (zeroRuns) {
        zeros = r.uvar();
        if (zeros >= n - i) throw new SliceDecodeError('run longer than the slice');
      }
    }
    const t = times === null ? 0 : times[i]!;
    const v = (times === null ? p.predictTime() : p.predict(t)) + residual;
    if (v > FIXED_LIMIT || v < -FIXED_LIMIT) throw new SliceDecodeError('value out of range');
    out[i] = v;
    p.push(v, times === null ? v : t);
  }
}

function writeRuns(w: ByteWriter, values: Uint32Array, n: number): void {
  let i = 0;
  while (i < n) {
    const v = values[i]!;
    let j = i + 1;
    while (j < n && values[j] === v) j++;
    w.uvar(v);
    w.uvar(j - i - 1);
    i = j;
  }
}

function readRuns(r: ByteReader, n: number, maxValue: number, out: Uint32Array): void {
  let i = 0;
  while (i < n) {
    const v = r.uvar();
    const run = r.uvar() + 1;
    if (v > maxValue) throw new SliceDecodeError('index or flags out of range');
    if (run > n - i) throw new SliceDecodeError('run longer than the slice');
    out.fill(v, i, i + run);
    i += run;
  }
}

// ---------------------------------------------------------------------------------------------------------- fields

// flags: bit 0 source (0 visualization, 1 state); bits 1-2, 3-4, 5-6 driving, paused, charging (0 null, 1 false,
// 2 true); bit 7 speed null; bit 8 battery null.
const FLAG_SPEED_NULL = 1 << 7;
const FLAG_BATTERY_NULL = 1 << 8;
const MAX_FLAGS = (1 << 9) - 1;

const triState = (b: boolean | null, field: string, i: number): number => {
  if (b === null) return 0;
  if (b === true) return 2;
  if (b === false) return 1;
  throw new RangeError(`slice-codec: sample ${i}: ${field} must be a boolean or null`);
};

function fromTriState(v: number): boolean | null {
  if (v === 0) return null;
  if (v === 3) throw new SliceDecodeError('bad boolean');
  return v === 2;
}

function fixed(value: number, scale: number, field: string, i: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`slice-codec: sample ${i}: ${field} must be a finite number, got ${String(value)}`);
  }
  const q = Math.round(value * scale);
  if (q > FIXED_LIMIT || q < -FIXED_LIMIT) {
    throw new RangeError(`slice-codec: sample ${i}: ${field} ${value} is beyond the codec's range ±${FIXED_LIMIT / scale}`);
  }
  return q === 0 ? 0 : q; // no -0
}

function exactInteger(value: number, field: string, i: number): number {
  if (!Number.isInteger(value) || value > FIXED_LIMIT || value < -FIXED_LIMIT) {
    throw new RangeError(`slice-codec: sample ${i}: ${field} must be an integer within ±2^46, got ${String(value)}`);
  }
  return value;
}

/** Angle difference wrapped into [-π, π]. */
const wrapAngle = (a: number): number => a - TWO_PI * Math.round(a / TWO_PI);

/** Angle normalised into (-π, π]. */
function normaliseAngle(a: number): number {
  let r = a - TWO_PI * Math.floor((a + Math.PI) / TWO_PI);
  if (r <= -Math.PI) r += TWO_PI;
  else if (r > Math.PI) r -= TWO_PI;
  return r;
}

const utf8 = new TextEncoder();
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

class Dictionary {
  readonly index = new Map<string, number>();
  readonly encoded: Uint8Array[] = [];
  private bytes = 0;
  add(s: unknown, field: string, i: number): number {
    if (typeof s !== 'string') throw new RangeError(`slice-codec: sample ${i}: ${field} must be a string`);
    const known = this.index.get(s);
    if (known !== undefined) return known;
    const b = utf8.encode(s);
    if (b.length > MAX_STRING_BYTES) throw new RangeError(`slice-codec: sample ${i}: ${field} longer than ${MAX_STRING_BYTES} bytes`);
    if (utf8Strict.decode(b) !== s) throw new RangeError(`slice-codec: sample ${i}: ${field} is not well-formed Unicode`);
    this.bytes += b.length;
    if (this.bytes > MAX_DICTIONARY_BYTES)
      throw new RangeError(`slice-codec: more than ${MAX_DICTIONARY_BYTES} bytes of distinct strings in one slice`);
    this.index.set(s, this.encoded.length);
    this.encoded.push(b);
    return this.encoded.length - 1;
  }
}

// ---------------------------------------------------------------------------------------------------------- encode

export function encodeSamples(samples: readonly HistorySample[]): Uint8Array {
  const n = samples.length;
  if (n > MAX_SLICE_SAMPLES) throw new RangeError(`slice-codec: ${n} samples, at most ${MAX_SLICE_SAMPLES} per slice`);
  // One allocation for every column (and the predictor's scratch), carved into views.
  const f64 = new Float64Array(n * 11);
  const u32 = new Uint32Array(n * 3);
  const col = (k: number): Float64Array => f64.subarray(k * n, (k + 1) * n);
  const ts = col(0);
  const headerIds = col(1);
  const xs = col(2);
  const ys = col(3);
  const thetas = col(4);
  const speeds = col(5);
  const speedTs = col(6);
  const batteries = col(7);
  const batteryTs = col(8);
  const scratch = [col(9), col(10)];
  const flags = u32.subarray(0, n);
  const mapIdx = u32.subarray(n, 2 * n);
  const modeIdx = u32.subarray(2 * n, 3 * n);
  let nSpeed = 0;
  let nBattery = 0;
  const dict = new Dictionary();
  let unwrapped = 0;
  let prevTheta = 0;

  for (let i = 0; i < n; i++) {
    const s = samples[i]!;
    const t = exactInteger(s.ts, 'ts', i);
    ts[i] = t;
    headerIds[i] = exactInteger(s.headerId, 'headerId', i);
    if (s.source !== HISTORY_SOURCE.visualization && s.source !== HISTORY_SOURCE.state) {
      throw new RangeError(`slice-codec: sample ${i}: unknown source ${String(s.source)}`);
    }
    xs[i] = fixed(s.x, 1000, 'x', i);
    ys[i] = fixed(s.y, 1000, 'y', i);
    if (typeof s.theta !== 'number' || !Number.isFinite(s.theta)) {
      throw new RangeError(`slice-codec: sample ${i}: theta must be a finite number, got ${String(s.theta)}`);
    }
    // Unwrapped so that a turn across ±π is a small step, not a jump of 2π.
    unwrapped = i === 0 ? normaliseAngle(s.theta) : unwrapped + wrapAngle(s.theta - prevTheta);
    prevTheta = s.theta;
    thetas[i] = Math.round(unwrapped * 1000) || 0;
    let f = (s.source === HISTORY_SOURCE.state ? 1 : 0) | (triState(s.driving, 'driving', i) << 1);
    f |= (triState(s.paused, 'paused', i) << 3) | (triState(s.charging, 'charging', i) << 5);
    if (s.speed === null) f |= FLAG_SPEED_NULL;
    else {
      speeds[nSpeed] = fixed(s.speed, 1000, 'speed', i);
      speedTs[nSpeed++] = t;
    }
    if (s.battery === null) f |= FLAG_BATTERY_NULL;
    else {
      batteries[nBattery] = fixed(s.battery, 10, 'battery', i);
      batteryTs[nBattery++] = t;
    }
    flags[i] = f;
    mapIdx[i] = dict.add(s.mapId, 'mapId', i);
    modeIdx[i] = s.operatingMode === null ? 0 : dict.add(s.operatingMode, 'operatingMode', i) + 1;
  }

  const w = new ByteWriter(n * 12 + 64);
  w.uvar(n);
  w.uvar(dict.encoded.length);
  for (const b of dict.encoded) {
    w.uvar(b.length);
    w.bytes(b);
  }
  writeColumn(w, ts, ts, n, true, scratch);
  writeRuns(w, flags, n);
  writeRuns(w, mapIdx, n);
  writeRuns(w, modeIdx, n);
  writeHeaderIds(w, headerIds, flags, n);
  writeColumn(w, xs, ts, n, false, scratch);
  writeColumn(w, ys, ts, n, false, scratch);
  writeColumn(w, thetas, ts, n, false, scratch);
  writeColumn(w, speeds, speedTs, nSpeed, false, scratch);
  writeColumn(w, batteries, batteryTs, nBattery, false, scratch);
  const body = w.result();

  const deflated = body.length >= MIN_DEFLATE_BYTES ? deflateRawSync(body) : null;
  const useDeflate = deflated !== null && deflated.length < body.length;
  const payload = useDeflate ? deflated : body;
  const out = new ByteWriter(payload.length + 16);
  out.byte(SLICE_CODEC_VERSION);
  out.byte(useDeflate ? BODY_DEFLATE_RAW : BODY_STORED);
  out.uvar(body.length);
  out.uint32(checksum(body));
  out.bytes(payload);
  return out.result().slice(); // an exact-size copy, not a view on a larger buffer
}

/** headerIds run per source (VDA 5050 counts each topic separately): predicted as that source's last + its last step. */
function writeHeaderIds(w: ByteWriter, headerIds: Float64Array, flags: Uint32Array, n: number): void {
  const last = [0, 0];
  const step = [0, 0];
  const seen = [false, false];
  let lastAny = 0;
  for (let i = 0; i < n; i++) {
    const src = flags[i]! & 1;
    const h = headerIds[i]!;
    const pred = seen[src] ? clampPrediction(last[src]! + step[src]!) : lastAny;
    w.svar(h - pred);
    step[src] = seen[src] ? h - last[src]! : 1;
    seen[src] = true;
    last[src] = h;
    lastAny = h;
  }
}

function readHeaderIds(r: ByteReader, flags: Uint32Array, n: number, out: Float64Array): void {
  const last = [0, 0];
  const step = [0, 0];
  const seen = [false, false];
  let lastAny = 0;
  for (let i = 0; i < n; i++) {
    const src = flags[i]! & 1;
    const pred = seen[src] ? clampPrediction(last[src]! + step[src]!) : lastAny;
    const h = pred + r.svar();
    if (h > FIXED_LIMIT || h < -FIXED_LIMIT) throw new SliceDecodeError('headerId out of range');
    out[i] = h;
    step[src] = seen[src] ? h - last[src]! : 1;
    seen[src] = true;
    last[src] = h;
    lastAny = h;
  }
}

// ---------------------------------------------------------------------------------------------------------- decode

export function decodeSamples(data: Uint8Array): HistorySample[] {
  if (!(data instanceof Uint8Array)) throw new SliceDecodeError('not a byte array');
  const head = new ByteReader(data, 0);
  const version = head.byte();
  // A later format adds its branch here and keeps this one, so slices already stored stay readable.
  if (version !== SLICE_CODEC_VERSION) throw new SliceDecodeError(`unknown format version ${version}`);
  const encoding = head.byte();
  const bodyLength = head.uvar();
  if (bodyLength > MAX_BODY_BYTES) throw new SliceDecodeError(`body of ${bodyLength} bytes is beyond any slice`);
  const sum = head.uint32();
  const payload = data.subarray(head.pos);
  let body: Uint8Array;
  let consumed = payload.length;
  if (encoding === BODY_STORED) {
    body = payload;
  } else if (encoding === BODY_DEFLATE_RAW) {
    try {
      // maxOutputLength bounds the memory a damaged or hostile stream can make inflate allocate.
      // With info, Node returns the engine too (its typings do not say so): bytesWritten tells trailing bytes apart.
      const inflated = inflateRawSync(payload, { maxOutputLength: Math.max(1, bodyLength), info: true }) as unknown as {
        buffer: Uint8Array;
        engine: { bytesWritten: number };
      };
      body = inflated.buffer;
      consumed = inflated.engine.bytesWritten;
    } catch (e) {
      throw new SliceDecodeError(`deflate stream: ${e instanceof Error ? e.message : String(e)}`);
    }
  } else {
    throw new SliceDecodeError(`unknown body encoding ${encoding}`);
  }
  if (consumed !== payload.length) throw new SliceDecodeError(`${payload.length - consumed} bytes after the deflate stream`);
  if (body.length !== bodyLength) throw new SliceDecodeError(`body is ${body.length} bytes, header says ${bodyLength}`);
  if (checksum(body) !== sum) throw new SliceDecodeError('checksum mismatch');
  return decodeBody(new ByteReader(body, 0));
}

function decodeBody(r: ByteReader): HistorySample[] {
  const n = r.uvar();
  if (n > MAX_SLICE_SAMPLES) throw new SliceDecodeError(`sample count ${n} is impossible here`);
  const dictSize = r.uvar();
  if (dictSize > 2 * n) throw new SliceDecodeError(`dictionary of ${dictSize} strings for ${n} samples`);
  const dict: string[] = [];
  let dictBytes = 0;
  for (let k = 0; k < dictSize; k++) {
    const len = r.uvar();
    dictBytes += len;
    if (len > MAX_STRING_BYTES || dictBytes > MAX_DICTIONARY_BYTES) throw new SliceDecodeError('strings too long');
    try {
      dict.push(utf8Strict.decode(r.bytes(len)));
    } catch (e) {
      if (e instanceof SliceDecodeError) throw e;
      throw new SliceDecodeError('string is not UTF-8');
    }
  }
  const ts = new Float64Array(n);
  readColumn(r, n, null, ts);
  const flags = new Uint32Array(n);
  readRuns(r, n, MAX_FLAGS, flags);
  if (n > 0 && dictSize === 0) throw new SliceDecodeError('samples without a mapId dictionary');
  const mapIdx = new Uint32Array(n);
  const modeIdx = new Uint32Array(n);
  readRuns(r, n, dictSize - 1, mapIdx);
  readRuns(r, n, dictSize, modeIdx);
  const headerIds = new Float64Array(n);
  readHeaderIds(r, flags, n, headerIds);
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const thetas = new Float64Array(n);
  readColumn(r, n, ts, xs);
  readColumn(r, n, ts, ys);
  readColumn(r, n, ts, thetas);
  const speedTs: number[] = [];
  const batteryTs: number[] = [];
  for (let i = 0; i < n; i++) {
    const f = flags[i]!;
    if ((f & FLAG_SPEED_NULL) === 0) speedTs.push(ts[i]!);
    if ((f & FLAG_BATTERY_NULL) === 0) batteryTs.push(ts[i]!);
  }
  const speeds = new Float64Array(speedTs.length);
  const batteries = new Float64Array(batteryTs.length);
  readColumn(r, speedTs.length, Float64Array.from(speedTs), speeds);
  readColumn(r, batteryTs.length, Float64Array.from(batteryTs), batteries);
  if (r.remaining !== 0) throw new SliceDecodeError(`${r.remaining} bytes after the last column`);

  const out: HistorySample[] = new Array(n);
  let si = 0;
  let bi = 0;
  for (let i = 0; i < n; i++) {
    const f = flags[i]!;
    const mode = modeIdx[i]!;
    out[i] = {
      ts: ts[i]!,
      source: (f & 1 ? HISTORY_SOURCE.state : HISTORY_SOURCE.visualization) as HistorySource,
      headerId: headerIds[i]!,
      x: xs[i]! / 1000,
      y: ys[i]! / 1000,
      theta: normaliseAngle(thetas[i]! / 1000),
      mapId: dict[mapIdx[i]!]!,
      speed: f & FLAG_SPEED_NULL ? null : speeds[si++]! / 1000,
      battery: f & FLAG_BATTERY_NULL ? null : batteries[bi++]! / 10,
      driving: fromTriState((f >> 1) & 3),
      paused: fromTriState((f >> 3) & 3),
      charging: fromTriState((f >> 5) & 3),
      operatingMode: mode === 0 ? null : dict[mode - 1]!,
    };
  }
  return out;
}
