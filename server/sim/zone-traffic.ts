// What a simulated VDA 5050 3.0 robot knows of zone traffic control: the zone sets fleet control sent it (one
// ENABLED per map) and its own zone access requests with their status and lease. Plain data plus the small
// operations on it; when to request, wait and let go is zone-access.ts. Pure: lease ends are in simulated seconds.
import type { RequestStatus, ZoneRequest } from '../domain/vda5050/messages';
import { zoneContains } from '../domain/zones/site-zones';
import type { Zone } from '../domain/zones/zone-types';

export type ReleaseLossBehavior = NonNullable<Zone['releaseLossBehavior']>;

/** A RELEASE zone of a stored set, with its bounding box so most position checks stop at four comparisons. */
export interface ReleaseZone {
  zoneId: string;
  vertices: { x: number; y: number }[];
  releaseLossBehavior: ReleaseLossBehavior;
  box: { minX: number; minY: number; maxX: number; maxY: number };
}

export interface StoredZoneSet {
  zoneSetId: string;
  mapId: string;
  /** Only the RELEASE zones: the other types ask nothing of this robot. */
  releaseZones: ReleaseZone[];
  /** The zones each order node lies in, worked out once per node object (nodes of a running order are kept). */
  nodeZones: WeakMap<object, readonly ReleaseZone[]>;
}

/** One zone access request as the robot tracks it. */
export interface HeldRequest {
  requestId: string;
  zoneId: string;
  zoneSetId: string;
  status: RequestStatus;
  /** Simulated time (robot.time, s) the lease ends; Infinity for a grant without leaseExpiry. */
  leaseEndsAt: number;
  /** Length of the lease when granted, s (Infinity without one). */
  leaseSec: number;
}

export interface ZoneTraffic {
  sets: StoredZoneSet[];
  requests: HeldRequest[];
  /** Requests issued so far: the next requestId is `zr-<issued + 1>`, unique for the robot's life. */
  issued: number;
}

/** Zone sets kept (one per map); more maps than this drop the oldest. */
const MAX_ZONE_SETS = 4;
/** Requests kept at once; when full, ended ones (REVOKED/EXPIRED) go first, else no new one is added. */
export const MAX_ZONE_REQUESTS = 8;

const NO_ZONES: readonly ReleaseZone[] = [];

export function createZoneTraffic(): ZoneTraffic {
  return { sets: [], requests: [], issued: 0 };
}

export function releaseZone(z: Pick<Zone, 'zoneId' | 'vertices'>, releaseLossBehavior: ReleaseLossBehavior): ReleaseZone {
  const xs = z.vertices.map((v) => v.x);
  const ys = z.vertices.map((v) => v.y);
  return {
    zoneId: z.zoneId,
    vertices: z.vertices.map((v) => ({ x: v.x, y: v.y })),
    releaseLossBehavior,
    box: { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) },
  };
}

export function inZone(z: ReleaseZone, x: number, y: number): boolean {
  const b = z.box;
  return x >= b.minX && x <= b.maxX && y >= b.minY && y <= b.maxY && zoneContains(z, x, y);
}

/** The RELEASE zones a point lies in (a shared empty array when none, which is the usual case). */
export function zonesAt(set: StoredZoneSet, x: number, y: number): readonly ReleaseZone[] {
  let found: ReleaseZone[] | null = null;
  for (const z of set.releaseZones) if (inZone(z, x, y)) (found ??= []).push(z);
  return found ?? NO_ZONES;
}

/** The RELEASE zones an order node lies in, cached per node object. */
export function zonesOfNode(set: StoredZoneSet, node: { x: number; y: number }): readonly ReleaseZone[] {
  let zones = set.nodeZones.get(node);
  if (!zones) {
    zones = zonesAt(set, node.x, node.y);
    set.nodeZones.set(node, zones);
  }
  return zones;
}

export function enabledSet(t: ZoneTraffic, mapId: string): StoredZoneSet | undefined {
  for (const s of t.sets) if (s.mapId === mapId) return s;
  return undefined;
}

/**
 * Stores a zone set as the ENABLED one of its map, replacing the map's previous one. Requests for zones that are
 * gone (another zone set, or the zone no longer a RELEASE zone) are dropped: fleet control reads that as let go.
 */
export function storeZoneSet(t: ZoneTraffic, set: Omit<StoredZoneSet, 'nodeZones'>): void {
  const stored: StoredZoneSet = { ...set, nodeZones: new WeakMap() };
  t.sets = [...t.sets.filter((s) => s.mapId !== set.mapId).slice(-(MAX_ZONE_SETS - 1)), stored];
  t.requests = t.requests.filter((r) =>
    t.sets.some((s) => s.zoneSetId === r.zoneSetId && s.releaseZones.some((z) => z.zoneId === r.zoneId)),
  );
}

/** Adds a REQUESTED request for a zone; null when the bound is reached even after dropping ended ones. */
export function addRequest(t: ZoneTraffic, zoneSetId: string, zoneId: string): HeldRequest | null {
  if (t.requests.length >= MAX_ZONE_REQUESTS) {
    const ended = t.requests.findIndex((r) => r.status === 'REVOKED' || r.status === 'EXPIRED');
    if (ended < 0) return null;
    t.requests = t.requests.filter((_, i) => i !== ended);
  }
  t.issued++;
  const r: HeldRequest = { requestId: `zr-${t.issued}`, zoneId, zoneSetId, status: 'REQUESTED', leaseEndsAt: Infinity, leaseSec: Infinity };
  t.requests = [...t.requests, r];
  return r;
}

/** Drops the requests not yet granted (on cancelOrder or a failed order: the robot no longer waits for them). */
export function dropPendingRequests(t: ZoneTraffic): boolean {
  const kept = t.requests.filter((r) => r.status !== 'REQUESTED');
  if (kept.length === t.requests.length) return false;
  t.requests = kept;
  return true;
}

/** The state's `zoneSets`: every stored set is the ENABLED one of its map. */
export function zoneSetsReport(t: ZoneTraffic): { zoneSetId: string; mapId: string; zoneSetStatus: 'ENABLED' }[] {
  return t.sets.map((s) => ({ zoneSetId: s.zoneSetId, mapId: s.mapId, zoneSetStatus: 'ENABLED' as const }));
}

/** The state's `zoneRequests`. */
export function zoneRequestsReport(t: ZoneTraffic): ZoneRequest[] {
  return t.requests.map((r) => ({
    requestId: r.requestId,
    requestType: 'ACCESS' as const,
    zoneId: r.zoneId,
    zoneSetId: r.zoneSetId,
    requestStatus: r.status,
  }));
}
