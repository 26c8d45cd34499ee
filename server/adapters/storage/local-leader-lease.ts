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

/** The lease of a process that is not a control candidate (NODE_ROLES without `control`): it never leads. */
export function createNeverLeaderLease(): LeaderLease {
  return {
    kind: 'not-a-candidate',
    isLeader: () => false,
    onChange: () => () => {},
    stats: () => ({ leader: false, gained: 0, lost: 0, changedAt: null, lastError: null }),
    stop: async () => {},
  };
}
