import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { robots } from './robots';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** One row per alert: its state now (the transitions keep how it got there). */
export const alerts = pgTable(
  'alerts',
  {
    id: uuid('id').primaryKey(),
    ruleId: text('rule_id').notNull(),
    severity: text('severity').notNull(),
    /** subjectKey(subject): `robot:<id>` or `app:<key>`. */
    subject: text('subject').notNull(),
    /** Kept when the robot is deleted (the alert's history stays), only the link goes. */
    robotId: integer('robot_id').references(() => robots.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    detail: jsonb('detail').notNull(),
    state: text('state').notNull(),
    openedAt: ts('opened_at').notNull(),
    acknowledgedBy: text('acknowledged_by'),
    acknowledgedAt: ts('acknowledged_at'),
    acknowledgeNote: text('acknowledge_note'),
    resolvedAt: ts('resolved_at'),
    resolvedBy: text('resolved_by'),
    resolveNote: text('resolve_note'),
    flaps: integer('flaps').notNull().default(0),
    active: boolean('active').notNull(),
    traceId: text('trace_id'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    // The database itself refuses a second unresolved alert for one (rule, subject), whatever the app's memory says.
    uniqueIndex('alerts_unresolved_uq').on(t.ruleId, t.subject).where(sql`state <> 'resolved'`),
    index('alerts_state_opened_idx').on(t.state, t.openedAt.desc()),
    index('alerts_robot_opened_idx').on(t.robotId, t.openedAt),
  ],
);

/** Append-only: every transition of every alert, with who and when. */
export const alertTransitions = pgTable(
  'alert_transitions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    alertId: uuid('alert_id')
      .notNull()
      .references(() => alerts.id, { onDelete: 'cascade' }),
    transition: text('transition').notNull(),
    at: ts('at').notNull(),
    by: text('by').notNull(),
    note: text('note'),
  },
  // A retried apply (the answer was lost) adds nothing.
  (t) => [uniqueIndex('alert_transitions_once_uq').on(t.alertId, t.transition, t.at)],
);

/** The admins' changes to a shipped rule; a rule without a row keeps its defaults. */
export const alertRules = pgTable('alert_rules', {
  ruleId: text('rule_id').primaryKey(),
  enabled: boolean('enabled').notNull(),
  severity: text('severity').notNull(),
  threshold: doublePrecision('threshold'),
  criticalThreshold: doublePrecision('critical_threshold'),
  forSec: integer('for_sec').notNull(),
  clearSec: integer('clear_sec').notNull(),
  webhookUrl: text('webhook_url'),
  updatedAt: ts('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});

/** Webhook notifications, written with the transition that causes them and delivered from here (none lost). */
export const alertOutbox = pgTable(
  'alert_outbox',
  {
    /** The delivery id, also the body's `id`. */
    id: uuid('id').primaryKey(),
    alertId: uuid('alert_id')
      .notNull()
      .references(() => alerts.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    body: jsonb('body').notNull(),
    /** pending | delivered | failed */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: ts('created_at').notNull(),
    nextAttemptAt: ts('next_attempt_at').notNull(),
    deliveredAt: ts('delivered_at'),
    lastError: text('last_error'),
  },
  (t) => [index('alert_outbox_due_idx').on(t.status, t.nextAttemptAt), index('alert_outbox_created_idx').on(t.createdAt)],
);
