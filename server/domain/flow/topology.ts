// Nodes and edges of the live data-flow graph. Node ids say what a node is (`kind:name`), so the gateway, the
// bus decorator and the workers can name the same node without sharing objects.
import type { EdgeFigures } from './edge-window';

/** `node` and `bus`: the processes of a cluster and the bus between them (cluster-overlay.ts). */
export type NodeKind = 'robots' | 'topic' | 'gateway' | 'subject' | 'worker' | 'table' | 'fanout' | 'viewers' | 'node' | 'bus';
export type Health = 'ok' | 'warn' | 'unhealthy' | 'idle';

export const nodeId = {
  robots: (manufacturer: string) => `robots:${manufacturer}`,
  topic: (topic: string) => `topic:${topic}`,
  gateway: (name: string) => `gateway:${name}`,
  subject: (subject: string) => `subject:${subject}`,
  worker: (name: string) => `worker:${name}`,
  table: (name: string) => `table:${name}`,
  fanout: 'fanout:socketio',
  viewers: 'viewers:browsers',
} as const;

export function kindOf(id: string): NodeKind {
  return id.slice(0, id.indexOf(':')) as NodeKind;
}

export interface FlowNode {
  id: string;
  kind: NodeKind;
  label: string;
  /** Kind-specific figures: row counts and size for tables, viewers and frame rate for the fan-out, … */
  details: Record<string, number | string | null>;
}

/**
 * How an edge carries its messages: as objects handed over inside the app process (nothing is serialised, so
 * there are no bytes to count), or serialised onto a wire or into a table (MQTT, Socket.IO, SQL).
 */
export type EdgeTransport = 'in-process' | 'serialised';

/** Kinds of node that live inside the app process: an edge between two of them passes objects, not bytes. */
const IN_PROCESS_KINDS: ReadonlySet<NodeKind> = new Set(['gateway', 'subject', 'worker', 'fanout']);

export function edgeTransport(source: string, target: string): EdgeTransport {
  return IN_PROCESS_KINDS.has(kindOf(source)) && IN_PROCESS_KINDS.has(kindOf(target)) ? 'in-process' : 'serialised';
}

/** An edge with its figures over the sliding window (errors and drops are counts in the window). */
export interface FlowEdge extends Omit<EdgeFigures, 'messages' | 'histogram' | 'totals' | 'bytesPerSec'> {
  id: string;
  source: string;
  target: string;
  transport: EdgeTransport;
  /** Serialised bytes per second over the window; null on an in-process edge and on one whose bytes are not counted. */
  bytesPerSec: number | null;
  /** Messages waiting between source and target (buffered rows, pending handlers); null when not measured. */
  backlog: number | null;
  health: Health;
  /** Latency histogram of the window (counts per LATENCY_BOUNDS_MS bucket, +Inf last). */
  histogram: EdgeFigures['histogram'];
  totals: { messages: number; errors: number; drops: number };
  /** What the latency of this edge measures, for the legend. */
  latencyMeans: string;
}

export interface FlowGraph {
  at: number;
  windowSeconds: number;
  sampleRate: number;
  nodes: FlowNode[];
  edges: FlowEdge[];
}

export const edgeId = (source: string, target: string) => `${source}->${target}`;

export interface HealthThresholds {
  /** p99 above this is unhealthy; above half of it, a warning. */
  slowMs: number;
  /** Share of errors + drops above which an edge is unhealthy. */
  errorShare: number;
}

export function edgeHealth(
  e: Pick<FlowEdge, 'msgsPerSec' | 'p99Ms' | 'errors' | 'drops'> & { messages: number },
  t: HealthThresholds,
): Health {
  const bad = e.errors + e.drops;
  if (e.messages === 0 && bad === 0) return 'idle';
  if ((e.p99Ms ?? 0) > t.slowMs || bad > t.errorShare * Math.max(1, e.messages + bad)) return 'unhealthy';
  if ((e.p99Ms ?? 0) > t.slowMs / 2 || bad > 0) return 'warn';
  return 'ok';
}
