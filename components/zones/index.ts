// The zones feature's public entry: what other features may use (npm run lint checks it).
export { RobotZoneRequests } from './RobotZoneRequests';
export { ZonesPanel } from './ZonesPanel';
export { useRobotName } from './RobotName';
export { leaseLeftText, type Occupancy, OCCUPANCY_TEXT, occupancyOf, zoneViewCaveat } from './zone-format';
export { type ZonesOverview, type ZoneWithStatus, zonesOverviewQuery } from './zones-api';
export { useZonesOverviewListener } from './use-zones-overview-listener';
export { useServerNow } from './use-now';
