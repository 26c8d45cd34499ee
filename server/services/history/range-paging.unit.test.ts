import { describe, expect, it } from 'vitest';
import { SLICE_TIER } from '../../domain/history/slice';
import { BucketThinner } from './downsample';
import { cursorOf, FIRST_PAGE_MAX_MS, inPage, keepForStep, pageOf, PAGE_SAMPLE_BUDGET, pageSpanMs, rangeTier } from './range-paging';

describe('range paging', () => {
  it('sizes pages to the sample budget: 500 robots at 10 Hz get 10 s pages, the 1 s tier 100 s', () => {
    expect(pageSpanMs(SLICE_TIER.raw, 500, 0)).toBe(10_000);
    expect(pageSpanMs(SLICE_TIER.second, 500, 0)).toBe(100_000);
    expect((pageSpanMs(SLICE_TIER.raw, 500, 1000) * 500) / 1000).toBeLessThanOrEqual(PAGE_SAMPLE_BUDGET);
    expect(pageSpanMs(SLICE_TIER.raw, 1, 0)).toBe(600_000);
    expect(pageSpanMs(SLICE_TIER.raw, 100_000, 0)).toBe(1000);
  });

  it('reads the 1 s tier for old windows, and for a step ≥ 1 s once its slices are surely written', () => {
    const now = 100 * 3600_000;
    const day = 24 * 3600_000;
    expect(rangeTier({ from: now - 2 * day, to: now - 2 * day + 60_000 }, now, day, 0)).toBe(SLICE_TIER.second);
    expect(rangeTier({ from: now - 3600_000, to: now - 1800_000 }, now, day, 1000)).toBe(SLICE_TIER.second);
    expect(rangeTier({ from: now - 3600_000, to: now - 1800_000 }, now, day, 100)).toBe(SLICE_TIER.raw);
    expect(rangeTier({ from: now - 600_000, to: now - 60_000 }, now, day, 1000)).toBe(SLICE_TIER.raw);
  });

  it('walks a window with cursors; the last page holds `to` itself', () => {
    const w = { from: 0, to: 25_000 };
    const p1 = pageOf(w, undefined, 10_000)!;
    expect(p1).toEqual({ from: 0, to: FIRST_PAGE_MAX_MS, last: false });
    expect(inPage(FIRST_PAGE_MAX_MS, p1)).toBe(false);
    const p2 = pageOf(w, cursorOf(p1)!, 10_000)!;
    expect(p2).toEqual({ from: FIRST_PAGE_MAX_MS, to: FIRST_PAGE_MAX_MS + 10_000, last: false });
    const p4 = pageOf(w, cursorOf(pageOf(w, cursorOf(p2)!, 10_000)!)!, 10_000)!;
    expect(p4).toEqual({ from: 22_000, to: 25_000, last: true });
    expect(inPage(25_000, p4)).toBe(true);
    expect(cursorOf(p4)).toBeNull();
    expect(pageOf(w, '30000', 10_000)).toBeNull();
  });

  it('keeps one sample per step bucket', () => {
    let b: number | null = null;
    const kept = [0, 100, 450, 500, 999, 1000].filter((t) => {
      const k = keepForStep(t, 500, b);
      if (k === null) return false;
      b = k;
      return true;
    });
    expect(kept).toEqual([0, 500, 1000]);
  });

  it('thins a series to at most maxPoints, keeping the last value of each bucket', () => {
    const t = new BucketThinner<number>(0, 9_999, 100);
    for (let i = 0; i < 10_000; i++) t.offer(i, i);
    const r = t.result();
    expect(r.length).toBe(100);
    expect(r[0]).toBe(99);
    expect(r.at(-1)).toBe(9_999);
  });
});
