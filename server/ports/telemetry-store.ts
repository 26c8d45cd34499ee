// Where the ingest worker writes robot events and last-seen times (implemented on db/queries by
// server/adapters/storage/telemetry-store.ts). Every call is one statement for a whole batch: the worker buffers,
// the store never sees a single message. Telemetry samples go to the history store (history-store.ts).
import type { RobotEventRow } from '../domain/telemetry-rows';

export interface TelemetryStore {
  insertEvents(rows: readonly RobotEventRow[]): Promise<void>;
  /** robots.last_seen_at of every robot heard since the last call (epoch ms by robot id). */
  touchRobots(lastSeenAt: ReadonlyMap<number, number>): Promise<void>;
}
