// Where the ingest worker writes telemetry (implemented on db/queries by server/adapters/storage/telemetry-store.ts).
// Every call is one statement for a whole batch: the worker buffers, the store never sees a single message.
import type { RobotEventRow, SampleRow } from '../domain/telemetry-rows';

export interface TelemetryStore {
  insertSamples(rows: readonly SampleRow[]): Promise<void>;
  insertEvents(rows: readonly RobotEventRow[]): Promise<void>;
  /** robots.last_seen_at of every robot heard since the last call (epoch ms by robot id). */
  touchRobots(lastSeenAt: ReadonlyMap<number, number>): Promise<void>;
  /** Deletes samples older than the cutoff (epoch ms); returns how many went. */
  deleteSamplesBefore(cutoffMs: number): Promise<number>;
}
