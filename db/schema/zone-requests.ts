import { bigserial, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { robots } from './robots';

/** The zone and edge request log: every answer fleet control gave a VDA 5050 3.0 robot, and every grant's end. */
export const zoneRequests = pgTable(
  'zone_requests',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    robotId: integer('robot_id')
      .notNull()
      .references(() => robots.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    /** zone | edge */
    kind: text('kind').notNull(),
    /** zoneId or edgeId */
    resource: text('resource').notNull(),
    requestId: text('request_id').notNull(),
    requestType: text('request_type').notNull(),
    /** GRANTED, QUEUED, REJECTED, REVOKED (answers) or RELEASED, EXPIRED (a grant's end) */
    decision: text('decision').notNull(),
    reason: text('reason').notNull(),
    leaseExpiry: timestamp('lease_expiry', { withTimezone: true, mode: 'date' }),
  },
  // Per robot and per zone/edge (the API's two views); the BRIN serves timeline windows across robots and retention.
  (t) => [
    index('zone_requests_robot_at_idx').on(t.robotId, t.at),
    index('zone_requests_resource_at_idx').on(t.kind, t.resource, t.at),
    index('zone_requests_at_brin').using('brin', t.at).with({ autosummarize: true }),
  ],
);
