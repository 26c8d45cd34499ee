'use client';
// The flow graph drawn with React Flow, laid out by ELK: edge width by rate, colour by health, labels with
// rate and p99. Clicking a node or an edge selects it; nodes and edges on a followed robot's path stand out.
//
// Every node comes with its size and its two handles (`width`, `height`, `measured`, `handles`), so React Flow
// draws the edges straight from the data and never waits for a DOM measurement. Without them each push of new
// figures (new node objects, once a second) reset every node to "not measured": its edges disappeared until a
// ResizeObserver callback measured it again, and when that callback and the next push landed in one React render
// the node's observer effect did not re-run (its `isInitialized` dependency read false before and after), so the
// node stayed unmeasured for good and its edges were never drawn again (the flaky "rf__edge-… not found" e2e).
import { Background, Controls, MarkerType, Position, ReactFlow, useReactFlow, useStore, type Edge } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useMemo, useState } from 'react';
import { useResolvedTheme } from '@/components/ui/use-theme';
import type { FlowGraph } from '@/server/domain/flow/topology';
import { FlowNodeCard, type FlowRfNode } from './FlowNodeCard';
import { edgeLabel, edgeWidth, HEALTH_COLOUR } from './flow-format';
import { layoutGraph, legibleViewport, NODE_HEIGHT, NODE_WIDTH, structureKey, type Positions } from './flow-layout';

export type Selection = { type: 'node'; id: string } | { type: 'edge'; id: string } | null;

const nodeTypes = { flow: FlowNodeCard };

/** Where edges attach: the middle of the left (in) and right (out) sides, in node coordinates. */
const HANDLES = [
  { type: 'target' as const, position: Position.Left, x: 0, y: NODE_HEIGHT / 2 - 0.5, width: 1, height: 1 },
  { type: 'source' as const, position: Position.Right, x: NODE_WIDTH - 1, y: NODE_HEIGHT / 2 - 0.5, width: 1, height: 1 },
];
const SIZE = { width: NODE_WIDTH, height: NODE_HEIGHT };

export function FlowGraphView(props: { graph: FlowGraph; selection: Selection; onSelect(s: Selection): void; path: ReadonlySet<string> }) {
  const { graph, selection, onSelect, path } = props;
  const [positions, setPositions] = useState<Positions | null>(null);
  const theme = useResolvedTheme();
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
        ...SIZE,
        measured: SIZE,
        handles: HANDLES,
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
          labelStyle: { fill: 'var(--text)', fontSize: 14 },
          labelBgStyle: { fill: 'var(--panel)' },
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
        minZoom={0.2}
        panOnScroll
        nodesConnectable={false}
        onNodeClick={(_, n) => onSelect({ type: 'node', id: n.id })}
        // Keyboard: Tab to a node (the view pans to it), Enter selects it, like a click.
        onNodesChange={(changes) => {
          for (const c of changes) if (c.type === 'select' && c.selected) onSelect({ type: 'node', id: c.id });
        }}
        onEdgeClick={(_, e) => onSelect({ type: 'edge', id: e.id })}
        onPaneClick={() => onSelect(null)}
        proOptions={{ hideAttribution: true }}
        colorMode={theme}
      >
        <Background />
        <Controls showInteractive={false} />
        <LegibleFit layout={positions} />
      </ReactFlow>
    </div>
  );
}

/**
 * Shows each new layout (and the same one after the pane is resized) at a zoom where the labels are readable:
 * the whole graph when it fits so, else its start, to be panned (flow-layout.ts legibleViewport). Nodes carry
 * their size, so this needs no measurement and never re-mounts the graph.
 */
function LegibleFit({ layout }: { layout: Positions }) {
  const { setViewport } = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  useEffect(() => {
    const start = Object.keys(layout).find((id) => id.startsWith('robots:'));
    const v = legibleViewport(layout, { width, height }, start);
    if (v) void setViewport(v);
  }, [layout, width, height, setViewport]);
  return null;
}
