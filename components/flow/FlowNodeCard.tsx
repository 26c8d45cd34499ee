'use client';
// One node of the flow graph: its kind, name and the figure that matters most for that kind.
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { FlowNode } from '@/server/domain/flow/topology';
import { bytes } from './flow-format';

export type FlowNodeData = { node: FlowNode; onPath: boolean; selected: boolean };
export type FlowRfNode = Node<FlowNodeData, 'flow'>;

function keyFigure(n: FlowNode): string {
  const d = n.details;
  switch (n.kind) {
    case 'table':
      return d.rows === null || d.rows === undefined ? 'rows …' : `${Number(d.rows).toLocaleString()} rows · ${bytes(Number(d.sizeBytes))}`;
    case 'fanout':
      return `${d.viewers ?? 0} viewers · ${d.framesPerSec ?? 0} frames/s`;
    case 'viewers':
      return `${d.connected ?? 0} connected`;
    case 'robots':
      return `${d.robots ?? 0} robots`;
    case 'gateway': {
      const dropped = Number(d.brokerDropped ?? 0);
      return `${Number(d.invalid ?? 0)} rejected${dropped > 0 ? ` · broker dropped ${dropped.toLocaleString()}` : ''}`;
    }
    case 'node':
      return `${d.roles ?? ''}${d.leader === 'yes' ? ' · leader' : ''}`;
    case 'bus':
      return `${d.nodes ?? 0} nodes · ${d.publishedPerSec ?? 0} msg/s`;
    default:
      return '';
  }
}

export function FlowNodeCard({ data }: NodeProps<FlowRfNode>) {
  const n = data.node;
  return (
    <div
      className={`flow-node kind-${n.kind}${data.onPath ? ' on-path' : ''}${data.selected ? ' chosen' : ''}`}
      data-testid="flow-node"
      data-node-id={n.id}
    >
      <Handle type="target" position={Position.Left} />
      <span className="flow-node-kind">{n.kind}</span>
      <span className="flow-node-label" title={n.id}>
        {n.label}
      </span>
      <span className="flow-node-figure">{keyFigure(n)}</span>
      <Handle type="source" position={Position.Right} />
    </div>
  );
}
