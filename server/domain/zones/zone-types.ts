// Zones of the site (VDA 5050 3.0 zoneSet) and the traffic control that answers robots' zone and edge requests.
// Pure data shared by the arbiter, the API and the UI.

/** VDA 5050 3.0 zone types (zoneSet.schema.json). The arbiter controls access to RELEASE zones. */
export const ZONE_TYPES = [
  'BLOCKED',
  'LINE_GUIDED',
  'RELEASE',
  'COORDINATED_REPLANNING',
  'SPEED_LIMIT',
  'ACTION',
  'PRIORITY',
  'PENALTY',
  'DIRECTED',
  'BIDIRECTED',
] as const;
export type ZoneType = (typeof ZONE_TYPES)[number];

export interface Zone {
  zoneId: string;
  zoneType: ZoneType;
  zoneDescriptor?: string;
  /** Polygon in map metres, at least three vertices. */
  vertices: { x: number; y: number }[];
  /** RELEASE zones: what a robot does when it loses the release (schema field). */
  releaseLossBehavior?: 'STOP' | 'CONTINUE' | 'EVACUATE';
  /** SPEED_LIMIT zones, m/s. */
  maximumSpeed?: number;
}

export interface ZoneSet {
  zoneSetId: string;
  mapId: string;
  zoneSetDescriptor?: string;
  zones: Zone[];
}

/** What fleet control answers (responses.schema.json `grantType`; the prose calls it responseType). */
export type GrantType = 'GRANTED' | 'QUEUED' | 'REVOKED' | 'REJECTED';
/** A decision as recorded: an answer sent to the robot, or the end of a grant (released by the robot, lease expired). */
export type RequestDecision = GrantType | 'RELEASED' | 'EXPIRED';

/** A zone (`zone:<zoneSetId>/<zoneId>`) or an edge (`edge:<edgeId>`): one holder at a time. */
export type ResourceKind = 'zone' | 'edge';

export interface ResourceHolder {
  robotId: number;
  requestId: string;
  grantedAt: number;
  leaseExpiry: number;
  /** Revoked by an operator: the robot was told; the resource stays held until the robot lets go or the lease ends. */
  revoked: boolean;
}

export interface ResourceWaiter {
  robotId: number;
  requestId: string;
  since: number;
}

/** One zone or edge with its holder and queue, as zones.overview lists them. */
export interface ResourceStatus {
  kind: ResourceKind;
  /** zoneId or edgeId. */
  id: string;
  holder: ResourceHolder | null;
  queue: ResourceWaiter[];
}

/** One row of the request log (zones.requests), newest first. */
export interface RequestRecord {
  id: number;
  robotId: number;
  kind: ResourceKind;
  /** zoneId or edgeId. */
  resource: string;
  requestId: string;
  /** ACCESS or REPLANNING for zones, CORRIDOR for edges. */
  requestType: string;
  decision: RequestDecision;
  /** Why, in words (e.g. "held by SIM-0004", "unknown zone", "lease ended"). */
  reason: string;
  leaseExpiry: number | null;
  at: number;
}

/**
 * Where an overview comes from: this process's arbiter; the leader's view relayed within the last 5 s; the last
 * view relayed, older than that (no leader, or the bus is cut: holders and queues as they were then); or none yet
 * (every zone shown free, because nothing is known).
 */
export interface ZoneViewSource {
  kind: 'arbiter' | 'relayed' | 'stale' | 'none';
  /** The node whose arbiter made the view (relayed, stale). */
  node: string | null;
  /** When this process received it (relayed, stale), ms since the epoch. */
  receivedAt: number | null;
}

export const ARBITER_SOURCE: ZoneViewSource = { kind: 'arbiter', node: null, receivedAt: null };
