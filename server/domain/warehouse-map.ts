// The warehouse site: static geometry for the 3D view plus the drivable graph (VDA 5050 node ids,
// positions in metres, x to the east, y to the north, theta in radians).
import type { Zone } from './zones/zone-types';

export type PlaceKind = 'dock' | 'conveyor' | 'rack' | 'charger' | 'parking';

export interface MapNode {
  id: string;
  x: number;
  y: number;
  /** Set when the node is a named destination (a dock door, a conveyor transfer point, a rack slot, a charger). */
  place?: { kind: PlaceKind; name: string };
}

export interface MapEdge {
  id: string;
  from: string;
  to: string;
  /** Edges are drivable both ways unless `oneWay` is true. */
  oneWay?: boolean;
  /** Speed limit in m/s (from a LIF layout's vehicleTypeEdgeProperties), sent as the order edge's maxSpeed. */
  maxSpeed?: number;
}

/** Axis-aligned box in metres: centre x/y, size w (x) by d (y), height h. */
export interface Box {
  x: number;
  y: number;
  w: number;
  d: number;
  h: number;
  rotation?: number;
}

export interface DockDoor {
  id: string;
  name: string;
  x: number;
  y: number;
  /** Whether a trailer is parked at the door. */
  trailer: boolean;
}

export interface Conveyor {
  id: string;
  name: string;
  /** Polyline of the belt's centre line. */
  points: { x: number; y: number }[];
  width: number;
}

export interface RackRow {
  id: string;
  name: string;
  box: Box;
  levels: number;
}

export interface Charger {
  id: string;
  name: string;
  x: number;
  y: number;
  nodeId: string;
}

export interface WarehouseMap {
  id: string;
  name: string;
  /** VDA 5050 mapId that robots report in agvPosition. */
  mapId: string;
  /** Floor extent in metres: from (0,0) to (width,depth). */
  width: number;
  depth: number;
  docks: DockDoor[];
  conveyors: Conveyor[];
  racks: RackRow[];
  chargers: Charger[];
  walls: Box[];
  nodes: MapNode[];
  edges: MapEdge[];
  /** VDA 5050 3.0 zones of the site; absent → one RELEASE zone per dock (domain/zones/site-zones.ts). */
  zones?: Zone[];
}
