// `npm run cluster` (tools/cluster.ts) end to end, as a child process: three nodes on a database of this test, the
// shared NATS, Mosquitto and Redis, the round-robin proxy and ten simulated robots. Each node answers with its own id,
// exactly one leads, every node sees the whole fleet, the proxy spreads requests over the nodes, and SIGTERM stops it
// all cleanly (the run's NATS stream and Redis keys deleted). Needs DATABASE_URL, BUS_URL and MQTT_URL (and Redis on
// 127.0.0.1:6379, or REDIS_URL); skipped otherwise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTs, type Child } from '../bench/lib/proc';
import { leaderOf, readHealth, robotsOf, type NodeHealth } from '../tools/cluster/nodes';
import { createTestDatabase, freePort, freePortRun, waitFor } from './testing/test-env';

const { DATABASE_URL, BUS_URL, MQTT_URL } = process.env;
const run = Boolean(DATABASE_URL && BUS_URL && MQTT_URL);
const NODES = ['node-1', 'node-2', 'node-3'];
const ROBOTS = 10;

let cluster: Child | null = null;
let drop: () => Promise<void> = async () => {};
let proxyUrl = '';
let urls: string[] = [];

beforeAll(async () => {
  if (!run) return;
  const db = await createTestDatabase();
  drop = db.drop;
  const port = await freePort();
  const basePort = await freePortRun(NODES.length);
  proxyUrl = `http://127.0.0.1:${port}`;
  urls = NODES.map((_, i) => `http://127.0.0.1:${basePort + i}`);
  const args = ['--duration', '40', '--robots', String(ROBOTS), '--hz', '5', '--port', String(port), '--base-port', String(basePort)];
  args.push('--db', new URL(db.url!).pathname.slice(1));
  cluster = startTs('tools/cluster.ts', args, { LOG_LEVEL: 'warn' }, 'cluster');
  await cluster.waitFor(/^\[cluster\] ready/, 90_000);
}, 100_000);

afterAll(async () => {
  await cluster?.stop('SIGKILL');
  await drop();
});

describe.skipIf(!run)('npm run cluster', () => {
  it('starts three nodes behind a round-robin proxy with one leader, and stops them cleanly', async () => {
    const healths = (await Promise.all(urls.map((u) => readHealth(u)))) as NodeHealth[];
    expect(healths.map((h) => h?.node)).toEqual(NODES);
    for (const h of healths) expect(h.components.cluster?.nodes).toHaveLength(NODES.length);
    expect(healths.map(leaderOf).filter((l) => l === 'leader')).toHaveLength(1);
    expect(leaderOf(healths[2]!)).toBe('not a candidate');
    await waitFor('every node to see every robot', async () => {
      const now = await Promise.all(urls.map((u) => readHealth(u)));
      return now.every((h) => h && robotsOf(h) === ROBOTS);
    });

    const served = new Set<string | undefined>();
    for (let i = 0; i < 6; i++) served.add((await readHealth(proxyUrl))?.node);
    expect(served.size).toBeGreaterThan(1);
    expect([...served].every((n) => n !== undefined && NODES.includes(n))).toBe(true);

    expect(await cluster!.stop('SIGTERM', 30_000)).toBe(0);
    expect(cluster!.output.some((l) => /^\[cluster\] deleted NATS stream /.test(l))).toBe(true);
    expect(cluster!.output.some((l) => /^\[cluster\] deleted \d+ Redis keys /.test(l))).toBe(true);
    expect(await Promise.all(urls.map((u) => readHealth(u, 500)))).toEqual([null, null, null]);
  }, 60_000);
});
