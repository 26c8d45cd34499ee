// Generates db/seed/warehouse-map.json, the default site: 90 m × 60 m, docks on the south wall, conveyors
// into the staging area, back-to-back rack rows in the north half, chargers on the west wall, parking on the east.
// Run: node_modules/.bin/tsx db/seed/generate-warehouse-map.ts
import { writeFileSync } from 'node:fs';
import type { Conveyor, DockDoor, MapEdge, MapNode, PlaceKind, RackRow, Charger, WarehouseMap } from '../../server/domain/warehouse-map';

const WIDTH = 90;
const DEPTH = 60;
const MAX_NODE_GAP = 4.5;

const nodes: MapNode[] = [];
const edges: MapEdge[] = [];
const nodeByPos = new Map<string, MapNode>();
const edgeKeys = new Set<string>();

const round = (v: number): number => Math.round(v * 100) / 100;
const posKey = (x: number, y: number): string => `${round(x)},${round(y)}`;

/** Returns the node at (x,y), creating it; a place turns an anonymous lane node into a named destination. */
function nodeAt(x: number, y: number, id?: string, place?: { kind: PlaceKind; name: string }): MapNode {
  const key = posKey(x, y);
  const existing = nodeByPos.get(key);
  if (existing) {
    if (place && !existing.place) existing.place = place;
    return existing;
  }
  const node: MapNode = { id: id ?? `n-${String(nodes.length + 1).padStart(3, '0')}`, x: round(x), y: round(y) };
  if (place) node.place = place;
  nodes.push(node);
  nodeByPos.set(key, node);
  return node;
}

function connect(a: MapNode, b: MapNode): void {
  const key = [a.id, b.id].sort().join('|');
  if (a.id === b.id || edgeKeys.has(key)) return;
  edgeKeys.add(key);
  edges.push({ id: `e-${String(edges.length + 1).padStart(3, '0')}`, from: a.id, to: b.id });
}

/** A straight lane through the given stops (all on one horizontal or vertical line), filled so no gap exceeds MAX_NODE_GAP. */
function lane(fixed: 'x' | 'y', at: number, stops: number[]): MapNode[] {
  const sorted = [...new Set(stops.map(round))].sort((a, b) => a - b);
  const coords: number[] = [];
  sorted.forEach((v, i) => {
    const prev = sorted[i - 1];
    if (prev !== undefined) {
      const parts = Math.ceil((v - prev) / MAX_NODE_GAP);
      for (let k = 1; k < parts; k++) coords.push(prev + ((v - prev) * k) / parts);
    }
    coords.push(v);
  });
  const laneNodes = coords.map((c) => (fixed === 'y' ? nodeAt(c, at) : nodeAt(at, c)));
  laneNodes.forEach((n, i) => {
    const prev = laneNodes[i - 1];
    if (prev) connect(prev, n);
  });
  return laneNodes;
}

// --- Docks along the south wall, cross-dock lane in front of them ---
const CROSS_DOCK_Y = 6;
const WEST_SPINE_X = 6;
const EAST_SPINE_X = 84;
const SOUTH_LOOP_Y = 28;
const NORTH_LOOP_Y = 57.5;
const noTrailer = new Set([3, 7]);
const docks: DockDoor[] = [];
const dockXs: number[] = [];
for (let i = 1; i <= 9; i++) {
  const x = 9 * i;
  dockXs.push(x);
  docks.push({ id: `door-${i}`, name: `Door ${i}`, x, y: 0, trailer: !noTrailer.has(i) });
}

// --- Conveyors: from the dock area north into staging, beside the three connector lanes ---
const connectorXs = [27, 45, 63];
const conveyors: Conveyor[] = [];
const conveyorStops: { name: string; inX: number; outX: number }[] = [];
connectorXs.forEach((cx, i) => {
  const letter = String.fromCharCode(65 + i);
  conveyors.push({
    id: `conveyor-${letter.toLowerCase()}`,
    name: `Conveyor ${letter}`,
    points: [
      { x: cx - 4, y: 7.8 },
      { x: cx - 4, y: 10 },
      { x: cx - 2.5, y: 11.5 },
      { x: cx - 2.5, y: 24.5 },
    ],
    width: 0.8,
  });
  conveyorStops.push({ name: `Conveyor ${letter}`, inX: cx - 4, outX: cx });
});

