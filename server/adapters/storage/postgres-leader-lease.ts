// A leader lease on a Postgres session-level advisory lock, on a connection of its own.
//
// Why an advisory lock (and not the NATS key-value store): every singleton's effect goes through this database
// (a webhook marked delivered, a command's state), so the lease is held exactly by a process whose session is alive
// on it. When the holder dies (kill -9, a crash, a lost connection), Postgres ends its session and frees the lock at
// once; the next candidate takes it at its next try, within `tryMs`. No clock, no TTL to tune, nothing extra to run.
//
// The holder checks every `tryMs` that its session still holds the lock (a reconnect would silently be a new
// session without it); a failed check or query ends its leadership before the next try. Between a lost session and
// that check (at most `tryMs`) the old holder may still act, but cannot write to the database it has lost.
import type postgresType from 'postgres';
import type { LeaderLease, LeaseStats } from '../../ports/leader-lease';

export interface PostgresLeaseOptions {
  url: string;
  /** What is led, e.g. `control`; candidates of one name on one database share one lock. */
  name: string;
  /** How often a candidate tries to take the lease and the holder checks it still has it; default 1 s. */
  tryMs?: number;
  now?: () => number;
  onError?: (err: unknown) => void;
}

const LOCK_NAMESPACE = 'fleetscope-leader:';

export async function createPostgresLeaderLease(o: PostgresLeaseOptions): Promise<LeaderLease> {
  const { default: postgres } = await import('postgres');
  const now = o.now ?? Date.now;
  const tryMs = o.tryMs ?? 1000;
  const key = `${LOCK_NAMESPACE}${o.name}`;
  const listeners = new Set<(leader: boolean) => void>();
  const s: LeaseStats = { leader: false, gained: 0, lost: 0, changedAt: null, lastError: null };
  let sql: postgresType.Sql | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  const set = (leader: boolean) => {
    if (s.leader === leader) return;
    s.leader = leader;
    s.changedAt = now();
    if (leader) s.gained++;
    for (const l of listeners) l(leader);
  };

  const connection = () =>
    // fetch_types off: see db/client.ts (postgres.js drops the promise of that query on connect).
    (sql ??= postgres(o.url, { max: 1, idle_timeout: 0, max_lifetime: null, connect_timeout: 3, onnotice: () => {}, fetch_types: false }));

  const drop = async () => {
    const old = sql;
    sql = null;
    await old?.end({ timeout: 1 }).catch(() => {});
  };

  const attempt = async () => {
    try {
      const db = connection();
      if (s.leader) {
        // Still this session's lock? A reconnect would be a new session without it.
        const [row] = await db<{ held: boolean }[]>`
          select exists (
            select 1 from pg_locks
            where locktype = 'advisory' and granted and pid = pg_backend_pid()
              and objid = (hashtext(${key})::bigint & 4294967295)::oid
          ) as held`;
        if (!row?.held) {
          s.lost++;
          set(false);
        }
      } else {
        const [row] = await db<{ got: boolean }[]>`select pg_try_advisory_lock(hashtext(${key})) as got`;
        if (row?.got) set(true);
      }
      s.lastError = null;
    } catch (err) {
      s.lastError = (err as Error).message;
      o.onError?.(err);
      if (s.leader) {
        s.lost++;
        set(false);
      }
      await drop();
    }
  };

  const loop = () => {
    if (stopped) return;
    running = attempt().finally(() => {
      running = null;
      if (!stopped) timer = setTimeout(loop, tryMs).unref();
    });
  };
  loop();
  await running;

  return {
    kind: 'postgres-advisory-lock',
    isLeader: () => s.leader,
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    stats: () => ({ ...s }),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      set(false);
      listeners.clear();
      // Ending the session frees the lock for the next candidate at once.
      await drop();
    },
  };
}
