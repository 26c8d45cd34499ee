// The app's side of the alert engine's facts: the health report (database, broker, ingest backlog) and the flow
// graph's edges, polled at most every few seconds (a health report pings the database) and read at each
// evaluation from the last answer. One poll at a time; a failed poll keeps the previous answer and is counted.
import { ingestBacklog, type AppFacts, type EdgeFacts } from '../domain/alerts/app-conditions';
import type { FlowReader } from '../ports/flow-reader';
import type { HealthReport } from '../ports/health';

export interface AppWatchDeps {
  appHealth: (() => Promise<HealthReport>) | null;
  flow: Pick<FlowReader, 'graph' | 'recentThrough'> | null;
  now: () => number;
  onError: (what: string, err: unknown) => void;
}

export function createAppWatch(deps: AppWatchDeps) {
  const facts: AppFacts = { components: null, backlog: null };
  let edges: EdgeFacts[] | null = null;
  let lastPollAt = -Infinity;
  let inFlight: Promise<void> | null = null;
  let polls = 0;
  let failures = 0;

  const pollHealth = async () => {
    if (!deps.appHealth) return;
    try {
      const h = await deps.appHealth();
      facts.components = h.components;
      const value = ingestBacklog(h.components.ingest, h.components.history);
      facts.backlog = value === null ? null : { value, previous: facts.backlog?.value ?? null };
    } catch (err) {
      failures++;
      deps.onError('app health', err);
    }
  };

  const pollFlow = () => {
    if (!deps.flow) return;
    try {
      const g = deps.flow.graph();
      edges = g.edges.map((e) => ({
        source: e.source,
        target: e.target,
        p99Ms: e.p99Ms,
        drops: e.drops,
        messages: Math.round(e.msgsPerSec * g.windowSeconds),
        windowSeconds: g.windowSeconds,
        traceId: null,
      }));
    } catch (err) {
      failures++;
      deps.onError('flow graph', err);
    }
  };

  const refresh = (): Promise<void> => {
    inFlight ??= (async () => {
      pollFlow();
      await pollHealth();
      polls++;
      lastPollAt = deps.now();
    })().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };

  return {
    facts: (): Readonly<AppFacts> => facts,
    /** The edges of the last flow graph; null without a flow reader (tracing off) or before the first poll. */
    edges: (): readonly EdgeFacts[] | null => edges,
    /** A recent sampled message through an unhealthy edge, looked up once per poll and edge. */
    traceOf(e: EdgeFacts): string | null {
      if (e.traceId === null && deps.flow) e.traceId = deps.flow.recentThrough([e.source, e.target], 1)[0]?.traceId ?? '';
      return e.traceId || null;
    },
    /** Starts a poll when the last one is older than `everyMs` (and none is running). */
    pollIfDue(now: number, everyMs: number) {
      if (!inFlight && now - lastPollAt >= everyMs) void refresh();
    },
    refresh,
    stats: () => ({ polls, failures }),
  };
}

export type AppWatch = ReturnType<typeof createAppWatch>;
