// A LIF layout as the app's site map (pure). The document has passed the LIF 1.0.0 schema; what the schema cannot
// say is checked here, every problem named by its element (`edge "e-7": endNodeId "n-99" is not a node …`).
//
// How LIF maps onto the site:
// - nodes keep their ids and positions; the one mapId they share (or the layoutId) is the map robots report;
// - LIF edges are directed: an edge and its reverse become one two-way edge (the first one's id), a lone one a
//   one-way edge;
// - a station names the place at its interaction nodes (stationName, else stationId). Its kind comes from a
//   `startCharging` action at the node (charger), else from the kind leading the station id (`dock-…`, as the app
//   exports), else from a word in its id or name (dock or door, conveyor, rack or shelf, charg…, park…); a station
//   matching none is a parking place;
// - per-vehicle-type properties: every node and edge must list at least one vehicle type (LIF: one that lists
//   none is unusable); the app plans one graph for every robot, so an edge's speed limit is the lowest `maxSpeed`
//   any type lists (sent as the order edge's maxSpeed); which types may use what, heights and load restrictions
//   are not used yet;
// - the floor and 3D scenery come from the app's own `fleetscopeGeometry` extension when present (the app writes
//   it on export), else the floor covers the nodes and docks and chargers stand at their nodes.
// - VDA 5050 3.0 zones come from `fleetscopeGeometry.zones` (LIF 1.0 has no zones); without them the site has a
//   RELEASE zone per dock (domain/zones/site-zones.ts).
import { z } from 'zod';
import type { Charger, DockDoor, MapEdge, MapNode, PlaceKind, WarehouseMap } from '../warehouse-map';
import type { FleetscopeGeometry, LifDocument } from './lif-types';

/** Zone types a layout may carry: those whose 3.0 fields the app keeps (ACTION, PRIORITY, PENALTY, DIRECTED and
 *  BIDIRECTED need fields it does not model yet). */
const LAYOUT_ZONE_TYPES = ['BLOCKED', 'LINE_GUIDED', 'RELEASE', 'COORDINATED_REPLANNING', 'SPEED_LIMIT'] as const;

export class LayoutError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    const shown = problems.slice(0, 20);
    const more = problems.length > shown.length ? `\n  … and ${problems.length - shown.length} more` : '';
    super(`${source}: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the site layout\n  ${shown.join('\n  ')}${more}`);
  }
}

const point = z.object({ x: z.number(), y: z.number() });
const box = z.object({
  x: z.number(),
  y: z.number(),
  w: z.number().positive(),
  d: z.number().positive(),
  h: z.number().positive(),
  rotation: z.number().optional(),
});
const geometrySchema: z.ZodType<FleetscopeGeometry> = z.object({
  width: z.number().positive().max(100_000),
  depth: z.number().positive().max(100_000),
  docks: z.array(z.object({ id: z.string(), name: z.string(), x: z.number(), y: z.number(), trailer: z.boolean() })).max(10_000),
  conveyors: z
    .array(z.object({ id: z.string(), name: z.string(), points: z.array(point).max(10_000), width: z.number().positive() }))
    .max(10_000),
  racks: z.array(z.object({ id: z.string(), name: z.string(), box, levels: z.number().int().min(1).max(100) })).max(10_000),
  chargers: z.array(z.object({ id: z.string(), name: z.string(), x: z.number(), y: z.number(), nodeId: z.string() })).max(10_000),
  walls: z.array(box).max(10_000),
  zones: z
    .array(
      z.object({
        zoneId: z.string().min(1).max(200),
        zoneType: z.enum(LAYOUT_ZONE_TYPES),
        zoneDescriptor: z.string().max(500).optional(),
        vertices: z.array(point).max(1000),
        releaseLossBehavior: z.enum(['STOP', 'CONTINUE', 'EVACUATE']).optional(),
        maximumSpeed: z.number().positive().optional(),
      }),
    )
    .max(10_000)
    .superRefine((zs, ctx) => {
      const seen = new Set<string>();
      zs.forEach((zone, i) => {
        const at = (message: string) => ctx.addIssue({ code: 'custom', path: [i], message: `zone "${zone.zoneId}": ${message}` });
        if (seen.has(zone.zoneId)) at('the id is used twice');
        seen.add(zone.zoneId);
        if (zone.vertices.length < 3) at(`${zone.vertices.length} vertices; a zone needs at least 3`);
        // What the 3.0 zoneSet schema requires per type, checked here so that a bad zone is named at start.
        if (zone.zoneType === 'RELEASE' && !zone.releaseLossBehavior) at('a RELEASE zone needs releaseLossBehavior');
        if (zone.zoneType === 'SPEED_LIMIT' && zone.maximumSpeed === undefined) at('a SPEED_LIMIT zone needs maximumSpeed');
      });
    })
    .optional(),
});

