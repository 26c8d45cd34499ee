// What the ingest worker reports to the flow recorder: rows committed per table (rate, batch commit time,
// buffered rows as backlog), and for rows of sampled messages the `ingest.commit` hop that ends when the batch
// holding them is committed.
import type { SampleRow } from '../../db/queries/robot-samples';
import type { Envelope } from '../domain/envelope';
import { traceContextOf } from '../domain/flow/envelope-context';
import type { TraceContext } from '../domain/flow/hop';
import { nodeId } from '../domain/flow/topology';
import type { FlowRecorder } from '../services/flow/flow-recorder';

/** Sampled rows waiting for their batch; bounded in case rows are dropped under a long database outage. */
const MAX_PENDING = 10_000;

export interface IngestTracing {
  sampled(row: SampleRow, env: Envelope): void;
  samplesWritten(rows: readonly SampleRow[], commitMs: number): void;
  eventsWritten(rows: readonly unknown[], commitMs: number): void;
  backlog(samples: () => number, events: () => number): void;
  /** Rows the database refused and the writer left out (drops on the table's edge, so /metrics shows them). */
  rejected(table: 'robot_samples' | 'robot_events', n: number): void;
}

export function createIngestTracing(rec: FlowRecorder | undefined): IngestTracing {
  if (!rec) return { sampled() {}, samplesWritten() {}, eventsWritten() {}, backlog() {}, rejected() {} };
  const worker = nodeId.worker('ingest');
  const samplesTable = nodeId.table('robot_samples');
  const eventsTable = nodeId.table('robot_events');
  const means = 'batch commit time (one observation per batch)';
  const samplesEdge = rec.edge(worker, samplesTable, means);
  const eventsEdge = rec.edge(worker, eventsTable, means);
  const pending = new Map<SampleRow, { ctx: TraceContext; at: number }>();
  return {
    sampled(row, env) {
      if (pending.size >= MAX_PENDING) pending.clear();
      pending.set(row, { ctx: traceContextOf(env), at: rec.now() });
    },
    samplesWritten(rows, commitMs) {
      samplesEdge.record(rec.wallNow(), rows.length, 0, commitMs);
      if (pending.size === 0) return;
      const end = rec.now();
      for (const row of rows) {
        const p = pending.get(row);
        if (!p) continue;
        pending.delete(row);
        rec.hop(p.ctx, {
          node: samplesTable,
          operation: 'ingest.commit',
          startMs: p.at,
          endMs: end,
          outcome: 'ok',
          detail: `batch of ${rows.length} rows`,
        });
      }
    },
    eventsWritten(rows, commitMs) {
      eventsEdge.record(rec.wallNow(), rows.length, 0, commitMs);
    },
    rejected(table, n) {
      (table === 'robot_samples' ? samplesEdge : eventsEdge).drop(rec.wallNow(), n);
    },
    backlog(samples, events) {
      rec.describeEdge(worker, samplesTable, { backlog: samples });
      rec.describeEdge(worker, eventsTable, { backlog: events });
    },
  };
}
