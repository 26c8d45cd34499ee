'use client';
// The flow graph drawn with React Flow, laid out by ELK: edge width by rate, colour by health, labels with
// rate and p99. Clicking a node or an edge selects it; nodes and edges on a followed robot's path stand out.
import { Background, Controls, MarkerType, ReactFlow, useNodesInitialized, useReactFlow, type Edge } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FlowGraph } from '@/server/domain/flow/topology';
import { FlowNodeCard, type FlowRfNode } from './FlowNodeCard';
import { edgeLabel, edgeWidth, HEALTH_COLOUR } from './flow-format';
import { layoutGraph, structureKey, type Positions } from './flow-layout';

export type Selection = { type: 'node'; id: string } | { type: 'edge'; id: string } | null;

const nodeTypes = { flow: FlowNodeCard };

export function FlowGraphView(props: { graph: FlowGraph; selection: Selection; onSelect(s: Selection): void; path: ReadonlySet<string> }) {
  const { graph, selection, onSelect, path } = props;
  const [positions, setPositions] = useState<Positions | null>(null);
  const ids = useMemo(() => graph.nodes.map((n) => n.id), [graph]);
  const key = structureKey(ids, graph.edges);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-layout only when the structure changes (key), not on every push of new figures
  useEffect(() => {
    let live = true;
    layoutGraph(ids, graph.edges).then(
      (p) => live && setPositions(p),
      () => live && setPositions({}),
    );
    return () => {
      live = false;
    };
  }, [key]);

  const nodes: FlowRfNode[] = useMemo(
    () =>
      graph.nodes.map((n) => ({
        id: n.id,
        type: 'flow' as const,
        position: positions?.[n.id] ?? { x: 0, y: 0 },
        data: { node: n, onPath: path.has(n.id), selected: selection?.type === 'node' && selection.id === n.id },
        draggable: false,
      })),
    [graph, positions, path, selection],
  );
  const edges: Edge[] = useMemo(
    () =>
      graph.edges.map((e) => {
        const onPath = path.has(e.source) && path.has(e.target);
        const colour = HEALTH_COLOUR[e.health];
        return {
          id: e.id,
          source: e.source,
          target: e.target,
          label: edgeLabel(e),
          className: `health-${e.health}${onPath ? ' on-path' : ''}`,
          style: { stroke: colour, strokeWidth: edgeWidth(e.msgsPerSec) + (onPath ? 2 : 0), opacity: path.size > 0 && !onPath ? 0.35 : 1 },
          labelStyle: { fill: '#dbe3ec', fontSize: 11 },
          labelBgStyle: { fill: '#111821' },
          markerEnd: { type: MarkerType.ArrowClosed, color: colour },
          selected: selection?.type === 'edge' && selection.id === e.id,
          animated: e.msgsPerSec > 0 && e.health !== 'idle',
        };
      }),
    [graph, path, selection],
  );

  if (!positions) return <p className="muted pad">Laying out the graph…</p>;
  return (
    <div className="flow-graph" data-testid="flow-graph">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        minZoom={0.2}
        nodesConnectable={false}
        onNodeClick={(_, n) => onSelect({ type: 'node', id: n.id })}
        onEdgeClick={(_, e) => onSelect({ type: 'edge', id: e.id })}
        onPaneClick={() => onSelect(null)}
        proOptions={{ hideAttribution: true }}
        colorMode="dark"
      >
        <Background />
        <Controls showInteractive={false} />
        <FitOnNewLayout layout={positions} />
      </ReactFlow>
    </div>
  );
}

/**
 * Fits the view once after each new layout, when every node has been measured. The graph used to be re-mounted
 * (keyed by its structure) to get a fresh fitView, but a re-mount hides every node until it is measured again and
 * draws no edge meanwhile: on a loaded machine an edge seen for the first time left the whole graph blank for
 * seconds, and clicks and e2e checks landed on nothing.
 */
function FitOnNewLayout({ layout }: { layout: Positions }) {
  const { fitView } = useReactFlow();
  const measured = useNodesInitialized();
  const fitted = useRef<Positions | null>(null);
  useEffect(() => {
    if (!measured || fitted.current === layout) return;
    fitted.current = layout;
    void fitView();
  }, [measured, layout, fitView]);
  return null;
}
