import { describe, expect, it } from 'vitest';
import { SLICE_TIER, type SliceRow } from '../../domain/history/slice';
import { createRecentSlices } from './recent-slices';

const row = (robotId: number, startMs: number, endMs: number, tier: 0 | 1 = SLICE_TIER.raw): SliceRow => ({
  robotId,
  tier,
  startMs,
  endMs,
  count: 1,
  snapshot: null,
  data: new Uint8Array([1]),
});

describe('recent slices: a web node’s copy of the newest closed slices', () => {
  it('answers a window by tier and robot, and forgets slices after the time kept', async () => {
    let now = 100_000;
    const recent = createRecentSlices({ clock: { now: () => now }, keepMs: 60_000 });
    await recent.writeSlices([row(1, 0, 30_000), row(2, 0, 30_000), row(1, 0, 300_000, SLICE_TIER.second)]);
    expect(recent.openSlices({ tier: SLICE_TIER.raw, from: 10_000, to: 20_000 }).map((r) => r.robotId)).toEqual([1, 2]);
    expect(recent.openSlices({ tier: SLICE_TIER.raw, from: 10_000, to: 20_000, robotIds: [2] }).map((r) => r.robotId)).toEqual([2]);
    expect(recent.openSlices({ tier: SLICE_TIER.raw, from: 31_000, to: 40_000 })).toEqual([]);
    expect(recent.openSlices({ tier: SLICE_TIER.second, from: 0, to: 1 })).toHaveLength(1);
    now += 61_000;
    expect(recent.openSlices({ tier: SLICE_TIER.raw, from: 0, to: 1e9 })).toEqual([]);
    expect(recent.size()).toBe(0);
  });

  it('keeps at most maxRows, dropping the oldest', async () => {
    const recent = createRecentSlices({ clock: { now: () => 0 }, maxRows: 3 });
    await recent.writeSlices([1, 2, 3, 4, 5].map((id) => row(id, 0, 1)));
    expect(recent.openSlices({ tier: SLICE_TIER.raw, from: 0, to: 1 }).map((r) => r.robotId)).toEqual([3, 4, 5]);
  });
});
