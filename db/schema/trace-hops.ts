import { bigint, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Hops of sampled messages (data-flow traces), one row per stage a message passed. Written in batches; rows
 * older than TRACE_RETENTION_HOURS are deleted in the background. No foreign key to robots: a trace stays
 * readable after its robot is gone, and command traces may name no robot.
 */
export const traceHops = pgTable(
  'trace_hops',
  {
    traceId: text('trace_id').notNull(),
    spanId: text('span_id').notNull(),
    /** Recording order in the process, to order hops that share a start time. */
    seq: bigint('seq', { mode: 'number' }).notNull(),
    kind: text('kind').notNull(),
    robotId: integer('robot_id'),
    subject: text('subject').notNull(),
    node: text('node').notNull(),
    operation: text('operation').notNull(),
    /** Microsecond precision, enough for hops of tens of microseconds. */
    startAt: timestamp('start_at', { withTimezone: true, mode: 'date', precision: 6 }).notNull(),
    endAt: timestamp('end_at', { withTimezone: true, mode: 'date', precision: 6 }).notNull(),
    outcome: text('outcome').notNull(),
    bytes: integer('bytes').notNull(),
    detail: text('detail'),
  },
  (t) => [index('trace_hops_trace_idx').on(t.traceId), index('trace_hops_robot_start_idx').on(t.robotId, t.startAt), index('trace_hops_start_idx').on(t.startAt)],
);
