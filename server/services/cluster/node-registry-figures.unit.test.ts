// What a node learns of its peers' bus from their announcements: their rates between two announcements, its own
// inbound lag, nothing from a malformed figure, and no rate across a peer's restart (its counters went back).
import { afterEach, describe, expect, it } from 'vitest';
import { createInProcessBus } from '../../adapters/bus/in-process';
import { CLUSTER_SUBJECTS } from '../../domain/cluster/cluster-subjects';
import { newEnvelope } from '../../domain/envelope';
import { createNodeRegistry, type NodeFacts } from './node-registry';

const settle = () => new Promise((r) => setTimeout(r, 20));
const stops: (() => void)[] = [];
afterEach(() => {
  for (const s of stops.splice(0)) s();
});

const facts = (node: string): NodeFacts => ({
  node,
  roles: ['gateway', 'ingest', 'web', 'control'],
  redis: true,
  leader: false,
  startedAt: 1,
});
const bus = (published: number, delivered: number, extra: Record<string, unknown> = {}) => ({
  published,
  delivered,
  pending: 3,
  lost: 0,
  lagMs: 2,
  ...extra,
});

describe('node registry: bus figures', () => {
  it('gives a peer’s rates from its announcements and this node’s lag from their transit', async () => {
    const b = createInProcessBus();
    let t = 1_000_000;
    const clock = { now: () => t };
    const a = createNodeRegistry({ bus: b, clock, self: () => facts('a'), busCounters: () => bus(0, 0), everyMs: 60_000 });
    stops.push(() => a.stop());
    const beat = (payload: unknown, transitMs: number) =>
      b.publish(newEnvelope({ subject: CLUSTER_SUBJECTS.nodes, source: 'test', producedAt: t - transitMs, receivedAt: t, payload }));
    beat({ ...facts('p'), bus: bus(100, 50) }, 4);
    await settle();
    expect(a.nodes()[1]).toMatchObject({ node: 'p', rates: null, bus: { published: 100, pending: 3 } });
    t += 1000;
    beat({ ...facts('p'), bus: bus(600, 250) }, 8);
    await settle();
    expect(a.nodes()[1]!.rates).toEqual({ publishedPerSec: 500, deliveredPerSec: 200 });
    expect(a.nodes()[0]).toMatchObject({ node: 'a', self: true, bus: { lagMs: 6 } });
    // p restarts: its counters start again from nothing; no rate rather than a negative one.
    t += 1000;
    beat({ ...facts('p'), bus: bus(10, 5) }, 4);
    await settle();
    expect(a.nodes()[1]!.rates).toBeNull();
    // A malformed figure refuses the whole announcement (the peer's last good one stands).
    for (const bad of [bus(-1, 0), bus(1, Number.NaN), bus(1, 1, { lagMs: 'slow' }), bus(1, 1, { pending: 1e20 }), 'lots'])
      beat({ ...facts('p'), bus: bad }, 4);
    await settle();
    expect(a.refused()).toBe(5);
    expect(a.nodes()[1]!.bus).toMatchObject({ published: 10 });
  });

  it('announces its own counters and gives its own rate between two of its beats', async () => {
    const b = createInProcessBus();
    let published = 0;
    const a = createNodeRegistry({
      bus: b,
      clock: { now: () => Date.now() },
      self: () => facts('a'),
      busCounters: () => ({ published: (published += 10), delivered: 0, pending: 0, lost: 0 }),
      everyMs: 50,
    });
    stops.push(() => a.stop());
    await new Promise((r) => setTimeout(r, 180));
    const [self] = a.nodes();
    expect(self!.rates!.publishedPerSec).toBeGreaterThan(0);
    expect(self!.bus).toMatchObject({ delivered: 0, lagMs: null });
  });
});
