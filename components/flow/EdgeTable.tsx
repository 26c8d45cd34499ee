'use client';
// The graph's edges as a table: the same figures as the drawing, sortable by eye, readable without a mouse. It
// scrolls inside its own container; the edge's name wraps at the arrow so the figures stay in view at 1024 px.
import type { FlowEdge } from '@/server/domain/flow/topology';
import { edgeBytes, ms, rate } from './flow-format';

export function EdgeTable({
  edges,
  onSelect,
  selectedId,
}: {
  edges: readonly FlowEdge[];
  onSelect(id: string): void;
  selectedId: string | null;
}) {
  return (
    <table className="edge-table">
      <thead>
        <tr>
          <th>edge</th>
          <th title="Messages per second over the window">msgs/s</th>
          <th title="Serialised bytes per second over the window">bytes/s</th>
          <th title="Median latency over the window (what it measures: the edge's details)">p50</th>
          <th title="99th percentile latency over the window">p99</th>
          <th title="Errors / drops in the window">err/drop</th>
          <th title="Messages waiting between the two stages now">backlog</th>
        </tr>
      </thead>
      <tbody>
        {edges.map((e) => (
          <tr
            key={e.id}
            data-testid="edge-row"
            data-edge-id={e.id}
            data-health={e.health}
            data-rate={e.msgsPerSec}
            className={`health-${e.health}${selectedId === e.id ? ' chosen' : ''}`}
            onClick={() => onSelect(e.id)}
          >
            <td className="mono edge-name">
              <span>{e.source}</span> <span>→ {e.target}</span>
            </td>
            <td className="mono">{rate(e.msgsPerSec)}</td>
            <td className="mono" title={edgeBytes(e).title}>
              {edgeBytes(e).text}
            </td>
            <td className="mono">{ms(e.p50Ms)}</td>
            <td className="mono">{ms(e.p99Ms)}</td>
            <td className="mono">
              {e.errors}/{e.drops}
            </td>
            <td className="mono">{e.backlog ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
