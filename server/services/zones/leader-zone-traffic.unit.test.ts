// One arbiter per cluster: the leader's view reaches a process that does not lead, a revoke made there reaches the
// leader's arbiter, malformed notices are refused (counted), and a process that gains the lease starts its arbiter
// from the last view relayed, so the holder stays the holder.
import { afterEach, describe, expect, it } from 'vitest';
import { createInProcessBus } from '../../adapters/bus/in-process';
import { createLocalLeaderLease, createNeverLeaderLease } from '../../adapters/storage/local-leader-lease';
import { CLUSTER_SUBJECTS } from '../../domain/cluster/cluster-subjects';
import { newEnvelope } from '../../domain/envelope';
import { ARBITER_SOURCE, type ResourceStatus } from '../../domain/zones/zone-types';
import type { LeaderLease } from '../../ports/leader-lease';
import type { ZoneOverview } from '../../ports/zone-traffic';
import { testLogger } from '../../testing/test-env';
import { createLeaderZoneTraffic } from './leader-zone-traffic';
import { emptyZoneStats, type ZoneTrafficService } from './zone-traffic';

const settle = () => new Promise((r) => setTimeout(r, 20));
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const s of stops.splice(0)) await s();
});

const held = (robotId: number): ResourceStatus => ({
  kind: 'zone',
  id: 'z1',
  holder: { robotId, requestId: `r${robotId}`, grantedAt: 0, leaseExpiry: 9e15, revoked: false },
  queue: [],
});
const view = (status: ResourceStatus): ZoneOverview => ({
  zoneSetId: 'zs',
  mapId: 'm',
  zones: [{ zoneId: 'z1', zoneType: 'RELEASE', vertices: [], status }],
  edges: [],
  source: ARBITER_SOURCE,
});
const empty = () => view({ kind: 'zone', id: 'z1', holder: null, queue: [] });

/** An arbiter stand-in: what it shows, what it was asked to revoke, and what it was seeded with. */
function fakeArbiter(seed: ResourceStatus[] | null) {
  const revoked: string[] = [];
  const service: ZoneTrafficService = {
    overview: () => view(held(7)),
    requests: async () => [],
    revoke: (kind, id, by) => (revoked.push(`${kind}:${id}:${by}`), { revoked: true, robotId: 7 }),
    stats: () => ({ ...emptyZoneStats(), answers: { ...emptyZoneStats().answers, GRANTED: 1 } }),
    flush: async () => {},
    stop: async () => {},
  };
  return { service, revoked, seed };
}

function node(name: string, lease: LeaderLease, bus = createInProcessBus(), now = () => Date.now()) {
  const started: ReturnType<typeof fakeArbiter>[] = [];
  const z = createLeaderZoneTraffic({
    bus,
    clock: { now },
    logger: testLogger,
    lease,
    node: name,
    start: (seed) => {
      const f = fakeArbiter(seed);
      started.push(f);
      return f.service;
    },
    log: { insert: async () => {}, list: async () => [] },
    empty,
  });
  stops.push(() => z.stop());
  return { z, started, bus };
}

describe('zone traffic with one arbiter per cluster', () => {
  it('the other node shows the leader’s view, passes its revoke on, and refuses malformed notices', async () => {
    const bus = createInProcessBus();
    const leader = node('n1', createLocalLeaderLease(), bus);
    const other = node('n2', createNeverLeaderLease(), bus);
    await settle();
    expect(leader.z.leading()).toBe(true);
    expect(other.z.leading()).toBe(false);
    expect(other.started).toHaveLength(0);
    // Before any view: the zones with nobody in them. Then the leader's view (relayed after its revoke, below).
    expect(other.z.overview().zones[0]!.status.holder).toBeNull();
    expect(other.z.stats().answers.GRANTED).toBe(0);
    leader.z.revoke('edge', 'e9', 'setup');
    await settle();
    expect(other.z.overview().zones[0]!.status.holder?.robotId).toBe(7);
    expect(other.z.revoke('zone', 'z1', 'op')).toEqual({ revoked: true, robotId: 7 });
    await settle();
    expect(leader.started[0]!.revoked).toEqual(['edge:e9:setup', 'zone:z1:op']);
    for (const payload of [
      null,
      { node: 'x' },
      { node: 'x', kind: 'zone', id: 'z'.repeat(500), by: 'op' },
      { node: 'x', kind: 'room', id: 'z1', by: 'op' },
    ])
      bus.publish(newEnvelope({ subject: CLUSTER_SUBJECTS.zoneRevoke, source: 't', producedAt: 0, receivedAt: 0, payload }));
    bus.publish(
      newEnvelope({
        subject: CLUSTER_SUBJECTS.zoneView,
        source: 't',
        producedAt: 0,
        receivedAt: 0,
        payload: { node: 'x', overview: { zones: 'all' } },
      }),
    );
    await settle();
    expect(leader.started[0]!.revoked).toHaveLength(2);
    expect(leader.z.refused()).toBe(5);
  });

  it('says where its view comes from, and keeps showing the last one, marked stale, when the leader goes quiet', async () => {
    const bus = createInProcessBus();
    let at = 1_000_000;
    const leader = node('n1', createLocalLeaderLease(), bus);
    const other = node('n2', createNeverLeaderLease(), bus, () => at);
    await settle();
    expect(leader.z.overview().source.kind).toBe('arbiter');
    // Nothing relayed yet: every zone free, and said to be unknown rather than free.
    expect(other.z.overview().source).toEqual({ kind: 'none', node: null, receivedAt: null });
    leader.z.revoke('edge', 'e9', 'setup'); // relays the view at once
    await settle();
    expect(other.z.overview().source).toEqual({ kind: 'relayed', node: 'n1', receivedAt: 1_000_000 });
    at += 4_999;
    expect(other.z.overview().source.kind).toBe('relayed');
    at += 1; // 5 s without a view (the leader relays every second)
    const stale = other.z.overview();
    expect(stale.source).toEqual({ kind: 'stale', node: 'n1', receivedAt: 1_000_000 });
    expect(stale.zones[0]!.status.holder?.robotId).toBe(7); // not shown free: the holder as last known
  });

  it('a node that gains the lease starts its arbiter from the last view relayed', async () => {
    const bus = createInProcessBus();
    const listeners: ((leader: boolean) => void)[] = [];
    let leading = false;
    const lease: LeaderLease = {
      ...createNeverLeaderLease(),
      isLeader: () => leading,
      onChange: (l) => (listeners.push(l), () => {}),
    };
    const leader = node('n1', createLocalLeaderLease(), bus);
    const other = node('n2', lease, bus);
    await settle();
    leader.z.revoke('zone', 'nothing', 'relay now');
    await settle();
    leading = true;
    for (const l of listeners) l(true);
    await settle();
    expect(other.started).toHaveLength(1);
    expect(other.started[0]!.seed).toEqual([held(7)]);
    expect(other.z.leading()).toBe(true);
  });
});
