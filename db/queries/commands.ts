// The command ledger's queries. Each status change is ONE statement (a compare-and-set update plus its history
// row in a data-modifying CTE): atomic on Postgres and on the embedded PGlite, whose proxy driver has no
// transactions, and safe against a stale caller, who simply changes nothing.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { numberArray, textArray } from './pg-array';
import { pgJson } from '../pg-safe';
import type { CommandEventView, CommandStatus, CommandType, CommandView } from '../../server/domain/commands/command';

/** A command row plus what the dispatcher needs and viewers do not (the wire message). */
export interface CommandRecord extends CommandView {
  seq: number;
  parentId: string | null;
  wire: unknown;
}

const ms = (col: string) => sql.raw(`(extract(epoch from ${col}) * 1000)::float8`);
const COLUMNS = sql`id, seq::float8 as seq, robot_id, type, params, idempotency_key, issued_by, ${ms('issued_at')} as issued_at, ttl_ms, priority,
  status, attempts, ${ms('queued_at')} as queued_at, ${ms('dispatched_at')} as dispatched_at, ${ms('acknowledged_at')} as acknowledged_at,
  ${ms('running_at')} as running_at, ${ms('finished_at')} as finished_at, outcome, trace_id, action_id, order_id, batch_id, parent_id, wire,
  ${ms('updated_at')} as updated_at`;

type Row = Record<string, unknown>;
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

function toRecord(r: Row): CommandRecord {
  return {
    id: String(r.id),
    seq: Number(r.seq),
    robotId: Number(r.robot_id),
    type: r.type as CommandType,
    params: (json(r.params) ?? {}) as Record<string, unknown>,
    idempotencyKey: (r.idempotency_key as string | null) ?? null,
    issuedBy: String(r.issued_by),
    issuedAt: Number(r.issued_at),
    ttlMs: Number(r.ttl_ms),
    priority: Number(r.priority),
    status: r.status as CommandStatus,
    attempts: Number(r.attempts),
    queuedAt: num(r.queued_at),
    dispatchedAt: num(r.dispatched_at),
    acknowledgedAt: num(r.acknowledged_at),
    runningAt: num(r.running_at),
    finishedAt: num(r.finished_at),
    outcome: (r.outcome as string | null) ?? null,
    traceId: String(r.trace_id),
    actionId: (r.action_id as string | null) ?? null,
    orderId: (r.order_id as string | null) ?? null,
    batchId: (r.batch_id as string | null) ?? null,
    parentId: (r.parent_id as string | null) ?? null,
    wire: json(r.wire) ?? null,
    updatedAt: Number(r.updated_at),
  };
}

const at = (t: number) => sql`to_timestamp(${t}::float8 / 1000.0)`;

export interface NewCommand
  extends Pick<
    CommandView,
    | 'id'
    | 'robotId'
    | 'type'
    | 'params'
    | 'idempotencyKey'
    | 'issuedBy'
    | 'issuedAt'
    | 'ttlMs'
    | 'priority'
    | 'traceId'
    | 'actionId'
    | 'orderId'
    | 'batchId'
  > {
  parentId: string | null;
  /** `queued`, or `rejected` with the reason in `outcome`. */
  status: 'queued' | 'rejected';
  outcome: string | null;
  /** The process whose dispatcher follows it (NODE_ID); absent: none named (adopted by the leader). */
  node?: string | null;
}

/** Records a command with its history (requested → queued|rejected). Null when its idempotency key is taken. */
export async function insertCommand(db: Db, c: NewCommand): Promise<CommandRecord | null> {
  const t = at(c.issuedAt);
  const rows = await db.rows<Row>(sql`
    with c as (
      insert into commands (id, robot_id, type, params, idempotency_key, issued_by, issued_at, ttl_ms, priority, status, attempts,
        queued_at, finished_at, outcome, trace_id, action_id, order_id, batch_id, parent_id, node, updated_at)
      values (${c.id}, ${c.robotId}, ${c.type}, ${pgJson(c.params)}::jsonb, ${c.idempotencyKey}, ${c.issuedBy}, ${t}, ${c.ttlMs}, ${c.priority},
        ${c.status}, 0, ${c.status === 'queued' ? t : null}, ${c.status === 'rejected' ? t : null}, ${c.outcome}, ${c.traceId},
        ${c.actionId}, ${c.orderId}, ${c.batchId}, ${c.parentId}, ${c.node ?? null}, ${t})
      on conflict (idempotency_key) do nothing
      returning *
    ), e as (
      insert into command_events (command_id, from_status, to_status, at, detail)
      select c.id, v.f, v.s, c.issued_at, v.d from c
      cross join (values (1, null::text, 'requested', ${`issued by ${c.issuedBy}`}::text), (2, 'requested', ${c.status}::text, ${c.outcome}::text)) as v(n, f, s, d)
      order by v.n
    )
    select ${COLUMNS} from c`);
  return rows[0] ? toRecord(rows[0]) : null;
}

