import { describe, expect, it } from 'vitest';
import { createRoutePlanner } from '../route-planner';
import type { WarehouseMap } from '../warehouse-map';
import { graphMap } from '../testing/fixtures';
import { startCharging } from './instant-actions';
import { buildOrder, buildOrderToNode, buildOrderUpdate, buildOrderUpdateToNode, lastBaseNode, OrderBuildError } from './order-builder';

const map: WarehouseMap = graphMap(
  [
    { id: 'A', x: 0, y: 0 },
    { id: 'B', x: 10, y: 0 },
    { id: 'C', x: 20, y: 0 },
    { id: 'D', x: 20, y: 10 },
    { id: 'E', x: 20, y: 20 },
  ],
  [
    { id: 'A-B', from: 'A', to: 'B' },
    { id: 'B-C', from: 'B', to: 'C', maxSpeed: 0.7 },
    { id: 'C-D', from: 'C', to: 'D' },
    { id: 'D-E', from: 'D', to: 'E' },
  ],
  { id: 'm', mapId: 'floor-1', width: 30, depth: 20 },
);
const planner = createRoutePlanner(map);

describe('order builder', () => {
  it("sends an edge's speed limit from the site layout as the order edge's maxSpeed", () => {
    const o = buildOrderToNode(planner, { orderId: 'o-s', fromNodeId: 'A', toNodeId: 'C' });
    expect(o.edges.map((e) => [e.edgeId, e.maxSpeed])).toEqual([
      ['A-B', undefined],
      ['B-C', 0.7],
    ]);
  });

  it('numbers nodes even and edges odd, with positions, directions and a released base', () => {
    const o = buildOrderToNode(planner, { orderId: 'o-1', fromNodeId: 'A', toNodeId: 'D', baseNodes: 2 });
    expect(o.orderUpdateId).toBe(0);
    expect(o.nodes.map((n) => [n.nodeId, n.sequenceId, n.released])).toEqual([
      ['A', 0, true],
      ['B', 2, true],
      ['C', 4, false],
      ['D', 6, false],
    ]);
    expect(o.edges.map((e) => [e.edgeId, e.sequenceId, e.released, e.startNodeId, e.endNodeId])).toEqual([
      ['A-B', 1, true, 'A', 'B'],
      ['B-C', 3, false, 'B', 'C'],
      ['C-D', 5, false, 'C', 'D'],
    ]);
    expect(o.nodes[3]!.nodePosition).toEqual({ x: 20, y: 10, mapId: 'floor-1' });
    expect(o.nodes.every((n) => Array.isArray(n.actions)) && o.edges.every((e) => Array.isArray(e.actions))).toBe(true);
  });

  it('follows edges against their drawn direction when driving the other way', () => {
    const o = buildOrderToNode(planner, { orderId: 'o-2', fromNodeId: 'C', toNodeId: 'A' });
    expect(o.edges.map((e) => [e.edgeId, e.startNodeId, e.endNodeId])).toEqual([
      ['B-C', 'C', 'B'],
      ['A-B', 'B', 'A'],
    ]);
    expect(o.nodes.every((n) => n.released)).toBe(true);
  });

  it('puts final actions on the last node, and accepts a one-node order', () => {
    const charge = startCharging({ actionId: 'c-1' });
    const o = buildOrder(planner, { orderId: 'o-3', route: ['D'], finalNodeActions: [charge] });
    expect(o.nodes).toEqual([
      { nodeId: 'D', sequenceId: 0, released: true, nodePosition: { x: 20, y: 10, mapId: 'floor-1' }, actions: [charge] },
    ]);
    expect(o.edges).toEqual([]);
  });

  it('updates start at the last base node, keep its sequenceId and raise orderUpdateId', () => {
    const first = buildOrderToNode(planner, { orderId: 'o-4', fromNodeId: 'A', toNodeId: 'D', baseNodes: 2 });
    expect(lastBaseNode(first).nodeId).toBe('B');
    const upd = buildOrderUpdateToNode(planner, first, { toNodeId: 'E', baseNodes: 3 });
    expect(upd.orderId).toBe('o-4');
    expect(upd.orderUpdateId).toBe(1);
    expect(upd.nodes.map((n) => [n.nodeId, n.sequenceId, n.released])).toEqual([
      ['B', 2, true],
      ['C', 4, true],
      ['D', 6, true],
      ['E', 8, false],
    ]);
    expect(upd.edges.map((e) => [e.edgeId, e.sequenceId, e.released])).toEqual([
      ['B-C', 3, true],
      ['C-D', 5, true],
      ['D-E', 7, false],
    ]);
    const again = buildOrderUpdate(planner, upd, { route: ['D', 'E'] });
    expect(again.orderUpdateId).toBe(2);
    expect(again.nodes.map((n) => n.sequenceId)).toEqual([6, 8]);
  });

  it('refuses an update that would change the base already sent', () => {
    const first = buildOrderToNode(planner, { orderId: 'o-5', fromNodeId: 'A', toNodeId: 'D', baseNodes: 2 });
    expect(() => buildOrderUpdate(planner, first, { route: ['A', 'B', 'C'] })).toThrow(
      /must start at the last base node B.*base already sent cannot be changed/,
    );
    expect(() => buildOrderUpdate(planner, first, { route: ['B', 'C'], baseNodes: 0 })).toThrow(OrderBuildError);
  });

  it('rejects unknown nodes, missing edges and bad base sizes', () => {
    expect(() => buildOrder(planner, { orderId: 'x', route: ['A', 'Z'] })).toThrow(/node Z is not on map/);
    expect(() => buildOrder(planner, { orderId: 'x', route: ['A', 'C'] })).toThrow(/no drivable edge from node A to node C/);
    expect(() => buildOrder(planner, { orderId: 'x', route: ['A', 'B'], baseNodes: 3 })).toThrow(/baseNodes/);
    expect(() => buildOrder(planner, { orderId: '', route: ['A'] })).toThrow(/orderId/);
    expect(() => buildOrderToNode(planner, { orderId: 'x', fromNodeId: 'A', toNodeId: 'nowhere' })).toThrow(/no drivable route/);
  });
});
