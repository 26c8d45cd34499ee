// Pure routing on a WarehouseMap's drivable graph: adjacency is built once, queries are cheap enough to run per task.
import type { MapEdge, MapNode, PlaceKind, WarehouseMap } from './warehouse-map';

export interface RoutePlanner {
  readonly map: WarehouseMap;
  node(id: string): MapNode | undefined;
  /** Node ids from `from` to `to` inclusive (Dijkstra on Euclidean edge lengths); null if unreachable or unknown. */
  shortestPath(fromNodeId: string, toNodeId: string): string[] | null;
  /** Sum of Euclidean lengths along consecutive node ids. */
  pathLength(nodeIds: readonly string[]): number;
  /** The node closest to (x, y), optionally among those passing `filter`; null when none qualifies. */
  nearestNode(x: number, y: number, filter?: (node: MapNode) => boolean): MapNode | null;
  nodesByPlaceKind(kind: PlaceKind): MapNode[];
  /** The edge drivable from `fromNodeId` directly to `toNodeId`, if any. */
  edgeBetween(fromNodeId: string, toNodeId: string): MapEdge | undefined;
  /** Nodes directly reachable from `nodeId`. */
  neighbours(nodeId: string): string[];
}

interface Arc {
  to: number;
  length: number;
  edge: MapEdge;
}

export function createRoutePlanner(map: WarehouseMap): RoutePlanner {
  const index = new Map<string, number>();
  map.nodes.forEach((n, i) => index.set(n.id, i));
  const arcs: Arc[][] = map.nodes.map(() => []);
  const distance = (a: MapNode, b: MapNode): number => Math.hypot(a.x - b.x, a.y - b.y);

  for (const edge of map.edges) {
    const from = index.get(edge.from);
    const to = index.get(edge.to);
    if (from === undefined || to === undefined) continue; // dangling edge: ignore rather than fail the whole map
    const length = distance(map.nodes[from]!, map.nodes[to]!);
    arcs[from]!.push({ to, length, edge });
    if (!edge.oneWay) arcs[to]!.push({ to: from, length, edge });
  }

  const byKind = new Map<PlaceKind, MapNode[]>();
  for (const n of map.nodes) {
    if (!n.place) continue;
    const list = byKind.get(n.place.kind) ?? [];
    list.push(n);
    byKind.set(n.place.kind, list);
  }

  function shortestPath(fromNodeId: string, toNodeId: string): string[] | null {
    const source = index.get(fromNodeId);
    const target = index.get(toNodeId);
    if (source === undefined || target === undefined) return null;
    const dist = new Float64Array(map.nodes.length).fill(Infinity);
    const prev = new Int32Array(map.nodes.length).fill(-1);
    dist[source] = 0;
    const heap = new MinHeap();
    heap.push(source, 0);
    while (heap.size > 0) {
      const [u, d] = heap.pop();
      if (d > dist[u]!) continue; // stale entry
      if (u === target) break;
      for (const arc of arcs[u]!) {
        const nd = d + arc.length;
        if (nd < dist[arc.to]!) {
          dist[arc.to] = nd;
          prev[arc.to] = u;
          heap.push(arc.to, nd);
        }
      }
    }
    if (dist[target] === Infinity) return null;
    const path: string[] = [];
    for (let v = target; v !== -1; v = prev[v]!) path.push(map.nodes[v]!.id);
    return path.reverse();
  }

  return {
    map,
    node: (id) => {
      const i = index.get(id);
      return i === undefined ? undefined : map.nodes[i];
    },
    shortestPath,
    pathLength(nodeIds) {
      let total = 0;
      for (let i = 1; i < nodeIds.length; i++) {
        const a = index.get(nodeIds[i - 1]!);
        const b = index.get(nodeIds[i]!);
        if (a !== undefined && b !== undefined) total += distance(map.nodes[a]!, map.nodes[b]!);
      }
      return total;
    },
    nearestNode(x, y, filter) {
      let best: MapNode | null = null;
      let bestD = Infinity;
      for (const n of map.nodes) {
        if (filter && !filter(n)) continue;
        const d = (n.x - x) ** 2 + (n.y - y) ** 2;
        if (d < bestD) {
          bestD = d;
          best = n;
        }
      }
      return best;
    },
    nodesByPlaceKind: (kind) => [...(byKind.get(kind) ?? [])],
    edgeBetween(fromNodeId, toNodeId) {
      const from = index.get(fromNodeId);
      const to = index.get(toNodeId);
      if (from === undefined || to === undefined) return undefined;
      return arcs[from]!.find((a) => a.to === to)?.edge;
    },
    neighbours(nodeId) {
      const i = index.get(nodeId);
      return i === undefined ? [] : arcs[i]!.map((a) => map.nodes[a.to]!.id);
    },
  };
}

/** Binary min-heap of (node index, priority). */
class MinHeap {
  private items: number[] = [];
  private prio: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(item: number, priority: number): void {
    this.items.push(item);
    this.prio.push(priority);
    let i = this.items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.prio[parent]! <= this.prio[i]!) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): [number, number] {
    const top: [number, number] = [this.items[0]!, this.prio[0]!];
    const lastItem = this.items.pop()!;
    const lastPrio = this.prio.pop()!;
    if (this.items.length > 0) {
      this.items[0] = lastItem;
      this.prio[0] = lastPrio;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.items.length && this.prio[l]! < this.prio[m]!) m = l;
        if (r < this.items.length && this.prio[r]! < this.prio[m]!) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }

  private swap(a: number, b: number): void {
    [this.items[a], this.items[b]] = [this.items[b]!, this.items[a]!];
    [this.prio[a], this.prio[b]] = [this.prio[b]!, this.prio[a]!];
  }
}
