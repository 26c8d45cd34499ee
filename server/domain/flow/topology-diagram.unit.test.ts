import { describe, expect, it } from 'vitest';
import { diagramEdges, readmeDiagramEdges, README_MARKERS, topologyMermaid } from './topology-diagram';

describe('topology diagram', () => {
  const edges = [
    { source: 'robots:Acme', target: 'topic:state' },
    { source: 'robots:Other', target: 'topic:state' },
    { source: 'topic:state', target: 'gateway:vda5050-mqtt' },
  ];
  it('names robot groups generically and de-duplicates', () => {
    expect(diagramEdges(edges)).toEqual(['robots:<manufacturer> --> topic:state', 'topic:state --> gateway:vda5050-mqtt']);
  });
  it('reads back what it writes from a README', () => {
    const readme = `intro\n${README_MARKERS.start}\n${topologyMermaid(edges)}\n${README_MARKERS.end}\nrest`;
    expect(readmeDiagramEdges(readme)).toEqual(diagramEdges(edges));
    expect(readmeDiagramEdges('no markers')).toBeNull();
  });
});
