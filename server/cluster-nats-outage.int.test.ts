// NATS stopped for 10 s under two whole app processes (acceptance of the scale-out issue: "stop NATS for 10 s →
// nodes reconnect by themselves"). Two nodes of one site share a NATS server of the test's own (killed with SIGKILL,
// started again on the same port and store), the shared broker with 20 simulated robots and the shared Postgres.
// Proves: while NATS is down each node's health says the bus is down and the app carries on (database, broker,
// gateway, fleet view); after NATS is back each node's bus is ok again without a restart of the app, the nodes find
// each other again, split the robots again, and each sees every robot with poses received after the restart, the
// other node's robots through NATS, and no node's view of a robot goes back in time when the other node's publishes
// held during the outage arrive late; a command issued on one node for a robot the other node's gateway hears
// executes once and ends succeeded; robot events are written to the database through the bus again, each once.
// Needs DATABASE_URL, MQTT_URL and nats-server on this machine (not the shared BUS_URL); skipped otherwise.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './app';
import { ownerOf } from './domain/cluster/robot-owner';
import { robotKey } from './domain/robot';
import type { SimFleet } from './sim/fleet';
import { openClusterSite, type ClusterSite } from './testing/cluster-site';
import { canRunPrivateNats, type PrivateNats, startPrivateNats } from './testing/private-nats';
import { waitFor } from './testing/test-env';

const run = Boolean(process.env.DATABASE_URL && process.env.MQTT_URL) && canRunPrivateNats;
const ROBOTS = 20;
const OUTAGE_MS = 10_000;
/** Bound on each node being whole again after NATS is back: bus ok, peer known, every robot fresh. */
const RECOVERY_MS = 15_000;
const FINAL = ['succeeded', 'failed', 'cancelled', 'expired', 'timed_out', 'rejected'];
const BY = { name: 'nats-outage-test' };
const NODES = ['node-a', 'node-b'];

let nats: PrivateNats | null = null;
let site: ClusterSite | null = null;
let a: App;
let b: App;
let fleet: SimFleet;
/** When nats-server was killed and when it listened again (set by the outage test, read by the later ones). */
let killedAt = 0;
let restartedAt = 0;
const figures: string[] = [];
/** Times a robot's lastSeenAt went back on a node after NATS was back (late messages applied over newer ones). */
const wentBack: string[] = [];
let watching: NodeJS.Timeout | null = null;
function watchViews() {
  const last = new Map<string, number>();
  watching = setInterval(() => {
    for (const app of [a, b])
      for (const r of app.store.list()) {
        const key = `${app.node.id}/${r.serialNumber}`;
        const at = r.lastSeenAt ?? 0;
        if (at < (last.get(key) ?? 0)) wentBack.push(`${key} by ${(last.get(key) ?? 0) - at} ms`);
        last.set(key, Math.max(at, last.get(key) ?? 0));
      }
  }, 20);
}
const figure = (line: string) => void figures.push(line);

const bus = async (app: App) => (await app.runtime.health()).components.bus as { status: string; connected: boolean; lost: number };
const peers = async (app: App) => ((await app.runtime.health()).components.cluster?.nodes as unknown[] | undefined)?.length ?? 0;
/** Robots this node sees online with a pose received (by whichever gateway) after `since`. */
const freshSince = (app: App, since: number) =>
  app.store.list().filter((r) => r.connection === 'ONLINE' && r.pose && r.lastSeenAt !== null && r.lastSeenAt > since).length;
const robotOf = (app: App, serial: string) => {
  const r = app.store.list().find((x) => x.serialNumber === serial);
  if (!r) throw new Error(`${serial} unknown on ${app.node.id}`);
  return r;
};
/** A simulated robot whose messages the gateway of `node` handles (rendezvous hashing over both gateways). */
const robotOwnedBy = (node: string) => {
  const r = fleet.robots.find((x) => ownerOf(robotKey(x.manufacturer, x.serialNumber), NODES) === node);
  if (!r) throw new Error(`no robot of ${node}`);
  return r.serialNumber;
};

