import { describe, expect, it } from 'vitest';
import { HISTORY_SOURCE, type HistorySample } from '../../domain/history/history-sample';
import { SLICE_TIER, type SliceRow } from '../../domain/history/slice';
import { encodeSamples } from '../../domain/history/slice-codec';
import { createSliceBuilder } from '../../workers/slice-builder';
import { memoryStore } from './history-fakes';
import { withOpenSlices } from './with-open-slices';

const sample = (ts: number, x: number): HistorySample => ({
  ts,
  source: HISTORY_SOURCE.visualization,
  headerId: ts / 100,
  x,
  y: 0,
  theta: 0,
  mapId: 'm',
  speed: 1,
  battery: 50,
  driving: true,
  paused: false,
  charging: false,
  operatingMode: 'AUTOMATIC',
});

const row = (robotId: number, samples: HistorySample[]): SliceRow => ({
  robotId,
  tier: SLICE_TIER.raw,
  startMs: samples[0]!.ts,
  endMs: samples[samples.length - 1]!.ts,
  count: samples.length,
  snapshot: null,
  data: encodeSamples(samples),
});

describe('history readers see the writer’s open slices', () => {
  const builder = createSliceBuilder({ maxRobots: 10, snapshotOf: () => null, onClosed: () => {}, phaseOf: () => 0 });
  // Robot 1: stored up to t = 29.9 s, the next half-minute still open in the writer. Robot 2: only open.
  const stored = [row(1, [sample(0, 0), sample(29_900, 1)])];
  for (const ts of [30_000, 31_000, 32_000]) builder.add(1, sample(ts, ts / 1000), ts);
  builder.add(2, sample(31_000, 5), 31_000);
  const open = {
    openSlices: (q: { tier: 0 | 1; from: number; to: number; robotIds?: readonly number[] }) =>
      builder.peekOpen(q.tier, q.from, q.to, q.robotIds && new Set(q.robotIds)).map((s) => row(s.robotId, s.samples)),
  };
  const store = withOpenSlices(memoryStore(stored), open);

  it('a window over the last seconds holds stored and open slices, by robot then start', async () => {
    const rows = await store.readSlices({ tier: SLICE_TIER.raw, from: 20_000, to: 40_000 });
    expect(rows.map((r) => [r.robotId, r.startMs])).toEqual([
      [1, 0],
      [1, 30_000],
      [2, 31_000],
    ]);
    expect((await store.readSlices({ tier: SLICE_TIER.raw, from: 20_000, to: 40_000, robotIds: [2] })).map((r) => r.robotId)).toEqual([2]);
  });

  it('the slice at a moment inside the open stretch is the open one; before it, the stored one', async () => {
    const at31 = await store.slicesAt({ tier: SLICE_TIER.raw, at: 31_500, maxGapMs: 60_000 });
    expect(at31.map((r) => [r.robotId, r.startMs])).toEqual([
      [1, 30_000],
      [2, 31_000],
    ]);
    const at29 = await store.slicesAt({ tier: SLICE_TIER.raw, at: 29_950, maxGapMs: 60_000 });
    expect(at29.map((r) => [r.robotId, r.startMs])).toEqual([[1, 0]]);
  });

  it('peeking copies: samples added later do not change what a reader already has', () => {
    const [s] = builder.peekOpen(SLICE_TIER.raw, 0, 40_000, new Set([2]));
    builder.add(2, sample(31_100, 6), 31_100);
    expect(s!.samples).toHaveLength(1);
  });
});

describe('a web node without a gateway: its copy of the newest slices beside the stored ones', () => {
  // Stored by the gateway's node: robot 1 up to 29.9 s. The copy closed its own slices at other bounds: one that the
  // stored slice covers (0–20 s), one that straddles it (20–40 s) and one still open (40 s on).
  const stored = [row(1, [sample(0, 0), sample(29_900, 1)])];
  const copies = [
    row(1, [sample(0, 0), sample(20_000, 0.5)]),
    row(1, [sample(20_100, 0.6), sample(40_000, 2)]),
    row(1, [sample(40_100, 3)]),
  ];
  const store = withOpenSlices(memoryStore(stored), { openSlices: () => copies });

  it('leaves out a copy the stored slices cover, keeps the ones that reach past them', async () => {
    const rows = await store.readSlices({ tier: SLICE_TIER.raw, from: 0, to: 50_000 });
    expect(rows.map((r) => [r.startMs, r.endMs])).toEqual([
      [0, 29_900],
      [20_100, 40_000],
      [40_100, 40_100],
    ]);
  });

  it('the slice at a moment past the stored ones is a copy', async () => {
    const at = await store.slicesAt({ tier: SLICE_TIER.raw, at: 35_000, maxGapMs: 60_000 });
    expect(at.map((r) => r.startMs)).toEqual([20_100]);
  });
});
