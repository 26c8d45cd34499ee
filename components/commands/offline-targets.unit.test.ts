import { describe, expect, it } from 'vitest';
import { isUnreachable, offlineWarning, unreachableTargets } from './offline-targets';

const name = (id: number) => `SIM-${String(id).padStart(4, '0')}`;
const online = { connection: 'ONLINE' as const };

describe('offline targets', () => {
  it('counts offline and silent robots as unreachable, unknown ones not', () => {
    const robots = {
      1: online,
      2: { connection: 'CONNECTIONBROKEN' as const },
      3: { ...online, stale: true },
      4: { connection: 'OFFLINE' as const },
    };
    expect(unreachableTargets([1, 2, 3, 4, 5], robots)).toEqual([2, 3, 4]);
    expect(isUnreachable(undefined)).toBe(false);
  });

  it('says for one robot that the command waits and expires after its TTL', () => {
    expect(offlineWarning([11], 1, name)).toBe('SIM-0011 is offline: the command waits until it reconnects and expires unsent after 30 s.');
    expect(offlineWarning([11], 1, name, 5_000)).toMatch(/after 5 s\.$/);
  });

  it('says how many of a batch are offline and names the first three', () => {
    expect(offlineWarning([2], 24, name)).toBe(
      '1 of 24 robots is offline (SIM-0002): the command to each waits until it reconnects and expires unsent after 30 s.',
    );
    expect(offlineWarning([1, 2, 3, 4], 24, name)).toMatch(/^4 of 24 robots are offline \(SIM-0001, SIM-0002, SIM-0003, …\)/);
  });

  it('says nothing when every target can hear', () => {
    expect(offlineWarning([], 24, name)).toBeNull();
  });
});
