import { describe, expect, it } from 'vitest';
import { RequestArbiter, type ObservedRequest } from './request-arbiter';

const site = {
  zoneSetId: 'zs',
  zones: [
    { zoneId: 'dock-1', zoneType: 'RELEASE' as const },
    { zoneId: 'slow', zoneType: 'SPEED_LIMIT' as const },
    { zoneId: 'replan', zoneType: 'COORDINATED_REPLANNING' as const },
  ],
  edgeIds: ['e1'],
};
const zone = (requestId: string, status: ObservedRequest['status'] = 'REQUESTED', zoneId = 'dock-1'): ObservedRequest => ({
  kind: 'zone',
  resource: zoneId,
  zoneSetId: 'zs',
  requestId,
  requestType: 'ACCESS',
  status,
});
const edge = (requestId: string, edgeId = 'e1'): ObservedRequest => ({
  kind: 'edge',
  resource: edgeId,
  requestId,
  requestType: 'CORRIDOR',
  status: 'REQUESTED',
});
const arbiter = () => new RequestArbiter(site, { leaseMs: 10_000, resendMs: 1_000, maxQueue: 2, maxRequestsPerRobot: 3 }, (id) => `R${id}`);

describe('zone and edge request arbiter', () => {
  it('grants a free zone, queues the next robot and grants it when the first lets go', () => {
    const a = arbiter();
    expect(a.observe(1, [zone('a')], 0).answers).toEqual([{ robotId: 1, requestId: 'a', grantType: 'GRANTED', leaseExpiry: 10_000 }]);
    const q = a.observe(2, [zone('b')], 100);
    expect(q.answers).toEqual([{ robotId: 2, requestId: 'b', grantType: 'QUEUED', leaseExpiry: null }]);
    expect(q.decisions[0]!.reason).toContain('held by R1');
    expect(a.status()).toEqual([
      expect.objectContaining({
        kind: 'zone',
        id: 'dock-1',
        holder: expect.objectContaining({ robotId: 1 }),
        queue: [expect.objectContaining({ robotId: 2 })],
      }),
    ]);
    const freed = a.observe(1, [], 2_000);
    expect(freed.answers).toEqual([{ robotId: 2, requestId: 'b', grantType: 'GRANTED', leaseExpiry: 12_000 }]);
    expect(freed.decisions.map((d) => [d.robotId, d.decision])).toEqual([
      [1, 'RELEASED'],
      [2, 'GRANTED'],
    ]);
  });

  it('says nothing new while a robot repeats its request, and answers again after the resend period', () => {
    const a = arbiter();
    a.observe(1, [zone('a')], 0);
    expect(a.observe(1, [zone('a')], 500).answers).toEqual([]);
    expect(a.observe(1, [zone('a', 'GRANTED')], 600).answers).toEqual([]);
    expect(a.observe(1, [zone('a')], 1_500).answers).toEqual([{ robotId: 1, requestId: 'a', grantType: 'GRANTED', leaseExpiry: 10_000 }]);
  });

  it('passes a zone on when the lease ends, and the old holder is not granted again by repeating itself', () => {
    const a = arbiter();
    a.observe(1, [zone('a', 'REQUESTED')], 0);
    a.observe(2, [zone('b')], 0);
    const t = a.tick(10_000);
    expect(t.decisions.map((d) => [d.robotId, d.decision])).toEqual([
      [1, 'EXPIRED'],
      [2, 'GRANTED'],
    ]);
    expect(a.observe(1, [zone('a', 'GRANTED')], 10_500).answers).toEqual([]);
    expect(a.status()[0]!.holder!.robotId).toBe(2);
  });

  it('renews a holder that asks again, keeping the zone', () => {
    const a = arbiter();
    a.observe(1, [zone('a')], 0);
    a.observe(2, [zone('b')], 0);
    const r = a.observe(1, [zone('a', 'GRANTED'), zone('a2')], 8_000);
    expect(r.answers).toEqual([{ robotId: 1, requestId: 'a2', grantType: 'GRANTED', leaseExpiry: 18_000 }]);
    // Dropping the old request does not free the zone: the new one holds it.
    expect(a.observe(1, [zone('a2', 'GRANTED')], 9_000).answers).toEqual([]);
    expect(a.tick(12_000).answers).toEqual([]);
    expect(a.status()[0]!.holder).toMatchObject({ robotId: 1, requestId: 'a2' });
  });

  it('rejects what it cannot grant, with the reason', () => {
    const a = arbiter();
    const reasons = (r: ObservedRequest) => a.observe(9, [r], 0).decisions.map((d) => [d.decision, d.reason]);
    expect(reasons(zone('x', 'REQUESTED', 'nowhere'))).toEqual([['REJECTED', 'unknown zone nowhere']]);
    expect(reasons({ ...zone('y'), zoneSetId: 'other' })).toEqual([['REJECTED', "zone set other is not the site's (zs)"]]);
    expect(reasons(zone('z', 'REQUESTED', 'slow'))[0]![1]).toContain('ACCESS requests are for RELEASE zones');
    expect(reasons(edge('w', 'e404'))).toEqual([['REJECTED', 'unknown edge e404']]);
  });

  it('grants replanning without exclusion', () => {
    const a = arbiter();
    const replan = (id: string): ObservedRequest => ({ ...zone(id, 'REQUESTED', 'replan'), requestType: 'REPLANNING' });
    expect(a.observe(1, [replan('p')], 0).answers[0]!.grantType).toBe('GRANTED');
    expect(a.observe(2, [replan('q')], 0).answers[0]!.grantType).toBe('GRANTED');
    expect(a.status()).toEqual([]);
  });

  it('guards edges like zones', () => {
    const a = arbiter();
    expect(a.observe(1, [edge('e')], 0).answers[0]!.grantType).toBe('GRANTED');
    expect(a.observe(2, [edge('f')], 0).answers[0]!.grantType).toBe('QUEUED');
    expect(a.observe(1, [], 1).answers).toEqual([{ robotId: 2, requestId: 'f', grantType: 'GRANTED', leaseExpiry: 10_001 }]);
  });

  it('bounds the queue and each robot’s open requests', () => {
    const a = arbiter();
    a.observe(1, [zone('a')], 0);
    a.observe(2, [zone('b')], 0);
    a.observe(3, [zone('c')], 0);
    expect(a.observe(4, [zone('d')], 0).decisions[0]).toMatchObject({ decision: 'REJECTED', reason: 'queue full (2 robots wait)' });
    const many = ['p', 'q', 'r', 's', 't'].map((id) => edge(id));
    const out = a.observe(5, many, 0);
    expect(out.answers.filter((x) => x.grantType === 'REJECTED').map((x) => x.requestId)).toEqual(['s', 't']);
    // The overflow is not remembered, and its refusal is not repeated within the resend period.
    expect(a.observe(5, many, 100).answers).toEqual([]);
  });

  it('lets a queued robot withdraw, and skips it when the zone frees', () => {
    const a = arbiter();
    a.observe(1, [zone('a')], 0);
    a.observe(2, [zone('b')], 0);
    a.observe(3, [zone('c')], 0);
    expect(a.observe(2, [], 1).decisions).toEqual([
      expect.objectContaining({ robotId: 2, decision: 'RELEASED', reason: 'withdrawn while queued' }),
    ]);
    expect(a.observe(1, [], 2).answers).toEqual([{ robotId: 3, requestId: 'c', grantType: 'GRANTED', leaseExpiry: 10_002 }]);
  });

  it('revokes on an operator’s word; the zone stays held until the robot lets go', () => {
    const a = arbiter();
    a.observe(1, [zone('a')], 0);
    a.observe(2, [zone('b')], 0);
    const r = a.revoke('zone', 'dock-1', 1_000, 'alice');
    expect(r.robotId).toBe(1);
    expect(r.answers).toEqual([{ robotId: 1, requestId: 'a', grantType: 'REVOKED', leaseExpiry: null }]);
    expect(a.status()[0]!.holder).toMatchObject({ robotId: 1, revoked: true });
    // Asking again does not bring it back.
    expect(a.observe(1, [zone('a', 'GRANTED'), zone('a3')], 1_100).answers[0]!.grantType).toBe('QUEUED');
    const freed = a.observe(1, [zone('a', 'REVOKED'), zone('a3')], 1_200);
    expect(freed.answers).toEqual([{ robotId: 2, requestId: 'b', grantType: 'GRANTED', leaseExpiry: 11_200 }]);
    expect(a.revoke('zone', 'slow', 0, 'alice').robotId).toBeNull();
  });

  it('after a restart, adopts a grant a robot reports when the zone is free, and revokes a second claimant', () => {
    const a = arbiter();
    const adopted = a.observe(1, [zone('a', 'GRANTED')], 0);
    expect(adopted.answers).toEqual([]);
    expect(adopted.decisions[0]).toMatchObject({ decision: 'GRANTED', reason: 'adopted: the robot reports it granted' });
    expect(a.observe(2, [zone('b', 'GRANTED')], 0).answers).toEqual([
      { robotId: 2, requestId: 'b', grantType: 'REVOKED', leaseExpiry: null },
    ]);
  });

  it('a new arbiter seeded with another’s holders and queue keeps them: the first to report does not win', () => {
    const old = arbiter();
    old.observe(1, [zone('a')], 0);
    old.observe(2, [zone('b')], 10);
    old.observe(3, [zone('c')], 20);
    const next = arbiter();
    // Unknown resources and a queue past the bound are not taken over.
    next.seed([...old.status(), { kind: 'zone', id: 'nowhere', holder: null, queue: [{ robotId: 9, requestId: 'x', since: 0 }] }], 500);
    expect(next.status()).toEqual(old.status());
    // Robot 3 reports first after the change: still queued behind 2, not granted; 1 repeating itself is told nothing new.
    expect(next.observe(3, [zone('c')], 600).answers).toEqual([]);
    expect(next.observe(1, [zone('a', 'GRANTED')], 600).answers).toEqual([]);
    // 1 lets go: 2 (first in the seeded queue) is granted.
    expect(next.observe(1, [], 700).answers).toEqual([{ robotId: 2, requestId: 'b', grantType: 'GRANTED', leaseExpiry: 10_700 }]);
    // The seeded lease still ends: 2's new one at 10,700.
    expect(next.tick(10_701).answers).toEqual([{ robotId: 3, requestId: 'c', grantType: 'GRANTED', leaseExpiry: 20_701 }]);
  });
});
