// VDA 5050 3.0 zone access as a simulated robot practises it for RELEASE zones of its enabled zone set:
// - it asks (a REQUESTED zone request) shortly before the edge into such a zone and does not enter until GRANTED;
//   QUEUED keeps it waiting, REJECTED fails the order;
// - it holds a grant while inside the zone or about to drive in, renews it (a new request) before the lease ends,
//   marks it EXPIRED if the lease runs out, and drops it once it has left: that is how fleet control learns it let go;
// - a revoked or expired release in a STOP zone stops it where it is until granted again (it asks again at once);
//   CONTINUE and EVACUATE let it drive on out of the zone.
// Without a zone set nothing here applies and the robot drives as before. Pure: time is the model's.
import { addError, orderActive, warning, type AgvContext, type AgvModel, type RunNode } from './agv-model';
import type { Point } from './kinematics';
import { abortOrder } from './order-abort';
import {
  addRequest,
  enabledSet,
  inZone,
  zonesOfNode,
  type HeldRequest,
  type ReleaseZone,
  type StoredZoneSet,
  type ZoneTraffic,
} from './zone-traffic';

/** Path metres before the edge into a zone at which the robot asks, so that a prompt grant costs it no stop. */
const REQUEST_AHEAD_M = 3;
/** A lease is renewed this long before it ends (or halfway, for leases shorter than twice this). */
const RENEW_BEFORE_SEC = 10;
/** Released nodes looked at ahead of the robot. */
const LOOK_AHEAD_NODES = 10;

export interface ZoneResponse {
  requestId: string;
  grantType: 'GRANTED' | 'QUEUED' | 'REVOKED' | 'REJECTED';
  /** Wall-clock end of the lease, ms since the epoch. */
  leaseExpiryMs?: number;
}

const setOf = (m: AgvModel, ctx: AgvContext): StoredZoneSet | undefined => enabledSet(m.zones, ctx.planner.map.mapId);
const sameZone = (r: HeldRequest, zoneSetId: string, zoneId: string) => r.zoneSetId === zoneSetId && r.zoneId === zoneId;

function granted(t: ZoneTraffic, zoneSetId: string, zoneId: string): boolean {
  return t.requests.some((r) => r.status === 'GRANTED' && sameZone(r, zoneSetId, zoneId));
}

/** Its release of the zone was revoked or ran out, and no grant came since. */
function lostRelease(t: ZoneTraffic, zoneSetId: string, zoneId: string): boolean {
  const ended = t.requests.some((r) => (r.status === 'REVOKED' || r.status === 'EXPIRED') && sameZone(r, zoneSetId, zoneId));
  return ended && !granted(t, zoneSetId, zoneId);
}

/** Its release is lost but the zone's rules let it drive on out of it. */
function leavesWithoutRelease(m: AgvModel, set: StoredZoneSet, z: ReleaseZone): boolean {
  if (z.releaseLossBehavior === 'STOP') return false;
  return lostRelease(m.zones, set.zoneSetId, z.zoneId) && inZone(z, m.robot.motion.x, m.robot.motion.y);
}

function mayBeIn(m: AgvModel, set: StoredZoneSet, z: ReleaseZone): boolean {
  return granted(m.zones, set.zoneSetId, z.zoneId) || leavesWithoutRelease(m, set, z);
}

/** How many of `targets` (the next nodes, in order) the robot may drive to: up to the first in a zone it may not enter. */
export function enterableCount(m: AgvModel, targets: readonly RunNode[], ctx: AgvContext): number {
  const set = targets.length > 0 ? setOf(m, ctx) : undefined;
  if (!set || set.releaseZones.length === 0) return targets.length;
  for (let i = 0; i < targets.length; i++) {
    for (const z of zonesOfNode(set, targets[i]!)) if (!mayBeIn(m, set, z)) return i;
  }
  return targets.length;
}

/** Inside a STOP zone whose release was revoked or ran out: it stands where it is until granted again. */
export function mustStopInZone(m: AgvModel, ctx: AgvContext): boolean {
  const t = m.zones;
  if (t.requests.length === 0) return false;
  const set = setOf(m, ctx);
  if (!set) return false;
  for (const r of t.requests) {
    if ((r.status !== 'REVOKED' && r.status !== 'EXPIRED') || r.zoneSetId !== set.zoneSetId) continue;
    const z = set.releaseZones.find((x) => x.zoneId === r.zoneId);
    if (z && stopsInZone(m, set, z)) return true;
  }
  return false;
}

function stopsInZone(m: AgvModel, set: StoredZoneSet, z: ReleaseZone): boolean {
  return z.releaseLossBehavior === 'STOP' && lostRelease(m.zones, set.zoneSetId, z.zoneId) && inZone(z, m.robot.motion.x, m.robot.motion.y);
}

/** Zones of the edges the robot is about to drive: those ending within REQUEST_AHEAD_M of path from here. */
function addZonesAhead(m: AgvModel, set: StoredZoneSet, into: Set<string>): void {
  const order = m.order;
  if (!order) return;
  let from: Point = m.approach ?? m.robot.motion;
  let dist = m.approach ? Math.hypot(m.approach.x - m.robot.motion.x, m.approach.y - m.robot.motion.y) : 0;
  let seen = 0;
  for (const n of order.nodes) {
    if (!n.released || dist > REQUEST_AHEAD_M || seen++ >= LOOK_AHEAD_NODES) break;
    for (const z of zonesOfNode(set, n)) into.add(z.zoneId);
    dist += Math.hypot(n.x - from.x, n.y - from.y);
    from = n;
  }
}

