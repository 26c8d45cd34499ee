// Test fixtures shared by the domain unit tests: a minimal valid VDA 5050 state and a graph-only site map.
import type { StateMessage } from '../vda5050/messages';
import type { MapEdge, MapNode, WarehouseMap } from '../warehouse-map';

/** A valid 2.0.0 state of an idle robot; override any field. */
export function stateMessage(over: Partial<StateMessage> = {}): StateMessage {
  return {
    headerId: 1,
    timestamp: '2026-11-28T10:00:00.000Z',
    version: '2.0.0',
    manufacturer: 'M',
    serialNumber: 'S1',
    orderId: '',
    orderUpdateId: 0,
    lastNodeId: '',
    lastNodeSequenceId: 0,
    driving: false,
    paused: false,
    operatingMode: 'AUTOMATIC',
    nodeStates: [],
    edgeStates: [],
    actionStates: [],
    batteryState: { batteryCharge: 80, charging: false },
    errors: [],
    safetyState: { eStop: 'NONE', fieldViolation: false },
    ...over,
  };
}

/** A site with only a drivable graph (no docks, racks or walls). */
export function graphMap(nodes: MapNode[], edges: MapEdge[], over: Partial<WarehouseMap> = {}): WarehouseMap {
  return {
    id: 't',
    name: 'test',
    mapId: 'm',
    width: 10,
    depth: 10,
    docks: [],
    conveyors: [],
    racks: [],
    chargers: [],
    walls: [],
    nodes,
    edges,
    ...over,
  };
}
