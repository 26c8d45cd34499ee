// The webhook outbox: notifications are written with their alert's transition (db/queries/alerts.ts) and leave
// from here. Each change of a delivery is one statement that moves only a pending one, so a stale or repeated
// call changes nothing.
import { sql } from 'drizzle-orm';
import type { AlertWebhookBody } from '../../server/domain/alerts/webhook-body';
import type { Db } from '../client';

export type OutboxStatus = 'pending' | 'delivered' | 'failed';

export interface OutboxRow {
  id: string;
  url: string;
  body: AlertWebhookBody;
  status: OutboxStatus;
  attempts: number;
  createdAt: number;
  nextAttemptAt: number;
  deliveredAt: number | null;
  lastError: string | null;
}

/** Longest error text kept per delivery (a receiver's whole HTML error page is not worth storing). */
export const MAX_OUTBOX_ERROR_CHARS = 500;

type Row = Record<string, unknown>;
const ms = (col: string) => sql.raw(`(extract(epoch from ${col}) * 1000)::float8`);
const at = (t: number) => sql`to_timestamp(${t}::float8 / 1000.0)`;
const COLUMNS = sql`id, url, body, status, attempts, ${ms('created_at')} as created_at, ${ms('next_attempt_at')} as next_attempt_at,
  ${ms('delivered_at')} as delivered_at, last_error`;

function toRow(r: Row): OutboxRow {
  return {
    id: String(r.id),
    url: String(r.url),
    body: (typeof r.body === 'string' ? JSON.parse(r.body) : r.body) as AlertWebhookBody,
    status: r.status as OutboxStatus,
    attempts: Number(r.attempts),
    createdAt: Number(r.created_at),
    nextAttemptAt: Number(r.next_attempt_at),
    deliveredAt: r.delivered_at === null || r.delivered_at === undefined ? null : Number(r.delivered_at),
    lastError: r.last_error === null || r.last_error === undefined ? null : String(r.last_error),
  };
}

/** Pending notifications due by `now`, oldest first (a receiver gets an alert's opening before its resolution). */
export async function dueOutbox(db: Db, now: number, limit: number): Promise<OutboxRow[]> {
  const rows = await db.rows<Row>(sql`
    select ${COLUMNS} from alert_outbox o where status = 'pending' and next_attempt_at <= ${at(now)}
      -- only the oldest pending notification of an alert to a URL: a resolution never overtakes its opening,
      -- also after a restart (the dispatcher's in-memory ordering is gone then)
      and not exists (select 1 from alert_outbox p where p.status = 'pending' and p.alert_id = o.alert_id
        and p.url = o.url and (p.created_at, p.id) < (o.created_at, o.id))
    order by created_at, id limit ${limit}`);
  return rows.map(toRow);
}

export async function markOutboxDelivered(db: Db, id: string, deliveredAt: number): Promise<void> {
  await db.rows(sql`
    update alert_outbox set status = 'delivered', attempts = attempts + 1, delivered_at = ${at(deliveredAt)}
    where id = ${id}::uuid and status = 'pending'`);
}

export interface OutboxAttemptFailed {
  error: string;
  nextAttemptAt: number;
  /** Marks it failed for good. */
  giveUp: boolean;
}

/** Records a failed attempt: one more attempt, its error (cut to MAX_OUTBOX_ERROR_CHARS), the next try or `failed`. */
export async function markOutboxRetry(db: Db, id: string, p: OutboxAttemptFailed): Promise<void> {
  await db.rows(sql`
    update alert_outbox set attempts = attempts + 1, last_error = left(${p.error}::text, ${MAX_OUTBOX_ERROR_CHARS}::int),
      next_attempt_at = ${at(p.nextAttemptAt)}, status = ${p.giveUp ? 'failed' : 'pending'}
    where id = ${id}::uuid and status = 'pending'`);
}

/** Newest first. */
export async function recentOutbox(db: Db, limit: number): Promise<OutboxRow[]> {
  const rows = await db.rows<Row>(sql`select ${COLUMNS} from alert_outbox order by created_at desc, id desc limit ${limit}`);
  return rows.map(toRow);
}

export async function outboxCounts(db: Db): Promise<Record<OutboxStatus, number>> {
  const rows = await db.rows<{ status: string; n: number }>(sql`select status, count(*)::int as n from alert_outbox group by status`);
  const out: Record<OutboxStatus, number> = { pending: 0, delivered: 0, failed: 0 };
  for (const r of rows) if (r.status in out) out[r.status as OutboxStatus] = Number(r.n);
  return out;
}