// Reused by every step (steps run one at a time): no Set is allocated per robot per tick.
/** Zones (ids in the enabled set) the edges it is about to drive end in. */
const ahead = new Set<string>();
/** Zones it needs: those ahead and those it stands in. */
const needed = new Set<string>();

function findNeededZones(m: AgvModel, set: StoredZoneSet | undefined, active: boolean): void {
  ahead.clear();
  needed.clear();
  if (!set) return;
  if (active) addZonesAhead(m, set, ahead);
  for (const id of ahead) needed.add(id);
  const { x, y } = m.robot.motion;
  for (const z of set.releaseZones) if (inZone(z, x, y)) needed.add(z.zoneId);
}

function isNeeded(r: HeldRequest, set: StoredZoneSet | undefined): boolean {
  return set !== undefined && r.zoneSetId === set.zoneSetId && needed.has(r.zoneId);
}

/** For a needed zone: asks for it first (while executing an order), again after a lost release, or to renew a lease. */
function askIfDue(m: AgvModel, set: StoredZoneSet, zoneId: string, active: boolean): boolean {
  const t = m.zones;
  let grant: HeldRequest | undefined;
  for (const r of t.requests) {
    if (!sameZone(r, set.zoneSetId, zoneId)) continue;
    if (r.status === 'REQUESTED') return false; // asked already: waiting for the answer
    if (r.status === 'GRANTED') grant = r;
  }
  if (grant) {
    // Renewal: still needed near the lease's end; fleet control grants a holder's new request at once.
    const renewAt = grant.leaseEndsAt - Math.min(RENEW_BEFORE_SEC, grant.leaseSec / 2);
    return m.robot.time >= renewAt && addRequest(t, set.zoneSetId, zoneId) !== null;
  }
  if (!active) return false;
  // First access to a zone ahead (unless its rules let it drive on out after a lost release), or asking again
  // where a lost release holds it still. A zone it merely stands in and is leaving needs no request.
  const z = set.releaseZones.find((x) => x.zoneId === zoneId)!;
  const due = ahead.has(zoneId) ? !leavesWithoutRelease(m, set, z) : stopsInZone(m, set, z);
  return due && addRequest(t, set.zoneSetId, zoneId) !== null;
}

/** One step of zone bookkeeping, after the robot moved: leases end, releases go, requests and renewals are made. */
export function stepZoneAccess(m: AgvModel, ctx: AgvContext): void {
  const t = m.zones;
  const set = setOf(m, ctx);
  const active = m.mode === 'master' && orderActive(m);
  if (t.requests.length === 0 && !(set && active)) return; // the usual case: nothing to look at
  findNeededZones(m, set, active);
  let changed = false;

  for (const r of t.requests) {
    if (r.status === 'GRANTED' && m.robot.time >= r.leaseEndsAt) {
      r.status = 'EXPIRED';
      changed = true;
    }
  }
  // Let go of (or stop asking for) what it no longer needs: outside the zone and not heading into it.
  if (!t.requests.every((r) => isNeeded(r, set))) {
    t.requests = t.requests.filter((r) => isNeeded(r, set));
    changed = true;
  }
  if (set) for (const zoneId of needed) if (askIfDue(m, set, zoneId, active)) changed = true;
  if (changed) m.changed = true; // a new request goes out in a state at once
}

/** Applies fleet control's answers. `nowMs`: the wall clock on receipt, to turn leaseExpiry into simulated time. */
export function applyZoneResponses(m: AgvModel, responses: readonly ZoneResponse[], nowMs: number): void {
  const t = m.zones;
  for (const res of responses) {
    const r = t.requests.find((x) => x.requestId === res.requestId);
    if (!r) continue; // over already (let go, or replaced): the next state tells fleet control
    switch (res.grantType) {
      case 'GRANTED': {
        if (r.status !== 'REQUESTED' && r.status !== 'GRANTED') break;
        const leaseSec = res.leaseExpiryMs === undefined ? Infinity : Math.max(0, (res.leaseExpiryMs - nowMs) / 1000);
        r.status = 'GRANTED';
        r.leaseSec = leaseSec;
        r.leaseEndsAt = m.robot.time + leaseSec;
        // The new grant replaces earlier ones for the zone (renewal) and the lost ones it was asked for after.
        t.requests = t.requests.filter((x) => x === r || x.status === 'REQUESTED' || !sameZone(x, r.zoneSetId, r.zoneId));
        m.changed = true;
        break;
      }
      case 'QUEUED':
        break; // acknowledged, not permitted: keep waiting
      case 'REVOKED':
        if (r.status === 'REVOKED' || r.status === 'EXPIRED') break;
        r.status = 'REVOKED';
        m.changed = true;
        break;
      case 'REJECTED':
        if (r.status !== 'REQUESTED') break;
        t.requests = t.requests.filter((x) => x !== r);
        m.changed = true;
        // A refused renewal leaves the grant it has until the lease ends; a refused entry ends the order.
        if (!granted(t, r.zoneSetId, r.zoneId) && orderActive(m)) rejectOrder(m, r);
        break;
    }
  }
}

function rejectOrder(m: AgvModel, r: HeldRequest): void {
  const why = `fleet control rejected access to zone ${r.zoneId} (zone set ${r.zoneSetId})`;
  const refs = { orderId: m.order!.orderId, zoneId: r.zoneId, zoneSetId: r.zoneSetId, requestId: r.requestId };
  abortOrder(m, why);
  addError(m, warning('zoneAccessRejected', `${why}: order ${refs.orderId} failed before entering the zone`, refs));
}
