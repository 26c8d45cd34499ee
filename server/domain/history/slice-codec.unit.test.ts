import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { HISTORY_SOURCE, type HistorySample, type HistorySource } from './history-sample';
import { MAX_SLICE_SAMPLES, SliceDecodeError, decodeSamples, encodeSamples } from './slice-codec';

// ------------------------------------------------------------------------------------------------ realistic traces

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

const gauss = (rnd: () => number): number => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
const wrap = (a: number): number => a - 2 * Math.PI * Math.round(a / (2 * Math.PI));

interface TraceOptions {
  samples: number;
  /** Milliseconds between visualization samples (100 at 10 Hz, 1000 for the one-per-second tier). */
  periodMs?: number;
  /** ± jitter of the robot's header timestamps, ms. */
  tsJitterMs?: number;
  /**
   * 'sim': the pose advances exactly one period per sample whatever the timestamp says (this project's simulator);
   * 'odometry': the pose is taken at the timestamp (a real robot).
   */
  clock?: 'sim' | 'odometry';
  /** Localization noise, standard deviation in mm and mrad. */
  noiseMm?: number;
  noiseMrad?: number;
  /** A state sample (same ts and pose) after every this many visualization samples; 0 for none. */
  stateEvery?: number;
  standStill?: boolean;
  /** Visualization headerIds advance by this per sample (10 in the one-per-second tier). */
  headerStep?: number;
  seed?: number;
  startTheta?: number;
}

const T0 = 1_764_680_000_123;

