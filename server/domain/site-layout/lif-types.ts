// The parts of a VDMA LIF 1.0.0 document (Layout Interchange Format, ../shared/lif) the app reads and writes.
// Field names follow the LIF schema exactly; the schema itself is checked by server/protocol/lif-validator.ts.
import type { Box, Charger, Conveyor, DockDoor, RackRow } from '../warehouse-map';
import type { Zone } from '../zones/zone-types';

export const LIF_VERSION = '1.0.0';

export interface LifAction {
  actionType: string;
  actionDescription?: string;
  requirementType?: string;
  blockingType: string;
  actionParameters?: { key: string; value: unknown }[];
}

export interface LifNode {
  nodeId: string;
  nodeName?: string;
  nodeDescription?: string;
  mapId?: string;
  nodePosition: { x: number; y: number };
  vehicleTypeNodeProperties: { vehicleTypeId: string; theta?: number; actions?: LifAction[] }[];
}

export interface LifEdge {
  edgeId: string;
  edgeName?: string;
  edgeDescription?: string;
  startNodeId: string;
  endNodeId: string;
  vehicleTypeEdgeProperties: { vehicleTypeId: string; rotationAllowed: boolean; maxSpeed?: number; [key: string]: unknown }[];
}

export interface LifStation {
  stationId: string;
  interactionNodeIds: string[];
  stationName?: string;
  stationDescription?: string;
  stationHeight?: number;
  stationPosition?: { x: number; y: number; theta?: number };
}

/**
 * The app's own extension of a layout (LIF allows other properties): the floor and the 3D scenery LIF has no words
 * for (dock doors, conveyors, racks, walls, charger stands). Another tool ignores it; without it the floor is sized
 * to the nodes and docks and chargers are drawn at their nodes.
 */
export interface FleetscopeGeometry {
  width: number;
  depth: number;
  docks: DockDoor[];
  conveyors: Conveyor[];
  racks: RackRow[];
  chargers: Charger[];
  walls: Box[];
  /** VDA 5050 3.0 zones (LIF 1.0 has none); absent → a RELEASE zone per dock (domain/zones/site-zones.ts). */
  zones?: Zone[];
}

export interface LifLayout {
  layoutId: string;
  layoutName?: string;
  layoutVersion: string;
  layoutLevelId?: string;
  layoutDescription?: string;
  nodes: LifNode[];
  edges: LifEdge[];
  stations: LifStation[];
  fleetscopeGeometry?: FleetscopeGeometry;
}

export interface LifDocument {
  metaInformation: { projectIdentification: string; creator: string; exportTimestamp: string; lifVersion: string };
  layouts: LifLayout[];
}
