import { boolean, index, integer, pgTable, real, doublePrecision, smallint, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Time series of robot telemetry, one row per visualization or state message that carried a pose.
 * Written only in batches (unnest), never a row per round trip.
 * No foreign key to robots: its per-row check cost more than a third of each insert (124 → 78 µs/row on PGlite),
 * and robots are never deleted. Time is indexed with BRIN, which suits an append-only, time-ordered table and
 * costs almost nothing per insert; retention deletes by time range use it.
 */
export const robotSamples = pgTable(
  'robot_samples',
  {
    robotId: integer('robot_id').notNull(),
    /** Robot's own header timestamp. */
    ts: timestamp('ts', { withTimezone: true, mode: 'date' }).notNull(),
    /** 1 = visualization, 2 = state (see SAMPLE_SOURCE). */
    source: smallint('source').notNull(),
    headerId: integer('header_id').notNull(),
    x: doublePrecision('x').notNull(),
    y: doublePrecision('y').notNull(),
    theta: real('theta').notNull(),
    mapId: text('map_id').notNull(),
    velocity: real('velocity'),
    battery: real('battery'),
    driving: boolean('driving'),
    paused: boolean('paused'),
    operatingMode: text('operating_mode'),
  },
  (t) => [index('robot_samples_robot_ts_idx').on(t.robotId, t.ts), index('robot_samples_ts_brin').using('brin', t.ts)],
);

export { SAMPLE_SOURCE } from '../../server/domain/telemetry-rows';