export interface TransitionParams {
  id: string;
  from: CommandStatus;
  to: CommandStatus;
  at: number;
  detail?: string | null;
  /** Sets the outcome text (final statuses). */
  outcome?: string | null;
  attempts?: number;
  wire?: unknown;
  /**
   * Statuses passed through on the way to `to` (a robot reporting FINISHED in its first state implies
   * acknowledged): each gets its own history row and timestamp, all in this one statement.
   */
  via?: readonly CommandStatus[];
  /** History detail of the `via` steps. */
  viaDetail?: string | null;
  /**
   * When each step happened (`via` steps, then `to`), if not all at `at`: a report written late (after a database
   * outage) keeps the time the robot reported it. `at` is still the time of the last step.
   */
  stepAts?: readonly number[];
  /** History detail of each step (`via` steps, then `to`), overriding `viaDetail`/`detail`. */
  stepDetails?: readonly (string | null)[];
}

/**
 * Compare-and-set: moves the command only if it is still in `from` (through `via`, if given); returns the new row,
 * or null if it was not in `from`. One statement however many steps: PGlite costs ~3 ms per statement.
 */
export async function transitionCommand(db: Db, p: TransitionParams): Promise<CommandRecord | null> {
  const t = at(p.at);
  const to = p.to;
  const steps = [...(p.via ?? []), to];
  const froms = [p.from, ...steps.slice(0, -1)];
  const details = p.stepDetails ?? steps.map((_, i) => (i === steps.length - 1 ? (p.detail ?? null) : (p.viaDetail ?? null)));
  const ats = steps.map((_, i) => p.stepAts?.[i] ?? p.at);
  /** The time this statement passes `status`, or null (the column keeps its value). */
  const passAt = (status: CommandStatus) => {
    const i = steps.indexOf(status);
    return sql`coalesce(to_timestamp(${i < 0 ? null : ats[i]!}::float8 / 1000.0), ${sql.raw(`${status}_at`)})`;
  };
  const rows = await db.rows<Row>(sql`
    with u as (
      update commands set
        status = ${to},
        queued_at = ${passAt('queued')},
        dispatched_at = ${passAt('dispatched')},
        acknowledged_at = ${passAt('acknowledged')},
        running_at = ${passAt('running')},
        finished_at = case when ${to} in ('succeeded', 'failed', 'cancelled', 'expired', 'timed_out', 'rejected') then ${t} else finished_at end,
        outcome = coalesce(${p.outcome ?? null}::text, outcome),
        attempts = greatest(attempts, ${p.attempts ?? 0}),
        wire = coalesce(${p.wire === undefined ? null : pgJson(p.wire)}::jsonb, wire),
        updated_at = ${t}
      where id = ${p.id} and status = ${p.from}
      returning *
    ), e as (
      insert into command_events (command_id, from_status, to_status, at, detail)
      select u.id, v.f, v.s, to_timestamp(v.a / 1000.0), v.d
      from u cross join unnest(${textArray(froms)}::text[], ${textArray(steps)}::text[], ${textArray(details)}::text[], ${numberArray(ats)}::float8[]) with ordinality as v(f, s, d, a, n)
      order by v.n
    )
    select ${COLUMNS} from u`);
  return rows[0] ? toRecord(rows[0]) : null;
}

