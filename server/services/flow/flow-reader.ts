// Answers the data-flow queries: the live graph from the recorder, traces from the in-memory ring first (the
// freshest, with browser hops) and Postgres for older ones.
import type { Db } from '../../../db/client';
import { hopsOfTrace, searchTraces } from '../../../db/queries/trace-hops';
import type { ClusterMember } from '../../domain/cluster/node-figures';
import { clusterOverlay } from '../../domain/flow/cluster-overlay';
import type { TraceSummary } from '../../domain/flow/hop';
import type { HealthThresholds } from '../../domain/flow/topology';
import type { FlowReader } from '../../ports/flow-reader';
import { buildFlowGraph } from './flow-graph';
import type { FlowRecorder } from './flow-recorder';
import type { TraceRing } from './trace-ring';

export function createFlowReader(deps: {
  recorder: FlowRecorder;
  ring: TraceRing;
  db: Db;
  thresholds: HealthThresholds;
  /** The processes on a networked bus (BUS_URL): drawn beside this process's stages, joined through the bus. */
  cluster?: () => ClusterMember[];
}): FlowReader {
  return {
    graph() {
      const graph = buildFlowGraph(deps.recorder, deps.thresholds);
      if (!deps.cluster) return graph;
      const overlay = clusterOverlay(deps.cluster(), deps.thresholds);
      return { ...graph, nodes: [...graph.nodes, ...overlay.nodes], edges: [...graph.edges, ...overlay.edges] };
    },
    async traceById(traceId) {
      const inMemory = deps.ring.get(traceId);
      if (inMemory) return inMemory;
      const stored = await hopsOfTrace(deps.db, traceId);
      return stored.length > 0 ? stored : null;
    },
    async search(p) {
      const recent = deps.ring
        .recent({ robotId: p.robotId, fromMs: p.fromMs, toMs: p.toMs, limit: p.limit })
        .filter((s) => !p.kind || s.kind === p.kind);
      const stored = await searchTraces(deps.db, p);
      const byId = new Map<string, TraceSummary>();
      // The ring's summary wins: it may hold hops (browser receive/render) not yet written.
      for (const s of [...stored, ...recent]) byId.set(s.traceId, s);
      return [...byId.values()].sort((a, b) => b.startedAt - a.startedAt).slice(0, p.limit);
    },
    recentThrough: (nodes, limit) => deps.ring.recent({ through: nodes, limit }),
  };
}
