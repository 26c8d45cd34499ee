// The site's zone set: the layout's own zones when it has some (LIF `fleetscopeGeometry.zones`), otherwise one
// RELEASE zone around each dock node, so that two robots never stand at one dock door. Pure.
import type { WarehouseMap } from '../warehouse-map';
import type { Zone, ZoneSet } from './zone-types';

/** Half the side of the square drawn around a dock node, metres: a robot docked there is inside it. */
export const DOCK_ZONE_HALF_SIDE = 2;

export function zoneSetIdOf(map: Pick<WarehouseMap, 'id'>): string {
  return `${map.id}-zones`;
}

function square(x: number, y: number, half: number): Zone['vertices'] {
  return [
    { x: x - half, y: y - half },
    { x: x + half, y: y - half },
    { x: x + half, y: y + half },
    { x: x - half, y: y + half },
  ];
}

export function dockZones(map: Pick<WarehouseMap, 'nodes'>): Zone[] {
  return map.nodes
    .filter((n) => n.place?.kind === 'dock')
    .map((n) => ({
      zoneId: `release-${n.id}`,
      zoneType: 'RELEASE' as const,
      zoneDescriptor: `${n.place!.name}: one robot at a time`,
      vertices: square(n.x, n.y, DOCK_ZONE_HALF_SIDE),
      releaseLossBehavior: 'STOP' as const,
    }));
}

export function siteZoneSet(map: Pick<WarehouseMap, 'id' | 'mapId' | 'name' | 'nodes' | 'zones'>): ZoneSet {
  return {
    zoneSetId: zoneSetIdOf(map),
    mapId: map.mapId,
    zoneSetDescriptor: `Zones of ${map.name}`,
    zones: map.zones ?? dockZones(map),
  };
}

/** Even-odd ray casting; points on an edge may fall either way (zones are drawn with margin). */
export function zoneContains(zone: Pick<Zone, 'vertices'>, x: number, y: number): boolean {
  const v = zone.vertices;
  let inside = false;
  for (let i = 0, j = v.length - 1; i < v.length; j = i++) {
    const a = v[i]!;
    const b = v[j]!;
    if (a.y > y !== b.y > y && x < ((b.x - a.x) * (y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}
