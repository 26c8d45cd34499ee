import { customType, index, integer, jsonb, pgTable, primaryKey, smallint, timestamp } from 'drizzle-orm/pg-core';
import type { SliceSnapshot } from '../../server/domain/history/slice';

/** Raw bytes (drizzle-orm 0.45 has no bytea column builder). Queries pass and read it as base64 text. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * Telemetry history: one row per robot, tier and time slice, its samples packed by slice-codec.ts (delta-encoded,
 * fixed-point, deflated). Tier 0 keeps every sample in slices of ≤ 30 s, tier 1 one sample per second in slices of
 * ≤ 5 min (server/domain/history/slice.ts). Retention deletes whole slices; nothing is ever updated.
 *
 * Two indexes, both chosen for bytes per robot-hour (~132 rows per robot-hour, so each index costs a few KB):
 * - the primary key (robot_id, tier, start_at) serves one robot's window (robotSeries, the robot page) and a list of
 *   robots' windows and latest slices (range, fleetAt with robotIds): `robot_id = any(…)` then a start_at range.
 * - a BRIN on start_at serves every query across all robots (range and fleetAt for the fleet, retention): rows are
 *   appended in time order, so a few pages of min/max per block range replace a second btree (~30 bytes a row).
 *   autosummarize has Postgres' autovacuum summarize each block range as it fills; PGlite has no autovacuum, so
 *   retention (every 10 min) also summarizes new ranges (an unsummarized range always matches: a full scan).
 * Queries bound start_at from below by the window start minus SLICE_SPAN_MS (a slice never spans more), so both
 * indexes see a closed range. No foreign key to robots: its per-row check costs inserts and robots are never deleted.
 *
 * `data` is stored EXTERNAL with toast_tuple_target 8160 (migration 0006; Drizzle models neither). It is already
 * deflated, so Postgres' own compression (tried on rows over ~2 KB by default) would only spend CPU on the insert
 * path to gain nothing; and a row stays inline up to a full page instead of moving out of line at ~2 KB: measured
 * with 3.2 KB values, 3% fewer bytes than TOAST (no chunk headers, pointers, toast index) and one heap fetch per
 * slice when reading. Measured with the simulator: raw slices ~750 B (300 samples × 1.75 B + snapshot ~170 B), 1 s
 * tier slices ~1.8 KB, so most rows never reach TOAST either way; a busy 600-sample slice would.
 */
export const telemetrySlices = pgTable(
  'telemetry_slices',
  {
    robotId: integer('robot_id').notNull(),
    /** 0 = raw, 1 = one per second (SLICE_TIER). */
    tier: smallint('tier').notNull(),
    /** First and last sample's robot timestamp (ms precision, like the robot's header timestamp). */
    startAt: timestamp('start_at', { withTimezone: true, mode: 'date', precision: 3 }).notNull(),
    endAt: timestamp('end_at', { withTimezone: true, mode: 'date', precision: 3 }).notNull(),
    /** Samples packed in data. */
    n: integer('n').notNull(),
    /** The robot's view when the slice opened (errors, order, connection…): what fleetAt needs besides poses. */
    snapshot: jsonb('snapshot').$type<SliceSnapshot>(),
    data: bytea('data').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.robotId, t.tier, t.startAt] }),
    index('telemetry_slices_start_brin').using('brin', t.startAt).with({ autosummarize: true }),
  ],
);
