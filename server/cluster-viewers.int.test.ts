// Scale-out acceptance: "kill -9 a web node → its viewers reconnect to the other and see every robot again".
// `npm run cluster` with two nodes (Redis Streams adapter, connection state recovery) behind its round-robin proxy and
// twenty simulated robots; one signed-in Socket.IO viewer through the proxy sees the whole fleet. The node serving it
// (steered to be the leader, the harder case) is killed with SIGKILL: the same client object, by its own
// reconnection as a browser tab without a reload, is back through the proxy on the surviving node within 10 s, gets a
// snapshot of every robot and then fresh poses of every robot (produced after the kill), and the survivor leads within
// 5 s. Whether Socket.IO recovered the connection state (`socket.recovered`) is logged: a killed node never writes its
// sockets' sessions to Redis, so the viewer resyncs from the fresh snapshot. Needs DATABASE_URL, BUS_URL and MQTT_URL
// (and Redis on 127.0.0.1:6379, or REDIS_URL); skipped otherwise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTs, type Child } from '../bench/lib/proc';
import { leaderOf, readHealth, robotsOf, type NodeHealth } from '../tools/cluster/nodes';
import { watchFleet, type FleetViewer } from './testing/fleet-viewer';
import { loginCookie } from './testing/sign-in';
import { createTestDatabase, freePort, freePortRun, waitFor } from './testing/test-env';

const { DATABASE_URL, BUS_URL, MQTT_URL } = process.env;
const run = Boolean(DATABASE_URL && BUS_URL && MQTT_URL);
const NODES = ['node-1', 'node-2'];
const ROBOTS = 20;
const ADMIN = { email: 'admin@viewers.test', password: 'viewers-cluster-password' };
/** The acceptance bound for the viewer to be back; its robots' fresh poses may take the gateway failover on top. */
const RECONNECT_MS = 10_000;
/** A dead node is stale after 3 s and its robots move to the other gateway within 5 s (server/composition/cluster.ts). */
const FRESH_POSES_MS = 15_000;
const LEADER_MS = 5_000;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

let cluster: Child | null = null;
let drop: () => Promise<void> = async () => {};
let viewer: FleetViewer | null = null;
let proxyUrl = '';
let urls: string[] = [];
const pids = new Map<string, number>();

beforeAll(async () => {
  if (!run) return;
  const db = await createTestDatabase();
  drop = db.drop;
  const port = await freePort();
  const basePort = await freePortRun(NODES.length);
  proxyUrl = `http://127.0.0.1:${port}`;
  urls = NODES.map((_, i) => `http://127.0.0.1:${basePort + i}`);
  // --duration: a cluster left behind by a crashed test run still stops by itself.
  const args = ['--nodes', String(NODES.length), '--robots', String(ROBOTS), '--hz', '5', '--duration', '120'];
  args.push('--port', String(port), '--base-port', String(basePort), '--db', new URL(db.url!).pathname.slice(1));
  const env = { LOG_LEVEL: 'warn', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password };
  cluster = startTs('tools/cluster.ts', args, env, 'cluster');
  await cluster.waitFor(/^\[cluster\] ready/, 90_000);
  // The status table's last line: "  pids: node-1=123 node-2=456 sim=789".
  const line = (await cluster.waitFor(/^\s*pids: (.*)$/, 1000))[1]!;
  for (const [, name, pid] of line.matchAll(/(\S+)=(\d+)/g)) pids.set(name!, Number(pid));
}, 100_000);

afterAll(async () => {
  viewer?.close();
  // SIGTERM lets the tool stop its children and delete its NATS stream and Redis keys; they get killed if it hangs.
  await cluster?.stop('SIGTERM', 40_000);
  for (const pid of pids.values()) if (alive(pid)) process.kill(pid, 'SIGKILL');
  await drop();
}, 60_000);

