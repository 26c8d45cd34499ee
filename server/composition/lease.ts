// Who runs the app's singletons (webhook dispatch, retention, and with a shared bus the liveness watch).
// On Postgres: a session advisory lock (adapters/storage/postgres-leader-lease.ts) elects one process per database;
// the others stand by and take over within LEASE_TRY_MS of the leader's session ending (kill -9 included).
// On PGlite the database lives in this process's data directory, so this process is the only candidate.
// A process whose NODE_ROLES leave out `control` is no candidate: it never runs them.
import type { AppConfig } from '../config';
import { createLocalLeaderLease, createNeverLeaderLease } from '../adapters/storage/local-leader-lease';
import { createPostgresLeaderLease } from '../adapters/storage/postgres-leader-lease';
import type { Clock } from '../ports/clock';
import type { LeaderLease } from '../ports/leader-lease';
import type { Logger } from '../ports/logger';
import type { Components, Module } from './module';

/** How often a standby tries to take the lease (and the leader checks it still holds it). */
const LEASE_TRY_MS = 1000;

export async function composeLease(config: AppConfig, deps: { clock: Clock; logger: Logger; tryMs?: number }) {
  const { logger } = deps;
  const log = logger.child({ component: 'lease' });
  let errorsLogged = 0;
  const lease: LeaderLease = !config.NODE_ROLES.control
    ? createNeverLeaderLease()
    : config.DATABASE_URL
      ? await createPostgresLeaderLease({
          url: config.DATABASE_URL,
          name: 'control',
          tryMs: deps.tryMs ?? LEASE_TRY_MS,
          now: () => deps.clock.now(),
          // A dead database fails every try: the first few are logged, the rest only counted in health.
          onError: (err) => {
            if (errorsLogged++ < 5) log.warn({ err: (err as Error).message }, 'leader lease: try failed');
          },
        })
      : createLocalLeaderLease(() => deps.clock.now());
  lease.onChange((leader) => {
    if (leader) errorsLogged = 0;
    log.info({ lease: lease.kind, node: config.NODE_ID }, leader ? 'leading: running the singletons' : 'no longer leading');
  });
  if (lease.isLeader()) log.info({ lease: lease.kind, node: config.NODE_ID }, 'leading: running the singletons');
  else log.info({ lease: lease.kind, node: config.NODE_ID }, 'another process leads; standing by');

  return {
    lease,
    health: (): Components => {
      const s = lease.stats();
      return { leader: { status: s.lastError ? 'degraded' : 'ok', kind: lease.kind, ...s } };
    },
    stop: () => lease.stop(),
  } satisfies Module & Record<string, unknown>;
}
