'use client';
// The graph's edges as a table: the same figures as the drawing, sortable by eye, readable without a mouse.
import type { FlowEdge } from '@/server/domain/flow/topology';
import { bytes, ms, rate } from './flow-format';

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
          <th>rate</th>
          <th>bytes/s</th>
          <th>p50</th>
          <th>p99</th>
          <th>err/drop</th>
          <th>backlog</th>
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
            <td className="mono">
              {e.source} → {e.target}
            </td>
            <td className="mono">{rate(e.msgsPerSec)}</td>
            <td className="mono">{bytes(e.bytesPerSec)}</td>
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
