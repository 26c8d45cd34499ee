// Commands in a cluster of two app processes on one broker, bus and database: a command issued on either node
// executes once; when the node that issued it goes with the command in flight, the leader adopts it, resends it
// with its ids and follows it to its end: executed once, never left open. Needs DATABASE_URL, BUS_URL and MQTT_URL.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './app';
import type { SimFleet } from './sim/fleet';
import { clusterServices, openClusterSite, type ClusterSite } from './testing/cluster-site';
import { waitFor } from './testing/test-env';

const run = clusterServices.all;
const FINAL = ['succeeded', 'failed', 'cancelled', 'expired', 'timed_out', 'rejected'];
const BY = { name: 'cluster-test' };
let site: ClusterSite | null = null;
let a: App;
let b: App | null = null;
let fleet: SimFleet | null = null;

const robotId = (app: App, serial: string) => {
  const r = app.store.list().find((x) => x.serialNumber === serial);
  if (!r) throw new Error(`${serial} unknown on ${app.node.id}`);
  return r.id;
};
const finalOf = (app: App, id: string) =>
  waitFor(
    `command ${id} final`,
    async () => {
      const { command } = await app.commands.byId(id);
      return FINAL.includes(command.status) ? command : null;
    },
    30_000,
    100,
  );

beforeAll(async () => {
  if (!run) return;
  site = await openClusterSite('cmd');
  a = await site.startNode('a');
  b = await site.startNode('b');
  fleet = await site.startFleet(4, 5);
  for (const app of [a, b]) await site.seesFleet(app, 4);
}, 60_000);
afterAll(() => site?.close());

describe.skipIf(!run)('commands across two app processes', () => {
  it('a command issued on either node executes once and ends succeeded', async () => {
    for (const [app, serial] of [
      [a, 'SIM-0001'],
      [b!, 'SIM-0002'],
    ] as const) {
      const c = await app.commands.issue({ robotId: robotId(app, serial), type: 'pause' }, BY);
      expect((await finalOf(app, c.id)).status).toBe('succeeded');
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(fleet!.executions()['SIM-0001']?.startPause).toBe(1);
    expect(fleet!.executions()['SIM-0002']?.startPause).toBe(1);
  });

  it('the node that issued a command goes with it in flight: the leader adopts it, and it executes once', async () => {
    // SIM-0003 loses every instant action for now: the command is sent, not acknowledged.
    fleet!.injectFault('SIM-0003', { kind: 'drop', share: 1, topics: ['instantActions'] });
    const c = await b!.commands.issue({ robotId: robotId(b!, 'SIM-0003'), type: 'pause' }, BY);
    await waitFor('dispatched', async () => (await b!.commands.byId(c.id)).command.status === 'dispatched', 10_000, 50);
    expect(a.node.isLeader()).toBe(true);
    await b!.stop();
    b = null;
    fleet!.clearFault('SIM-0003');
    // Node a adopts it once node b has been gone for two of its looks, resends it, and the robot runs it.
    const done = await finalOf(a, c.id);
    expect(done.status, done.outcome ?? '').toBe('succeeded');
    const sql = postgres(site!.url, { max: 1, onnotice: () => {}, fetch_types: false });
    const [row] = await sql<{ node: string }[]>`select node from commands where id = ${c.id}`;
    await sql.end();
    expect(row?.node).toBe('node-a');
    await new Promise((r) => setTimeout(r, 500));
    // The first send was lost on the way, the resend ran it: once.
    expect(fleet!.executions()['SIM-0003']?.startPause).toBe(1);
    expect((await a.runtime.health()).components.commands).toMatchObject({ adoption: { adopted: 1 } });
  });

  it('the leader goes with a command in flight: the other node leads within 5 s, adopts it, and it executes once', async () => {
    const c2 = await site!.startNode('c');
    b = c2; // stopped in afterAll
    await site!.seesFleet(c2, 4);
    fleet!.injectFault('SIM-0004', { kind: 'drop', share: 1, topics: ['instantActions'] });
    const c = await a.commands.issue({ robotId: robotId(a, 'SIM-0004'), type: 'pause' }, BY);
    await waitFor('dispatched', async () => (await a.commands.byId(c.id)).command.status === 'dispatched', 10_000, 50);
    const stoppedAt = Date.now();
    await a.stop();
    await waitFor('node c to lead', () => c2.node.isLeader(), 5_000, 20);
    expect(Date.now() - stoppedAt).toBeLessThan(5_000);
    fleet!.clearFault('SIM-0004');
    const done = await finalOf(c2, c.id);
    expect(done.status, done.outcome ?? '').toBe('succeeded');
    await new Promise((r) => setTimeout(r, 500));
    expect(fleet!.executions()['SIM-0004']?.startPause).toBe(1);
  });
});
