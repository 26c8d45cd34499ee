// Seeded start poses: every robot on its own node while nodes last, then at distinct points along edges.
import type { WarehouseMap } from '../domain/warehouse-map';
import { createPrng } from './prng';

export interface StartPose {
  x: number;
  y: number;
  theta: number;
  /** The node the robot stands on, or the edge start it was placed after. */
  nodeId: string;
}

export function startPositions(map: WarehouseMap, count: number, seed: number): StartPose[] {
  const rng = createPrng(seed ^ 0x5eed);
  const nodes = [...map.nodes];
  // Fisher–Yates with the seeded stream, so the spread is random but repeatable.
  for (let i = nodes.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [nodes[i], nodes[j]] = [nodes[j]!, nodes[i]!];
  }
  const byId = new Map(map.nodes.map((n) => [n.id, n]));
  const heading = (): number => (rng.int(4) * Math.PI) / 2 - Math.PI; // lanes are axis-aligned
  const poses: StartPose[] = [];
  for (let i = 0; i < count; i++) {
    const node = nodes[i];
    if (node) {
      poses.push({ x: node.x, y: node.y, theta: heading(), nodeId: node.id });
      continue;
    }
    const edge = map.edges[rng.int(map.edges.length)];
    const a = edge && byId.get(edge.from);
    const b = edge && byId.get(edge.to);
    if (!a || !b) throw new Error('map has no drivable edges to place robots on');
    const t = rng.range(0.05, 0.95);
    poses.push({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t, theta: Math.atan2(b.y - a.y, b.x - a.x), nodeId: a.id });
  }
  return poses;
}
