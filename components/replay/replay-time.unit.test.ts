import { describe, expect, it } from 'vitest';
import {
  advance,
  clampMoment,
  formatAtParam,
  formatMoment,
  fractionOf,
  fromDateTimeLocal,
  parseAtParam,
  stepSize,
  timeAtFraction,
  toDateTimeLocal,
  viewWindow,
} from './replay-time';

const NOW = Date.UTC(2026, 11, 2, 15, 0, 0);
const HOUR = 3600_000;

describe('playhead math', () => {
  it('shows the span ending now while the playhead is near the present, else centred on it', () => {
    expect(viewWindow(NOW - 10 * 60_000, HOUR, NOW)).toEqual({ from: NOW - HOUR, to: NOW });
    expect(viewWindow(NOW - 5 * HOUR, HOUR, NOW)).toEqual({ from: NOW - 5.5 * HOUR, to: NOW - 4.5 * HOUR });
    // Never past now.
    const w = viewWindow(NOW - 0.95 * HOUR, HOUR, NOW);
    expect(w.to).toBeLessThanOrEqual(NOW);
    expect(w.to - w.from).toBe(HOUR);
  });

  it('maps times to fractions of the window and back, clamped', () => {
    const w = { from: 1000, to: 2000 };
    expect(fractionOf(1250, w)).toBe(0.25);
    expect(fractionOf(0, w)).toBe(0);
    expect(fractionOf(5000, w)).toBe(1);
    expect(timeAtFraction(0.5, w)).toBe(1500);
    expect(timeAtFraction(-1, w)).toBe(1000);
  });

  it('advances by wall time × speed, stops at the end, and ignores a long pause between frames', () => {
    expect(advance(0, 100, 4, 10_000)).toEqual({ at: 400, reachedEnd: false });
    expect(advance(9_990, 100, 1, 10_000)).toEqual({ at: 10_000, reachedEnd: true });
    // A background tab's 5 s gap counts as 250 ms, so the playhead does not leap.
    expect(advance(0, 5000, 1, 1e9).at).toBe(250);
    expect(advance(0, -5, 1, 1e9).at).toBe(0);
  });

  it('steps by a readable hundredth of the span', () => {
    expect(stepSize(15 * 60_000)).toBe(5000);
    expect(stepSize(HOUR)).toBe(30_000);
    expect(stepSize(24 * HOUR)).toBe(5 * 60_000);
    expect(stepSize(10)).toBe(100);
  });

  it('clamps a moment into the kept history', () => {
    expect(clampMoment(NOW + 5000, NOW, HOUR)).toBe(NOW);
    expect(clampMoment(NOW - 2 * HOUR, NOW, HOUR)).toBe(NOW - HOUR);
  });
});

describe('?at= and formatting', () => {
  it('reads epoch ms and ISO, and refuses anything else', () => {
    expect(parseAtParam(String(NOW))).toBe(NOW);
    expect(parseAtParam('2026-12-02T15:00:00.000Z')).toBe(NOW);
    expect(parseAtParam(formatAtParam(NOW + 123))).toBe(NOW + 123);
    for (const bad of [null, '', 'yesterday', '12', '2026-12-02', 'x'.repeat(60), '2026-13-45T99:00:00Z'])
      expect(parseAtParam(bad)).toBeNull();
  });

  it('writes date and time in the local zone and round-trips datetime-local', () => {
    expect(formatMoment(NOW)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d$/);
    const local = toDateTimeLocal(NOW + 1500);
    expect(fromDateTimeLocal(local)).toBe(NOW + 1000);
    expect(fromDateTimeLocal('2026-12-02T15:00')).not.toBeNull();
    expect(fromDateTimeLocal('nope')).toBeNull();
  });
});
