// The most recent traces in memory, bounded by a number of traces: the oldest trace goes first. Serves
// traces.byId before its hops reach Postgres, a node's or an edge's recent messages, and browser-hop checks.
import { orderHops, summarize, type Hop, type TraceSummary } from '../../domain/flow/hop';
import type { HopSink } from '../../ports/trace-sink';

export interface TraceRing extends HopSink {
  get(traceId: string): Hop[] | undefined;
  /** Newest first, filtered; `through` keeps traces with a hop on every listed node. */
  recent(filter: { robotId?: number; fromMs?: number; toMs?: number; through?: string[]; limit: number }): TraceSummary[];
  size(): number;
}

export function createTraceRing(capacity: number): TraceRing {
  const traces = new Map<string, Hop[]>();
  return {
    write(hop) {
      const list = traces.get(hop.traceId);
      if (list) return void list.push(hop);
      traces.set(hop.traceId, [hop]);
      if (traces.size > capacity) traces.delete(traces.keys().next().value!);
    },
    get: (traceId) => {
      const hops = traces.get(traceId);
      return hops && orderHops(hops);
    },
    recent({ robotId, fromMs, toMs, through, limit }) {
      const out: TraceSummary[] = [];
      const all = [...traces.values()];
      for (let i = all.length - 1; i >= 0 && out.length < limit; i--) {
        const hops = all[i]!;
        const s = summarize(hops);
        if (!s) continue;
        if (robotId !== undefined && s.robotId !== robotId) continue;
        if (fromMs !== undefined && s.startedAt < fromMs) continue;
        if (toMs !== undefined && s.startedAt > toMs) continue;
        if (through && !through.every((n) => hops.some((h) => h.node === n))) continue;
        out.push(s);
      }
      return out;
    },
    size: () => traces.size,
  };
}
