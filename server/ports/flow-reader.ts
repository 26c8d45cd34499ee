// Read side of the data-flow view for tRPC (flow.graph, traces.byId, traces.search) and the live push.
import type { Hop, TraceKind, TraceSummary } from '../domain/flow/hop';
import type { FlowGraph } from '../domain/flow/topology';

export interface TraceSearch {
  robotId?: number;
  kind?: TraceKind;
  fromMs?: number;
  toMs?: number;
  limit: number;
}

export interface FlowReader {
  graph(): FlowGraph;
  /** Hops in path order; null when the trace is unknown (never sampled, or past retention). */
  traceById(traceId: string): Promise<Hop[] | null>;
  /** Newest first, from memory and Postgres. */
  search(p: TraceSearch): Promise<TraceSummary[]>;
  /** Recent sampled messages that passed a node / both ends of an edge (from memory). */
  recentThrough(nodes: string[], limit: number): TraceSummary[];
}
