import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { Hop } from '../../server/domain/flow/hop';

/**
 * Hops of sampled messages (data-flow traces). One row per trace and write batch, its hops as JSON: a trace's
 * hops mostly arrive within one batch delay, so this writes about one row per traced message instead of one per
 * hop (ten or more), which keeps tracing's share of the database small. Late hops (a browser's receive/render)
 * land in a second row of the same trace. Rows older than TRACE_RETENTION_HOURS are deleted in the background.
 * No foreign key to robots: a trace stays readable after its robot is gone, and command traces may name none.
 */
export const traceHops = pgTable(
  'trace_hops',
  {
    traceId: text('trace_id').notNull(),
    kind: text('kind').notNull(),
    robotId: integer('robot_id'),
    subject: text('subject').notNull(),
    /** Earliest start and latest end of the hops in this row (microsecond precision). */
    startAt: timestamp('start_at', { withTimezone: true, mode: 'date', precision: 6 }).notNull(),
    endAt: timestamp('end_at', { withTimezone: true, mode: 'date', precision: 6 }).notNull(),
    /** Worst outcome of the row's hops: ok < superseded < dropped < error. */
    outcome: text('outcome').notNull(),
    hopCount: integer('hop_count').notNull(),
    hops: jsonb('hops').$type<Hop[]>().notNull(),
  },
  (t) => [
    index('trace_hops_trace_idx').on(t.traceId),
    index('trace_hops_robot_start_idx').on(t.robotId, t.startAt),
    index('trace_hops_start_idx').on(t.startAt),
  ],
);
