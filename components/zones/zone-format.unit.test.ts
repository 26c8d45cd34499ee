import { describe, expect, it } from 'vitest';
import { decisionTone, isZonesApiMissing, leaseLeftText, occupancyOf, zonesErrorText, zoneTypeText } from './zone-format';

const holder = { robotId: 4, requestId: 'r1', grantedAt: 0, leaseExpiry: 60_000, revoked: false };
const waiter = { robotId: 8, requestId: 'r2', since: 0 };

describe('zone words', () => {
  it('tells free, held and held-with-a-queue apart', () => {
    expect(occupancyOf(null)).toBe('free');
    expect(occupancyOf({ holder: null, queue: [] })).toBe('free');
    expect(occupancyOf({ holder, queue: [] })).toBe('held');
    expect(occupancyOf({ holder, queue: [waiter] })).toBe('queued');
  });

  it('colours decisions: granted ok, queued and expired amber, rejected and revoked red, released grey', () => {
    expect(decisionTone('GRANTED')).toBe('ok');
    expect(decisionTone('QUEUED')).toBe('warn');
    expect(decisionTone('EXPIRED')).toBe('warn');
    expect(decisionTone('REJECTED')).toBe('bad');
    expect(decisionTone('REVOKED')).toBe('bad');
    expect(decisionTone('RELEASED')).toBe('muted');
  });

  it('reads zone types and remaining leases', () => {
    expect(zoneTypeText('RELEASE')).toBe('Release');
    expect(zoneTypeText('SPEED_LIMIT')).toBe('Speed limit');
    expect(leaseLeftText(60_000, 17_500)).toBe('43 s');
    expect(leaseLeftText(200_000, 10_000)).toBe('3 min 10 s');
    expect(leaseLeftText(61_000, 0)).toBe('1 min 01 s');
    expect(leaseLeftText(1_000, 1_000)).toBe('expired');
  });

  it('names a server without the zones API plainly', () => {
    const missing = Object.assign(new Error('No procedure found on path "zones.overview"'), {
      data: { code: 'NOT_FOUND', httpStatus: 404 },
    });
    expect(isZonesApiMissing(missing)).toBe(true);
    expect(zonesErrorText(missing)).toMatch(/no zone traffic control/);
    const other = Object.assign(new Error('nobody holds zone x'), { data: { code: 'NOT_FOUND' } });
    expect(isZonesApiMissing(other)).toBe(false);
    expect(zonesErrorText(other)).toBe('nobody holds zone x');
    expect(zonesErrorText(new TypeError('Failed to fetch'))).toMatch(/not answering/);
  });
});
