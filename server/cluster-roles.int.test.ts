// Scale-out acceptance with the roles in separate processes: 2 gateways + 2 web + 1 ingest + 2 control candidates
// as five app processes (node-1, node-2: gateway,control; node-3, node-4: web; node-5: ingest), the round-robin
// proxy over the web nodes, 100 simulated robots on the shared broker. In order:
// - a viewer on either web node sees every robot; a command issued on a web node (no MQTT client of its own: it
//   leaves through a gateway over the bus) executes once;
// - kill -9 the ingest node, restart it: every sample the gateways took into history is in the database (the
//   gateways relay their slices over JetStream; the ingest node acknowledges them after the commit);
// - kill -9 the gateway that does not lead: its robots are fresh again on the web nodes within 5 s;
// - kill -9 the control leader (also a gateway) with a command in flight: the other candidate leads within 5 s and
//   the command ends succeeded, executed once;
// - kill -9 the web node serving a viewer through the proxy, with a command it issued in flight: the viewer is back
//   on the other web node and sees every robot moving; the leader adopts the command, which executes once.
// - NATS (a server of the test's own, which the whole cluster uses) killed for 10 s: every node carries on, reports
//   its bus down, and reconnects by itself; then every node knows the other four again, the viewers see every robot
//   moving, and a command issued on a web node executes once.
// Needs DATABASE_URL, BUS_URL and MQTT_URL (the real-services run), nats-server on this machine, and Redis
// (REDIS_URL or 127.0.0.1:6379); skipped otherwise.
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, trpcMutation, trpcQuery, type BenchSession } from '../bench/lib/trpc-http';
import type { Child } from '../bench/lib/proc';
import { leaderOf, planNodes, readHealth, robotsOf, servesWeb, startNode, type NodeSpec } from '../tools/cluster/nodes';
import { startProxy, type RoundRobinProxy } from '../tools/cluster/proxy';
import { removeRedisKeys } from '../tools/cluster/services';
import type { CommandView } from './domain/commands/command';
import type { FleetAt } from './domain/history/history-api';
import type { RobotView } from './domain/robot';
import { ensureNextBuild } from './next-build';
import { readMapFile } from './services/site-map';
import { startFleet, type SimFleet } from './sim/fleet';
import { watchFleet, type FleetViewer } from './testing/fleet-viewer';
import { canRunPrivateNats, type PrivateNats, startPrivateNats } from './testing/private-nats';
import { loginCookie } from './testing/sign-in';
import { createTestDatabase, freePort, freePortRun, tempDir, testLogger, waitFor } from './testing/test-env';

const { DATABASE_URL, BUS_URL, MQTT_URL } = process.env;
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const run = Boolean(DATABASE_URL && BUS_URL && MQTT_URL) && canRunPrivateNats;
const ROLES = ['gateway,control', 'gateway,control', 'web', 'web', 'ingest'];
const ROBOTS = 100;
const ADMIN = { email: 'admin@roles.test', password: 'roles-cluster-password' };
const FINAL = ['succeeded', 'failed', 'cancelled', 'expired', 'timed_out', 'rejected'];
/** The acceptance bounds: a gateway's robots move within 5 s, a leader within 5 s. */
const HANDOVER_MS = 5000;
const LEADER_MS = 5000;
const OUTAGE_MS = 10_000;
/** After NATS is back: each node's bus ok, its peers known and every robot fresh on the viewers within this. */
const RECOVERY_MS = 15_000;

const prefix = `itroles${Date.now().toString(36)}`;
let specs: NodeSpec[] = [];
let shared: Record<string, string> = {};
const nodes = new Map<string, Child>();
let proxy: RoundRobinProxy | null = null;
let nats: PrivateNats | null = null;
let fleet: SimFleet | null = null;
let drop: () => Promise<void> = async () => {};
let dbUrl = '';
const viewers: FleetViewer[] = [];

