// The telemetry store port on Postgres/PGlite: batched unnest inserts of robot events and one statement for
// last_seen_at (db/queries).
import type { Db } from '../../../db/client';
import { insertRobotEvents } from '../../../db/queries/robot-events';
import { touchRobots } from '../../../db/queries/robots';
import type { TelemetryStore } from '../../ports/telemetry-store';

export function createTelemetryStore(db: Db): TelemetryStore {
  return {
    insertEvents: (rows) => insertRobotEvents(db, rows),
    touchRobots: (lastSeenAt) => touchRobots(db, lastSeenAt),
  };
}
