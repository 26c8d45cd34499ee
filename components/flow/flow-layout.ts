// Automatic layout of the flow graph with ELK (layered, left to right: robots → broker → gateway → bus →
// workers → tables and viewers). Runs only when the set of nodes or edges changes, never per push.
import ELK from 'elkjs/lib/elk.bundled.js';

// Node cards are large and the gaps between them small, so that the whole graph needs little zooming out: at the
// zoom a fit settles on, the labels stay readable (see LEGIBLE_ZOOM).
export const NODE_WIDTH = 210;
export const NODE_HEIGHT = 76;
/** The node label's font size in graph units (flow.css `.flow-node-label` uses the same). */
export const LABEL_FONT_PX = 17;
/** The smallest zoom a fit may choose: the label is then 12 px on screen; a larger graph is panned instead. */
export const LEGIBLE_ZOOM = 12 / LABEL_FONT_PX;

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
      'elk.spacing.nodeNode': '14',
      'elk.layered.spacing.nodeNodeBetweenLayers': '48',
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

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/**
 * The viewport that shows a layout in a pane: the whole graph when it fits at a legible zoom (centred), else at
 * LEGIBLE_ZOOM from the start of the data path: the left edge and, when the graph is taller than the pane, the
 * `start` node (the robots) in the middle of the height. The architect pans across a readable graph instead of
 * squinting at an unreadable one.
 */
export function legibleViewport(
  positions: Positions,
  pane: { width: number; height: number },
  start?: string,
  pad = 24,
  maxZoom = 1.25,
): Viewport | null {
  const xs = Object.values(positions);
  if (xs.length === 0 || pane.width <= 0 || pane.height <= 0) return null;
  const minX = Math.min(...xs.map((p) => p.x));
  const minY = Math.min(...xs.map((p) => p.y));
  const w = Math.max(...xs.map((p) => p.x)) + NODE_WIDTH - minX;
  const h = Math.max(...xs.map((p) => p.y)) + NODE_HEIGHT - minY;
  const fit = Math.min((pane.width - 2 * pad) / w, (pane.height - 2 * pad) / h);
  const zoom = Math.min(maxZoom, Math.max(LEGIBLE_ZOOM, fit));
  const centred = (size: number, paneSize: number, min: number) => (paneSize - size * zoom) / 2 - min * zoom;
  const x = w * zoom <= pane.width - 2 * pad ? centred(w, pane.width, minX) : pad - minX * zoom;
  if (h * zoom <= pane.height - 2 * pad) return { x, y: centred(h, pane.height, minY), zoom };
  const anchor = start ? positions[start] : undefined;
  const top = pad - minY * zoom;
  const bottom = pane.height - pad - (minY + h) * zoom;
  const y = anchor ? Math.min(top, Math.max(bottom, pane.height / 2 - (anchor.y + NODE_HEIGHT / 2) * zoom)) : top;
  return { x, y, zoom };
}
