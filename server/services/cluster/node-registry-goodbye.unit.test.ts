// A node stopping gracefully says goodbye (leave()): its peers forget it at once rather than after its silence,
// a goodbye in this node's own name or a malformed one changes nothing, the leaver announces nothing more (not
// even to a newcomer's hello), and a node that comes back after its goodbye is a new peer again.
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

const facts = (node: string, startedAt = 1): NodeFacts => ({
  node,
  roles: ['gateway', 'ingest', 'web', 'control'],
  redis: true,
  leader: false,
  startedAt,
});
const clock = { now: () => 1_000_000 };

function site() {
  const bus = createInProcessBus();
  const left: string[] = [];
  const joined: string[] = [];
  const registry = (node: string, startedAt = 1) => {
    const r = createNodeRegistry({
      bus,
      clock,
      self: () => facts(node, startedAt),
      everyMs: 60_000,
      staleAfterMs: 180_000,
      onPeer: (p) => void joined.push(`${node}<-${p.node}`),
      onLeft: (p) => void left.push(`${node}<-${p.node}`),
    });
    stops.push(() => r.stop());
    return r;
  };
  const say = (payload: unknown) =>
    bus.publish(newEnvelope({ subject: CLUSTER_SUBJECTS.nodes, source: 'test', producedAt: 0, receivedAt: 0, payload }));
  return { bus, left, joined, registry, say };
}

describe('node registry: goodbye', () => {
  it('a goodbye drops the node from its peers at once (no waiting for its silence), and it announces no more', async () => {
    const s = site();
    const a = s.registry('a');
    const b = s.registry('b');
    await settle();
    expect(a.nodes().map((n) => n.node)).toEqual(['a', 'b']);
    b.leave();
    await settle();
    expect(a.nodes().map((n) => n.node)).toEqual(['a']);
    expect(s.left).toEqual(['a<-b']);
    // A newcomer's hello gets no answer from the node that left: it does not come back by itself.
    const c = s.registry('c');
    await settle();
    expect(c.nodes().map((n) => n.node)).toEqual(['c', 'a']);
    expect(a.refused()).toBe(0);
  });

  it('ignores a goodbye in its own name, and refuses a malformed one (counted)', async () => {
    const s = site();
    const a = s.registry('a');
    s.registry('b');
    await settle();
    s.say({ ...facts('a'), leaving: true });
    s.say({ ...facts('b'), leaving: 'yes' });
    s.say({ ...facts('b'), roles: ['cook'], leaving: true });
    await settle();
    expect(a.nodes().map((n) => n.node)).toEqual(['a', 'b']);
    expect(a.refused()).toBe(2);
    // A goodbye of a node nobody knows changes nothing.
    s.say({ ...facts('z'), leaving: true });
    await settle();
    expect(a.nodes().map((n) => n.node)).toEqual(['a', 'b']);
    // (b took the goodbye in a's name for a's own: only a, whose name it is, knows better.)
    expect(s.left).toEqual(['b<-a']);
  });

  it('a node that comes back after its goodbye (restarted with the same NODE_ID) is a new peer again', async () => {
    const s = site();
    const a = s.registry('a');
    const b = s.registry('b');
    await settle();
    b.leave();
    b.stop();
    await settle();
    expect(a.nodes().map((n) => n.node)).toEqual(['a']);
    s.registry('b', 2);
    await settle();
    expect(a.nodes().map((n) => [n.node, n.startedAt])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(s.joined.filter((j) => j === 'a<-b')).toHaveLength(2);
    // And one that keeps beating after a goodbye (a stray goodbye, or its restart racing it) is back at its next beat.
    s.say({ ...facts('b', 2), leaving: true });
    await settle();
    expect(a.nodes().map((n) => n.node)).toEqual(['a']);
    s.say(facts('b', 2));
    await settle();
    expect(a.nodes().map((n) => n.node)).toEqual(['a', 'b']);
    expect(s.joined.filter((j) => j === 'a<-b')).toHaveLength(3);
  });
});
