// The flow recorder: the one place that knows the edges of the data path and the sampled hops. Hot-path code
// asks it once for an edge meter and then records into preallocated windows; sampled envelopes add hops, which
// go to every hop sink (ring, Postgres writer, OTLP exporter).
import { randomHex } from '../../domain/random-hex';
import { EdgeWindow } from '../../domain/flow/edge-window';
import type { Hop, HopInput, TraceContext } from '../../domain/flow/hop';
import { shouldSample } from '../../domain/flow/sampling';
import { edgeId, kindOf } from '../../domain/flow/topology';
import type { HopSink, TraceSink } from '../../ports/trace-sink';

export interface EdgeEntry {
  id: string;
  source: string;
  target: string;
  window: EdgeWindow;
  latencyMeans: string;
  /** Messages waiting on this edge right now, when the target can tell. */
  backlog?: () => number;
}

export interface NodeEntry {
  id: string;
  label: string;
  details?: () => Record<string, number | string | null>;
}

export interface FlowRecorder extends TraceSink {
  readonly sampleRate: number;
  /** Epoch ms of wall time, cheap (for window slots). */
  wallNow(): number;
  /** Decides once per message; errors are always traced. */
  sample(error?: boolean): boolean;
  /** The meter of an edge, created on first use (hot paths keep the handle). */
  edge(source: string, target: string, latencyMeans?: string): EdgeWindow;
  describeEdge(source: string, target: string, extra: { backlog?: () => number; latencyMeans?: string }): void;
  node(id: string, label?: string, details?: () => Record<string, number | string | null>): void;
  nodes(): NodeEntry[];
  /** Called for every node created from now on (and each existing one), e.g. to label robot groups as they appear. */
  onNode(fn: (id: string) => void): void;
  edges(): EdgeEntry[];
  addSink(sink: HopSink): void;
}

export interface FlowRecorderOptions {
  sampleRate: number;
  /** Precise clock (epoch ms with fraction); tests inject one. */
  now?: () => number;
  wallNow?: () => number;
  random?: () => number;
}

const preciseNow = () => performance.timeOrigin + performance.now();

export function createFlowRecorder(o: FlowRecorderOptions): FlowRecorder {
  const now = o.now ?? preciseNow;
  const wallNow = o.wallNow ?? Date.now;
  const random = o.random ?? Math.random;
  const policy = { rate: o.sampleRate };
  const edges = new Map<string, EdgeEntry>();
  const nodes = new Map<string, NodeEntry>();
  const sinks: HopSink[] = [];
  const hooks: ((id: string) => void)[] = [];
  let seq = 0;

  const node = (id: string, label?: string, details?: NodeEntry['details']) => {
    const n = nodes.get(id);
    if (!n) {
      nodes.set(id, { id, label: label ?? id.slice(id.indexOf(':') + 1), ...(details && { details }) });
      for (const h of hooks) h(id);
    } else {
      if (label) n.label = label;
      if (details) n.details = details;
    }
  };

  const edge = (source: string, target: string, latencyMeans?: string): EdgeWindow => {
    const id = edgeId(source, target);
    let e = edges.get(id);
    if (!e) {
      node(source);
      node(target);
      e = { id, source, target, window: new EdgeWindow(wallNow()), latencyMeans: latencyMeans ?? defaultLatencyMeaning(source, target) };
      edges.set(id, e);
    } else if (latencyMeans) e.latencyMeans = latencyMeans;
    return e.window;
  };

  return {
    sampleRate: o.sampleRate,
    now,
    wallNow,
    sample: (error = false) => shouldSample(policy, { error }, random),
    start(init): TraceContext {
      return { traceId: init.traceId ?? randomHex(16), kind: init.kind, robotId: init.robotId, subject: init.subject };
    },
    hop(ctx: TraceContext, h: HopInput) {
      const hop: Hop = {
        ...ctx,
        spanId: randomHex(8),
        seq: ++seq,
        node: h.node,
        operation: h.operation,
        startMs: h.startMs,
        endMs: h.endMs,
        outcome: h.outcome,
        bytes: h.bytes ?? 0,
        detail: h.detail ?? null,
      };
      node(h.node);
      for (const s of sinks) s.write(hop);
    },
    edge,
    describeEdge(source, target, extra) {
      edge(source, target, extra.latencyMeans);
      const e = edges.get(edgeId(source, target))!;
      if (extra.backlog) e.backlog = extra.backlog;
    },
    node,
    nodes: () => [...nodes.values()],
    onNode(fn) {
      hooks.push(fn);
      for (const id of [...nodes.keys()]) fn(id);
    },
    edges: () => [...edges.values()],
    addSink: (s) => void sinks.push(s),
  };
}

function defaultLatencyMeaning(source: string, target: string): string {
  if (kindOf(source) === 'subject') return 'handler time per message';
  if (kindOf(target) === 'subject') return 'time from receive to bus publish';
  return 'time between the two stages';
}
