// The cluster on the flow map: a box per node and one for the bus, each node joined to the bus both ways with its
// rates and lag, a silent node's edges unhealthy, a slow bus's delivery warned about.
import { describe, expect, it } from 'vitest';
import type { ClusterMember } from '../cluster/node-figures';
import { BUS_NODE, clusterOverlay } from './cluster-overlay';

const member = (node: string, extra: Partial<ClusterMember> = {}): ClusterMember => ({
  node,
  roles: ['gateway', 'web'],
  leader: false,
  self: false,
  silentMs: 300,
  bus: { published: 1000, delivered: 900, pending: 2, lost: 1, lagMs: 3 },
  rates: { publishedPerSec: 120.456, deliveredPerSec: 240 },
  ...extra,
});
const thresholds = { slowMs: 250, errorShare: 0.01 };

describe('cluster overlay', () => {
  it('draws each node and the bus, joined both ways, with rates and lag', () => {
    const { nodes, edges } = clusterOverlay([member('n1', { self: true, leader: true, silentMs: 0 }), member('n2')], thresholds);
    expect(nodes.map((n) => [n.id, n.kind, n.label])).toEqual([
      ['node:n1', 'node', 'n1 (this node)'],
      ['node:n2', 'node', 'n2'],
      [BUS_NODE, 'bus', 'NATS JetStream'],
    ]);
    expect(nodes[0]!.details).toMatchObject({ roles: 'gateway, web', leader: 'yes', publishedPerSec: 120.46, lagMs: 3 });
    expect(nodes[2]!.details).toEqual({ nodes: 2, publishedPerSec: 240.91 });
    expect(edges.map((e) => [e.id, e.msgsPerSec, e.p99Ms, e.backlog, e.health])).toEqual([
      ['node:n1->bus:nats', 120.46, null, 2, 'ok'],
      ['bus:nats->node:n1', 240, 3, null, 'ok'],
      ['node:n2->bus:nats', 120.46, null, 2, 'ok'],
      ['bus:nats->node:n2', 240, 3, null, 'ok'],
    ]);
    expect(edges[0]!.totals.drops).toBe(1);
  });

  it('marks a silent node, a slow delivery, a backlog, and a node with no rates yet', () => {
    const { edges } = clusterOverlay(
      [
        member('gone', { silentMs: 2500 }),
        member('slow', { bus: { published: 1, delivered: 1, pending: 0, lost: 0, lagMs: 200 } }),
        member('busy', { bus: { published: 1, delivered: 1, pending: 5000, lost: 0, lagMs: 1 } }),
        member('new', { rates: null, bus: undefined }),
      ],
      thresholds,
    );
    const health = Object.fromEntries(edges.map((e) => [e.id, e.health]));
    expect(health['node:gone->bus:nats']).toBe('unhealthy');
    expect(health['bus:nats->node:slow']).toBe('warn');
    expect(health['node:busy->bus:nats']).toBe('warn');
    expect(health['node:new->bus:nats']).toBe('idle');
  });
});
