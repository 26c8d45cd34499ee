// Two app processes on one broker, one bus and one database, each with its gateway: they split the robots (each
// robot message enters the bus once, through its owner), both see the whole fleet, and when one stops gracefully
// (it says goodbye) the other takes its robots over at once, none of them falling silent. Needs the shared services (DATABASE_URL, BUS_URL, MQTT_URL); skipped otherwise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './app';
import type { RobotTelemetry } from './domain/telemetry';
import { SUBJECTS } from './domain/telemetry';
import type { SimFleet } from './sim/fleet';
import { clusterServices, openClusterSite, type ClusterSite } from './testing/cluster-site';
import { waitFor } from './testing/test-env';

const run = clusterServices.all;
const ROBOTS = 20;
/**
 * Without the goodbye a handover waited for the node's silence (STALE_AFTER_MS, 3 s; measured 2948 ms). Alone it is
 * now 0 ms; on a loaded machine node a may still be working through messages it received before the goodbye
 * (measured 1.6 s once in a full suite run): the bound stays below the 3 s a kill costs.
 */
const HANDOVER_MS = 2500;
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
  it('split the robots: each message enters the bus once, both nodes see the whole fleet; one stops gracefully, the other takes over at once', async () => {
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
    // History on either node reaches the last second for every robot, the other gateway's too: each node keeps a
    // readers' copy of the other's robots' newest slices (the stored ones are up to 30 s behind).
    for (const app of [a, b!]) {
      const at = Date.now() - 1000;
      const past = await app.history.reader.fleetAt(at);
      // Samples come at 5 Hz; 3 s allows a hiccup of the simulator, and is far below the 30 s a stored slice lags.
      const behind = past.robots
        .filter((r) => r.sampleAt === null || at - r.sampleAt > 3000)
        .map((r) => `${r.serialNumber}: ${r.sampleAt === null ? 'no sample' : `${at - r.sampleAt} ms`}`);
      expect(past.robots.length).toBe(ROBOTS);
      expect(behind, `robots whose newest sample before ${at} is over 3 s old on ${app.node.id}`).toEqual([]);
    }
    const dupes = [...seen.entries()].filter(([, n]) => n > 1);
    expect(dupes, 'messages that entered the bus twice').toEqual([]);
    const sent = fleet.published();
    expect(seen.size).toBeGreaterThanOrEqual(Math.floor(0.99 * (sent.visualization + sent.state)) - ROBOTS * 2);

    // Node b stops gracefully: it says goodbye first, so node a's gateway takes b's robots at once instead of after
    // 3 s of silence (a kill still waits for that). For up to GOODBYE_OVERLAP_MS (composition/cluster.ts) both
    // gateways handle b's robots: a few messages may enter the bus twice, so that none is missed.
    const before = a.gateway.health().otherGateways ?? 0;
    const stoppedAt = Date.now();
    // Looked at every 10 ms: when node a's gateway last left a robot's message to another gateway (the handover;
    // 0 when it left none after the stop began, i.e. within the first look), and the longest any robot went unheard
    // on node a (before the goodbye: about 3 s for node b's). Before the stop it left b's to b (checked above).
    let leftToOthers = before;
    let lastLeftAt = stoppedAt;
    let longestSilenceMs = 0;
    const looks = setInterval(() => {
      const n = a.gateway.health().otherGateways ?? 0;
      if (n !== leftToOthers) [leftToOthers, lastLeftAt] = [n, Date.now()];
      for (const r of a.store.list()) if (r.lastSeenAt !== null) longestSilenceMs = Math.max(longestSilenceMs, Date.now() - r.lastSeenAt);
    }, 10);
    await b!.stop();
    const stopMs = Date.now() - stoppedAt;
    b = null;
    await new Promise((r) => setTimeout(r, 1500));
    clearInterval(looks);
    const handoverMs = lastLeftAt - stoppedAt;
    const twice = [...seen.entries()].filter(([, n]) => n > 1).length;
    if (process.env.TEST_PRINT_FIGURES)
      console.log(
        `handover after a gateway said goodbye: ${handoverMs} ms, to within 10 ms (node b stopped in ${stopMs} ms; longest silence of a robot ${longestSilenceMs} ms; ${twice} messages entered the bus twice)`,
      );
    expect(handoverMs, 'node a hears every robot through its own gateway well before the 3 s of silence').toBeLessThan(HANDOVER_MS);
    // A robot is unheard while node a's gateway registers it on first contact (a database round trip; its messages
    // wait in order meanwhile), only a few hundred ms on an idle database, longer on a busy one.
    expect(longestSilenceMs, "node b's robots are not silent on node a for the 3 s of before").toBeLessThan(2000);
    // Duplicates only within the overlap: well under a second of the whole fleet (2 messages × 5 Hz a robot).
    expect(twice).toBeLessThan(ROBOTS * 2 * 5);
    expect((await a.runtime.health()).components.cluster).toMatchObject({ nodes: [expect.objectContaining({ node: 'node-a' })] });
  });
});