const PLACE_KINDS: readonly PlaceKind[] = ['dock', 'conveyor', 'rack', 'charger', 'parking'];
const KIND_WORDS: [RegExp, PlaceKind][] = [
  [/dock|door/i, 'dock'],
  [/conveyor/i, 'conveyor'],
  [/rack|shelf/i, 'rack'],
  [/charg/i, 'charger'],
  [/park/i, 'parking'],
];

/** Margin around the nodes when the floor is sized from them, in metres. */
const FLOOR_MARGIN = 5;

export interface ImportedLayout {
  map: WarehouseMap;
  /** What was read but not used, for the log (not errors). */
  notes: string[];
}

/** The layout `layoutId` (default: the first) of a schema-valid LIF document, or LayoutError with every problem. */
export function lifToWarehouseMap(doc: LifDocument, source: string, layoutId?: string): ImportedLayout {
  const notes: string[] = [];
  const layout = layoutId ? doc.layouts.find((l) => l.layoutId === layoutId) : doc.layouts[0];
  if (!layout) {
    const known = doc.layouts.map((l) => `"${l.layoutId}"`).join(', ') || 'none';
    throw new LayoutError(source, [layoutId ? `no layout "${layoutId}" (the file has ${known})` : 'the file has no layout']);
  }
  if (!layoutId && doc.layouts.length > 1)
    notes.push(`the file has ${doc.layouts.length} layouts; "${layout.layoutId}" (the first) is used`);
  const problems: string[] = [];
  const where = `layout "${layout.layoutId}"`;
  const problem = (what: string) => problems.push(`${where} ${what}`);

  if (layout.nodes.length === 0) problem('has no nodes');
  const nodes = new Map<string, MapNode>();
  const charging = new Set<string>();
  const mapIds = new Set<string>();
  for (const n of layout.nodes) {
    if (nodes.has(n.nodeId)) problem(`node "${n.nodeId}" appears more than once`);
    if (n.vehicleTypeNodeProperties.length === 0)
      problem(`node "${n.nodeId}": vehicleTypeNodeProperties is empty (LIF: a node lists every vehicle type that may use it)`);
    if (n.mapId) mapIds.add(n.mapId);
    nodes.set(n.nodeId, { id: n.nodeId, x: n.nodePosition.x, y: n.nodePosition.y });
    if (n.vehicleTypeNodeProperties.some((p) => p.actions?.some((a) => a.actionType === 'startCharging'))) charging.add(n.nodeId);
  }
  if (mapIds.size > 1) problem(`nodes are on ${mapIds.size} maps (${[...mapIds].join(', ')}); a site is one map`);

  const edges: MapEdge[] = [];
  const byEnds = new Map<string, MapEdge>();
  const edgeIds = new Set<string>();
  for (const e of layout.edges) {
    const at = `edge "${e.edgeId}"`;
    if (edgeIds.has(e.edgeId)) problem(`${at} appears more than once`);
    edgeIds.add(e.edgeId);
    for (const [field, id] of [
      ['startNodeId', e.startNodeId],
      ['endNodeId', e.endNodeId],
    ] as const)
      if (!nodes.has(id)) problem(`${at}: ${field} "${id}" is not a node of this layout`);
    if (e.startNodeId === e.endNodeId) problem(`${at} starts and ends at node "${e.startNodeId}"`);
    if (e.vehicleTypeEdgeProperties.length === 0)
      problem(`${at}: vehicleTypeEdgeProperties is empty (LIF: an edge lists every vehicle type that may use it)`);
    const speed = lowestMaxSpeed(e.vehicleTypeEdgeProperties);
    const reverse = byEnds.get(`${e.endNodeId}\u0000${e.startNodeId}`);
    if (reverse?.oneWay) {
      delete reverse.oneWay; // its twin: one edge drivable both ways, at the lower limit of the two
      if (speed !== undefined) reverse.maxSpeed = Math.min(reverse.maxSpeed ?? speed, speed);
      continue;
    }
    if (reverse || byEnds.has(`${e.startNodeId}\u0000${e.endNodeId}`)) {
      notes.push(`${at} repeats the way from "${e.startNodeId}" to "${e.endNodeId}"; the first edge is used`);
      continue;
    }
    const edge: MapEdge = {
      id: e.edgeId,
      from: e.startNodeId,
      to: e.endNodeId,
      oneWay: true,
      ...(speed !== undefined && { maxSpeed: speed }),
    };
    byEnds.set(`${e.startNodeId}\u0000${e.endNodeId}`, edge);
    edges.push(edge);
  }

  const stationIds = new Set<string>();
  for (const s of layout.stations) {
    const at = `station "${s.stationId}"`;
    if (stationIds.has(s.stationId)) problem(`${at} appears more than once`);
    stationIds.add(s.stationId);
    if (s.interactionNodeIds.length === 0) problem(`${at} has no interactionNodeIds`);
    const name = s.stationName?.trim() || s.stationId;
    // The app's own export leads the id with the kind (`dock-…`); other tools' words are matched anywhere.
    const prefixed = PLACE_KINDS.find((k) => s.stationId.startsWith(`${k}-`));
    const worded = prefixed ?? KIND_WORDS.find(([re]) => re.test(`${s.stationId} ${s.stationName ?? ''}`))?.[1];
    for (const id of s.interactionNodeIds) {
      const node = nodes.get(id);
      if (!node) {
        problem(`${at}: interaction node "${id}" is not a node of this layout`);
        continue;
      }
      if (node.place) {
        notes.push(`node "${id}" is in more than one station; it keeps the place "${node.place.name}"`);
        continue;
      }
      node.place = { kind: charging.has(id) ? 'charger' : (worded ?? 'parking'), name };
    }
  }
  for (const id of charging) {
    const node = nodes.get(id);
    if (node && !node.place) node.place = { kind: 'charger', name: id };
  }

  let geometry: FleetscopeGeometry | null = null;
  if (layout.fleetscopeGeometry !== undefined) {
    const parsed = geometrySchema.safeParse(layout.fleetscopeGeometry);
    if (parsed.success) geometry = parsed.data;
    else for (const i of parsed.error.issues.slice(0, 5)) problem(`fleetscopeGeometry/${i.path.join('/')}: ${i.message}`);
  }
  if (problems.length > 0) throw new LayoutError(source, problems);

  const list = [...nodes.values()];
  const mapId = [...mapIds][0] ?? layout.layoutId;
  return {
    map: {
      id: layout.layoutId,
      name: layout.layoutName ?? layout.layoutId,
      mapId,
      ...(geometry ?? derivedGeometry(list)),
      nodes: list,
      edges,
    },
    notes,
  };
}

