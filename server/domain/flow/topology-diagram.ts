// The data-flow topology as a Mermaid flowchart, for the README: generated from the live graph, so the
// README's diagram can be checked against the running app (server/flow-readme.int.test.ts) and cannot drift.
// Robot groups are named after their manufacturer at run time; the diagram says `robots:<manufacturer>`.

export const README_MARKERS = {
  start: '<!-- flow-topology:start (generated; checked by server/flow-readme.int.test.ts) -->',
  end: '<!-- flow-topology:end -->',
} as const;

const generic = (id: string) => (id.startsWith('robots:') ? 'robots:<manufacturer>' : id);
const mermaidId = (id: string) => id.replace(/[^A-Za-z0-9]/g, '_');

/** Sorted, de-duplicated `source --> target` lines with generic robot groups. */
export function diagramEdges(edges: readonly { source: string; target: string }[]): string[] {
  const lines = new Set(edges.map((e) => `${generic(e.source)} --> ${generic(e.target)}`));
  return [...lines].sort();
}

export function topologyMermaid(edges: readonly { source: string; target: string }[]): string {
  const pairs = diagramEdges(edges).map((l) => l.split(' --> ') as [string, string]);
  const nodes = [...new Set(pairs.flat())].sort();
  return [
    '```mermaid',
    'flowchart LR',
    ...nodes.map((n) => `  ${mermaidId(n)}["${n}"]`),
    ...pairs.map(([s, t]) => `  ${mermaidId(s)} --> ${mermaidId(t)}`),
    '```',
  ].join('\n');
}

/** The `source --> target` lines of the README's generated block (node labels resolved), or null without one. */
export function readmeDiagramEdges(readme: string): string[] | null {
  const from = readme.indexOf(README_MARKERS.start);
  const to = readme.indexOf(README_MARKERS.end);
  if (from < 0 || to < from) return null;
  const block = readme.slice(from, to);
  const labels = new Map<string, string>();
  for (const m of block.matchAll(/^\s+(\w+)\["([^"]+)"\]$/gm)) labels.set(m[1]!, m[2]!);
  const lines = [...block.matchAll(/^\s+(\w+) --> (\w+)$/gm)].map((m) => `${labels.get(m[1]!) ?? m[1]} --> ${labels.get(m[2]!) ?? m[2]}`);
  return [...new Set(lines)].sort();
}
