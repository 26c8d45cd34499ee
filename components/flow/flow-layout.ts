// Automatic layout of the flow graph with ELK (layered, left to right: robots → broker → gateway → bus →
// workers → tables and viewers). Runs only when the set of nodes or edges changes, never per push.
import ELK from 'elkjs/lib/elk.bundled.js';

export const NODE_WIDTH = 190;
export const NODE_HEIGHT = 64;

const elk = new ELK();

export type Positions = Record<string, { x: number; y: number }>;

export async function layoutGraph(
  nodes: readonly string[],
  edges: readonly { id: string; source: string; target: string }[],
): Promise<Positions> {
  const known = new Set(nodes);
  const result = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '28',
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
      'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
    },
    children: nodes.map((id) => ({ id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges: edges
      .filter((e) => known.has(e.source) && known.has(e.target))
      .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const out: Positions = {};
  for (const c of result.children ?? []) out[c.id] = { x: c.x ?? 0, y: c.y ?? 0 };
  return out;
}

/** A key that changes only when the graph's structure does. */
export function structureKey(nodes: readonly string[], edges: readonly { id: string }[]): string {
  return `${[...nodes].sort().join('|')}#${edges
    .map((e) => e.id)
    .sort()
    .join('|')}`;
}