const spec = (id: string) => specs.find((s) => s.id === id)!;
const health = (id: string) => readHealth(spec(id).url);
const startFleetNow = async () => {
  fleet = await startFleet({
    brokerUrl: MQTT_URL!,
    iface: prefix,
    robots: ROBOTS,
    hz: 5,
    seed: 15,
    map: await readMapFile(),
    autonomous: 'never',
  });
  await fleet.ready;
};

async function launch(id: string): Promise<void> {
  const s = spec(id);
  const child = startNode(s, shared, { echo: false });
  nodes.set(id, child);
  await waitFor(
    `${id} to answer`,
    async () => {
      if (child.proc.exitCode !== null) throw new Error(`${id} exited (${child.proc.exitCode}): ${child.output.slice(-5).join(' | ')}`);
      return (await readHealth(s.url))?.node === id;
    },
    120_000,
    300,
  );
}

async function kill(id: string): Promise<number> {
  const child = nodes.get(id)!;
  const exited = new Promise((r) => child.proc.once('exit', r));
  const at = Date.now();
  child.proc.kill('SIGKILL');
  await exited;
  return at;
}

const sessions = new Map<string, BenchSession>();
const session = async (id: string) => {
  let s = sessions.get(id);
  if (!s) sessions.set(id, (s = await signIn(spec(id).url, ADMIN.email, ADMIN.password)));
  return s;
};
const robotIdOf = async (id: string, serial: string) => {
  const r = (await trpcQuery<RobotView[]>(await session(id), 'fleet.list')).find((x) => x.serialNumber === serial);
  if (!r) throw new Error(`${serial} unknown on ${id}`);
  return r.id;
};
const commandOn = async (id: string, commandId: string) =>
  (await trpcQuery<{ command: CommandView }>(await session(id), 'commands.byId', { id: commandId })).command;
const finalOn = (id: string, commandId: string) =>
  waitFor(
    `command ${commandId} final on ${id}`,
    async () => {
      const c = await commandOn(id, commandId);
      return FINAL.includes(c.status) ? c : null;
    },
    40_000,
    200,
  );
const leader = async () => {
  for (const id of ['node-1', 'node-2']) {
    const h = await health(id);
    if (h && leaderOf(h) === 'leader') return id;
  }
  return null;
};

beforeAll(async () => {
  if (!run) return;
  ensureNextBuild(testLogger);
  // A NATS server of the test's own: the last test kills it.
  nats = await startPrivateNats();
  const db = await createTestDatabase();
  drop = db.drop;
  dbUrl = db.url!;
  const basePort = await freePortRun(ROLES.length);
  specs = planNodes({ nodes: ROLES.length, basePort, roles: ROLES }).map((s) => ({ ...s, dataDir: path.join(tempDir('roles'), s.id) }));
  shared = {
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    HOSTNAME: '127.0.0.1',
    DATABASE_URL: dbUrl,
    BUS_URL: nats.url,
    BUS_PREFIX: prefix,
    REDIS_URL,
    MQTT_URL: MQTT_URL!,
    VDA_INTERFACE: prefix,
    SIM_ROBOTS: '0',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'warn',
  };
  // The first node alone runs the migrations and creates the administrator; the others then start side by side.
  await launch('node-1');
  await Promise.all(specs.slice(1).map((s) => launch(s.id)));
  proxy = await startProxy({ port: await freePort(), upstreams: specs.filter(servesWeb).map((s) => ({ name: s.id, port: s.port })) });
  await startFleetNow();
}, 240_000);

afterAll(async () => {
  for (const v of viewers) v.close();
  await fleet?.stop();
  await Promise.all([...nodes.values()].map((c) => c.stop('SIGTERM', 20_000)));
  await proxy?.close();
  if (!run) return;
  await drop();
  await nats?.destroy();
  await removeRedisKeys(REDIS_URL, prefix).catch(() => 0);
}, 90_000);

