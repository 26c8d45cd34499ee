'use client';
// The /flow page: the live graph, a side panel with the selected node's or edge's details, a trace search,
// the waterfall of an opened trace, and "follow this robot". Traces (search, waterfall, followed path) need the
// `inspect` capability (architect, admin); the graph and its figures are for every role.
import { useEffect, useState } from 'react';
import { NeedsRole } from '@/components/auth/Can';
import { useCapability } from '@/components/auth/use-me';
import { useFleetStore } from '@/components/realtime/fleet-store';
import { SelectFilter } from '@/components/ui/SelectFilter';
import { StateMessage } from '@/components/ui/StateMessage';
import { EdgeDetails } from './EdgeDetails';
import { EdgeTable } from './EdgeTable';
import { FlowGraphView, type Selection } from './FlowGraphView';
import { NodeDetails } from './NodeDetails';
import { TraceSearch } from './TraceSearch';
import { TraceWaterfall } from './TraceWaterfall';
import { useFlowGraph } from './use-flow-graph';
import { useFollowedPath } from './use-followed-path';
import './flow.css';

export function FlowExplorer() {
  const graph = useFlowGraph();
  const [selection, setSelection] = useState<Selection>(null);
  const [traceId, setTraceId] = useState<string | null>(null);
  const [followId, setFollowId] = useState<number | null>(null);
  const ids = useFleetStore((s) => s.ids);
  const robots = useFleetStore((s) => s.robots);
  const inspect = useCapability('inspect');
  const followed = useFollowedPath(inspect === 'yes' ? followId : null);
  // `/flow?trace=<id>` (linked from a command's history) opens that trace's waterfall.
  useEffect(() => {
    const id = new URLSearchParams(window.location.search).get('trace');
    if (id && /^[0-9a-f]{32}$/.test(id)) setTraceId(id);
  }, []);

  if (!graph) return <StateMessage title="Waiting for the live data-flow graph…" />;
  const node = selection?.type === 'node' ? graph.nodes.find((n) => n.id === selection.id) : undefined;
  const edge = selection?.type === 'edge' ? graph.edges.find((e) => e.id === selection.id) : undefined;
  return (
    <div className="flow-layout">
      <div className="flow-main">
        <div className="flow-toolbar">
          <span className="muted">
            {graph.nodes.length} nodes · {graph.edges.length} edges · window {graph.windowSeconds} s · sampling{' '}
            {(graph.sampleRate * 100).toFixed(graph.sampleRate < 0.01 ? 2 : 0)}% of telemetry
          </span>
          {inspect === 'yes' ? (
            <SelectFilter
              className="follow"
              label="follow robot"
              value={followId === null ? '' : String(followId)}
              onChange={(v) => setFollowId(v ? Number(v) : null)}
              anyLabel="—"
              options={ids.map(String)}
              optionText={(id) => robots[Number(id)]?.serialNumber ?? id}
              testId="follow-robot"
            />
          ) : null}
          {followed.traceId && (
            <button type="button" className="link" data-testid="follow-trace" onClick={() => setTraceId(followed.traceId)}>
              its latest message
            </button>
          )}
        </div>
        <FlowGraphView graph={graph} selection={selection} onSelect={setSelection} path={followed.path} />
        <details className="flow-edges" open>
          <summary>Edges</summary>
          <EdgeTable edges={graph.edges} selectedId={edge?.id ?? null} onSelect={(id) => setSelection({ type: 'edge', id })} />
        </details>
      </div>
      <aside className="flow-side">
        {traceId && inspect === 'yes' && <TraceWaterfall traceId={traceId} onClose={() => setTraceId(null)} />}
        {node && <NodeDetails node={node} onOpenTrace={setTraceId} />}
        {edge && <EdgeDetails edge={edge} windowSeconds={graph.windowSeconds} onOpenTrace={setTraceId} />}
        {!node && !edge && <p className="muted">Click a node or an edge for its details and recent messages.</p>}
        {inspect === 'yes' ? (
          <TraceSearch onOpen={setTraceId} />
        ) : inspect === 'no' ? (
          <section className="trace-search" data-testid="trace-search-locked">
            <h2>Message traces</h2>
            <NeedsRole capability="inspect" what="Trace search, waterfalls and sampled messages" plural />
          </section>
        ) : null}
      </aside>
    </div>
  );
}
