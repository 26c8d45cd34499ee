import { describe, expect, it } from 'vitest';
import {
  decisionTone,
  isZonesApiMissing,
  leaseLeftText,
  occupancyOf,
  zonesErrorText,
  zoneTypeText,
  zoneViewCaveat,
  zoneViewNotice,
  zoneViewOrigin,
} from './zone-format';

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

  it('says when the holders shown are not current: nothing known yet, or the leader quiet for a while', () => {
    expect(zoneViewNotice({ kind: 'arbiter', node: null, receivedAt: null }, 0)).toBeNull();
    expect(zoneViewNotice({ kind: 'relayed', node: 'node-1', receivedAt: 1_000 }, 2_000)).toBeNull();
    expect(zoneViewNotice({ kind: 'none', node: null, receivedAt: null }, 0)).toMatchObject({
      tone: 'warn',
      text: expect.stringContaining('not because it is clear'),
    });
    const stale = zoneViewNotice({ kind: 'stale', node: 'node-1', receivedAt: 1_000 }, 73_000);
    expect(stale?.tone).toBe('bad');
    expect(stale?.text).toMatch(/^Not current: the leader's zone view is 1 min 12 s old \(last from node-1 at /);
    expect(zoneViewOrigin({ kind: 'relayed', node: 'node-1', receivedAt: 1 })).toBe('view relayed by the leader node-1 · ');
    expect(zoneViewOrigin({ kind: 'arbiter', node: null, receivedAt: null })).toBe('');
    expect(zoneViewCaveat({ kind: 'relayed', node: 'node-1', receivedAt: 1 })).toBeNull();
    expect(zoneViewCaveat({ kind: 'none', node: null, receivedAt: null })).toMatch(/^Occupancy unknown/);
    expect(zoneViewCaveat({ kind: 'stale', node: 'node-1', receivedAt: 1 })).toMatch(/^Not current: as last relayed at /);
  });
});
