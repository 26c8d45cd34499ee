// A 3.0 robot under zone traffic control: it asks before driving into a RELEASE zone, waits at the node before it
// until GRANTED (QUEUED keeps it waiting, REJECTED fails the order), lets go once out, renews its lease in time,
// stops where it is when the release is revoked, and still obeys cancelOrder and pause. Without a zone set it
// drives exactly as before.
import { describe, expect, it } from 'vitest';
import { buildAgvState } from './agv-messages';
import type { AgvModel } from './agv-model';
import { action, makeCtx, map, modelAt, order, planner, run } from './agv-test-fixtures';
import { receiveInstantActions } from './instant-actions';
import { receiveOrder } from './order-accept';
import { HeaderSequence } from './vda-messages';
import { deliverZoneMessage } from './zone-inbound';
import {
  DOCK2_ZONE,
  insideDock2,
  NOW_MS,
  requests,
  respond,
  SITE_ZONES,
  sendZoneSet,
  THROUGH_DOCK2,
  throughDock2,
} from './zone-test-fixtures';

const ctx = makeCtx();
const headers = new HeaderSequence('SimRobotics', 'T-1', '3.0.0');
const stateOf = (m: AgvModel) => buildAgvState(headers.next('state', new Date(0).toISOString()), m, ctx);
const instant = (id: string, type: string) => ({ ...order('x', 0, ['n-026']), actions: [action(id, type, 'HARD')] });
const n004 = planner.node('n-004')!;
const deliverZone = (m: AgvModel, topic: 'zoneSet' | 'responses', payload: string) => deliverZoneMessage(m, topic, payload, NOW_MS);
const atN004 = (m: AgvModel) => Math.hypot(m.robot.motion.x - n004.x, m.robot.motion.y - n004.y) < 1e-6;

/** A robot on n-026 with the site's zone set and an order through Dock 2's zone, waiting at n-004 for access. */
function waitingAtN004(actionsAt?: Parameters<typeof throughDock2>[1]): AgvModel {
  const m = modelAt('n-026');
  expect(sendZoneSet(m)).toEqual({ topic: 'zoneSet', ok: true });
  expect(receiveOrder(m, throughDock2('o-z', actionsAt), ctx)).toBe('accepted');
  run(m, ctx, 30);
  return m;
}

