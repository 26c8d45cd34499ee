import { describe, expect, it } from 'vitest';
import { newRobotView } from '../robot-merge';
import { expiryReason, type ExpiryFacts } from './expiry-reason';

const T = Date.parse('2026-12-01T10:00:00Z');
const online = { ...newRobotView(1, 'M', 'S-1', 'R1'), connection: 'ONLINE' as const };
const base: ExpiryFacts = {
  ttlMs: 30_000,
  deadline: T + 30_000,
  startedAt: T - 60_000,
  lastActivityAt: null,
  robotId: 1,
  robot: online,
  lastSendError: null,
};

describe('expiryReason', () => {
  it('says the app was down when the TTL ended before this run started, with when', () => {
    const why = expiryReason({
      ...base,
      deadline: T,
      startedAt: T + 600_000,
      lastActivityAt: T - 5_000,
      robot: { ...online, connection: 'OFFLINE' },
    });
    expect(why).toBe(
      'not sent within its TTL of 30.0 s: it expired while the app was not running (down from 2026-12-01T09:59:55.000Z to 2026-12-01T10:10:00.000Z)',
    );
    expect(expiryReason({ ...base, deadline: T, startedAt: T + 1 })).toMatch(/not running \(down until 2026-12-01T10:00:00.001Z\)$/);
  });
  it('names a failed send, an offline, silent or unknown robot', () => {
    expect(expiryReason({ ...base, lastSendError: 'connect ECONNREFUSED' })).toMatch(/sending it failed \(connect ECONNREFUSED\)$/);
    expect(expiryReason({ ...base, robot: { ...online, connection: 'CONNECTIONBROKEN' } })).toMatch(
      /robot R1 was not online \(connectionbroken\)$/,
    );
    expect(expiryReason({ ...base, robot: { ...online, stale: true } })).toMatch(/connected but silent/);
    expect(expiryReason({ ...base, robot: undefined })).toMatch(/robot 1 is not known$/);
  });
});
