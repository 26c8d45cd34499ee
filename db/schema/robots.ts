import { sql } from 'drizzle-orm';
import { jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Identity as in VDA 5050: manufacturer + serialNumber. Registered on first contact. */
export const robots = pgTable(
  'robots',
  {
    id: serial('id').primaryKey(),
    manufacturer: text('manufacturer').notNull(),
    serialNumber: text('serial_number').notNull(),
    name: text('name').notNull(),
    protocolVersion: text('protocol_version'),
    factsheet: jsonb('factsheet'),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true, mode: 'date' }).notNull().default(sql`now()`),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('robots_identity_uq').on(t.manufacturer, t.serialNumber)],
);
