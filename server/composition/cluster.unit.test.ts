// The node registry and the web-node check, on one in-process bus standing in for the site's NATS (the bus
// contract makes them interchangeable): peers found within a round trip, gone after silence, bad announcements
// refused and bounded, and a second web node without REDIS_URL stopped while the first only reports it.
import { afterEach, describe, expect, it } from 'vitest';
import { createInProcessBus } from '../adapters/bus/in-process';
import { createLocalLeaderLease, createNeverLeaderLease } from '../adapters/storage/local-leader-lease';
import { parseConfig } from '../config';
import { newEnvelope } from '../domain/envelope';
import { CLUSTER_SUBJECTS } from '../domain/cluster/cluster-subjects';
import { createNodeRegistry, type NodeFacts } from '../services/cluster/node-registry';
import { testLogger } from '../testing/test-env';
import { composeCluster } from './cluster';

const settle = () => new Promise((r) => setTimeout(r, 20));
const stops: (() => unknown)[] = [];
afterEach(async () => {
  for (const s of stops.splice(0)) await s();
});

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}
const facts = (node: string, extra: Partial<NodeFacts> = {}): NodeFacts => ({
  node,
  roles: ['gateway', 'ingest', 'web', 'control'],
  redis: false,
  leader: false,
  startedAt: 1,
  ...extra,
});

describe('node registry', () => {
  it('a newcomer knows its peers within a round trip, and a silent peer is gone after staleAfterMs', async () => {
    const bus = createInProcessBus();
    const c = clock();
    const a = createNodeRegistry({ bus, clock: c, self: () => facts('a', { leader: true }), everyMs: 60_000, staleAfterMs: 5000 });
    stops.push(() => a.stop());
    await settle();
    const b = createNodeRegistry({ bus, clock: c, self: () => facts('b'), everyMs: 60_000, staleAfterMs: 5000 });
    stops.push(() => b.stop());
    await settle();
    // b's hello made a answer at once, not at its next beat a minute later.
    expect(b.nodes().map((n) => [n.node, n.self, n.leader])).toEqual([
      ['b', true, false],
      ['a', false, true],
    ]);
    expect(a.nodes().map((n) => n.node)).toEqual(['a', 'b']);
    c.advance(5001);
    expect(a.nodes().map((n) => n.node)).toEqual(['a']);
  });

  it('forgets nobody while this process is itself behind (its own timer late): silence then proves nothing', async () => {
    const bus = createInProcessBus();
    const c = clock();
    const a = createNodeRegistry({ bus, clock: c, self: () => facts('a'), everyMs: 1000, staleAfterMs: 3000 });
    stops.push(() => a.stop());
    const b = createNodeRegistry({ bus, clock: c, self: () => facts('b'), everyMs: 60_000 });
    stops.push(() => b.stop());
    await settle();
    // Five seconds pass in which a's own once-a-second timer never ran (its event loop was busy).
    c.advance(5000);
    expect(a.nodes().map((n) => n.node)).toEqual(['a', 'b']);
    expect(a.prunesHeld()).toBe(1);
  });

  it('refuses malformed announcements and keeps at most maxNodes peers', async () => {
    const bus = createInProcessBus();
    const c = clock();
    const a = createNodeRegistry({ bus, clock: c, self: () => facts('a'), everyMs: 60_000, maxNodes: 3 });
    stops.push(() => a.stop());
    const say = (payload: unknown) =>
      bus.publish(newEnvelope({ subject: CLUSTER_SUBJECTS.nodes, source: 'test', producedAt: 0, receivedAt: 0, payload }));
    say(null);
    say({ ...facts('x'), roles: ['cook'] });
    say({ ...facts('x'.repeat(65)) });
    say({ ...facts('y'), startedAt: 'yesterday' });
    for (let i = 0; i < 5; i++) say(facts(`p${i}`));
    await settle();
    expect(a.nodes().map((n) => n.node)).toEqual(['a', 'p0', 'p1', 'p2']);
    expect(a.refused()).toBe(4 + 2);
  });
});

