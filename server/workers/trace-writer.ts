// Persists sampled hops to trace_hops in batches (never a round trip per hop) and deletes hops past the
// retention period. A hop sink of the flow recorder.
import type { Hop } from '../domain/flow/hop';
import { createThrottle } from '../domain/log-bounds';
import type { Logger } from '../ports/logger';
import type { Clock } from '../ports/clock';
import type { HopSink } from '../ports/trace-sink';
import type { TraceStore } from '../ports/trace-store';
import { createBatchWriter, type BatchWriterStats } from './batch-writer';

export interface TraceWriter extends HopSink {
  flush(): Promise<void>;
  stop(): Promise<void>;
  pruneNow(): Promise<number>;
  stats(): BatchWriterStats & { pruned: number };
}

export function createTraceWriter(
  deps: { store: TraceStore; clock: Clock; logger: Logger },
  o: { retentionHours: number; maxDelayMs?: number; pruneEveryMs?: number },
): TraceWriter {
  const log = deps.logger.child({ component: 'worker:trace-writer' });
  const shouldLog = createThrottle(5, 100);
  // Traces are diagnostics: under a long database outage drop the oldest hops rather than grow without bound.
  const writer = createBatchWriter<Hop>({
    name: 'trace_hops',
    maxBatch: 2000,
    maxDelayMs: o.maxDelayMs ?? 500,
    maxBuffered: 50_000,
    write: (rows) => deps.store.insertHops(rows),
    now: () => deps.clock.now(),
    onError: (err, attempt) => {
      if (shouldLog('retry')) log.error({ err: (err as Error).message, attempt }, 'trace_hops batch failed; will retry');
    },
    onRejected: (hop, err) => {
      if (shouldLog('rejected'))
        log.error(
          { err: (err as Error).message, traceId: hop.traceId, operation: hop.operation },
          'a trace hop the database refuses was left out of its batch',
        );
    },
  });
  let pruned = 0;
  const pruneNow = async () => {
    try {
      const n = await deps.store.deleteHopsBefore(deps.clock.now() - o.retentionHours * 3600_000);
      pruned += n;
      return n;
    } catch (err) {
      log.error({ err: (err as Error).message }, 'pruning old trace hops failed');
      return 0;
    }
  };
  const prune = setInterval(() => void pruneNow(), o.pruneEveryMs ?? 10 * 60_000);
  prune.unref();
  return {
    write: (hop) => writer.add(hop),
    flush: () => writer.flush(),
    async stop() {
      clearInterval(prune);
      await writer.close();
    },
    pruneNow,
    stats: () => ({ ...writer.stats(), pruned }),
  };
}
