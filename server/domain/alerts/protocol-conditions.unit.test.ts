import { describe, expect, it } from 'vitest';
import { newRobotView } from '../robot-merge';
import { invalidRate, lossRate, sampleTraffic, type TrafficSample } from './protocol-conditions';
import type { RobotFacts, TrafficRates } from './robot-facts';
import { defaultRule } from './rule-catalogue';

const T = 1_800_000_000_000;
const facts = (traffic: TrafficRates | null): RobotFacts => ({
  robot: newRobotView(7, 'sim', 'SIM-0007'),
  report: null,
  onlineSince: T,
  motion: null,
  charge: null,
  traffic,
  command: null,
  livenessLimitMs: 30_000,
});

/** Counters of a robot sending 10 messages a second, `invalidPerSec` of them invalid and `lostPerSec` skipped. */
function feed(seconds: number, invalidPerSec: number, lostPerSec: number, samples: TrafficSample[] = [], from = 0) {
  let rates: TrafficRates | null = null;
  for (let s = from; s <= from + seconds; s++)
    rates = sampleTraffic(samples, { at: T + s * 1000, received: s * 10, invalid: s * invalidPerSec, lost: s * lostPerSec });
  return { rates: rates!, samples };
}

describe('message rates over the last minute', () => {
  it('keeps a bounded set of samples spanning the window', () => {
    const { rates, samples } = feed(300, 1, 0);
    expect(samples.length).toBeLessThanOrEqual(14);
    expect(rates.windowSec).toBeGreaterThanOrEqual(60);
    expect(rates.windowSec).toBeLessThanOrEqual(65);
    expect(rates.invalidPct).toBeCloseTo(10);
  });

  it('judges nothing on too few messages', () => {
    const { rates } = feed(1, 10, 0);
    expect(rates.invalidPct).toBeNull();
    expect(invalidRate(defaultRule('protocol.invalid_rate'), facts(rates), T)).toEqual({ active: false });
  });

  it('forgets the past when the counters start over', () => {
    const { samples } = feed(100, 5, 0);
    const rates = sampleTraffic(samples, { at: T + 101_000, received: 3, invalid: 0, lost: 0 });
    expect(samples).toHaveLength(1);
    expect(rates.messages).toBe(0);
  });

  it('follows the last minute: an old burst of invalid messages ages out', () => {
    const { samples } = feed(60, 5, 0);
    // From second 60 on, no more invalid messages: the counter stays at 300.
    let rates: TrafficRates | null = null;
    for (let s = 61; s <= 140; s++) rates = sampleTraffic(samples, { at: T + s * 1000, received: s * 10, invalid: 300, lost: 0 });
    expect(rates!.invalidPct).toBe(0);
  });
});

describe('protocol conditions', () => {
  it('fires above the threshold, with the share in the title', () => {
    const { rates } = feed(60, 1, 0);
    expect(invalidRate(defaultRule('protocol.invalid_rate'), facts(rates), T)).toMatchObject({
      active: true,
      severity: 'warning',
      title: 'SIM-0007: 10 % of messages invalid in the last 60 s (threshold 5 %)',
    });
    expect(invalidRate({ ...defaultRule('protocol.invalid_rate'), criticalThreshold: 8 }, facts(rates), T)).toMatchObject({
      severity: 'critical',
    });
  });

  it('counts lost messages against all that should have come', () => {
    const { rates } = feed(60, 0, 1);
    expect(rates.lossPct).toBeCloseTo((100 * 1) / 11);
    expect(lossRate(defaultRule('protocol.loss_rate'), facts(rates), T)).toMatchObject({ active: true, detail: { lost: 60 } });
    expect(lossRate(defaultRule('protocol.loss_rate'), facts(feed(60, 0, 0).rates), T)).toEqual({ active: false });
  });

  it('is unknown without counters for the robot', () => {
    expect(lossRate(defaultRule('protocol.loss_rate'), facts(null), T)).toBeNull();
  });
});
