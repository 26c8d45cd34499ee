// The lease of a process that cannot share its database (PGlite lives in this process's data directory): it is
// the only candidate, so it leads from the start.
import type { LeaderLease } from '../../ports/leader-lease';

export function createLocalLeaderLease(now: () => number = Date.now): LeaderLease {
  const changedAt = now();
  return {
    kind: 'local',
    isLeader: () => true,
    onChange: () => () => {},
    stats: () => ({ leader: true, gained: 1, lost: 0, changedAt, lastError: null }),
    stop: async () => {},
  };
}
