import { describe, expect, it } from 'vitest';
import { EdgeWindow, WINDOW_SECONDS } from './edge-window';
import { bucketOf, LATENCY_BOUNDS_MS, percentileOf } from './latency-buckets';
import { shouldSample } from './sampling';
import { edgeHealth } from './topology';

describe('latency buckets', () => {
  it('puts a value in the first bucket whose upper bound holds it', () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(1)).toBe(LATENCY_BOUNDS_MS.indexOf(1));
    expect(bucketOf(1.01)).toBe(LATENCY_BOUNDS_MS.indexOf(2));
    expect(bucketOf(1e9)).toBe(LATENCY_BOUNDS_MS.length);
  });
  it('interpolates percentiles inside a bucket and is NaN without data', () => {
    const counts = new Array(LATENCY_BOUNDS_MS.length + 1).fill(0);
    expect(percentileOf(counts, 50)).toBeNaN();
    counts[bucketOf(10)] = 100; // all in (7.5, 10]
    expect(percentileOf(counts, 50)).toBeCloseTo(8.75);
    expect(percentileOf(counts, 99)).toBeLessThanOrEqual(10);
  });
});

describe('edge window', () => {
  it('rates over the window, latency percentiles, errors and drops; old seconds fall out', () => {
    const t0 = 1_000_000;
    const w = new EdgeWindow(t0 - WINDOW_SECONDS * 1000);
    for (let s = 0; s < WINDOW_SECONDS; s++)
      for (let i = 0; i < 50; i++) w.record(t0 - (WINDOW_SECONDS - s) * 1000 + i, 1, 100, i < 49 ? 2 : 400);
    w.error(t0 - 1, 3);
    w.drop(t0 - 1, 2);
    const f = w.read(t0, percentileOf);
    expect(f.msgsPerSec).toBeCloseTo(50, 0);
    expect(f.bytesPerSec).toBeCloseTo(5000, -1);
    expect(f.p50Ms).toBeLessThanOrEqual(2);
    expect(f.p99Ms).toBeGreaterThan(100);
    expect([f.errors, f.drops]).toEqual([3, 2]);
    const later = w.read(t0 + (WINDOW_SECONDS + 2) * 1000, percentileOf);
    expect([later.messages, later.p99Ms, later.totals.messages]).toEqual([0, null, 500]);
  });
  it('a record without latency counts but adds no observation', () => {
    const w = new EdgeWindow(0);
    w.record(5000, 10, 0, Number.NaN);
    expect(w.read(5000, percentileOf)).toMatchObject({ messages: 10, p50Ms: null });
  });
});

describe('sampling and health', () => {
  it('always samples errors and commands, never at rate 0, always at rate 1', () => {
    expect(shouldSample({ rate: 0 }, { error: true })).toBe(true);
    expect(shouldSample({ rate: 0 }, { command: true })).toBe(true);
    expect(shouldSample({ rate: 0 }, {})).toBe(false);
    expect(shouldSample({ rate: 1 }, {}, () => 0.999)).toBe(true);
    expect(shouldSample({ rate: 0.01 }, {}, () => 0.5)).toBe(false);
  });
  it('an edge is unhealthy when slow or losing, idle without traffic', () => {
    const t = { slowMs: 250, errorShare: 0.01 };
    expect(edgeHealth({ msgsPerSec: 0, p99Ms: null, errors: 0, drops: 0, messages: 0 }, t)).toBe('idle');
    expect(edgeHealth({ msgsPerSec: 10, p99Ms: 20, errors: 0, drops: 0, messages: 100 }, t)).toBe('ok');
    expect(edgeHealth({ msgsPerSec: 10, p99Ms: 900, errors: 0, drops: 0, messages: 100 }, t)).toBe('unhealthy');
    expect(edgeHealth({ msgsPerSec: 10, p99Ms: 20, errors: 0, drops: 5, messages: 100 }, t)).toBe('unhealthy');
    expect(edgeHealth({ msgsPerSec: 10, p99Ms: 150, errors: 0, drops: 0, messages: 100 }, t)).toBe('warn');
  });
});
