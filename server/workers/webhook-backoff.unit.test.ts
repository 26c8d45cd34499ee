import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './webhook-backoff';

const middle = () => 0.5;

describe('retryDelayMs', () => {
  it('doubles from 2 s and stops at 5 min', () => {
    const delays = [1, 2, 3, 4, 5, 8, 9, 10, 50, 1_000_000].map((n) => retryDelayMs(n, { random: middle }));
    expect(delays).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 256_000, 300_000, 300_000, 300_000, 300_000]);
  });

  it('spreads each wait ±20 % so failures that happened together come back apart', () => {
    expect(retryDelayMs(1, { random: () => 0 })).toBe(1_600);
    expect(retryDelayMs(1, { random: () => 0.999_999 })).toBe(2_400);
    expect(retryDelayMs(20, { random: () => 0 })).toBe(240_000);
    const many = new Set(Array.from({ length: 50 }, () => retryDelayMs(3)));
    expect(many.size).toBeGreaterThan(10);
    for (const d of many) expect(d >= 6_400 && d <= 9_600).toBe(true);
  });

  it('takes its base and cap from the options (short ones for tests)', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, { baseMs: 50, capMs: 150, random: middle }))).toEqual([50, 100, 150, 150]);
  });

  it('treats 0 or fewer failures like the first', () => {
    expect(retryDelayMs(0, { random: middle })).toBe(2_000);
    expect(retryDelayMs(-3, { random: middle })).toBe(2_000);
  });
});
