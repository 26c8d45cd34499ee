// What the ingest worker reports to the flow recorder: robot_events rows committed (rate, batch commit time,
// buffered rows as backlog, refused rows as drops). Telemetry samples are traced on their way to
// telemetry_slices by history-tracing.ts.
import { nodeId } from '../domain/flow/topology';
import type { FlowRecorder } from '../services/flow/flow-recorder';

export interface IngestTracing {
  eventsWritten(rows: readonly unknown[], commitMs: number): void;
  backlog(events: () => number): void;
  /** Rows the database refused and the writer left out (drops on the table's edge, so /metrics shows them). */
  rejected(n: number): void;
}

export function createIngestTracing(rec: FlowRecorder | undefined): IngestTracing {
  if (!rec) return { eventsWritten() {}, backlog() {}, rejected() {} };
  const worker = nodeId.worker('ingest');
  const eventsTable = nodeId.table('robot_events');
  const eventsEdge = rec.edge(worker, eventsTable, 'batch commit time (one observation per batch)');
  return {
    eventsWritten(rows, commitMs) {
      eventsEdge.record(rec.wallNow(), rows.length, 0, commitMs);
    },
    rejected(n) {
      eventsEdge.drop(rec.wallNow(), n);
    },
    backlog(events) {
      rec.describeEdge(worker, eventsTable, { backlog: events });
    },
  };
}
