// Ingest worker: turns robot events on the bus into batched robot_events rows, saves factsheets and refreshes
// robots.last_seen_at in batches. Telemetry samples are kept by the history writer (history-writer.ts), as slices.
import type { Envelope } from '../domain/envelope';
import { SUBJECTS, type RobotTelemetry } from '../domain/telemetry';
import type { RobotEventRow } from '../domain/telemetry-rows';
import { createThrottle } from '../domain/log-bounds';
import type { Logger } from '../ports/logger';
import type { Clock } from '../ports/clock';
import type { FactsheetStore } from '../ports/factsheet-store';
import type { MessageBus } from '../ports/message-bus';
import type { TelemetryStore } from '../ports/telemetry-store';
import type { FlowRecorder } from '../services/flow/flow-recorder';
import { createBatchWriter, type BatchWriterStats } from './batch-writer';
import { createFactsheetWriter } from './factsheet-writer';
import { createIngestTracing } from './ingest-tracing';
import { ROBOT_EVENT_SUBJECT, type RobotEventPayload } from './fleet-state';

export interface IngestOptions {
  maxBatch?: number;
  maxDelayMs?: number;
  /**
   * Which robots' last-seen times and factsheets this process writes: `this-node` (default) those its own gateway
   * published; `every-node` every robot's (an ingest node without a gateway); `none` (a node without the ingest
   * role: it writes nothing, and takes no robot events off the bus either).
   */
  telemetry?: 'this-node' | 'every-node' | 'none';
}

export interface IngestWorker {
  flush(): Promise<void>;
  stop(): Promise<void>;
  stats(): {
    events: BatchWriterStats;
    factsheets: { written: number; pending: number; rejected: number };
  };
}

export function createIngestWorker(
  deps: { store: TelemetryStore; factsheetStore: FactsheetStore; bus: MessageBus; clock: Clock; logger: Logger; tracer?: FlowRecorder },
  o: IngestOptions = {},
): IngestWorker {
  const tracing = createIngestTracing(deps.tracer);
  const log = deps.logger.child({ component: 'worker:ingest' });
  const shouldLog = createThrottle(5, 100);
  const events = createBatchWriter<RobotEventRow>({
    name: 'robot_events',
    maxBatch: o.maxBatch ?? 1000,
    maxDelayMs: o.maxDelayMs ?? 250,
    write: (rows) => deps.store.insertEvents(rows),
    onError: (err, attempt) => {
      if (shouldLog('robot_events:retry')) log.error({ err: (err as Error).message, attempt }, 'robot_events batch failed; will retry');
    },
    onRejected: (row, err) => {
      tracing.rejected(1);
      if (shouldLog('robot_events:rejected'))
        log.error(
          { err: (err as Error).message, robotId: row.robotId },
          'a robot_events row the database refuses was left out of its batch',
        );
    },
    onWritten: tracing.eventsWritten,
    now: () => deps.clock.now(),
  });
  tracing.backlog(() => events.stats().buffered);
  const seen = new Map<number, number>();

  const factsheets = createFactsheetWriter({ store: deps.factsheetStore, logger: log });

  const onTelemetry = (env: Envelope) => {
    const t = env.payload as RobotTelemetry;
    seen.set(t.robotId, env.receivedAt);
    if (t.topic === 'factsheet') factsheets.save(t.robotId, t.message);
  };

  // Settles with the commit: a durable bus acknowledges the message only then, and delivers it again when the row
  // was dropped at the buffer limit or the process died before writing it.
  const onEvent = (env: Envelope): Promise<void> => {
    const e = env.payload as RobotEventPayload;
    return events.addAndWait({ robotId: e.robotId, ts: e.ts, kind: e.kind, detail: e.detail });
  };

  const delivery = o.telemetry ?? 'this-node';
  const subs =
    delivery === 'none'
      ? []
      : [
          // Poses only of this node's own robots: an every-node writer learns last-seen from states (1 Hz or more).
          ...[...(delivery === 'this-node' ? [SUBJECTS.visualization] : []), SUBJECTS.state, SUBJECTS.connection, SUBJECTS.factsheet].map(
            (s) => deps.bus.subscribe(s, onTelemetry, { name: 'ingest', delivery }),
          ),
          // Rows to insert, nothing derived: on a networked bus one node writes each (its consumer survives a restart).
          deps.bus.subscribe(ROBOT_EVENT_SUBJECT, onEvent, { name: 'ingest', delivery: 'one-node' }),
        ];

  // One last_seen_at update in flight at a time: under load an update can wait on robot row locks (a factsheet
  // save mid-statement), and overlapping ones queued behind each other took every pooled connection, stalling the
  // batch inserts for seconds (measured at 2,000 robots: 51 of them waiting on Lock:transactionid).
  let touching: Promise<void> | null = null;
  const touch = setInterval(() => {
    if (seen.size === 0 || touching) return;
    const batch = new Map(seen);
    seen.clear();
    touching = deps.store
      .touchRobots(batch)
      .catch((err: unknown) => {
        log.warn({ err: (err as Error).message }, 'updating last_seen_at failed');
        // Keep the newest time of each robot for the next try.
        for (const [id, t] of batch) if ((seen.get(id) ?? 0) < t) seen.set(id, t);
      })
      .finally(() => (touching = null));
  }, 2000);
  touch.unref();

  return {
    async flush() {
      await Promise.all([events.flush(), factsheets.flush()]);
    },
    async stop() {
      subs.forEach((s) => s.unsubscribe());
      clearInterval(touch);
      await touching;
      await Promise.all([events.close(), factsheets.stop()]);
      if (seen.size > 0) await deps.store.touchRobots(seen).catch(() => {});
    },
    stats: () => ({ events: events.stats(), factsheets: factsheets.stats() }),
  };
}