beforeAll(async () => {
  if (!run) return;
  nats = await startPrivateNats();
  site = await openClusterSite('natsout');
  // Both on the private NATS, overriding the shared BUS_URL the site would give them.
  a = await site.startNode('a', { BUS_URL: nats.url });
  b = await site.startNode('b', { BUS_URL: nats.url });
  await waitFor('both nodes to know each other', async () => (await peers(a)) === 2 && (await peers(b)) === 2, 10_000);
  fleet = await site.startFleet(ROBOTS, 23);
  for (const app of [a, b]) await site.seesFleet(app, ROBOTS);
}, 60_000);

afterAll(async () => {
  if (watching) clearInterval(watching);
  // Apps first (they would otherwise retry a NATS that is gone), then the NATS server, even after a failure.
  try {
    await site?.close();
  } finally {
    await nats?.destroy();
    if (process.env.TEST_PRINT_FIGURES && figures.length > 0) console.log(`NATS outage under two app nodes:\n  ${figures.join('\n  ')}`);
  }
}, 60_000);

describe.skipIf(!run)('two app nodes through a 10 s NATS outage', () => {
  it('while NATS is down, each node reports its bus down and keeps running', async () => {
    for (const app of [a, b]) expect((await bus(app)).status, app.node.id).toBe('ok');
    killedAt = Date.now();
    await nats!.kill();
    await waitFor(
      'both nodes to report the bus down',
      async () => (await bus(a)).status === 'down' && (await bus(b)).status === 'down',
      OUTAGE_MS - 1000,
      100,
    );
    figure(`bus reported down ${Date.now() - killedAt} ms after the kill`);

    // Down for the full 10 s; checked again near its end, when the clients have tried to reconnect many times.
    await new Promise((r) => setTimeout(r, Math.max(0, killedAt + OUTAGE_MS - 1000 - Date.now())));
    for (const app of [a, b]) {
      const h = await app.runtime.health();
      expect(h.components.bus, app.node.id).toMatchObject({ status: 'down', connected: false, closed: false });
      // The rest of the app carries on: its database, its broker connection, its gateway and its fleet view.
      expect(h.components.database?.status, app.node.id).toBe('ok');
      expect(h.components.mqtt?.status, app.node.id).toBe('ok');
      expect(app.gateway.health().connected, app.node.id).toBe(true);
      expect(app.store.list(), app.node.id).toHaveLength(ROBOTS);
    }
    // Each node alone on its side of the outage hears every robot through its own gateway (the other is "gone").
    figure(`during the outage: node a sees ${freshSince(a, Date.now() - 2000)}, node b ${freshSince(b, Date.now() - 2000)} robots fresh`);
    await new Promise((r) => setTimeout(r, Math.max(0, killedAt + OUTAGE_MS - Date.now())));

    await nats!.start();
    restartedAt = Date.now();
    // From now on until the commands have ended, no node's view of a robot may go back in time.
    watchViews();
    figure(`NATS down for ${restartedAt - killedAt} ms`);
  }, 30_000);

  it('after NATS is back, each node reconnects by itself: bus ok, peers again, every robot fresh through the bus', async () => {
    expect(restartedAt).toBeGreaterThan(0);
    const otherGateways = (app: App) => app.gateway.health().otherGateways ?? 0;
    const before = { a: otherGateways(a), b: otherGateways(b) };
    await Promise.all(
      ([a, b] as const).map(async (app) => {
        const id = app.node.id;
        await waitFor(`${id}: bus ok again`, async () => (await bus(app)).status === 'ok', RECOVERY_MS, 50);
        figure(`${id}: bus ok ${Date.now() - restartedAt} ms after NATS was back`);
        await waitFor(`${id}: every robot fresh since the restart`, () => freshSince(app, restartedAt) === ROBOTS, RECOVERY_MS, 50);
        figure(`${id}: every robot fresh ${Date.now() - restartedAt} ms after NATS was back`);
        await waitFor(`${id}: its peer known again`, async () => (await peers(app)) === 2, RECOVERY_MS, 50);
        figure(`${id}: peer known again ${Date.now() - restartedAt} ms after NATS was back`);
      }),
    );
    // The gateways split the robots again (during the outage each took them all): each leaves some to the other.
    await waitFor(
      'the gateways to split the robots again',
      () => otherGateways(a) > before.a && otherGateways(b) > before.b,
      RECOVERY_MS,
      50,
    );
    // From here a node hears the other node's robots only through NATS: all of them fresh on both nodes proves
    // delivery between the nodes works again (not just each node's own gateway).
    const splitAt = Date.now();
    await waitFor(
      'both nodes to see every robot fresh after the split',
      () => freshSince(a, splitAt) === ROBOTS && freshSince(b, splitAt) === ROBOTS,
      5000,
      50,
    );
    figure(`whole fleet fresh on both nodes through the bus ${Date.now() - restartedAt} ms after NATS was back`);
    for (const app of [a, b]) expect(await bus(app), app.node.id).toMatchObject({ status: 'ok', connected: true, lost: 0 });
  }, 40_000);

  it('a command issued on one node after the outage, for a robot of the other gateway, executes once and ends succeeded', async () => {
    for (const [app, serial] of [
      [a, robotOwnedBy('node-b')],
      [b, robotOwnedBy('node-a')],
    ] as const) {
      const c = await app.commands.issue({ robotId: robotOf(app, serial).id, type: 'pause' }, BY);
      // The robot's answer reaches the issuing node through NATS only (the other node's gateway hears it).
      const done = await waitFor(
        `command ${c.id} final`,
        async () => {
          const { command } = await app.commands.byId(c.id);
          return FINAL.includes(command.status) ? command : null;
        },
        20_000,
        100,
      );
      expect(done.status, done.outcome ?? '').toBe('succeeded');
      figure(`${app.node.id}: pause of ${serial} succeeded ${Date.now() - restartedAt} ms after NATS was back`);
    }
    await new Promise((r) => setTimeout(r, 500));
    for (const serial of [robotOwnedBy('node-b'), robotOwnedBy('node-a')]) expect(fleet.executions()[serial]?.startPause, serial).toBe(1);
    // The other node's publishes retried after the outage arrived seconds late: none was applied over newer news.
    if (watching) clearInterval(watching);
    expect(wentBack, 'robot views that went back in time after NATS was back').toEqual([]);
  }, 45_000);

  it('robot events reach the database through the bus again after the outage, each once', async () => {
    // The pauses above are robot events (state merge → robot.event, a durable subject → one node's ingest writer).
    const paused = [robotOwnedBy('node-b'), robotOwnedBy('node-a')].map((s) => robotOf(a, s).id).sort((x, y) => x - y);
    const sql = postgres(site!.url, { max: 1, onnotice: () => {}, fetch_types: false });
    // Every robot event of the whole fleet since NATS was killed.
    const since = () => sql<{ robot_id: number; kind: string; at: number }[]>`
      select robot_id, kind, (extract(epoch from ts) * 1000)::float8 as at from robot_events
      where ts > ${new Date(killedAt)} order by robot_id, ts`;
    try {
      const pausedRows = async () => (await since()).filter((r) => r.kind === 'paused');
      await waitFor('paused events written after the restart', async () => (await pausedRows()).length >= paused.length, 10_000, 200);
      figure(`paused events in the database ${Date.now() - restartedAt} ms after NATS was back`);
      await new Promise((r) => setTimeout(r, 1000));
      const rows = await since();
      // Both nodes' stores merge the robot's state into the same event: written once, not once per node.
      expect(rows.filter((r) => r.kind === 'paused').map((r) => r.robot_id)).toEqual(paused);
      // Nothing else happened to the fleet: no robot resumed or changed connection, none went stale after the
      // restart (during the outage the other node's robots may go stale for a moment before their takeover).
      const unexpected = rows.filter(
        (r) => !['paused', 'action_state', 'stale', 'stale_cleared'].includes(r.kind) || (r.kind.startsWith('stale') && r.at > restartedAt),
      );
      expect(unexpected).toEqual([]);
    } finally {
      await sql.end();
    }
  }, 20_000);
});
