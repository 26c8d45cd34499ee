import { describe, expect, it } from 'vitest';
import { bellLabel, relativeTime, ruleName } from './alert-format';

describe('alert format', () => {
  it('labels the bell with the non-zero counts', () => {
    expect(bellLabel({ critical: 2, warning: 1, info: 0 })).toBe('Alerts: 2 critical, 1 warning');
    expect(bellLabel({ critical: 0, warning: 0, info: 3 })).toBe('Alerts: 3 info');
    expect(bellLabel({ critical: 0, warning: 0, info: 0 })).toBe('Alerts: none open');
    expect(bellLabel(null)).toBe('Alerts: loading');
  });

  it('says how long ago', () => {
    const now = 10_000_000;
    expect(relativeTime(now - 1_000, now)).toBe('just now');
    expect(relativeTime(now - 42_000, now)).toBe('42 s ago');
    expect(relativeTime(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(relativeTime(now - 3 * 3_600_000, now)).toBe('3 h ago');
    expect(relativeTime(now - 72 * 3_600_000, now)).toBe('3 d ago');
    expect(relativeTime(now + 5_000, now)).toBe('just now');
  });

  it('names rules from the catalogue', () => {
    expect(ruleName('robot.stuck')).toBe('Stuck');
  });
});
