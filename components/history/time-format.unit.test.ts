import { describe, expect, it } from 'vitest';
import { parseAtParam, relativeTo, whyHref, windowMs } from './time-format';

describe('relativeTo', () => {
  const at = 1_800_000_000_000;
  it('shows tenths of a second near the moment, then minutes, hours, days', () => {
    expect(relativeTo(at, at)).toBe('+0.0 s');
    expect(relativeTo(at - 4_200, at)).toBe('−4.2 s');
    expect(relativeTo(at + 65_000, at)).toBe('+1 m 05 s');
    expect(relativeTo(at - (2 * 3600_000 + 3 * 60_000), at)).toBe('−2 h 03 m');
    expect(relativeTo(at + 3 * 86_400_000, at)).toBe('+3 d');
  });
});

describe('parseAtParam', () => {
  it('takes epoch ms or ISO time, and refuses anything else', () => {
    expect(parseAtParam('1800000000000')).toBe(1_800_000_000_000);
    expect(parseAtParam('2026-12-02T14:02:07Z')).toBe(Date.UTC(2026, 11, 2, 14, 2, 7));
    expect(parseAtParam('yesterday')).toBeNull();
    expect(parseAtParam('')).toBeNull();
    expect(parseAtParam(null)).toBeNull();
  });
});

describe('links and windows', () => {
  it('rounds the moment in the why link', () => {
    expect(whyHref(7, 1_800_000_000_000.6)).toBe('/robots/7/why?at=1800000000001');
  });
  it('knows each window', () => {
    expect(windowMs('15m')).toBe(900_000);
    expect(windowMs('7d')).toBe(604_800_000);
  });
});