describe.skipIf(!run)('kill -9 of the web node serving a viewer', () => {
  it('the viewer reconnects through the proxy to the other node and sees every robot moving again', async () => {
    const t0 = Date.now();
    const health = async () => (await Promise.all(urls.map((u) => readHealth(u)))) as (NodeHealth | null)[];
    await waitFor('every node to see every robot', async () => (await health()).every((h) => h && robotsOf(h) === ROBOTS), 20_000, 200);
    const leader = NODES[(await health()).findIndex((h) => h && leaderOf(h) === 'leader')];
    expect(leader).toBeDefined();

    // Signed in as a browser does, through the proxy (its Origin is the proxy's, which the nodes accept as their Host).
    const cookie = await loginCookie(proxyUrl, ADMIN.email, ADMIN.password);
    // The proxy takes the nodes in turn: after a request served by the leader, the next one goes to the other node.
    // One more then lands the viewer's upgrade on the leader, so its kill also moves the lease.
    if ((await readHealth(proxyUrl))?.node === leader) await readHealth(proxyUrl);

    const v = watchFleet(proxyUrl, cookie);
    viewer = v;
    const { snapshots, connects, disconnects } = v;
    /** Every robot known and each with a pose received and produced after `since`. */
    const allFresh = (since: number) => v.allFresh(ROBOTS, since);

    await waitFor('the viewer to see every robot moving', () => allFresh(t0), 15_000, 100);
    // Only this viewer is connected: the node with one viewer serves it.
    const viewersOn = async () => (await health()).map((h) => (h?.components.realtime?.viewers as number | undefined) ?? null);
    const before = await viewersOn();
    expect(before.filter((n) => n === 1)).toHaveLength(1);
    expect(before.filter((n) => n === 0)).toHaveLength(NODES.length - 1);
    const victim = NODES[before.indexOf(1)]!;
    const survivor = NODES.find((n) => n !== victim)!;
    const survivorUrl = urls[NODES.indexOf(survivor)]!;
    const pid = pids.get(victim);
    expect(pid).toBeGreaterThan(0);
    const [snapshotsBefore, firstId] = [snapshots.length, v.socket.id];

    const killedAt = Date.now();
    process.kill(pid!, 'SIGKILL');
    await waitFor(`${victim} (pid ${pid}) to be gone`, () => !alive(pid!), 5_000);

    // Back within the bound, by the client's own reconnection (no new client object), through the proxy.
    await waitFor('the viewer to reconnect', () => v.socket.connected && connects.length === 2, RECONNECT_MS, 50);
    const back = connects[1]!;
    expect(disconnects.map((d) => d.reason)).toEqual(['transport close']);
    expect(back.at - killedAt).toBeLessThan(RECONNECT_MS);
    expect((await readHealth(survivorUrl))?.components.realtime?.viewers).toBe(1);

    // The surviving node leads (it took the lease when the victim was the leader).
    await waitFor(
      `${survivor} to lead`,
      async () => {
        const h = await readHealth(survivorUrl);
        return h && leaderOf(h) === 'leader';
      },
      Math.max(500, LEADER_MS - (Date.now() - killedAt)),
      100,
    );
    const leaderAfterMs = Date.now() - killedAt;

    // A snapshot of the whole fleet came with the reconnect, then fresh poses of every robot.
    await waitFor('a snapshot after the reconnect', () => snapshots.length > snapshotsBefore, 5_000, 50);
    expect(snapshots[snapshotsBefore]!.robots).toBe(ROBOTS);
    await waitFor('every robot moving again', () => allFresh(back.at), FRESH_POSES_MS - (Date.now() - killedAt), 100);
    const freshAfterMs = Date.now() - killedAt;

    console.log(
      `[cluster-viewers] killed ${victim} (${victim === leader ? 'the leader' : 'a standby'}); viewer back on ${survivor} after ` +
        `${back.at - killedAt} ms, recovered=${back.recovered} (socket id ${back.id === firstId ? 'kept' : 'new'}), ` +
        `${survivor} leading at ${leaderAfterMs} ms, every robot fresh at ${freshAfterMs} ms`,
    );
  }, 75_000);
});
