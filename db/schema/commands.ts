import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { robots } from './robots';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** The command ledger: one row per command to a robot, with the time it entered each status. */
export const commands = pgTable(
  'commands',
  {
    id: uuid('id').primaryKey(),
    /** Insertion order: the ledger's listing order and pagination cursor. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    robotId: integer('robot_id')
      .notNull()
      .references(() => robots.id),
    type: text('type').notNull(),
    params: jsonb('params').notNull(),
    idempotencyKey: text('idempotency_key'),
    issuedBy: text('issued_by').notNull(),
    issuedAt: ts('issued_at').notNull(),
    ttlMs: integer('ttl_ms').notNull(),
    priority: smallint('priority').notNull().default(0),
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    queuedAt: ts('queued_at'),
    dispatchedAt: ts('dispatched_at'),
    acknowledgedAt: ts('acknowledged_at'),
    runningAt: ts('running_at'),
    finishedAt: ts('finished_at'),
    outcome: text('outcome'),
    traceId: text('trace_id').notNull(),
    actionId: text('action_id'),
    orderId: text('order_id'),
    batchId: uuid('batch_id'),
    parentId: uuid('parent_id'),
    /** The VDA 5050 message as planned at dispatch, so a resend after a restart is byte-for-byte the same command. */
    wire: jsonb('wire'),
    /** The process (NODE_ID) whose dispatcher follows it; the leader adopts the commands of a process that is gone. */
    node: text('node'),
    updatedAt: ts('updated_at').notNull().default(sql`now()`),
  },
  (t) => [
    uniqueIndex('commands_idempotency_key_uq').on(t.idempotencyKey),
    uniqueIndex('commands_seq_uq').on(t.seq),
    index('commands_robot_seq_idx').on(t.robotId, t.seq),
    index('commands_open_idx').on(t.status).where(sql`status in ('requested', 'queued', 'dispatched', 'acknowledged', 'running')`),
  ],
);

/** Append-only history: every status change of every command. */
export const commandEvents = pgTable(
  'command_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    commandId: uuid('command_id')
      .notNull()
      .references(() => commands.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    at: ts('at').notNull(),
    detail: text('detail'),
  },
  (t) => [index('command_events_command_idx').on(t.commandId, t.id)],
);