/** Records more send attempts without a status change. */
export async function recordAttempts(db: Db, id: string, attempts: number, now: number): Promise<CommandRecord | null> {
  const rows = await db.rows<Row>(sql`
    with u as (update commands set attempts = greatest(attempts, ${attempts}), updated_at = ${at(now)} where id = ${id} returning *)
    select ${COLUMNS} from u`);
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function getCommand(db: Db, id: string): Promise<CommandRecord | null> {
  const rows = await db.rows<Row>(sql`select ${COLUMNS} from commands where id = ${id}`);
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function getCommandByKey(db: Db, key: string): Promise<CommandRecord | null> {
  const rows = await db.rows<Row>(sql`select ${COLUMNS} from commands where idempotency_key = ${key}`);
  return rows[0] ? toRecord(rows[0]) : null;
}

const OPEN = sql`status in ('requested', 'queued', 'dispatched', 'acknowledged', 'running')`;

/** Every command not yet in a final status, oldest first (to resume after a restart); with `node`, that process's only. */
export async function openCommands(db: Db, node?: string): Promise<CommandRecord[]> {
  const mine = node === undefined ? sql`` : sql` and node = ${node}`;
  const rows = await db.rows<Row>(sql`select ${COLUMNS} from commands where ${OPEN}${mine} order by seq`);
  return rows.map(toRecord);
}

/** Open commands followed by none of the `live` processes (or by none named), with the process each names; at most `limit`. */
export async function orphanedCommands(
  db: Db,
  live: readonly string[],
  limit = 1000,
): Promise<{ node: string | null; command: CommandRecord }[]> {
  const rows = await db.rows<Row>(sql`
    select ${COLUMNS}, node from commands
    where ${OPEN} and (node is null or not (node = any(${textArray(live)}::text[])))
    order by seq limit ${limit}`);
  return rows.map((r) => ({ node: (r.node as string | null) ?? null, command: toRecord(r) }));
}

/** Makes `to` the process of the commands still named for `from` (a compare-and-set: one adopter wins); returns them. */
export async function adoptCommands(db: Db, ids: readonly string[], from: string | null, to: string): Promise<CommandRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db.rows<Row>(sql`
    with u as (
      update commands set node = ${to}
      where id = any(${textArray(ids)}::uuid[]) and node is not distinct from ${from} and ${OPEN}
      returning *)
    select ${COLUMNS} from u order by seq`);
  return rows.map(toRecord);
}

/**
 * The last moment the ledger's database saw the app at work (the newest command change or robot sighting it
 * recorded): at start-up, roughly when the previous run stopped. Null on an empty database.
 */
export async function lastRecordedActivity(db: Db): Promise<number | null> {
  const rows = await db.rows<Row>(sql`
    select (extract(epoch from greatest((select max(updated_at) from commands), (select max(last_seen_at) from robots))) * 1000)::float8 as at`);
  return num(rows[0]?.at);
}

export async function commandEvents(db: Db, commandId: string): Promise<CommandEventView[]> {
  const rows = await db.rows<Row>(sql`
    select id::float8 as id, command_id, from_status, to_status, ${ms('at')} as at, detail from command_events where command_id = ${commandId} order by id`);
  return rows.map((r) => ({
    commandId: String(r.command_id),
    seq: Number(r.id),
    from: (r.from_status as CommandStatus | null) ?? null,
    to: r.to_status as CommandStatus,
    at: Number(r.at),
    detail: (r.detail as string | null) ?? null,
  }));
}

export interface ListCommandsParams {
  robotId?: number;
  statuses?: readonly CommandStatus[];
  types?: readonly CommandType[];
  issuedBy?: string;
  from?: number;
  to?: number;
  /** Only rows older than this seq (the previous page's last). */
  beforeSeq?: number;
  limit: number;
}

/** Newest first; one more row than `limit` is read to know whether another page exists. */
export async function listCommands(db: Db, p: ListCommandsParams): Promise<{ rows: CommandRecord[]; more: boolean }> {
  const where: SQL[] = [sql`true`];
  if (p.robotId !== undefined) where.push(sql`robot_id = ${p.robotId}`);
  if (p.statuses?.length)
    where.push(
      sql`status in (${sql.join(
        p.statuses.map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
  if (p.types?.length)
    where.push(
      sql`type in (${sql.join(
        p.types.map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
  if (p.issuedBy) where.push(sql`issued_by = ${p.issuedBy}`);
  if (p.from !== undefined) where.push(sql`issued_at >= ${at(p.from)}`);
  if (p.to !== undefined) where.push(sql`issued_at < ${at(p.to)}`);
  if (p.beforeSeq !== undefined) where.push(sql`seq < ${p.beforeSeq}`);
  const rows = await db.rows<Row>(
    sql`select ${COLUMNS} from commands where ${sql.join(where, sql` and `)} order by seq desc limit ${p.limit + 1}`,
  );
  return { rows: rows.slice(0, p.limit).map(toRecord), more: rows.length > p.limit };
}