/** The edge's speed limit for every vehicle type: the lowest `maxSpeed` any type lists (the app plans one graph). */
function lowestMaxSpeed(props: readonly { maxSpeed?: number }[]): number | undefined {
  const limits = props.flatMap((p) => (typeof p.maxSpeed === 'number' ? [p.maxSpeed] : []));
  return limits.length ? Math.min(...limits) : undefined;
}

/** Without the app's extension: a floor over the nodes, docks and chargers at their nodes, no other scenery. */
function derivedGeometry(nodes: MapNode[]): FleetscopeGeometry {
  const docks: DockDoor[] = [];
  const chargers: Charger[] = [];
  for (const n of nodes) {
    if (n.place?.kind === 'dock') docks.push({ id: `door-${n.id}`, name: n.place.name, x: n.x, y: n.y, trailer: false });
    if (n.place?.kind === 'charger') chargers.push({ id: `charger-${n.id}`, name: n.place.name, x: n.x, y: n.y, nodeId: n.id });
  }
  return {
    width: Math.max(...nodes.map((n) => n.x)) + FLOOR_MARGIN,
    depth: Math.max(...nodes.map((n) => n.y)) + FLOOR_MARGIN,
    docks,
    conveyors: [],
    racks: [],
    chargers,
    walls: [],
  };
}
