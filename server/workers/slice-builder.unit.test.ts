import { describe, expect, it } from 'vitest';
import { HISTORY_SOURCE, type HistorySample } from '../domain/history/history-sample';
import { RAW_SLICE_MAX_SAMPLES, SLICE_SPAN_MS } from '../domain/history/slice';
import { type ClosedSlice, createSliceBuilder } from './slice-builder';

const T0 = 1_800_000_000_000;
const s = (ts: number, over: Partial<HistorySample> = {}): HistorySample => ({
  ts,
  source: HISTORY_SOURCE.visualization,
  headerId: ts - T0,
  x: 1,
  y: 2,
  theta: 0,
  mapId: 'm',
  speed: null,
  battery: null,
  driving: null,
  paused: null,
  charging: null,
  operatingMode: null,
  ...over,
});

function setup(maxRobots = 10) {
  const closed: ClosedSlice[] = [];
  let opened = 0;
  const b = createSliceBuilder({
    maxRobots,
    phaseOf: () => 0, // T0 is on a span boundary of both tiers
    snapshotOf: (id) => (
      opened++,
      { connection: 'ONLINE', errors: [], orderId: `o${id}`, lastNodeId: null, charging: false, operatingMode: null, protocolVersion: null }
    ),
    onClosed: (c) => void closed.push(c),
  });
  return { b, closed, opened: () => opened };
}
const raw = (c: ClosedSlice[]) => c.filter((x) => x.tier === 0);
const sec = (c: ClosedSlice[]) => c.filter((x) => x.tier === 1);

describe('slice builder', () => {
  it('raw keeps every sample; the second tier the first of each second', () => {
    const { b, closed } = setup();
    for (let i = 0; i < 35; i++) b.add(1, s(T0 + i * 100), T0);
    expect(b.openSlices()).toBe(2);
    b.closeAll();
    expect(raw(closed)[0]!.samples.map((x) => x.ts)).toEqual(Array.from({ length: 35 }, (_, i) => T0 + i * 100));
    expect(sec(closed)[0]!.samples.map((x) => x.ts)).toEqual([T0, T0 + 1000, T0 + 2000, T0 + 3000]);
    expect(raw(closed)[0]!.snapshot?.orderId).toBe('o1');
    expect(b.openSlices()).toBe(0);
  });

  it('closes a raw slice at its span, its sample cap and a map change', () => {
    const { b, closed } = setup();
    b.add(1, s(T0), T0);
    b.add(1, s(T0 + SLICE_SPAN_MS[0] - 1), T0);
    b.add(1, s(T0 + SLICE_SPAN_MS[0]), T0); // would span 30 s: new slice
    expect(raw(closed).map((c) => c.samples.length)).toEqual([2]);
    b.add(1, s(T0 + SLICE_SPAN_MS[0] + 1000, { mapId: 'other' }), T0);
    expect(raw(closed).map((c) => c.samples.length)).toEqual([2, 1]);
    expect(sec(closed)).toHaveLength(1); // the second tier closes on a map change too
    for (let i = 0; i < RAW_SLICE_MAX_SAMPLES + 1; i++) b.add(2, s(T0 + i), T0);
    expect(
      raw(closed)
        .filter((c) => c.robotId === 2)
        .map((c) => c.samples.length),
    ).toEqual([RAW_SLICE_MAX_SAMPLES]);
  });

  it('late samples go in order; one too old for the slice starts another; nothing is dropped', () => {
    const { b, closed } = setup();
    b.add(1, s(T0 + 100), T0);
    b.add(1, s(T0 + 300), T0);
    b.add(1, s(T0 + 200, { source: HISTORY_SOURCE.state }), T0);
    b.add(1, s(T0 + 50), T0);
    b.add(1, s(T0 + 300, { headerId: 999 }), T0);
    b.add(1, s(T0 - SLICE_SPAN_MS[0]), T0); // clock stepped back 30 s
    b.closeAll();
    const r = raw(closed);
    expect(r[0]!.samples.map((x) => x.ts - T0)).toEqual([50, 100, 200, 300, 300]);
    expect(r[0]!.samples[4]!.headerId).toBe(999); // equal times keep arrival order
    expect(r[1]!.samples.map((x) => x.ts - T0)).toEqual([-SLICE_SPAN_MS[0]]);
  });

  it('closes slices open for their span of server time (a robot gone quiet)', () => {
    const { b, closed } = setup();
    b.add(1, s(T0), 1000);
    expect(b.closeAged(1000 + SLICE_SPAN_MS[0] - 1)).toBe(0);
    expect(b.closeAged(1000 + SLICE_SPAN_MS[0])).toBe(1);
    expect(raw(closed)).toHaveLength(1);
    expect(b.closeAged(1000 + SLICE_SPAN_MS[1])).toBe(1);
    b.add(1, s(T0 + 500), 1000); // same second as the last second-tier sample: not taken twice
    b.closeAll();
    expect(sec(closed).flatMap((c) => c.samples.map((x) => x.ts))).toEqual([T0]);
  });

  it('staggers slice boundaries by robot, each slice within one span', () => {
    const closed: ClosedSlice[] = [];
    const b = createSliceBuilder({ maxRobots: 100, snapshotOf: () => null, onClosed: (c) => void closed.push(c) });
    for (let t = 0; t < 60_000; t += 100) for (let id = 1; id <= 50; id++) b.add(id, s(T0 + t), T0);
    const firstClose = raw(closed).map((c) => c.samples.at(-1)!.ts - T0);
    expect(new Set(firstClose.slice(0, 50)).size).toBeGreaterThan(30); // not all at the same instant
    for (const c of raw(closed)) expect(c.samples.at(-1)!.ts - c.samples[0]!.ts).toBeLessThan(SLICE_SPAN_MS[0]);
  });

  it('bounds robots: a new robot takes an idle one’s place, or is refused', () => {
    const { b } = setup(2);
    expect(b.add(1, s(T0), 0)).toBe(true);
    expect(b.add(2, s(T0), 0)).toBe(true);
    expect(b.add(3, s(T0), 0)).toBe(false);
    b.closeAll();
    expect(b.add(3, s(T0), 0)).toBe(true);
    expect(b.robots()).toBe(2);
  });
});
