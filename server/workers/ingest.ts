// Ingest worker: turns robot telemetry on the bus into batched rows of robot_samples and robot_events,
// refreshes robots.last_seen_at in batches, and prunes samples past the retention period.
import type { Envelope } from '../domain/envelope';
import { SUBJECTS, type RobotTelemetry } from '../domain/telemetry';
import { SAMPLE_SOURCE, type RobotEventRow, type SampleRow } from '../domain/telemetry-rows';
import type { AgvPosition, StateMessage, Velocity } from '../domain/vda5050/messages';
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
  retentionHours: number;
  maxBatch?: number;
  maxDelayMs?: number;
  pruneEveryMs?: number;
}

export interface IngestWorker {
  flush(): Promise<void>;
  stop(): Promise<void>;
  pruneNow(): Promise<number>;
  stats(): {
    samples: BatchWriterStats;
    events: BatchWriterStats;
    factsheets: { written: number; pending: number; rejected: number };
    pruned: number;
    lastPruneError: string | null;
  };
}

type Latest = Pick<StateMessage, 'driving' | 'paused' | 'operatingMode'> & { battery: number };

export function createIngestWorker(
  deps: { store: TelemetryStore; factsheetStore: FactsheetStore; bus: MessageBus; clock: Clock; logger: Logger; tracer?: FlowRecorder },
  o: IngestOptions,
): IngestWorker {
  const tracing = createIngestTracing(deps.tracer);
  const log = deps.logger.child({ component: 'worker:ingest' });
  const shouldLog = createThrottle(5, 100);
  const onError = (what: string) => (err: unknown, attempt: number) => {
    if (shouldLog(`${what}:retry`)) log.error({ err: (err as Error).message, attempt }, `${what} batch failed; will retry`);
  };
  const onRejected = (what: 'robot_samples' | 'robot_events') => (row: { robotId: number }, err: unknown) => {
    tracing.rejected(what, 1);
    if (shouldLog(`${what}:rejected`))
      log.error({ err: (err as Error).message, robotId: row.robotId }, `a ${what} row the database refuses was left out of its batch`);
  };
  const samples = createBatchWriter<SampleRow>({
    name: 'robot_samples',
    maxBatch: o.maxBatch ?? 5000,
    maxDelayMs: o.maxDelayMs ?? 100,
    write: (rows) => deps.store.insertSamples(rows),
    onError: onError('robot_samples'),
    onRejected: onRejected('robot_samples'),
    onWritten: tracing.samplesWritten,
    now: () => deps.clock.now(),
  });
  const events = createBatchWriter<RobotEventRow>({
    name: 'robot_events',
    maxBatch: 1000,
    maxDelayMs: 250,
    write: (rows) => deps.store.insertEvents(rows),
    onError: onError('robot_events'),
    onRejected: onRejected('robot_events'),
    onWritten: tracing.eventsWritten,
    now: () => deps.clock.now(),
  });
  tracing.backlog(
    () => samples.stats().buffered,
    () => events.stats().buffered,
  );
  const latest = new Map<number, Latest>();
  const seen = new Map<number, number>();
  let pruned = 0;
  let lastPruneError: string | null = null;

  const sample = (t: RobotTelemetry, source: number, p: AgvPosition, v: Velocity | undefined, env: Envelope) => {
    const l = latest.get(t.robotId);
    const row: SampleRow = {
      robotId: t.robotId,
      ts: env.producedAt,
      source,
      headerId: t.message.headerId,
      x: p.x,
      y: p.y,
      theta: p.theta,
      mapId: p.mapId,
      velocity: v ? Math.hypot(v.vx ?? 0, v.vy ?? 0) : null,
      battery: l?.battery ?? null,
      driving: l?.driving ?? null,
      paused: l?.paused ?? null,
      operatingMode: l?.operatingMode ?? null,
    };
    samples.add(row);
    if (env.sampled) tracing.sampled(row, env);
  };

  const factsheets = createFactsheetWriter({ store: deps.factsheetStore, logger: log });

  const onTelemetry = (env: Envelope) => {
    const t = env.payload as RobotTelemetry;
    seen.set(t.robotId, env.receivedAt);
    if (t.topic === 'state') {
      const m = t.message;
      latest.set(t.robotId, {
        driving: m.driving,
        paused: m.paused ?? false,
        operatingMode: m.operatingMode,
        battery: m.batteryState.batteryCharge,
      });
      if (m.agvPosition) sample(t, SAMPLE_SOURCE.state, m.agvPosition, m.velocity, env);
    } else if (t.topic === 'visualization') {
      if (t.message.agvPosition) sample(t, SAMPLE_SOURCE.visualization, t.message.agvPosition, t.message.velocity, env);
    } else if (t.topic === 'factsheet') {
      factsheets.save(t.robotId, t.message);
    }
  };

  const onEvent = (env: Envelope) => {
    const e = env.payload as RobotEventPayload;
    events.add({ robotId: e.robotId, ts: e.ts, kind: e.kind, detail: e.detail });
  };

  const subs = [
    ...[SUBJECTS.visualization, SUBJECTS.state, SUBJECTS.connection, SUBJECTS.factsheet].map((s) =>
      deps.bus.subscribe(s, onTelemetry, { name: 'ingest' }),
    ),
    deps.bus.subscribe(ROBOT_EVENT_SUBJECT, onEvent, { name: 'ingest' }),
  ];

  // One last_seen_at update in flight at a time: under load an update can wait on robot row locks (a factsheet
  // save mid-statement), and overlapping ones queued behind each other took every pooled connection, stalling the
  // sample inserts for seconds (measured at 2,000 robots: 51 of them waiting on Lock:transactionid).
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

  const pruneNow = async () => {
    try {
      const n = await deps.store.deleteSamplesBefore(deps.clock.now() - o.retentionHours * 3600_000);
      pruned += n;
      lastPruneError = null;
      if (n > 0) log.info({ deleted: n, retentionHours: o.retentionHours }, 'pruned old samples');
      return n;
    } catch (err) {
      lastPruneError = (err as Error).message;
      log.error({ err: lastPruneError }, 'pruning old samples failed');
      return 0;
    }
  };
  const prune = setInterval(() => void pruneNow(), o.pruneEveryMs ?? 10 * 60_000);
  touch.unref();
  prune.unref();

  return {
    async flush() {
      await Promise.all([samples.flush(), events.flush(), factsheets.flush()]);
    },
    async stop() {
      subs.forEach((s) => s.unsubscribe());
      clearInterval(touch);
      clearInterval(prune);
      await touching;
      await Promise.all([samples.close(), events.close(), factsheets.stop()]);
      if (seen.size > 0) await deps.store.touchRobots(seen).catch(() => {});
    },
    pruneNow,
    stats: () => ({ samples: samples.stats(), events: events.stats(), factsheets: factsheets.stats(), pruned, lastPruneError }),
  };
}
