// The telemetry store port on Postgres/PGlite: batched unnest inserts of samples and events, one statement for
// last_seen_at, retention by time range (db/queries).
import type { Db } from '../../../db/client';
import { insertRobotEvents } from '../../../db/queries/robot-events';
import { deleteSamplesBefore, insertSamples } from '../../../db/queries/robot-samples';
import { touchRobots } from '../../../db/queries/robots';
import type { TelemetryStore } from '../../ports/telemetry-store';

export function createTelemetryStore(db: Db): TelemetryStore {
  return {
    insertSamples: (rows) => insertSamples(db, rows),
    insertEvents: (rows) => insertRobotEvents(db, rows),
    touchRobots: (lastSeenAt) => touchRobots(db, lastSeenAt),
    deleteSamplesBefore: (cutoffMs) => deleteSamplesBefore(db, cutoffMs),
  };
}
