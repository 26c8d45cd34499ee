import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterIssued, afterIssuedText, formatIssued, formatMoment, zoneLabel } from './ledger-time';

const TZ = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'UTC';
});
afterAll(() => {
  process.env.TZ = TZ;
});

const at = Date.UTC(2026, 11, 2, 14, 3, 7, 123);

describe('ledger times', () => {
  it('shows the date with the time, and the year only when it is not this year', () => {
    expect(formatIssued(at, at)).toBe('2 Dec 14:03:07');
    expect(formatIssued(at, Date.UTC(2027, 0, 1))).toBe('2 Dec 2026 14:03:07');
  });

  it('names the time zone and the full moment', () => {
    expect(zoneLabel(at)).toBe('UTC');
    expect(formatMoment(at)).toBe('2026-12-02 14:03:07.123 UTC');
  });

  it('states every lifecycle point as the time after issue, with its unit', () => {
    const c = { issuedAt: at, dispatchedAt: at + 12, acknowledgedAt: at + 140, finishedAt: at + 2_400 };
    expect(afterIssued(c, 'dispatched')).toBe(12);
    expect(afterIssued(c, 'acknowledged')).toBe(140);
    expect(afterIssued(c, 'done')).toBe(2_400);
    expect(afterIssued({ ...c, finishedAt: null }, 'done')).toBeNull();
    expect(afterIssuedText(140)).toBe('+140 ms');
    expect(afterIssuedText(2_400)).toBe('+2.40 s');
    expect(afterIssuedText(null)).toBe('—');
    expect(afterIssuedText(185_000)).toBe('+3 min 5 s');
  });
});
