// Two app processes on one Postgres database: one runs the singletons (webhook dispatch, retention, and with a
// shared bus the liveness watch), the other stands by and takes over within 5 s when the first stops or its
// database session dies (what Postgres sees of a kill -9). On PGlite a process cannot share its database: skipped.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './app';
import { clusterServices, openClusterSite, type ClusterSite } from './testing/cluster-site';
import { waitFor } from './testing/test-env';

const HANDOVER_MS = 5000;
const busUrl = process.env.BUS_URL;
let site: ClusterSite | null = null;
const apps: App[] = [];
async function startNode(name: string, roles = 'all'): Promise<App> {
  const app = await site!.startNode(name, { NODE_ROLES: roles });
  apps.push(app);
  return app;
}

const running = (app: App) => app.node.singletons();
const none = { webhooks: false, retention: false, liveness: false };
// The liveness watch follows the lease only when the bus is shared; on in-process buses every process watches its own robots.
const led = { webhooks: true, retention: true, liveness: true };
const standby = { ...none, liveness: !busUrl };

beforeAll(async () => {
  if (clusterServices.database) site = await openClusterSite('lease');
});
afterAll(() => site?.close());

describe.skipIf(!clusterServices.database)('two app processes on one database', () => {
  it('one runs the singletons; when it stops, the other takes them over within 5 s', async () => {
    const a = await startNode('a');
    const b = await startNode('b');
    expect(a.node.isLeader()).toBe(true);
    expect(running(a)).toEqual(led);
    expect(b.node.isLeader()).toBe(false);
    expect(running(b)).toEqual(standby);

    const t0 = Date.now();
    await a.stop();
    await waitFor('b to lead', () => b.node.isLeader() && running(b).webhooks, HANDOVER_MS, 20);
    expect(Date.now() - t0).toBeLessThan(HANDOVER_MS);
    if (process.env.TEST_PRINT_FIGURES) console.log(`leader stopped → other leads: ${Date.now() - t0} ms`);
    expect(running(b)).toEqual(led);
  });

  it("when the leader's database session dies (as on kill -9), the standby leads within 5 s and the old leader stops its singletons", async () => {
    const c = await startNode('c');
    const b = apps.find((x) => x.node.id === 'node-b');
    if (!b) throw new Error('node b is not running');
    expect(c.node.isLeader()).toBe(false);
    const admin = postgres(site!.url, { max: 1, onnotice: () => {}, fetch_types: false });
    const t0 = Date.now();
    const killed = await admin`
      select pg_terminate_backend(pid) as done from pg_locks
      where locktype = 'advisory' and granted and objid = (hashtext(${'fleetscope-leader:control'})::bigint & 4294967295)::oid`;
    await admin.end();
    expect(killed).toHaveLength(1);
    await waitFor('c to lead', () => c.node.isLeader() && running(c).webhooks, HANDOVER_MS, 20);
    expect(Date.now() - t0).toBeLessThan(HANDOVER_MS);
    if (process.env.TEST_PRINT_FIGURES) console.log(`leader's session killed → other leads: ${Date.now() - t0} ms`);
    await waitFor('b to stand down', () => !b.node.isLeader() && !running(b).webhooks, HANDOVER_MS, 20);
    expect(running(b)).toEqual(standby);
    expect(running(c)).toEqual(led);
    // /api/health says who leads and what runs where.
    const health = await b.runtime.health();
    expect(health.components.leader).toMatchObject({ leader: false, kind: 'postgres-advisory-lock', running: standby });
  });

  it('a process whose NODE_ROLES leave out control never leads, even with no candidate left', async () => {
    const d = await startNode('d', 'gateway,ingest,web');
    for (const app of apps.filter((x) => x !== d)) await app.stop();
    await new Promise((r) => setTimeout(r, 2500)); // more than two tries of a candidate
    expect(d.node.isLeader()).toBe(false);
    expect(running(d)).toEqual(standby);
    expect((await d.runtime.health()).components.leader).toMatchObject({ kind: 'not-a-candidate', leader: false });
  });
});
