// On an ingest node: the history slices that nodes without the ingest role relayed on the bus
// (services/history/slice-relay.ts), written in batches; each message is acknowledged only after its commit.
import type { SliceRow } from '../domain/history/slice';
import { createThrottle } from '../domain/log-bounds';
import type { Clock } from '../ports/clock';
import type { HistoryStore } from '../ports/history-store';
import type { Logger } from '../ports/logger';
import type { MessageBus } from '../ports/message-bus';
import { SLICE_SUBJECT, sliceOf } from '../services/history/slice-relay';
import { type BatchWriterStats, createBatchWriter } from './batch-writer';

export interface SliceIngest {
  stats(): BatchWriterStats & { refused: number; lastRefusal: string | null };
  flush(): Promise<void>;
  stop(): Promise<void>;
}

export function createSliceIngest(deps: { bus: MessageBus; store: HistoryStore; clock: Clock; logger: Logger }): SliceIngest {
  const log = deps.logger.child({ component: 'worker:slice-ingest' });
  const shouldLog = createThrottle(5, 1000);
  let refused = 0;
  let lastRefusal: string | null = null;
  const writer = createBatchWriter<SliceRow>({
    name: 'telemetry_slices (relayed)',
    maxBatch: 500,
    maxDelayMs: 250,
    write: (rows) => deps.store.writeSlices(rows),
    onError: (err, attempt) => {
      if (shouldLog('retry')) log.warn({ err: (err as Error).message, attempt }, 'writing relayed history slices failed; will retry');
    },
    onRejected: (row, err) => {
      if (shouldLog('rejected'))
        log.error(
          { robotId: row.robotId, samples: row.count, err: (err as Error).message },
          'a relayed history slice the database refuses was left out',
        );
    },
    now: () => deps.clock.now(),
  });
  const sub = deps.bus.subscribe(
    SLICE_SUBJECT,
    (env) => {
      const row = sliceOf(env);
      if (typeof row === 'string') {
        refused++;
        lastRefusal = `${env.source}: ${row}`;
        if (shouldLog('refused')) log.error({ source: env.source, why: row }, 'a relayed history slice was refused');
        return;
      }
      return writer.addAndWait(row);
    },
    { name: 'history-slices', delivery: 'one-node' },
  );
  return {
    stats: () => ({ ...writer.stats(), refused, lastRefusal }),
    flush: () => writer.flush(),
    async stop() {
      sub.unsubscribe();
      await writer.close();
    },
  };
}