/** A robot following a square-ish loop: accelerate, cruise at 1 m/s, brake, turn in place at 1 rad/s, repeat. */
function trace(o: TraceOptions): HistorySample[] {
  const rnd = prng(o.seed ?? 7);
  const period = o.periodMs ?? 100;
  const waypoints = [
    { x: 12, y: 4 },
    { x: 12, y: 9.5 },
    { x: 3.2, y: 9.5 },
    { x: 3.2, y: 4 },
  ];
  let wp = 0;
  let x = 3.2;
  let y = 4;
  let theta = o.startTheta ?? 0;
  let v = 0;
  let battery = 81.3;
  const advance = (dt: number): void => {
    if (o.standStill) return;
    const target = waypoints[wp]!;
    const dist = Math.hypot(target.x - x, target.y - y);
    if (dist < 1e-6) {
      wp = (wp + 1) % waypoints.length;
      return;
    }
    const err = wrap(Math.atan2(target.y - y, target.x - x) - theta);
    if (Math.abs(err) > 1e-9) {
      v = 0;
      theta = wrap(theta + Math.sign(err) * Math.min(Math.abs(err), 1 * dt));
      return;
    }
    const brake = Math.sqrt(2 * 0.5 * dist);
    v = Math.min(1, v + 0.5 * dt, brake);
    const step = Math.min(v * dt, dist);
    x += Math.cos(theta) * step;
    y += Math.sin(theta) * step;
  };
  const out: HistorySample[] = [];
  let vizHeader = 40_211;
  let stateHeader = 9_877;
  let batteryKnown = false;
  let lastT = T0;
  for (let i = 0; out.length < o.samples; i++) {
    const nominal = T0 + i * period;
    const ts = nominal + Math.round((rnd() * 2 - 1) * (o.tsJitterMs ?? 3));
    if (o.clock === 'odometry') {
      // Integrate in small steps up to the stamped time.
      for (let t = lastT; t < ts; t += 10) advance(Math.min(10, ts - t) / 1000);
      lastT = ts;
    } else if (i > 0) {
      for (let k = 0; k < period / 100; k++) advance(0.1);
    }
    battery -= (0.004 * period) / 1000;
    const pose = {
      x: x + (gauss(rnd) * (o.noiseMm ?? 0)) / 1000,
      y: y + (gauss(rnd) * (o.noiseMm ?? 0)) / 1000,
      theta: wrap(theta + (gauss(rnd) * (o.noiseMrad ?? 0)) / 1000),
    };
    // Literal objects of one shape, as the history writer builds them (spread copies can be slow dictionary objects).
    const at = (source: HistorySource, headerId: number): HistorySample => ({
      ts,
      source,
      headerId,
      x: pose.x,
      y: pose.y,
      theta: pose.theta,
      mapId: 'warehouse-1',
      speed: i < 5 ? null : o.standStill ? 0 : v,
      battery: batteryKnown ? Math.round(battery * 10) / 10 : null,
      driving: !o.standStill && v > 0,
      paused: false,
      charging: false,
      operatingMode: 'AUTOMATIC',
    });
    out.push(at(HISTORY_SOURCE.visualization, vizHeader));
    vizHeader += o.headerStep ?? 1;
    if (o.stateEvery && i % o.stateEvery === 3 && out.length < o.samples) {
      batteryKnown = true;
      out.push(at(HISTORY_SOURCE.state, stateHeader++));
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------------ precision checks

function expectFaithful(original: readonly HistorySample[], decoded: readonly HistorySample[]): void {
  expect(decoded).toHaveLength(original.length);
  original.forEach((o, i) => {
    const d = decoded[i]!;
    const where = `sample ${i}`;
    expect({ ts: d.ts, headerId: d.headerId, source: d.source }, where).toEqual({ ts: o.ts, headerId: o.headerId, source: o.source });
    expect(Math.abs(d.x - o.x), `${where} x`).toBeLessThanOrEqual(0.0005 + 1e-9);
    expect(Math.abs(d.y - o.y), `${where} y`).toBeLessThanOrEqual(0.0005 + 1e-9);
    expect(Math.abs(wrap(d.theta - o.theta)), `${where} theta`).toBeLessThanOrEqual(0.0005 + 1e-9);
    expect(d.theta > -Math.PI && d.theta <= Math.PI, `${where} theta ${d.theta} in (-π, π]`).toBe(true);
    if (o.speed === null) expect(d.speed, where).toBeNull();
    else expect(Math.abs(d.speed! - o.speed), `${where} speed`).toBeLessThanOrEqual(0.0005 + 1e-9);
    if (o.battery === null) expect(d.battery, where).toBeNull();
    else expect(Math.abs(d.battery! - o.battery), `${where} battery`).toBeLessThanOrEqual(0.05 + 1e-9);
    expect({ mapId: d.mapId, driving: d.driving, paused: d.paused, charging: d.charging, operatingMode: d.operatingMode }, where).toEqual({
      mapId: o.mapId,
      driving: o.driving,
      paused: o.paused,
      charging: o.charging,
      operatingMode: o.operatingMode,
    });
  });
}

const roundTrip = (samples: readonly HistorySample[]): HistorySample[] => decodeSamples(encodeSamples(samples));

const driving = (): HistorySample[] => trace({ samples: 600, stateEvery: 10 });
const sample = (over: Partial<HistorySample> = {}): HistorySample => ({
  ts: T0,
  source: HISTORY_SOURCE.visualization,
  headerId: 1,
  x: 1.234,
  y: -5.678,
  theta: 0.5,
  mapId: 'm',
  speed: 0.5,
  battery: 50,
  driving: true,
  paused: false,
  charging: null,
  operatingMode: 'AUTOMATIC',
  ...over,
});

describe('slice codec round trips', () => {
  it('keeps a robot driving lines and turns at 10 Hz within precision, with speed and battery null at first', () => {
    const s = driving();
    expect(s[0]!.speed).toBeNull();
    expect(s[0]!.battery).toBeNull();
    expectFaithful(s, roundTrip(s));
  });

  it('keeps noisy odometry-stamped poses, a robot standing still and the one-per-second tier', () => {
    for (const s of [
      trace({ samples: 600, clock: 'odometry', noiseMm: 2, noiseMrad: 2, stateEvery: 10, seed: 3 }),
      trace({ samples: 600, standStill: true, stateEvery: 10 }),
      trace({ samples: 300, periodMs: 1000, headerStep: 10, tsJitterMs: 40 }),
    ]) {
      expectFaithful(s, roundTrip(s));
    }
  });

  it('turns across ±π without a jump and decodes theta into (-π, π]', () => {
    const s = trace({ samples: 400, startTheta: Math.PI - 0.001, noiseMrad: 3 });
    const across = Array.from({ length: 200 }, (_, i) => sample({ ts: T0 + i * 100, headerId: i, theta: wrap(Math.PI - 0.5 + i * 0.01) }));
    const exact = [Math.PI, -Math.PI, 0, Math.PI / 2, -Math.PI / 2, Math.PI - 0.0004, -Math.PI + 0.0004, 7 * Math.PI, -100.25].map(
      (theta, i) => sample({ ts: T0 + i, headerId: i, theta }),
    );
    for (const list of [s, across, exact]) expectFaithful(list, roundTrip(list));
  });

  it('keeps mapId and operating mode changes, null booleans and strings exactly', () => {
    const s = driving().map((x, i) => ({
      ...x,
      mapId: i < 250 ? 'warehouse-1' : i < 400 ? 'Halle 2 — Ebene 1 ✓' : '',
      operatingMode: i < 100 ? null : i < 300 ? 'AUTOMATIC' : 'MANUAL',
      driving: i % 97 === 0 ? null : x.driving,
      paused: i > 500 ? true : i < 20 ? null : false,
      charging: i > 550,
    }));
    expectFaithful(s, roundTrip(s));
    expect(roundTrip(s)[300]!.mapId).toBe('Halle 2 — Ebene 1 ✓');
  });

  it('keeps a single sample, an empty list and extreme in-range values', () => {
    expect(roundTrip([])).toEqual([]);
    expectFaithful([sample()], roundTrip([sample()]));
    const extreme = [
      sample({ ts: 0, headerId: 0, x: 0, y: 0, speed: 0, battery: 0 }),
      sample({ ts: 2 ** 46, headerId: 2 ** 46, x: 7e10, y: -7e10, speed: -7e10, battery: 7e12, theta: -3 }),
      sample({ ts: -(2 ** 46), headerId: -(2 ** 46), x: -7e10, y: 7e10, speed: 7e10, battery: -7e12 }),
      sample({ ts: 1, headerId: 4_294_967_295 }),
    ];
    expectFaithful(extreme, roundTrip(extreme));
  });

  it('keeps a full slice of random values anywhere in range exactly (the worst case for size and exactness)', () => {
    const rnd = prng(99);
    const big = (limit: number): number => Math.round((rnd() * 2 - 1) * limit);
    const bool = (): boolean | null => [null, true, false][Math.floor(rnd() * 3)]!;
    const s = Array.from(
      { length: MAX_SLICE_SAMPLES },
      (_, i): HistorySample => ({
        ts: big(2 ** 46),
        source: rnd() < 0.5 ? HISTORY_SOURCE.state : HISTORY_SOURCE.visualization,
        headerId: big(2 ** 46),
        x: big(2 ** 46) / 1000,
        y: big(2 ** 46) / 1000,
        theta: (rnd() * 2 - 1) * 50,
        mapId: `map-${i % 5000}`,
        speed: rnd() < 0.1 ? null : big(2 ** 46) / 1000,
        battery: rnd() < 0.1 ? null : big(2 ** 46) / 10,
        driving: bool(),
        paused: bool(),
        charging: bool(),
        operatingMode: rnd() < 0.2 ? null : `mode-${i % 3000}`,
      }),
    );
    const d = roundTrip(s);
    // One assertion per field over the whole slice: 100,000 expect() calls each would take longer than the codec.
    let worst = 0;
    let mismatches = 0;
    s.forEach((o, i) => {
      const x = d[i]!;
      worst = Math.max(worst, Math.abs(x.x - o.x), Math.abs(x.y - o.y), Math.abs(wrap(x.theta - o.theta)));
      worst = Math.max(worst, Math.abs((x.speed ?? 0) - (o.speed ?? 0)), Math.abs((x.battery ?? 0) - (o.battery ?? 0)));
      if (x.ts !== o.ts || x.headerId !== o.headerId || x.source !== o.source || x.mapId !== o.mapId) mismatches++;
      if (x.operatingMode !== o.operatingMode || x.driving !== o.driving || x.paused !== o.paused || x.charging !== o.charging)
        mismatches++;
      if ((x.speed === null) !== (o.speed === null) || (x.battery === null) !== (o.battery === null)) mismatches++;
    });
    expect(mismatches).toBe(0);
    expect(worst).toBeLessThanOrEqual(0.0005 + 1e-9);
  }, 60_000);

  it('survives out-of-order timestamps, duplicate timestamps and headerId jumps', () => {
    const s = driving();
    // Swap neighbours here and there, repeat a timestamp, and restart the headerId counter.
    for (let i = 10; i + 1 < s.length; i += 37) [s[i], s[i + 1]] = [s[i + 1]!, s[i]!];
    s[200] = { ...s[200]!, ts: s[199]!.ts };
    s[300] = { ...s[300]!, ts: s[299]!.ts - 5_000, headerId: 0 };
    expectFaithful(s, roundTrip(s));
  });

  it('refuses non-finite and out-of-range values with a RangeError naming the field', () => {
    const bad: Array<[Partial<HistorySample>, RegExp]> = [
      [{ x: Number.NaN }, /sample 0: x must be a finite number/],
      [{ y: Number.POSITIVE_INFINITY }, /y must be a finite number/],
      [{ theta: Number.NEGATIVE_INFINITY }, /theta must be a finite number/],
      [{ speed: Number.NaN }, /speed must be a finite number/],
      [{ battery: Number.POSITIVE_INFINITY }, /battery must be a finite number/],
      [{ ts: 1.5 }, /ts must be an integer/],
      [{ ts: Number.NaN }, /ts must be an integer/],
      [{ ts: 2 ** 47 }, /ts must be an integer within/],
      [{ headerId: 2 ** 53 }, /headerId must be an integer within/],
      [{ x: 1e11 }, /x 100000000000 is beyond the codec's range/],
      [{ source: 3 as never }, /unknown source 3/],
      [{ driving: 'yes' as never }, /driving must be a boolean or null/],
      [{ mapId: 'x'.repeat(2000) }, /mapId longer than 1024 bytes/],
      [{ operatingMode: '\ud800' }, /operatingMode is not well-formed Unicode/],
    ];
    for (const [over, message] of bad) {
      expect(() => encodeSamples([sample(), sample(over)])).toThrow(RangeError);
      expect(() => encodeSamples([sample(over)])).toThrow(message);
    }
    expect(() => encodeSamples(Array.from({ length: MAX_SLICE_SAMPLES + 1 }, () => sample()))).toThrow(RangeError);
  });
});

describe('slice codec format v1 stays readable', () => {
  it('decodes a slice written by the first version of the format', () => {
    // Bytes written by format v1 (deflated body). A later format must keep decoding them: history outlives code.
    const v1 = Buffer.from(
      'AQG8AWaq0FTTYOYuTyxKzcgvLU7VNeR0DA3x93UM8XRmy0jMydE1Yk791vn/4+00BgZWYlAPM2MPEwMvAw8HEmYQYmGQZeJkYGFSesHOwMDExMgAAUJwFgM6q7HB6AQjg2rjfjsG4RQGwcY/uiIMQuoMgg0X+BlUGk7xMEgxMrADAA==',
      'base64',
    );
    const written = Array.from(
      { length: 40 },
      (_, i): HistorySample => ({
        ts: T0 + i * 100 + (i % 3),
        source: i % 10 === 3 ? HISTORY_SOURCE.state : HISTORY_SOURCE.visualization,
        headerId: 500 + i,
        x: 3.2 + i * 0.1,
        y: -4 + (i > 20 ? (i - 20) * 0.05 : 0),
        theta: i > 20 ? Math.PI - 0.01 * (i - 20) : Math.PI - 0.2 + i * 0.01,
        mapId: i < 30 ? 'warehouse-1' : 'hall-2',
        speed: i < 2 ? null : 1,
        battery: i < 3 ? null : 80.5 - (i > 30 ? 0.1 : 0),
        driving: i < 35,
        paused: i >= 35,
        charging: null,
        operatingMode: i < 5 ? null : 'AUTOMATIC',
      }),
    );
    expectFaithful(written, decodeSamples(new Uint8Array(v1)));
  });
});

describe('slice codec refuses what it did not write', () => {
  const good = encodeSamples(driving());
  const small = encodeSamples([sample()]);

  it('throws on an unknown version, an unknown body encoding, an empty or garbage buffer', () => {
    expect(() => decodeSamples(new Uint8Array())).toThrow(SliceDecodeError);
    expect(() => decodeSamples(Uint8Array.from([2, ...good.subarray(1)]))).toThrow(/unknown format version 2/);
    expect(() => decodeSamples(Uint8Array.from([1, 7, ...good.subarray(2)]))).toThrow(/unknown body encoding 7/);
    expect(() => decodeSamples(new TextEncoder().encode('[{"ts":1}]'))).toThrow(SliceDecodeError);
    const rnd = prng(11);
    for (let k = 0; k < 200; k++) {
      const junk = Uint8Array.from({ length: 1 + Math.floor(rnd() * 300) }, () => Math.floor(rnd() * 256));
      junk[0] = 1;
      junk[1] = Math.floor(rnd() * 2);
      expect(() => decodeSamples(junk)).toThrow(SliceDecodeError);
    }
  });

  it('throws on every truncation and on trailing bytes', () => {
    for (const data of [good, small]) {
      for (let len = 0; len < data.length; len++) expect(() => decodeSamples(data.subarray(0, len))).toThrow(SliceDecodeError);
      expect(() => decodeSamples(Uint8Array.from([...data, 0]))).toThrow(SliceDecodeError);
    }
  });

  it('throws on flipped bytes (compressed and stored bodies)', () => {
    expect(good[1]).toBe(1); // deflated
    expect(small[1]).toBe(0); // too small to gain from deflate
    const rnd = prng(5);
    for (const data of [good, small]) {
      for (let k = 0; k < 300; k++) {
        const copy = data.slice();
        const at = 2 + Math.floor(rnd() * (copy.length - 2));
        copy[at] = copy[at]! ^ (1 + Math.floor(rnd() * 255));
        expect(() => decodeSamples(copy)).toThrow(SliceDecodeError);
      }
    }
  });

  it('parses damaged bodies that pass the checksum without hanging or failing any other way', () => {
    // Re-frame each damaged body as a stored slice with a fresh checksum, so that the column parser itself is fuzzed.
    const fnv = (b: Uint8Array): number => {
      let h = 0x811c9dc5;
      for (const x of b) h = Math.imul(h ^ x, 0x01000193);
      return h >>> 0;
    };
    const varint = (v: number): number[] => {
      const out: number[] = [];
      for (; v > 127; v = Math.floor(v / 128)) out.push((v % 128) | 128);
      return [...out, v];
    };
    const frame = (body: Uint8Array): Uint8Array => {
      const h = fnv(body);
      return Uint8Array.from([1, 0, ...varint(body.length), h & 255, (h >>> 8) & 255, (h >>> 16) & 255, h >>> 24, ...body]);
    };
    const bodyLength = (data: Uint8Array): { start: number; length: number } => {
      let length = 0;
      let i = 2;
      for (let mul = 1; ; mul *= 128) {
        const b = data[i++]!;
        length += (b & 127) * mul;
        if (b < 128) break;
      }
      return { start: i + 4, length };
    };
    const { start, length } = bodyLength(good);
    const body = new Uint8Array(inflateRawSync(good.subarray(start), { maxOutputLength: length }));
    expect(decodeSamples(frame(body))).toHaveLength(600); // the re-framing itself is right
    const rnd = prng(23);
    let refused = 0;
    for (let k = 0; k < 2000; k++) {
      const copy = body.slice();
      for (let f = 0; f < 1 + Math.floor(rnd() * 3); f++) copy[Math.floor(rnd() * copy.length)] = Math.floor(rnd() * 256);
      const cut = rnd() < 0.2 ? copy.subarray(0, Math.floor(rnd() * copy.length)) : copy;
      try {
        expect(Array.isArray(decodeSamples(frame(cut)))).toBe(true);
      } catch (e) {
        expect(e).toBeInstanceOf(SliceDecodeError);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(1000);
  });

  it('refuses a header announcing an absurd body before allocating it', () => {
    // version 1, stored, body length 2^49 (varint), checksum: must fail on the length alone.
    const huge = Uint8Array.from([1, 0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0, 0, 0, 0]);
    expect(() => decodeSamples(huge)).toThrow(/beyond any slice/);
  });
});

// ------------------------------------------------------------------------------------------------------- figures

describe('slice codec figures', () => {
  it('prints bytes per sample and encode+decode time per sample', () => {
    const cases: Array<[string, HistorySample[]]> = [
      ['600 driving, 10 Hz, simulator clock (ts jitter ±3 ms)', driving()],
      [
        '600 driving, 10 Hz, odometry clock, noise σ 2 mm / 2 mrad',
        trace({ samples: 600, clock: 'odometry', noiseMm: 2, noiseMrad: 2, stateEvery: 10, seed: 3 }),
      ],
      ['600 standing still, 10 Hz', trace({ samples: 600, standStill: true, stateEvery: 10 })],
      ['300 one per second (driving, ts jitter ±40 ms)', trace({ samples: 300, periodMs: 1000, headerStep: 10, tsJitterMs: 40 })],
    ];
    const lines: string[] = [];
    for (const [name, s] of cases) {
      const data = encodeSamples(s);
      const json = new TextEncoder().encode(JSON.stringify(s)).length;
      for (let k = 0; k < 100; k++) decodeSamples(encodeSamples(s)); // warm up
      // CPU time of this process, not wall time: the machine is shared, and wall time counts other processes' turns.
      const rounds = 100;
      const cpuMs = (f: () => void): number => {
        const c0 = process.cpuUsage();
        for (let k = 0; k < rounds; k++) f();
        const c = process.cpuUsage(c0);
        return (c.user + c.system) / 1000;
      };
      const encMs = cpuMs(() => encodeSamples(s));
      const decMs = cpuMs(() => decodeSamples(data));
      const per = (ms: number): string => ((ms * 1000) / rounds / s.length).toFixed(2);
      lines.push(
        `${name}: ${data.length} B = ${(data.length / s.length).toFixed(2)} B/sample (${data[1] === 1 ? 'deflated' : 'stored'}; JSON ${json} B); encode ${per(encMs)} µs + decode ${per(decMs)} µs CPU per sample`,
      );
      expect(decodeSamples(data)).toHaveLength(s.length);
    }
    console.log(`slice-codec figures:\n  ${lines.join('\n  ')}`);
    expect(encodeSamples(cases[0]![1]).length / 600).toBeLessThanOrEqual(4);
    expect(encodeSamples(cases[2]![1]).length / 600).toBeLessThanOrEqual(1);
  }, 60_000);
});
