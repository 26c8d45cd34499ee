// Two app processes on one broker, one bus and one database, each with its gateway: they split the robots (each
// robot message enters the bus once, through its owner), both see the whole fleet, and when one stops the other
// takes its robots over within 5 s. Needs the shared services (DATABASE_URL, BUS_URL, MQTT_URL); skipped otherwise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './app';
import type { RobotTelemetry } from './domain/telemetry';
import { SUBJECTS } from './domain/telemetry';
import type { SimFleet } from './sim/fleet';
import { clusterServices, openClusterSite, type ClusterSite } from './testing/cluster-site';
import { waitFor } from './testing/test-env';

const run = clusterServices.all;
const ROBOTS = 20;
const HANDOVER_MS = 5000;
let site: ClusterSite | null = null;
let a: App;
let b: App | null = null;
let fleet: SimFleet | null = null;

const nodeCount = (app: App) => app.runtime.health().then((h) => (h.components.cluster?.nodes as unknown[] | undefined)?.length ?? 0);

beforeAll(async () => {
  if (!run) return;
  site = await openClusterSite('gw');
  a = await site.startNode('a');
  b = await site.startNode('b');
  await waitFor('both nodes to know each other', async () => (await nodeCount(a)) === 2 && (await nodeCount(b!)) === 2, 5000);
});
afterAll(() => site?.close());

describe.skipIf(!run)('two gateways on one broker', () => {
  it('split the robots: each message enters the bus once, both nodes see the whole fleet; one stops, the other takes over within 5 s', async () => {
    // Every pose and state that reaches node a's bus, from its own gateway or node b's, counted by header id.
    const seen = new Map<string, number>();
    for (const s of [SUBJECTS.visualization, SUBJECTS.state])
      a.bus.subscribe(s, (env) => {
        const t = env.payload as RobotTelemetry;
        const key = `${t.serialNumber}/${t.topic}/${t.message.headerId}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      });

    fleet = await site!.startFleet(ROBOTS, 11);
    for (const app of [a, b!]) await site!.seesFleet(app, ROBOTS);
    await new Promise((r) => setTimeout(r, 2000));
    const [ga, gb] = [a.gateway.health(), b!.gateway.health()];
    // Each gateway handled some robots and left the rest to the other.
    expect(ga.accepted).toBeGreaterThan(0);
    expect(gb.accepted).toBeGreaterThan(0);
    expect(ga.otherGateways).toBeGreaterThan(0);
    expect(gb.otherGateways).toBeGreaterThan(0);
    // The flow map of either node draws both nodes joined through the bus, with what each publishes and receives.
    await waitFor(
      'the flow map to show both nodes with their bus rates',
      () => {
        const g = b!.flow!.reader.graph();
        const edge = (id: string) => g.edges.find((e) => e.id === id);
        return (
          ['node-a', 'node-b'].every(
            (n) => (edge(`node:${n}->bus:nats`)?.msgsPerSec ?? 0) > 0 && (edge(`bus:nats->node:${n}`)?.msgsPerSec ?? 0) > 0,
          ) && g.nodes.some((n) => n.id === 'bus:nats')
        );
      },
      5000,
    );
    expect(b!.flow!.reader.graph().nodes.find((n) => n.id === 'node:node-b')).toMatchObject({ kind: 'node', label: 'node-b (this node)' });
    if (process.env.TEST_PRINT_FIGURES)
      for (const e of b!.flow!.reader.graph().edges.filter((x) => x.id.includes('bus:nats')))
        console.log(`flow map ${e.id}: ${e.msgsPerSec} msg/s, lag ${e.p50Ms} ms, backlog ${e.backlog}`);
    const dupes = [...seen.entries()].filter(([, n]) => n > 1);
    expect(dupes, 'messages that entered the bus twice').toEqual([]);
    const sent = fleet.published();
    expect(seen.size).toBeGreaterThanOrEqual(Math.floor(0.99 * (sent.visualization + sent.state)) - ROBOTS * 2);

    // Node b goes (as far as node a can tell, a kill: it says no goodbye). Its robots fall silent on node a's
    // bus until node a's registry forgets node b (3 s) and its gateway takes them over.
    const stoppedAt = Date.now();
    await b!.stop();
    b = null;
    const fresh = () => a.store.list().filter((r) => r.lastSeenAt !== null && Date.now() - r.lastSeenAt < 600).length;
    await new Promise((r) => setTimeout(r, 1000));
    expect(fresh(), "node b's robots are silent on node a for now").toBeLessThan(ROBOTS);
    await waitFor('node a to hear every robot through its own gateway', () => fresh() === ROBOTS, HANDOVER_MS + 2000, 50);
    const handoverMs = Date.now() - stoppedAt;
    expect(handoverMs).toBeLessThan(HANDOVER_MS);
    if (process.env.TEST_PRINT_FIGURES) console.log(`handover after a gateway stopped: ${handoverMs} ms`);
    // Still no message twice, through the handover.
    expect([...seen.entries()].filter(([, n]) => n > 1)).toEqual([]);
    expect((await a.runtime.health()).components.cluster).toMatchObject({ nodes: [expect.objectContaining({ node: 'node-a' })] });
  });
});
