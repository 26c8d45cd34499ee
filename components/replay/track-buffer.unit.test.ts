import { describe, expect, it } from 'vitest';
import type { RangePage, RangeTrack } from '@/server/domain/history/history-api';
import { MAX_SAMPLES, prefetchPlan, stepMsFor, TrackBuffer, type SampledPose } from './track-buffer';

function track(robotId: number, ts: number[], x0 = 0, status = 0): RangeTrack {
  return {
    robotId,
    t: ts,
    x: ts.map((_, i) => x0 + i),
    y: ts.map(() => 5),
    theta: ts.map(() => 0),
    speed: ts.map(() => 1),
    status: ts.map(() => status),
  };
}

function page(from: number, to: number, tracks: RangeTrack[]): RangePage {
  return { from, to, tier: 0, tracks, nextCursor: null };
}

const out: SampledPose = { x: 0, y: 0, theta: 0, speed: 0, status: 'idle', t: 0 };

describe('TrackBuffer', () => {
  it('interpolates between samples, within a page and across pages', () => {
    const b = new TrackBuffer();
    b.add(page(0, 1000, [track(1, [0, 100, 200])]));
    b.add(page(1000, 2000, [track(1, [300], 3)]));
    expect(b.sample(1, 150, out)).toBe(true);
    expect(out.x).toBeCloseTo(1.5);
    expect(out.t).toBe(100);
    // 250 lies between the last sample of page 1 (x=2 at 200) and the first of page 2 (x=3 at 300).
    b.sample(1, 250, out);
    expect(out.x).toBeCloseTo(2.5);
    expect(b.sample(1, -1, out)).toBe(false);
    expect(b.sample(2, 150, out)).toBe(false);
  });

  it('holds the pose over a gap longer than the robot normally stays silent', () => {
    const b = new TrackBuffer();
    b.add(page(0, 10_000, [track(1, [0, 9000])]));
    b.sample(1, 4500, out);
    expect(out.x).toBe(0);
  });

  it('turns the short way round between headings', () => {
    const b = new TrackBuffer();
    const tr = track(1, [0, 100]);
    tr.theta = [3.1, -3.1];
    b.add(page(0, 1000, [tr]));
    b.sample(1, 50, out);
    expect(Math.abs(out.theta)).toBeGreaterThan(3.1);
  });

  it('reads the status code of the earlier sample', () => {
    const b = new TrackBuffer();
    const tr = track(1, [0, 100]);
    tr.status = [0, 2];
    b.add(page(0, 1000, [tr]));
    b.sample(1, 99, out);
    expect(out.status).toBe('driving');
    b.sample(1, 100, out);
    expect(out.status).toBe('paused');
  });

  it('knows how far continuous coverage reaches, and prunes behind the play head', () => {
    const b = new TrackBuffer();
    b.add(page(1000, 2000, [track(1, [1500])]));
    b.add(page(0, 1000, [track(1, [500])]));
    b.add(page(3000, 4000, [track(1, [3500])]));
    expect(b.coveredEnd(500)).toBe(2000);
    expect(b.coveredEnd(2500)).toBeNull();
    expect(b.coveredEnd(3000)).toBe(4000);
    b.prune(1500);
    expect(b.pageCount).toBe(2);
    expect(b.sampleCount).toBe(2);
  });

  it('stays bounded however much is added', () => {
    const b = new TrackBuffer();
    const ts = Array.from({ length: 100_000 }, (_, i) => i);
    for (let p = 0; p < 12; p++)
      b.add(
        page(p * 100_000, (p + 1) * 100_000, [
          track(
            1,
            ts.map((t) => t + p * 100_000),
          ),
        ]),
      );
    b.prune(0);
    expect(b.sampleCount).toBeLessThanOrEqual(MAX_SAMPLES);
  });
});

describe('prefetchPlan', () => {
  it('starts a little before the play head when nothing is buffered', () => {
    expect(prefetchPlan(100_000, 1, null, 1e12)).toEqual({ from: 97_000, to: 127_000, stepMs: 0 });
  });

  it('waits while the buffer reaches half the lead ahead, then continues where it ends', () => {
    expect(prefetchPlan(100_000, 1, 115_000, 1e12)).toBeNull();
    expect(prefetchPlan(100_000, 1, 105_000, 1e12)).toEqual({ from: 105_000, to: 135_000, stepMs: 0 });
  });

  it('fetches further ahead and thinner at higher speeds, and never past the present', () => {
    const p = prefetchPlan(0, 64, 1000, 1e12)!;
    expect(p.to).toBe(640_000);
    expect(p.stepMs).toBe(stepMsFor(64));
    expect(prefetchPlan(0, 1, 1000, 20_000)!.to).toBe(20_000);
    expect(prefetchPlan(0, 1, 20_000, 20_000)).toBeNull();
  });
});
