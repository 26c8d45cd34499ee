// A small site layout written by hand as another layout tool would write it (LIF 1.0.0, without the app's
// fleetscopeGeometry extension): a 2 × 3 grid of nodes 4 m apart, a dock, a charger, a parking place, and one
// one-way lane, and a speed limit that differs by vehicle type. Shared by the layout unit and integration tests.
import type { LifDocument, LifEdge } from '../domain/site-layout/lif-types';

const vt = [{ vehicleTypeId: 'AMR-X' }];
const evt = [{ vehicleTypeId: 'AMR-X', rotationAllowed: true }];
const meta = { projectIdentification: 'Hall 7', creator: 'a layout tool', exportTimestamp: '2026-11-30T10:00:00Z', lifVersion: '1.0.0' };
export function thirdPartyLif(): LifDocument {
  const nodes = ['a1', 'a2', 'a3', 'b1', 'b2', 'b3'].map((id) => ({
    nodeId: id,
    mapId: 'hall-7',
    nodePosition: { x: (Number(id[1]) - 1) * 4 + 2, y: id[0] === 'a' ? 2 : 6 },
    vehicleTypeNodeProperties:
      id === 'b3' ? [{ vehicleTypeId: 'AMR-X', actions: [{ actionType: 'startCharging', blockingType: 'HARD' }] }] : vt,
  }));
  const pairs = [
    ['a1', 'a2'],
    ['a2', 'a3'],
    ['b1', 'b2'],
    ['b2', 'b3'],
    ['a1', 'b1'],
    ['a3', 'b3'],
  ];
  const edges = pairs.flatMap(([s, t]) => [
    { edgeId: `${s}-${t}`, startNodeId: s!, endNodeId: t!, vehicleTypeEdgeProperties: evt },
    { edgeId: `${t}-${s}`, startNodeId: t!, endNodeId: s!, vehicleTypeEdgeProperties: evt },
  ]);
  // A speed limit that differs by vehicle type on a2 → a3.
  const limited: LifEdge['vehicleTypeEdgeProperties'] = [
    { vehicleTypeId: 'AMR-X', rotationAllowed: true, maxSpeed: 1.2 },
    { vehicleTypeId: 'AMR-Y', rotationAllowed: false, maxSpeed: 0.6 },
  ];
  edges[2]!.vehicleTypeEdgeProperties = limited;
  // One one-way lane: b2 → a2 only.
  edges.push({ edgeId: 'b2-a2', startNodeId: 'b2', endNodeId: 'a2', vehicleTypeEdgeProperties: evt });
  return {
    metaInformation: meta,
    layouts: [
      {
        layoutId: 'hall-7',
        layoutName: 'Hall 7',
        layoutVersion: '3',
        nodes,
        edges,
        stations: [
          { stationId: 'S-1', stationName: 'Loading dock A', interactionNodeIds: ['a1'] },
          { stationId: 'S-2', stationName: 'Charging spot', interactionNodeIds: ['b3'] },
          { stationId: 'S-3', interactionNodeIds: ['a3'] },
        ],
      },
    ],
  };
}