describe('several web nodes', () => {
  const node = async (id: string, env: Record<string, string>, bus: ReturnType<typeof createInProcessBus>, c: ReturnType<typeof clock>) => {
    const config = parseConfig({ NODE_ID: id, ...env });
    const fatal: string[] = [];
    const lease = config.NODE_ROLES.control ? createLocalLeaderLease() : createNeverLeaderLease();
    const m = composeCluster(config, { bus, clock: c, logger: testLogger, lease, onFatal: (msg) => fatal.push(msg) });
    stops.push(() => m.stop());
    await settle();
    return { m, fatal };
  };

  it('without REDIS_URL, the newer web node is stopped with one line and the older reports the clash', async () => {
    const bus = createInProcessBus();
    const c = clock();
    const older = await node('web-1', {}, bus, c);
    c.advance(1000);
    const newer = await node('web-2', {}, bus, c);
    expect(newer.fatal).toEqual([
      'REDIS_URL must be set on every web node when several run: web-1 is a web node on this bus without REDIS_URL, and so is this one (NODE_ROLES includes web, REDIS_URL is unset)',
    ]);
    expect(older.fatal).toEqual([]);
    expect(older.m.health().cluster).toMatchObject({ status: 'degraded', problems: [expect.stringContaining('web-2 is a web node')] });
  });

  it('with REDIS_URL on both there is no clash; without, started in the same millisecond, the node id decides who stops', async () => {
    const bus = createInProcessBus();
    const c = clock();
    const redis = { REDIS_URL: 'redis://127.0.0.1:6379' };
    const a = await node('web-1', redis, bus, c);
    const b = await node('web-2', redis, bus, c);
    expect([a.fatal, b.fatal]).toEqual([[], []]);
    const bus2 = createInProcessBus();
    const d = await node('web-3', {}, bus2, c);
    const e = await node('gw-1', { NODE_ROLES: 'gateway,ingest,web' }, bus2, c);
    // Both are web nodes without Redis: a clash; same start time, so web-3 > gw-1 stops.
    expect(d.fatal).toHaveLength(1);
    expect(e.fatal).toEqual([]);
    expect(e.m.health().cluster).toMatchObject({ status: 'degraded' });
    expect(a.m.health().cluster).toMatchObject({
      status: 'ok',
      nodes: [expect.objectContaining({ node: 'web-1', redis: true, self: true }), expect.objectContaining({ node: 'web-2' })],
    });
  });
});

describe('a goodbye between gateways', () => {
  it('the peers split the robots without the leaver at once; the leaver leaves its robots after a short overlap', async () => {
    const bus = createInProcessBus();
    const c = clock();
    const gw = (id: string) => {
      const m = composeCluster(parseConfig({ NODE_ID: id, BUS_URL: 'nats://127.0.0.1:4222', REDIS_URL: 'redis://127.0.0.1:6379' }), {
        bus,
        clock: c,
        logger: testLogger,
        lease: createNeverLeaderLease(),
      });
      stops.push(() => m.stop());
      return m;
    };
    const a = gw('gw-a');
    const b = gw('gw-b');
    await settle();
    expect(a.ownership!.gateways()).toEqual(['gw-a', 'gw-b']);
    const robots = Array.from({ length: 40 }, (_, i) => `acme/r${i}`);
    const ofB = robots.filter((r) => b.ownership!.owns(r));
    expect(ofB.length).toBeGreaterThan(0);
    expect(ofB.some((r) => a.ownership!.owns(r))).toBe(false);
    b.leave();
    await settle();
    // a takes every robot the moment the goodbye arrives (no 3 s of silence); b still handles its own for now.
    expect(a.ownership!.gateways()).toEqual(['gw-a']);
    expect(robots.every((r) => a.ownership!.owns(r))).toBe(true);
    expect(ofB.every((r) => b.ownership!.owns(r))).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(b.ownership!.gateways()).toEqual(['gw-a']);
    expect(robots.some((r) => b.ownership!.owns(r))).toBe(false);
  });
});
