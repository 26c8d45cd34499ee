// The site map as a LIF 1.0.0 document (pure), for integrators' tools and for SITE_LAYOUT. A two-way edge is
// written as two directed LIF edges (the reverse one's id gets `-reverse`); a place becomes a station whose id
// carries its kind (`dock-…`, `charger-…`), and a charger's node lists the `startCharging` action, so lif-import.ts
// reads the same site back. The floor and scenery go in the app's own `fleetscopeGeometry` extension.
import type { MapEdge, MapNode, WarehouseMap } from '../warehouse-map';
import { LIF_VERSION, type LifDocument, type LifEdge, type LifNode, type LifStation } from './lif-types';

/** The app plans one graph for every robot: the layout names one vehicle type, the simulated robots' series. */
export const LIF_VEHICLE_TYPE = 'SimRobotics AMR-1';

function node(n: MapNode, mapId: string): LifNode {
  const charger = n.place?.kind === 'charger';
  return {
    nodeId: n.id,
    ...(n.place && { nodeName: n.place.name }),
    mapId,
    nodePosition: { x: n.x, y: n.y },
    vehicleTypeNodeProperties: [
      { vehicleTypeId: LIF_VEHICLE_TYPE, actions: charger ? [{ actionType: 'startCharging', blockingType: 'HARD' }] : [] },
    ],
  };
}

const edgeProps = (e: MapEdge) => [
  { vehicleTypeId: LIF_VEHICLE_TYPE, rotationAllowed: true, ...(e.maxSpeed !== undefined && { maxSpeed: e.maxSpeed }) },
];

export function warehouseMapToLif(map: WarehouseMap, exportedAt: Date): LifDocument {
  const edges: LifEdge[] = [];
  for (const e of map.edges) {
    edges.push({ edgeId: e.id, startNodeId: e.from, endNodeId: e.to, vehicleTypeEdgeProperties: edgeProps(e) });
    if (!e.oneWay) edges.push({ edgeId: `${e.id}-reverse`, startNodeId: e.to, endNodeId: e.from, vehicleTypeEdgeProperties: edgeProps(e) });
  }
  const stations: LifStation[] = map.nodes.flatMap((n) =>
    n.place
      ? [
          {
            stationId: `${n.place.kind}-${n.id}`,
            stationName: n.place.name,
            interactionNodeIds: [n.id],
            stationPosition: { x: n.x, y: n.y },
          },
        ]
      : [],
  );
  const { width, depth, docks, conveyors, racks, chargers, walls } = map;
  return {
    metaInformation: {
      projectIdentification: map.name,
      creator: 'fleetscope',
      exportTimestamp: exportedAt.toISOString(),
      lifVersion: LIF_VERSION,
    },
    layouts: [
      {
        layoutId: map.id,
        layoutName: map.name,
        layoutVersion: '1',
        nodes: map.nodes.map((n) => node(n, map.mapId)),
        edges,
        stations,
        fleetscopeGeometry: { width, depth, docks, conveyors, racks, chargers, walls, ...(map.zones && { zones: map.zones }) },
      },
    ],
  };
}
