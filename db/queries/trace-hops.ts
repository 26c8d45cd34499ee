import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import type { Hop, HopOutcome, TraceKind, TraceSummary } from '../../server/domain/flow/hop';
import { numberArray, textArray } from './pg-array';

/** One statement for the whole batch (unnest of array parameters), like robot_samples. */
export async function insertHops(db: Db, rows: readonly Hop[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof Hop>(k: K) => rows.map((r) => r[k]);
  await db.orm.execute(sql`
    insert into trace_hops (trace_id, span_id, seq, kind, robot_id, subject, node, operation, start_at, end_at, outcome, bytes, detail)
    select trace_id, span_id, seq, kind, robot_id, subject, node, operation, to_timestamp(start_ms / 1000.0), to_timestamp(end_ms / 1000.0), outcome, bytes, detail
    from unnest(
      ${textArray(col('traceId'))}::text[], ${textArray(col('spanId'))}::text[], ${numberArray(col('seq'))}::int8[],
      ${textArray(col('kind'))}::text[], ${numberArray(col('robotId'))}::int4[], ${textArray(col('subject'))}::text[],
      ${textArray(col('node'))}::text[], ${textArray(col('operation'))}::text[], ${numberArray(col('startMs'))}::float8[],
      ${numberArray(col('endMs'))}::float8[], ${textArray(col('outcome'))}::text[], ${numberArray(col('bytes'))}::int4[],
      ${textArray(col('detail'))}::text[]
    ) as t(trace_id, span_id, seq, kind, robot_id, subject, node, operation, start_ms, end_ms, outcome, bytes, detail)`);
}

type HopRow = {
  trace_id: string;
  span_id: string;
  seq: string | number;
  kind: string;
  robot_id: number | null;
  subject: string;
  node: string;
  operation: string;
  start_ms: string | number;
  end_ms: string | number;
  outcome: string;
  bytes: number;
  detail: string | null;
};

const toHop = (r: HopRow): Hop => ({
  traceId: r.trace_id,
  spanId: r.span_id,
  seq: Number(r.seq),
  kind: r.kind as TraceKind,
  robotId: r.robot_id === null ? null : Number(r.robot_id),
  subject: r.subject,
  node: r.node,
  operation: r.operation,
  startMs: Number(r.start_ms),
  endMs: Number(r.end_ms),
  outcome: r.outcome as HopOutcome,
  bytes: Number(r.bytes),
  detail: r.detail,
});

export async function hopsOfTrace(db: Db, traceId: string): Promise<Hop[]> {
  const rows = await db.rows<HopRow>(sql`
    select trace_id, span_id, seq, kind, robot_id, subject, node, operation,
      extract(epoch from start_at) * 1000 as start_ms, extract(epoch from end_at) * 1000 as end_ms, outcome, bytes, detail
    from trace_hops where trace_id = ${traceId} order by start_at, seq`);
  return rows.map(toHop);
}

export interface SearchTracesParams {
  robotId?: number;
  kind?: TraceKind;
  /** Epoch ms; traces that started in [fromMs, toMs]. */
  fromMs?: number;
  toMs?: number;
  limit: number;
}

/** Newest first, one summary per trace. */
export async function searchTraces(db: Db, p: SearchTracesParams): Promise<TraceSummary[]> {
  const rows = await db.rows<{ trace_id: string; kind: string; robot_id: number | null; subject: string; started: string | number; ended: string | number; hops: string | number; bad: string | null }>(sql`
    select trace_id, min(kind) as kind, min(robot_id) as robot_id, min(subject) as subject,
      extract(epoch from min(start_at)) * 1000 as started, extract(epoch from max(end_at)) * 1000 as ended, count(*) as hops,
      max(case outcome when 'error' then '3error' when 'dropped' then '2dropped' when 'superseded' then '1superseded' end) as bad
    from trace_hops
    where (${p.robotId ?? null}::int4 is null or robot_id = ${p.robotId ?? null}::int4)
      and (${p.kind ?? null}::text is null or kind = ${p.kind ?? null}::text)
      and (${p.fromMs ?? null}::float8 is null or start_at >= to_timestamp(${p.fromMs ?? null}::float8 / 1000.0))
      and (${p.toMs ?? null}::float8 is null or start_at <= to_timestamp(${p.toMs ?? null}::float8 / 1000.0))
    group by trace_id order by min(start_at) desc limit ${p.limit}`);
  return rows.map((r) => ({
    traceId: r.trace_id,
    kind: r.kind as TraceKind,
    robotId: r.robot_id === null ? null : Number(r.robot_id),
    subject: r.subject,
    startedAt: Number(r.started),
    endedAt: Number(r.ended),
    hops: Number(r.hops),
    outcome: (r.bad ? r.bad.slice(1) : 'ok') as HopOutcome,
  }));
}

/** Deletes hops older than the cutoff; returns how many went. */
export async function deleteHopsBefore(db: Db, cutoffMs: number): Promise<number> {
  const rows = await db.rows<{ n: string | number }>(sql`
    with gone as (delete from trace_hops where start_at < to_timestamp(${cutoffMs} / 1000.0) returning 1)
    select count(*)::int8 as n from gone`);
  return Number(rows[0]?.n ?? 0);
}
