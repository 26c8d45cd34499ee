// Zone traffic control as the API sees it (zones.*): the site's zones with their holders and queues, the request
// log, and an operator's revoke.
import type { Decision } from '../domain/zones/request-arbiter';
import type { RequestRecord, ResourceKind, ResourceStatus, Zone, ZoneViewSource } from '../domain/zones/zone-types';

export interface ZoneOverview {
  zoneSetId: string;
  mapId: string;
  zones: (Zone & { status: ResourceStatus })[];
  /** Only edges that are held or waited for. */
  edges: ResourceStatus[];
  source: ZoneViewSource;
}

export interface ZoneRequestQuery {
  robotId?: number;
  kind?: ResourceKind;
  resource?: string;
  limit: number;
}

export interface ZoneTraffic {
  overview(): ZoneOverview;
  requests(q: ZoneRequestQuery): Promise<RequestRecord[]>;
  /** `by` names who revoked, for the log. Null robotId: nobody held it. */
  revoke(kind: ResourceKind, id: string, by: string): { revoked: boolean; robotId: number | null };
}

/** Where the request log is kept (the zone_requests table). */
export interface ZoneRequestLog {
  insert(rows: readonly Decision[]): Promise<void>;
  list(q: ZoneRequestQuery): Promise<RequestRecord[]>;
}

/** Sends 3.0's zone traffic messages to one robot (its body in 3.0's names; header added by the writer). */
export interface ZoneMessenger {
  send(robotId: number, topic: 'zoneSet' | 'responses', body: Record<string, unknown>): void;
}