// Named places first, so lanes passing through them reuse the node (and its descriptive id).
docks.forEach((d, i) => {
  const dockNode = nodeAt(d.x, 2.5, `dock-${i + 1}`, { kind: 'dock', name: `Dock ${i + 1}` });
  connect(dockNode, nodeAt(d.x, CROSS_DOCK_Y));
});
conveyorStops.forEach((c, i) => {
  const id = c.name.slice(-1).toLowerCase();
  nodeAt(c.inX, CROSS_DOCK_Y, `conv-${id}-in`, { kind: 'conveyor', name: `${c.name} in` });
  nodeAt(connectorXs[i] ?? 0, 24.5, `conv-${id}-out`, { kind: 'conveyor', name: `${c.name} out` });
});

lane('y', CROSS_DOCK_Y, [WEST_SPINE_X, EAST_SPINE_X, ...dockXs, ...conveyorStops.map((c) => c.inX)]);

// --- Chargers on the west wall, parking on the east wall, each off a spine lane ---
const sideYs = [10, 13.5, 17, 20.5, 24, 27.5];
const chargers: Charger[] = [];
sideYs.forEach((y, i) => {
  const n = i + 1;
  const chg = nodeAt(2.5, y, `chg-${n}`, { kind: 'charger', name: `Charger ${n}` });
  chargers.push({ id: `charger-${n}`, name: `Charger ${n}`, x: 0.8, y, nodeId: chg.id });
  const park = nodeAt(87.5, y, `park-${n}`, { kind: 'parking', name: `Parking ${n}` });
  connect(chg, nodeAt(WEST_SPINE_X, y));
  connect(park, nodeAt(EAST_SPINE_X, y));
});
lane('x', WEST_SPINE_X, [CROSS_DOCK_Y, ...sideYs, SOUTH_LOOP_Y]);
lane('x', EAST_SPINE_X, [CROSS_DOCK_Y, ...sideYs, SOUTH_LOOP_Y]);
for (const cx of connectorXs) lane('x', cx, [CROSS_DOCK_Y, 24.5, SOUTH_LOOP_Y]);

// --- Racks: four back-to-back pairs (8 rows) between five 3 m aisles ---
const racks: RackRow[] = [];
const aisleXs: number[] = [];
const RACK_Y0 = 30;
const RACK_LEN = 26;
let x = 32;
for (let i = 0; i < 5; i++) {
  aisleXs.push(x + 1.5);
  if (i < 4) {
    for (const offset of [3.6, 4.8]) {
      const n = racks.length + 1;
      racks.push({
        id: `rack-${n}`,
        name: `Rack R${n}`,
        box: { x: round(x + offset), y: RACK_Y0 + RACK_LEN / 2, w: 1.2, d: RACK_LEN, h: n % 2 ? 2.8 : 2.5 },
        levels: n % 2 ? 5 : 4,
      });
    }
  }
  x += 5.4;
}
const slotYs = [0, 1, 2, 3, 4, 5].map((k) => round(32 + k * 4.4));
aisleXs.forEach((ax, i) => {
  slotYs.forEach((y, k) => nodeAt(ax, y, `rack-${i + 1}-${k + 1}`, { kind: 'rack', name: `Aisle ${i + 1} slot ${k + 1}` }));
  lane('x', ax, [SOUTH_LOOP_Y, ...slotYs, NORTH_LOOP_Y]);
});
// Loop road: the south side spans the building; the outer aisles close it round the racks.
lane('y', SOUTH_LOOP_Y, [WEST_SPINE_X, EAST_SPINE_X, ...connectorXs, ...aisleXs]);
lane('y', NORTH_LOOP_Y, aisleXs);

// --- Walls: thin boxes round the perimeter (door openings implicit) ---
const WALL_H = 8;
const T = 0.3;
const walls = [
  { x: WIDTH / 2, y: 0, w: WIDTH, d: T, h: WALL_H },
  { x: WIDTH / 2, y: DEPTH, w: WIDTH, d: T, h: WALL_H },
  { x: 0, y: DEPTH / 2, w: T, d: DEPTH, h: WALL_H },
  { x: WIDTH, y: DEPTH / 2, w: T, d: DEPTH, h: WALL_H },
];

const warehouseMap: WarehouseMap = {
  id: 'default',
  name: 'Warehouse 1',
  mapId: 'warehouse-1',
  width: WIDTH,
  depth: DEPTH,
  docks,
  conveyors,
  racks,
  chargers,
  walls,
  nodes,
  edges,
};

const out = new URL('./warehouse-map.json', import.meta.url);
writeFileSync(out, `${JSON.stringify(warehouseMap, null, 1)}\n`);
console.log(`wrote ${out.pathname}: ${nodes.length} nodes, ${edges.length} edges`);
