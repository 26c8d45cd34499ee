// The leader lease on a Postgres advisory lock, with two candidates on one database of the test's own (DATABASE_URL;
// on PGlite the process is the only candidate and there is nothing to elect). What a cluster relies on: one leader
// at a time, and a new one within 5 s of the old one's death.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeaderLease } from '../../ports/leader-lease';
import { createTestDatabase } from '../../testing/test-env';
import { createPostgresLeaderLease } from './postgres-leader-lease';

const HANDOVER_MS = 5000;
let url = '';
let drop: () => Promise<void> = async () => {};

beforeAll(async () => {
  const db = await createTestDatabase();
  url = db.url ?? '';
  drop = db.drop;
});
afterAll(() => drop());

/** Samples both leases every 20 ms until `until` holds; with `exclusive`, fails if both ever lead at once. */
async function watchUntil(a: LeaderLease, b: LeaderLease, until: () => boolean, ms: number, exclusive = true): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    if (exclusive) expect(a.isLeader() && b.isLeader(), 'two leaders at once').toBe(false);
    if (until()) return Date.now() - t0;
    if (Date.now() - t0 > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(!process.env.DATABASE_URL)('leader lease on a Postgres advisory lock', () => {
  it('elects one of two candidates; when it gives the lease up, the other leads within 5 s', async () => {
    const a = await createPostgresLeaderLease({ url, name: 'control-a' });
    const b = await createPostgresLeaderLease({ url, name: 'control-a' });
    expect([a.isLeader(), b.isLeader()]).toEqual([true, false]);
    const changes: boolean[] = [];
    b.onChange((l) => changes.push(l));
    await a.stop();
    const took = await watchUntil(a, b, () => b.isLeader(), HANDOVER_MS);
    expect(took).toBeLessThan(HANDOVER_MS);
    expect(changes).toEqual([true]);
    expect(b.stats()).toMatchObject({ leader: true, gained: 1, lost: 0 });
    await b.stop();
  });

  it("the leader's session killed (its process died, its connection dropped): it stops leading, the other leads within 5 s", async () => {
    const a = await createPostgresLeaderLease({ url, name: 'control-b' });
    const b = await createPostgresLeaderLease({ url, name: 'control-b' });
    expect(a.isLeader()).toBe(true);
    // What Postgres does when the holder's process dies: the session ends and its locks go with it.
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    const killed = await admin`
      select pg_terminate_backend(pid) as done from pg_locks
      where locktype = 'advisory' and granted and objid = (hashtext(${'fleetscope-leader:control-b'})::bigint & 4294967295)::oid`;
    await admin.end();
    expect(killed).toHaveLength(1);
    // Not exclusive here: the old holder learns of its lost session at its next check (≤ 1 s), and the other may
    // take the free lock first. What it still does meanwhile cannot reach the database it lost.
    const took = await watchUntil(a, b, () => b.isLeader() && !a.isLeader(), HANDOVER_MS, false);
    expect(took).toBeLessThan(HANDOVER_MS);
    expect(a.stats()).toMatchObject({ leader: false, lost: 1 });
    // The old holder is a candidate again: when the new one goes, it comes back.
    await b.stop();
    await watchUntil(a, b, () => a.isLeader(), HANDOVER_MS);
    await a.stop();
  });

  it('leases of different names do not exclude each other', async () => {
    const a = await createPostgresLeaderLease({ url, name: 'one' });
    const b = await createPostgresLeaderLease({ url, name: 'two' });
    expect([a.isLeader(), b.isLeader()]).toEqual([true, true]);
    await Promise.all([a.stop(), b.stop()]);
  });

  it('an unreachable database: no leadership and the error said, never a throw', async () => {
    const u = new URL(url);
    u.port = '1';
    const a = await createPostgresLeaderLease({ url: u.toString(), name: 'x', tryMs: 200 });
    expect(a.isLeader()).toBe(false);
    expect(a.stats().lastError).toMatch(/ECONNREFUSED|connect/);
    await a.stop();
  });
});
