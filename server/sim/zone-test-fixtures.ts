// Shared fixtures of the zone traffic tests: the site's zone set (a STOP RELEASE zone around each dock) as fleet
// control sends it, responses to the robot's requests, and an order that drives into Dock 2's zone and out again.
import type { Zone } from '../domain/zones/zone-types';
import { siteZoneSet } from '../domain/zones/site-zones';
import type { AgvModel } from './agv-model';
import { map, order } from './agv-test-fixtures';
import type { VdaAction } from './vda-inbound';
import { deliverZoneMessage, type ZoneInboxOutcome } from './zone-inbound';

/** Wall clock of every zone message in these tests; leases count from it. */
export const NOW_MS = Date.parse('2026-12-03T08:00:00.000Z');
export const SITE_ZONES = siteZoneSet(map);
export const DOCK2_ZONE = 'release-dock-2';
/** n-026 → n-004 (outside, the node before the zone) → dock-2 (inside) → n-004 → n-027. */
export const THROUGH_DOCK2 = ['n-026', 'n-004', 'dock-2', 'n-004', 'n-027'];

const header = (headerId: number) => ({
  headerId,
  timestamp: new Date(NOW_MS).toISOString(),
  version: '3.0.0',
  manufacturer: 'SimRobotics',
  serialNumber: 'T-1',
});

export function zoneSetMessage(zoneSet: { zoneSetId: string; mapId: string; zones: Zone[] } = SITE_ZONES): object {
  return { ...header(1), zoneSet };
}

export function responsesMessage(...responses: { requestId: string; grantType: string; leaseExpiry?: string }[]): object {
  return { ...header(2), responses };
}

export const sendZoneSet = (m: AgvModel, zoneSet?: Parameters<typeof zoneSetMessage>[0]): ZoneInboxOutcome =>
  deliverZoneMessage(m, 'zoneSet', JSON.stringify(zoneSetMessage(zoneSet)), NOW_MS);

/** One answer; `leaseSec` sets leaseExpiry that many seconds after NOW_MS. */
export function respond(m: AgvModel, requestId: string, grantType: string, leaseSec?: number): ZoneInboxOutcome {
  const lease = leaseSec === undefined ? {} : { leaseExpiry: new Date(NOW_MS + leaseSec * 1000).toISOString() };
  return deliverZoneMessage(m, 'responses', JSON.stringify(responsesMessage({ requestId, grantType, ...lease })), NOW_MS);
}

export const throughDock2 = (orderId: string, actionsAt?: Record<string, VdaAction[]>) =>
  order(orderId, 0, THROUGH_DOCK2, actionsAt ? { actionsAt } : {});

/** The robot's requests as [requestId, zoneId, status]. */
export const requests = (m: AgvModel): [string, string, string][] => m.zones.requests.map((r) => [r.requestId, r.zoneId, r.status]);

export const insideDock2 = (m: AgvModel): boolean => {
  const { x, y } = m.robot.motion;
  return x > 16 && x < 20 && y > 0.5 && y < 4.5;
};
