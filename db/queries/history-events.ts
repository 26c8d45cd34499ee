// The four sources of timeline events, each read by window, robots and limit: robot_events rows, the command
// ledger (a command's issue and its final status), alerts (opened, resolved), the zone request log. Rows come back raw; the history
// event store turns them into one shape. Times are epoch ms.
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { numberArray, textArray } from './pg-array';

export interface EventWindow {
  from: number;
  to: number;
  robotIds?: readonly number[];
  order: 'asc' | 'desc';
  limit: number;
}

const at = (t: number) => sql`to_timestamp(${t}::float8 / 1000.0)`;
const ms = (col: string) => sql.raw(`(extract(epoch from ${col}) * 1000)::float8`);
const dir = (o: 'asc' | 'desc') => sql.raw(o === 'asc' ? 'asc' : 'desc');
const robotsIn = (col: string, ids?: readonly number[]): SQL => (ids ? sql`and ${sql.raw(col)} = any(${numberArray(ids)}::int4[])` : sql``);

export interface RobotEventDbRow extends Record<string, unknown> {
  id: number | string;
  robot_id: number;
  ts: number;
  kind: string;
  detail: unknown;
}

/** robot_events rows of the given kinds in [from, to]. */
export function listRobotEventRows(db: Db, w: EventWindow & { kinds: readonly string[] }): Promise<RobotEventDbRow[]> {
  return db.rows<RobotEventDbRow>(sql`
    select id, robot_id, ${ms('ts')} as ts, kind, detail from robot_events
    where ts >= ${at(w.from)} and ts <= ${at(w.to)} and kind = any(${textArray(w.kinds)}::text[]) ${robotsIn('robot_id', w.robotIds)}
    order by ts ${dir(w.order)}, id ${dir(w.order)} limit ${w.limit}`);
}

export interface CommandEventDbRow extends Record<string, unknown> {
  id: string;
  robot_id: number;
  /** 0: issued, 1: finished. */
  step: number;
  ts: number;
  type: string;
  issued_by: string;
  status: string;
  outcome: string | null;
  trace_id: string;
  order_id: string | null;
  action_id: string | null;
}

/** A command's issue (issued_at) and, once final, its end (finished_at), each as one row when in [from, to]. */
export function listCommandEventRows(db: Db, w: EventWindow & { issued: boolean; finished: boolean }): Promise<CommandEventDbRow[]> {
  const steps = [w.issued ? 0 : null, w.finished ? 1 : null].filter((s) => s !== null);
  return db.rows<CommandEventDbRow>(sql`
    select c.id, c.robot_id, s.step, ${ms('s.ts')} as ts, c.type, c.issued_by, c.status, c.outcome, c.trace_id, c.order_id, c.action_id
    from commands c
    cross join lateral (values (0, c.issued_at), (1, c.finished_at)) as s(step, ts)
    where s.step = any(${numberArray(steps)}::int4[]) and s.ts is not null and s.ts >= ${at(w.from)} and s.ts <= ${at(w.to)}
      and (c.issued_at <= ${at(w.to)}) ${robotsIn('c.robot_id', w.robotIds)}
      and (s.step = 0 or c.status in ('succeeded', 'failed', 'cancelled', 'expired', 'timed_out', 'rejected'))
    order by s.ts ${dir(w.order)}, c.seq ${dir(w.order)}, s.step ${dir(w.order)} limit ${w.limit}`);
}

export interface AlertEventDbRow extends Record<string, unknown> {
  id: string;
  robot_id: number | null;
  step: 'opened' | 'resolved';
  ts: number;
  rule_id: string;
  severity: string;
  title: string;
  subject: string;
  by: string | null;
  note: string | null;
  trace_id: string | null;
}

/** An alert's opening and resolution, each as one row when in [from, to]; app alerts (no robot) only when all robots are asked. */
export function listAlertEventRows(db: Db, w: EventWindow & { opened: boolean; resolved: boolean }): Promise<AlertEventDbRow[]> {
  const steps = [w.opened ? 'opened' : null, w.resolved ? 'resolved' : null].filter((s) => s !== null);
  return db.rows<AlertEventDbRow>(sql`
    select a.id, a.robot_id, s.step, ${ms('s.ts')} as ts, a.rule_id, a.severity, a.title, a.subject, s.by, s.note, a.trace_id
    from alerts a
    cross join lateral (values ('opened', a.opened_at, null::text, null::text), ('resolved', a.resolved_at, a.resolved_by, a.resolve_note))
      as s(step, ts, by, note)
    where s.step = any(${textArray(steps)}::text[]) and s.ts is not null and s.ts >= ${at(w.from)} and s.ts <= ${at(w.to)}
      and a.opened_at <= ${at(w.to)} ${robotsIn('a.robot_id', w.robotIds)}
    order by s.ts ${dir(w.order)}, a.id ${dir(w.order)}, s.step ${dir(w.order)} limit ${w.limit}`);
}

export interface ZoneRequestEventDbRow extends Record<string, unknown> {
  id: number | string;
  robot_id: number;
  ts: number;
  kind: string;
  resource: string;
  request_id: string;
  request_type: string;
  decision: string;
  reason: string;
}

/** The zone request log's rows in [from, to] (VDA 5050 3.0 zone and edge traffic control). */
export function listZoneRequestEventRows(db: Db, w: EventWindow): Promise<ZoneRequestEventDbRow[]> {
  return db.rows<ZoneRequestEventDbRow>(sql`
    select id, robot_id, ${ms('at')} as ts, kind, resource, request_id, request_type, decision, reason
    from zone_requests
    where at >= ${at(w.from)} and at <= ${at(w.to)} ${robotsIn('robot_id', w.robotIds)}
    order by at ${dir(w.order)}, id ${dir(w.order)} limit ${w.limit}`);
}

/** Deletes robot events older than the cutoff, `chunk` rows per statement (short locks, bounded WAL); returns how many. */
export async function deleteRobotEventsBefore(db: Db, cutoffMs: number, chunk = 5000): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await db.rows<{ n: number }>(sql`
      with d as (
        delete from robot_events where id in (select id from robot_events where ts < ${at(cutoffMs)} limit ${chunk}) returning 1
      )
      select count(*)::int as n from d`);
    const n = Number(rows[0]?.n ?? 0);
    total += n;
    if (n < chunk) return total;
  }
}