describe('zone access of a simulated 3.0 robot', () => {
  it('asks before the edge into a RELEASE zone, waits at the node before it, stays on QUEUED, drives on once GRANTED', () => {
    const m = modelAt('n-026');
    sendZoneSet(m);
    receiveOrder(m, throughDock2('o-1'), ctx);
    // It asks while still on its way to n-004 (within a few metres of it), not only on arrival.
    run(m, ctx, 30, (x) => x.zones.requests.length > 0);
    expect(m.robot.lastNodeId).toBe('n-026');
    expect(m.changed).toBe(true); // the request goes out in a state at once
    run(m, ctx, 30);
    expect(atN004(m)).toBe(true);
    expect(stateOf(m)).toMatchObject({ lastNodeId: 'n-004', driving: false });
    expect(requests(m)).toEqual([['zr-1', DOCK2_ZONE, 'REQUESTED']]);

    respond(m, 'zr-1', 'QUEUED');
    run(m, ctx, 20);
    expect(atN004(m)).toBe(true);
    expect(requests(m)).toEqual([['zr-1', DOCK2_ZONE, 'REQUESTED']]);
    expect(m.order?.done).toBe(false); // waiting has no timeout of its own

    respond(m, 'zr-1', 'GRANTED');
    expect(requests(m)).toEqual([['zr-1', DOCK2_ZONE, 'GRANTED']]);
    run(m, ctx, 30, (x) => x.robot.lastNodeId === 'dock-2');
    expect(m.robot.lastNodeId).toBe('dock-2');
    expect(requests(m)).toEqual([['zr-1', DOCK2_ZONE, 'GRANTED']]); // held while inside
  });

  it('lets go of the zone (drops the request) once it is out and not heading back in', () => {
    const m = waitingAtN004();
    respond(m, 'zr-1', 'GRANTED');
    run(m, ctx, 60, (x) => x.robot.lastNodeId === 'dock-2');
    run(m, ctx, 30, (x) => !insideDock2(x));
    expect(m.robot.motion.y).toBeGreaterThan(4.4);
    expect(requests(m)).toEqual([]);
    run(m, ctx, 60, (x) => x.order?.done === true);
    expect(m.robot.lastNodeId).toBe('n-027');
    expect(m.zones.issued).toBe(1); // one request for the whole trip
  });

  it('fails the order on REJECTED: a zoneAccessRejected warning naming the zone, and it does not enter', () => {
    const m = waitingAtN004({ 'dock-2': [action('a-pick', 'pick')] });
    respond(m, 'zr-1', 'REJECTED');
    const s = stateOf(m);
    expect(s).toMatchObject({ orderId: 'o-z', driving: false, nodeStates: [], edgeStates: [] });
    expect(s.errors).toEqual([
      expect.objectContaining({
        errorType: 'zoneAccessRejected',
        errorLevel: 'WARNING',
        errorDescription: expect.stringContaining(DOCK2_ZONE),
      }),
    ]);
    expect(s.actionStates).toEqual([expect.objectContaining({ actionId: 'a-pick', actionStatus: 'FAILED' })]);
    expect(requests(m)).toEqual([]);
    run(m, ctx, 20);
    expect(atN004(m)).toBe(true);
    expect(requests(m)).toEqual([]);
  });

  it('renews the lease 10 s before it ends while still inside, and keeps the renewed grant', () => {
    const long = makeCtx({ actionSeconds: { pick: 40 } });
    const m = modelAt('n-026');
    sendZoneSet(m);
    receiveOrder(m, throughDock2('o-l', { 'dock-2': [action('a-pick', 'pick')] }), long);
    run(m, long, 30);
    const grantedAt = m.robot.time;
    respond(m, 'zr-1', 'GRANTED', 30);
    run(m, long, 40, (x) => x.zones.requests.length > 1);
    expect(m.robot.time - grantedAt).toBeCloseTo(20, 0);
    expect(insideDock2(m)).toBe(true);
    expect(requests(m)).toEqual([
      ['zr-1', DOCK2_ZONE, 'GRANTED'],
      ['zr-2', DOCK2_ZONE, 'REQUESTED'],
    ]);
    respond(m, 'zr-2', 'GRANTED', 120);
    expect(requests(m)).toEqual([['zr-2', DOCK2_ZONE, 'GRANTED']]);
    run(m, long, 120, (x) => x.order?.done === true);
    expect(m.robot.lastNodeId).toBe('n-027');
    expect(m.zones.requests).toEqual([]);
  });

  it('marks an unrenewed lease EXPIRED and, in a STOP zone, stands still until granted again', () => {
    const long = makeCtx({ actionSeconds: { pick: 15 } });
    const m = modelAt('n-026');
    sendZoneSet(m);
    receiveOrder(m, throughDock2('o-e', { 'dock-2': [action('a-pick', 'pick')] }), long);
    run(m, long, 30);
    respond(m, 'zr-1', 'GRANTED', 12);
    run(m, long, 14);
    expect(requests(m)).toEqual([
      ['zr-1', DOCK2_ZONE, 'EXPIRED'],
      ['zr-2', DOCK2_ZONE, 'REQUESTED'],
    ]);
    run(m, long, 30); // the pick is long done, yet it waits inside
    expect(insideDock2(m)).toBe(true);
    expect(m.robot.motion.speed).toBe(0);
    expect(stateOf(m).driving).toBe(false);
    respond(m, 'zr-2', 'GRANTED', 60);
    expect(requests(m)).toEqual([['zr-2', DOCK2_ZONE, 'GRANTED']]);
    run(m, long, 60, (x) => x.order?.done === true);
    expect(m.robot.lastNodeId).toBe('n-027');
  });

  it('on REVOKED stops where it is, asks again and drives on when granted again', () => {
    const m = waitingAtN004();
    respond(m, 'zr-1', 'GRANTED');
    run(m, ctx, 30, (x) => insideDock2(x) && x.robot.motion.speed > 0.3);
    respond(m, 'zr-1', 'REVOKED');
    run(m, ctx, 0.1);
    expect(requests(m)).toEqual([
      ['zr-1', DOCK2_ZONE, 'REVOKED'],
      ['zr-2', DOCK2_ZONE, 'REQUESTED'],
    ]);
    run(m, ctx, 3); // braking is instant in this model: it stands at once
    const at = { ...m.robot.motion };
    run(m, ctx, 10);
    expect([m.robot.motion.x, m.robot.motion.y, m.robot.motion.speed]).toEqual([at.x, at.y, 0]);
    expect(m.robot.lastNodeId).toBe('n-004');
    expect(stateOf(m).driving).toBe(false);
    respond(m, 'zr-2', 'GRANTED');
    expect(requests(m)).toEqual([['zr-2', DOCK2_ZONE, 'GRANTED']]);
    run(m, ctx, 60, (x) => x.order?.done === true);
    expect(m.robot.lastNodeId).toBe('n-027');
  });

  it('in a CONTINUE zone a revoked release lets it drive on out without asking again', () => {
    const m = modelAt('n-026');
    sendZoneSet(m, { ...SITE_ZONES, zones: SITE_ZONES.zones.map((z) => ({ ...z, releaseLossBehavior: 'CONTINUE' as const })) });
    receiveOrder(m, throughDock2('o-c'), ctx);
    run(m, ctx, 30);
    respond(m, 'zr-1', 'GRANTED');
    run(m, ctx, 30, (x) => insideDock2(x) && x.robot.motion.speed > 0.3);
    respond(m, 'zr-1', 'REVOKED');
    run(m, ctx, 60, (x) => x.order?.done === true);
    expect(m.robot.lastNodeId).toBe('n-027');
    expect(m.zones.issued).toBe(1);
    expect(requests(m)).toEqual([]);
  });

  it('asks nothing to leave a zone it stands in', () => {
    const m = modelAt('dock-2');
    sendZoneSet(m);
    receiveOrder(m, order('o-out', 0, ['dock-2', 'n-004', 'n-027']), ctx);
    run(m, ctx, 60, (x) => x.order?.done === true);
    expect(m.robot.lastNodeId).toBe('n-027');
    expect(m.zones.issued).toBe(0);
  });

  it('cancelOrder while waiting for a grant drops the request and ends the wait', () => {
    const m = waitingAtN004();
    expect(requests(m)).toEqual([['zr-1', DOCK2_ZONE, 'REQUESTED']]);
    receiveInstantActions(m, instant('c-1', 'cancelOrder'), ctx);
    expect(m.actions.find((a) => a.action.actionId === 'c-1')?.status).toBe('FINISHED');
    expect(requests(m)).toEqual([]);
    expect(stateOf(m)).toMatchObject({ nodeStates: [], driving: false });
    respond(m, 'zr-1', 'GRANTED'); // a late answer to a request that is over changes nothing
    run(m, ctx, 10);
    expect(requests(m)).toEqual([]);
    expect(atN004(m)).toBe(true);
    // A new order from here asks afresh.
    expect(receiveOrder(m, order('o-2', 0, ['n-004', 'dock-2']), ctx)).toBe('accepted');
    run(m, ctx, 1);
    expect(requests(m)).toEqual([['zr-2', DOCK2_ZONE, 'REQUESTED']]);
  });

  it('pause and resume work while it waits for a grant', () => {
    const m = waitingAtN004();
    receiveInstantActions(m, instant('p-1', 'startPause'), ctx);
    respond(m, 'zr-1', 'GRANTED');
    run(m, ctx, 5);
    expect(atN004(m)).toBe(true);
    receiveInstantActions(m, instant('p-2', 'stopPause'), ctx);
    run(m, ctx, 30, (x) => x.robot.lastNodeId === 'dock-2');
    expect(m.robot.lastNodeId).toBe('dock-2');
  });

  it('without a zone set for its map it drives as before and asks nothing', () => {
    const plain = modelAt('n-026');
    const elsewhere = modelAt('n-026');
    sendZoneSet(elsewhere, { ...SITE_ZONES, zoneSetId: 'other-zones', mapId: 'other-map' });
    const trace = (m: AgvModel): string[] => {
      receiveOrder(m, order('o-p', 0, THROUGH_DOCK2), ctx);
      const out: string[] = [];
      run(m, ctx, 120, (x) => (out.push(`${x.robot.motion.x},${x.robot.motion.y},${x.robot.activity}`), x.order?.done === true));
      return out;
    };
    const a = trace(plain);
    expect(trace(elsewhere)).toEqual(a);
    expect(plain.robot.lastNodeId).toBe('n-027');
    expect(plain.zones.issued + elsewhere.zones.issued).toBe(0);
    expect(plain.zones.sets).toEqual([]);
  });

  it('a new zone set for the same map replaces the old, and requests for the old one go', () => {
    const m = waitingAtN004();
    sendZoneSet(m, { ...SITE_ZONES, zoneSetId: 'zones-v2' });
    expect(m.zones.sets.map((s) => [s.zoneSetId, s.mapId])).toEqual([['zones-v2', map.mapId]]);
    expect(m.zones.requests.filter((r) => r.zoneSetId !== 'zones-v2')).toEqual([]);
    run(m, ctx, 0.1);
    expect(m.zones.requests.map((r) => [r.zoneSetId, r.zoneId, r.status])).toEqual([['zones-v2', DOCK2_ZONE, 'REQUESTED']]);
  });

  it('ignores malformed zone sets and responses without crashing', () => {
    const m = waitingAtN004();
    const before = JSON.stringify(m.zones.requests);
    const bad = [
      'not json',
      JSON.stringify({ zoneSet: { zoneSetId: 'z', mapId: map.mapId } }),
      JSON.stringify({ zoneSet: { zoneSetId: 'z', mapId: map.mapId, zones: [{ zoneId: 'a', zoneType: 'RELEASE', vertices: [] }] } }),
      JSON.stringify({
        zoneSet: {
          zoneSetId: 'z',
          mapId: map.mapId,
          zones: [{ zoneId: 'a', zoneType: 'RELEASE', vertices: SITE_ZONES.zones[0]!.vertices }],
        },
      }),
      JSON.stringify({ zoneSet: { zoneSetId: 'z', mapId: map.mapId, zones: [{ zoneId: 'a', zoneType: 'NOPE', vertices: [1, 2, 3] }] } }),
      'null',
    ];
    for (const payload of bad) {
      const r = deliverZone(m, 'zoneSet', payload);
      expect(r.ok, payload).toBe(false);
    }
    expect(deliverZone(m, 'responses', '{"responses": 3}').ok).toBe(false);
    expect(deliverZone(m, 'responses', '[]').ok).toBe(false);
    // Entries that are not well-formed are skipped; the others count.
    const mixed = {
      responses: [{ requestId: 'zr-1', grantType: 'MAYBE' }, { requestId: 'zr-1', grantType: 'GRANTED', leaseExpiry: 'soon' }, 7],
    };
    expect(deliverZone(m, 'responses', JSON.stringify(mixed)).ok).toBe(true);
    expect(JSON.stringify(m.zones.requests)).toBe(before);
    expect(m.zones.sets.map((s) => s.zoneSetId)).toEqual([SITE_ZONES.zoneSetId]);
    respond(m, 'zr-unknown', 'GRANTED');
    expect(requests(m)).toEqual([['zr-1', DOCK2_ZONE, 'REQUESTED']]);
  });
});
