// The nodes of a cluster on the flow map: each app process a box, the bus between them a box, and two edges per
// process (what it publishes onto the bus, what the bus delivers to it) with the rates and lag that its
// announcements carry (domain/cluster/node-figures.ts). A process's own graph shows its stages; this shows how the
// processes are joined. Figures are per announcement (every second), not per message: the histogram stays empty.
import type { ClusterMember } from '../cluster/node-figures';
import { LATENCY_BOUNDS_MS } from './latency-buckets';
import { edgeId, type FlowEdge, type FlowNode, type Health, type HealthThresholds } from './topology';

export const BUS_NODE = 'bus:nats';
/** A process this long silent is taken for gone by its peers soon (node registry); its edges show it first. */
const SILENT_MS = 2000;
/** Messages waiting in a process's bus client past which its edge warns. */
const PENDING_WARN = 1000;

const round = (n: number) => Math.round(n * 100) / 100;

function edge(
  source: string,
  target: string,
  f: { perSec: number | null; lagMs: number | null; backlog: number | null; lost: number; silent: boolean },
  t: HealthThresholds,
  means: string,
): FlowEdge {
  const health: Health = f.silent
    ? 'unhealthy'
    : f.perSec === null || f.perSec === 0
      ? 'idle'
      : (f.lagMs ?? 0) > t.slowMs
        ? 'unhealthy'
        : (f.lagMs ?? 0) > t.slowMs / 2 || (f.backlog ?? 0) > PENDING_WARN
          ? 'warn'
          : 'ok';
  return {
    id: edgeId(source, target),
    source,
    target,
    transport: 'serialised',
    msgsPerSec: f.perSec === null ? 0 : round(f.perSec),
    bytesPerSec: null,
    p50Ms: f.lagMs,
    p99Ms: f.lagMs,
    errors: 0,
    drops: 0,
    backlog: f.backlog,
    health,
    histogram: new Array<number>(LATENCY_BOUNDS_MS.length + 1).fill(0),
    totals: { messages: 0, errors: 0, drops: f.lost },
    latencyMeans: means,
  };
}

export function clusterOverlay(members: readonly ClusterMember[], t: HealthThresholds): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const nodes: FlowNode[] = [];
  const edges: FlowEdge[] = [];
  let published = 0;
  for (const m of members) {
    const id = `node:${m.node}`;
    const silent = m.silentMs > SILENT_MS;
    published += m.rates?.publishedPerSec ?? 0;
    nodes.push({
      id,
      kind: 'node',
      label: m.self ? `${m.node} (this node)` : m.node,
      details: {
        roles: m.roles.join(', '),
        leader: m.leader ? 'yes' : 'no',
        publishedPerSec: m.rates ? round(m.rates.publishedPerSec) : null,
        deliveredPerSec: m.rates ? round(m.rates.deliveredPerSec) : null,
        pending: m.bus?.pending ?? null,
        lost: m.bus?.lost ?? null,
        lagMs: m.bus?.lagMs ?? null,
        silentMs: m.silentMs,
      },
    });
    edges.push(
      edge(
        id,
        BUS_NODE,
        { perSec: m.rates?.publishedPerSec ?? null, lagMs: null, backlog: m.bus?.pending ?? null, lost: m.bus?.lost ?? 0, silent },
        t,
        'not measured: what this node publishes onto the bus (rate from its announcements)',
      ),
      edge(
        BUS_NODE,
        id,
        { perSec: m.rates?.deliveredPerSec ?? null, lagMs: m.bus?.lagMs ?? null, backlog: null, lost: 0, silent },
        t,
        'how late the other nodes’ announcements reach this node through the bus (median of its last 16)',
      ),
    );
  }
  nodes.push({ id: BUS_NODE, kind: 'bus', label: 'NATS JetStream', details: { nodes: members.length, publishedPerSec: round(published) } });
  return { nodes, edges };
}