describe.skipIf(!run)('a cluster with its roles in separate processes (2 gateways, 2 web, 1 ingest, 2 control)', () => {
  it('a viewer on either web node sees every robot; a command issued on a web node executes once', async () => {
    const t0 = Date.now();
    await waitFor(
      'every node to see every robot',
      async () => (await Promise.all(specs.map((s) => readHealth(s.url)))).every((h) => h && robotsOf(h) === ROBOTS),
      30_000,
      300,
    );
    for (const id of ['node-3', 'node-4']) {
      const v = watchFleet(spec(id).url, await loginCookie(spec(id).url, ADMIN.email, ADMIN.password));
      viewers.push(v);
      await waitFor(`a viewer on ${id} to see every robot moving`, () => v.allFresh(ROBOTS, t0), 20_000, 100);
    }
    // History on a web node reaches the last second too: it keeps a copy of every robot's newest slices (the stored
    // ones are up to 30 s behind, written by the gateways' nodes through the ingest node).
    for (const id of ['node-3', 'node-4']) {
      const past = await trpcQuery<FleetAt>(await session(id), 'history.fleetAt', { at: Date.now() - 1000 });
      expect(past.robots.length, `robots in ${id}'s history a second ago`).toBe(ROBOTS);
    }
    // The protocol inspector on a web node: the robot's counters from the gateways' relayed stats, its recent
    // messages asked of the gateway that owns it.
    const inspected = await robotIdOf('node-4', 'SIM-0005');
    await waitFor(
      'the protocol counters of SIM-0005 on node-4',
      async () =>
        ((await trpcQuery<{ received?: Record<string, number> } | null>(await session('node-4'), 'fleet.protocol', { id: inspected }))
          ?.received?.state ?? 0) > 0,
      5000,
      200,
    );
    const recent = await trpcQuery<{ direction: string; topic: string }[]>(await session('node-4'), 'fleet.messages', {
      id: inspected,
      limit: 5,
    });
    expect(recent.some((m) => m.direction === 'in')).toBe(true);
    // Nodes without a gateway have no MQTT client; the web nodes' health says their commands leave over the bus.
    expect((await health('node-3'))?.components.mqtt).toMatchObject({ status: 'ok', gateway: false, outbound: 'bus' });
    const c = await trpcMutation<CommandView>(await session('node-3'), 'commands.issue', {
      robotId: await robotIdOf('node-3', 'SIM-0001'),
      type: 'pause',
    });
    expect((await finalOn('node-3', c.id)).status).toBe('succeeded');
    await new Promise((r) => setTimeout(r, 500));
    expect(fleet!.executions()['SIM-0001']?.startPause).toBe(1);
  }, 60_000);

  it('kill -9 the ingest node and restart it: every sample the gateways took into history reaches the database', async () => {
    const killedAt = await kill('node-5');
    await new Promise((r) => setTimeout(r, 5000));
    await launch('node-5');
    const restartedMs = Date.now() - killedAt;
    await new Promise((r) => setTimeout(r, 2000));
    // The robots stop: every open slice closes within its 30 s span and goes over the bus to the ingest node.
    await fleet!.stop();
    const sent = fleet!.published();
    fleet = null;
    const taken = async () => {
      let samples = 0;
      for (const id of ['node-1', 'node-2']) {
        const h = (await health(id))?.components.history as { samples: number; dropped: number; slicesTo: string } | undefined;
        expect(h, `${id} history`).toMatchObject({ dropped: 0, slicesTo: 'bus' });
        samples += h!.samples;
      }
      return samples;
    };
    const sql = postgres(dbUrl, { max: 1, onnotice: () => {}, fetch_types: false });
    try {
      const stored = async () =>
        Number((await sql<{ n: string }[]>`select coalesce(sum(n), 0)::int8 as n from telemetry_slices where tier = 0`)[0]!.n);
      const accepted = await taken();
      await waitFor('every sample the gateways took to be stored', async () => (await stored()) === accepted, 70_000, 500).catch(
        async (err: unknown) => {
          throw new Error(`${(err as Error).message}: stored ${await stored()} of ${accepted}`);
        },
      );
      // And the gateways took (almost) every pose and state the robots sent: a QoS 0 message may be lost on the way.
      expect(accepted).toBeGreaterThanOrEqual(Math.floor(0.99 * (sent.visualization + sent.state)));
      expect(await taken()).toBe(accepted);
      const relayed = (await health('node-5'))?.components.history as { relayed?: { refused: number } } | undefined;
      expect(relayed?.relayed?.refused).toBe(0);
      console.log(
        `[cluster-roles] ingest killed and back after ${restartedMs} ms: ${accepted} samples taken by the gateways, ` +
          `all stored (robots sent ${sent.visualization + sent.state})`,
      );
    } finally {
      await sql.end();
    }
    await startFleetNow();
  }, 150_000);

  it('kill -9 the gateway that does not lead: its robots are fresh on the web nodes within 5 s', async () => {
    const lead = await waitFor('a leader', leader, 10_000, 200);
    const victim = lead === 'node-1' ? 'node-2' : 'node-1';
    await waitFor('the viewers to see every robot moving', () => viewers.every((v) => v.allFresh(ROBOTS, Date.now() - 1000)), 20_000, 100);
    const killedAt = await kill(victim);
    await waitFor(
      'every robot fresh again on both web nodes',
      () => viewers.every((v) => v.allFresh(ROBOTS, killedAt)),
      HANDOVER_MS + 3000,
      50,
    );
    const handoverMs = Date.now() - killedAt;
    expect(handoverMs).toBeLessThan(HANDOVER_MS);
    console.log(`[cluster-roles] gateway ${victim} killed: every robot fresh on both web nodes after ${handoverMs} ms`);
    await launch(victim);
  }, 150_000);

  it('kill -9 the control leader with a command in flight: the other leads within 5 s, the command executes once', async () => {
    const lead = await waitFor('a leader', leader, 10_000, 200);
    const other = lead === 'node-1' ? 'node-2' : 'node-1';
    await waitFor(`${other} to know every robot`, async () => robotsOf((await health(other))!) === ROBOTS, 20_000, 300);
    // SIM-0002 loses every instant action for now: the command is sent, not acknowledged.
    fleet!.injectFault('SIM-0002', { kind: 'drop', share: 1, topics: ['instantActions'] });
    const c = await trpcMutation<CommandView>(await session('node-4'), 'commands.issue', {
      robotId: await robotIdOf('node-4', 'SIM-0002'),
      type: 'pause',
    });
    await waitFor('dispatched', async () => (await commandOn('node-4', c.id)).status === 'dispatched', 10_000, 100);
    const killedAt = await kill(lead!);
    await waitFor(`${other} to lead`, async () => leaderOf((await health(other))!) === 'leader', LEADER_MS + 2000, 100);
    const leadMs = Date.now() - killedAt;
    expect(leadMs).toBeLessThan(LEADER_MS);
    fleet!.clearFault('SIM-0002');
    const done = await finalOn('node-4', c.id);
    expect(done.status, done.outcome ?? '').toBe('succeeded');
    await new Promise((r) => setTimeout(r, 1000));
    expect(fleet!.executions()['SIM-0002']?.startPause).toBe(1);
    console.log(`[cluster-roles] leader ${lead} killed: ${other} led after ${leadMs} ms; the command ended ${done.status}, executed once`);
    await launch(lead!);
  }, 150_000);

  it('kill -9 a web node with a viewer and a command in flight: the viewer is back on the other and sees every robot; the command executes once', async () => {
    const proxyUrl = proxy!.url;
    const cookie = await loginCookie(proxyUrl, ADMIN.email, ADMIN.password);
    const v = watchFleet(proxyUrl, cookie);
    viewers.push(v);
    await waitFor('the proxied viewer to see every robot moving', () => v.allFresh(ROBOTS, Date.now() - 1000), 20_000, 100);
    const on = async (id: string) => ((await health(id))?.components.realtime?.viewers as number | undefined) ?? 0;
    // The two direct viewers sit on node-3 and node-4; the proxied one makes two on one of them.
    const victim = (await on('node-3')) === 2 ? 'node-3' : 'node-4';
    const survivor = victim === 'node-3' ? 'node-4' : 'node-3';
    expect(await on(victim)).toBe(2);
    fleet!.injectFault('SIM-0003', { kind: 'drop', share: 1, topics: ['instantActions'] });
    const c = await trpcMutation<CommandView>(await session(victim), 'commands.issue', {
      robotId: await robotIdOf(victim, 'SIM-0003'),
      type: 'pause',
    });
    await waitFor('dispatched', async () => (await commandOn(victim, c.id)).status === 'dispatched', 10_000, 100);
    const killedAt = await kill(victim);
    await waitFor('the viewer to reconnect', () => v.socket.connected && v.connects.length === 2, 10_000, 50);
    await waitFor('every robot moving again on the viewer', () => v.allFresh(ROBOTS, killedAt), 15_000, 100);
    const backMs = Date.now() - killedAt;
    fleet!.clearFault('SIM-0003');
    // The leader adopts the gone node's command, resends it with its ids, and follows it to its end.
    const done = await finalOn(survivor, c.id);
    expect(done.status, done.outcome ?? '').toBe('succeeded');
    await new Promise((r) => setTimeout(r, 1000));
    expect(fleet!.executions()['SIM-0003']?.startPause).toBe(1);
    console.log(
      `[cluster-roles] web ${victim} killed: the viewer saw every robot moving on ${survivor} after ${backMs} ms; its command ended ${done.status}, executed once`,
    );
    await launch(victim);
  }, 120_000);

  it('NATS killed for 10 s: every node carries on, reconnects by itself, and the cluster is whole again', async () => {
    const all = specs.map((s) => s.id);
    const busOf = async (id: string) => (await health(id))?.components.bus as { status: string } | undefined;
    const peersOf = async (id: string) => ((await health(id))?.components.cluster?.nodes as unknown[] | undefined)?.length ?? 0;
    await waitFor(
      'every node to know the other four',
      async () => (await Promise.all(all.map(peersOf))).every((n) => n === all.length),
      15_000,
      300,
    );
    const killedAt = Date.now();
    await nats!.kill();
    await waitFor(
      'every node to report its bus down',
      async () => (await Promise.all(all.map(busOf))).every((b) => b?.status === 'down'),
      OUTAGE_MS - 1000,
      200,
    );
    await new Promise((r) => setTimeout(r, Math.max(0, killedAt + OUTAGE_MS - Date.now())));
    for (const id of all) expect(nodes.get(id)!.proc.exitCode, `${id} still runs`).toBeNull();
    await nats!.start();
    const backAt = Date.now();
    await waitFor(
      'every node: bus ok again',
      async () => (await Promise.all(all.map(busOf))).every((b) => b?.status === 'ok'),
      RECOVERY_MS,
      100,
    );
    const busOkMs = Date.now() - backAt;
    await waitFor(
      'every node to know the other four again',
      async () => (await Promise.all(all.map(peersOf))).every((n) => n === all.length),
      RECOVERY_MS,
      100,
    );
    const peersMs = Date.now() - backAt;
    await waitFor(
      'the viewers to see every robot moving again',
      () => viewers.every((v) => !v.socket.connected || v.allFresh(ROBOTS, backAt)),
      RECOVERY_MS,
      100,
    );
    const freshMs = Date.now() - backAt;
    const c = await trpcMutation<CommandView>(await session('node-3'), 'commands.issue', {
      robotId: await robotIdOf('node-3', 'SIM-0006'),
      type: 'pause',
    });
    expect((await finalOn('node-3', c.id)).status).toBe('succeeded');
    await new Promise((r) => setTimeout(r, 500));
    expect(fleet!.executions()['SIM-0006']?.startPause).toBe(1);
    console.log(
      `[cluster-roles] NATS down ${backAt - killedAt} ms: every bus ok ${busOkMs} ms after it was back, every node known at ${peersMs} ms, every robot fresh on the viewers at ${freshMs} ms; a pause issued on node-3 executed once`,
    );
  }, 90_000);
});
