import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { robots } from './robots';

/** Discrete changes: connection, errors appearing/clearing, operating mode, pause, charging. */
export const robotEvents = pgTable(
  'robot_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    robotId: integer('robot_id')
      .notNull()
      .references(() => robots.id, { onDelete: 'cascade' }),
    ts: timestamp('ts', { withTimezone: true, mode: 'date' }).notNull(),
    /** e.g. connection, error_raised, error_cleared, mode_changed, paused, resumed, charging_started, charging_stopped */
    kind: text('kind').notNull(),
    detail: jsonb('detail').notNull(),
  },
  // The BRIN on ts serves windows across all robots (timelines, replay ticks) and retention's delete by age at a
  // few pages for the whole table: events are appended in time order.
  (t) => [
    index('robot_events_robot_ts_idx').on(t.robotId, t.ts),
    index('robot_events_ts_brin').using('brin', t.ts).with({ autosummarize: true }),
  ],
);
