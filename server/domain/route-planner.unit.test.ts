import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRoutePlanner } from './route-planner';
import type { WarehouseMap } from './warehouse-map';
import { graphMap } from './testing/fixtures';

// A square with a long detour and a short diagonal, plus a one-way spur and an island.
const square: WarehouseMap = graphMap(
  [
    { id: 'a', x: 0, y: 0 },
    { id: 'b', x: 10, y: 0 },
    { id: 'c', x: 10, y: 10, place: { kind: 'dock', name: 'Dock 1' } },
    { id: 'd', x: 0, y: 10 },
    { id: 'e', x: 5, y: 5, place: { kind: 'dock', name: 'Dock 2' } },
    { id: 'f', x: 20, y: 10 },
    { id: 'island', x: 50, y: 50 },
  ],
  [
    { id: 'e-ab', from: 'a', to: 'b' },
    { id: 'e-bc', from: 'b', to: 'c' },
    { id: 'e-cd', from: 'c', to: 'd' },
    { id: 'e-da', from: 'd', to: 'a' },
    { id: 'e-ae', from: 'a', to: 'e' },
    { id: 'e-ec', from: 'e', to: 'c' },
    { id: 'e-cf', from: 'c', to: 'f', oneWay: true },
  ],
);

describe('route planner', () => {
  const planner = createRoutePlanner(square);

  it('finds the shortest path by Euclidean length', () => {
    expect(planner.shortestPath('a', 'c')).toEqual(['a', 'e', 'c']);
    expect(planner.pathLength(['a', 'e', 'c'])).toBeCloseTo(Math.hypot(10, 10));
    expect(planner.shortestPath('b', 'd')).toHaveLength(3);
    expect(planner.shortestPath('a', 'a')).toEqual(['a']);
  });

  it('respects one-way edges and reports unreachable or unknown nodes as null', () => {
    expect(planner.shortestPath('a', 'f')).toEqual(['a', 'e', 'c', 'f']);
    expect(planner.shortestPath('f', 'a')).toBeNull();
    expect(planner.shortestPath('a', 'island')).toBeNull();
    expect(planner.shortestPath('a', 'nope')).toBeNull();
  });

  it('looks up edges, neighbours, nearest nodes and places', () => {
    expect(planner.edgeBetween('b', 'a')?.id).toBe('e-ab');
    expect(planner.edgeBetween('c', 'f')?.id).toBe('e-cf');
    expect(planner.edgeBetween('f', 'c')).toBeUndefined();
    expect(planner.edgeBetween('a', 'c')).toBeUndefined();
    expect(planner.neighbours('e').sort()).toEqual(['a', 'c']);
    expect(planner.nearestNode(9, 1)?.id).toBe('b');
    expect(planner.nearestNode(9, 1, (n) => n.place?.kind === 'dock')?.id).toBe('e');
    expect(planner.nodesByPlaceKind('dock').map((n) => n.id)).toEqual(['c', 'e']);
    expect(planner.nodesByPlaceKind('charger')).toEqual([]);
  });
});

describe('seed warehouse map', () => {
  const map = JSON.parse(readFileSync(new URL('../../db/seed/warehouse-map.json', import.meta.url), 'utf8')) as WarehouseMap;
  const planner = createRoutePlanner(map);

  it('is one connected graph with every charger on a charger node', () => {
    const first = map.nodes[0]!.id;
    for (const n of map.nodes) {
      expect(planner.shortestPath(first, n.id), n.id).not.toBeNull();
      expect(planner.shortestPath(n.id, first), n.id).not.toBeNull();
    }
    for (const c of map.chargers) expect(planner.node(c.nodeId)?.place?.kind).toBe('charger');
    expect(new Set(map.nodes.map((n) => n.id)).size).toBe(map.nodes.length);
  });

  it('has the places the simulator sends robots to', () => {
    expect(map.mapId).toBe('warehouse-1');
    expect(planner.nodesByPlaceKind('dock').length).toBeGreaterThanOrEqual(8);
    expect(planner.nodesByPlaceKind('conveyor').length).toBeGreaterThanOrEqual(4);
    expect(planner.nodesByPlaceKind('rack').length).toBeGreaterThanOrEqual(12);
    expect(planner.nodesByPlaceKind('charger')).toHaveLength(6);
    expect(planner.nodesByPlaceKind('parking').length).toBeGreaterThan(0);
  });
});
