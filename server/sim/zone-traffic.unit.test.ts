// The robot's zone traffic memory stays bounded (requests, zone sets) and answers point-in-zone questions.
import { describe, expect, it } from 'vitest';
import { map } from './agv-test-fixtures';
import { addRequest, createZoneTraffic, MAX_ZONE_REQUESTS, releaseZone, storeZoneSet, zonesAt, zoneSetsReport } from './zone-traffic';
import { SITE_ZONES } from './zone-test-fixtures';

const zones = SITE_ZONES.zones.map((z) => releaseZone(z, 'STOP'));

describe('zone traffic memory', () => {
  it('keeps at most MAX_ZONE_REQUESTS requests, making room by dropping ended ones first', () => {
    const t = createZoneTraffic();
    for (let i = 0; i < MAX_ZONE_REQUESTS; i++) expect(addRequest(t, 'zs', `z-${i}`)).not.toBeNull();
    expect(addRequest(t, 'zs', 'z-more')).toBeNull();
    t.requests[3]!.status = 'EXPIRED';
    expect(addRequest(t, 'zs', 'z-more')?.requestId).toBe(`zr-${MAX_ZONE_REQUESTS + 1}`);
    expect(t.requests).toHaveLength(MAX_ZONE_REQUESTS);
    expect(t.requests.some((r) => r.zoneId === 'z-3')).toBe(false);
  });

  it('keeps one enabled zone set per map and a few maps at most', () => {
    const t = createZoneTraffic();
    for (let i = 0; i < 6; i++) storeZoneSet(t, { zoneSetId: `zs-${i}`, mapId: `map-${i}`, releaseZones: zones });
    storeZoneSet(t, { zoneSetId: 'zs-new', mapId: 'map-5', releaseZones: zones });
    const report = zoneSetsReport(t);
    expect(report.length).toBeLessThanOrEqual(4);
    expect(report.filter((s) => s.mapId === 'map-5')).toEqual([{ zoneSetId: 'zs-new', mapId: 'map-5', zoneSetStatus: 'ENABLED' }]);
  });

  it('finds the dock zone a point lies in', () => {
    const t = createZoneTraffic();
    storeZoneSet(t, { zoneSetId: SITE_ZONES.zoneSetId, mapId: map.mapId, releaseZones: zones });
    const set = t.sets[0]!;
    expect(zonesAt(set, 18, 2.5).map((z) => z.zoneId)).toEqual(['release-dock-2']);
    expect(zonesAt(set, 18, 6)).toEqual([]);
  });
});
