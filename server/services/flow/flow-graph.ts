// The live data-flow graph: every node and edge the recorder knows, with sliding-window figures, health and
// the kind-specific details of each node.
import { WINDOW_SECONDS } from '../../domain/flow/edge-window';
import { percentileOf } from '../../domain/flow/latency-buckets';
import { edgeHealth, edgeTransport, kindOf, type FlowGraph, type FlowNode, type HealthThresholds } from '../../domain/flow/topology';
import type { FlowRecorder } from './flow-recorder';

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

export function buildFlowGraph(rec: FlowRecorder, thresholds: HealthThresholds): FlowGraph {
  const now = rec.wallNow();
  const edges = rec.edges().map((e) => {
    const f = e.window.read(now, percentileOf);
    const transport = edgeTransport(e.source, e.target);
    return {
      id: e.id,
      source: e.source,
      target: e.target,
      transport,
      msgsPerSec: round(f.msgsPerSec),
      // An edge that never counted a byte does not measure them: null rather than a false 0.
      bytesPerSec: transport === 'in-process' || f.totals.bytes === 0 ? null : Math.round(f.bytesPerSec),
      p50Ms: f.p50Ms === null ? null : round(f.p50Ms, 3),
      p99Ms: f.p99Ms === null ? null : round(f.p99Ms, 3),
      errors: f.errors,
      drops: f.drops,
      backlog: e.backlog ? e.backlog() : null,
      health: edgeHealth({ ...f, messages: f.messages }, thresholds),
      histogram: f.histogram,
      totals: { messages: f.totals.messages, errors: f.totals.errors, drops: f.totals.drops },
      latencyMeans: e.latencyMeans,
    };
  });
  const nodes: FlowNode[] = rec
    .nodes()
    .map((n) => ({ id: n.id, kind: kindOf(n.id), label: n.label, details: n.details ? n.details() : {} }));
  return { at: now, windowSeconds: WINDOW_SECONDS, sampleRate: rec.sampleRate, nodes, edges };
}
