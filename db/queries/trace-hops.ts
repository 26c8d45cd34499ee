import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { orderHops, summarize, type Hop, type HopOutcome, type TraceKind, type TraceSummary } from '../../server/domain/flow/hop';
import { numberArray, textArray } from './pg-array';
import { pgJson } from '../pg-safe';

/** Hops grouped per trace: one row per trace in the batch (see db/schema/trace-hops.ts). */
export function groupHops(hops: readonly Hop[]): {
  traceId: string;
  kind: string;
  robotId: number | null;
  subject: string;
  startMs: number;
  endMs: number;
  outcome: HopOutcome;
  hops: Hop[];
}[] {
  const byTrace = new Map<string, Hop[]>();
  for (const h of hops) {
    const list = byTrace.get(h.traceId);
    if (list) list.push(h);
    else byTrace.set(h.traceId, [h]);
  }
  return [...byTrace.values()].map((list) => {
    const s = summarize(list)!;
    return {
      traceId: s.traceId,
      kind: s.kind,
      robotId: s.robotId,
      subject: s.subject,
      startMs: s.startedAt,
      endMs: s.endedAt,
      outcome: s.outcome,
      hops: list,
    };
  });
}

/** One statement for the whole batch (unnest of array parameters), like the other batch writers. */
export async function insertHops(db: Db, hops: readonly Hop[]): Promise<void> {
  if (hops.length === 0) return;
  const rows = groupHops(hops);
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  await db.orm.execute(sql`
    insert into trace_hops (trace_id, kind, robot_id, subject, start_at, end_at, outcome, hop_count, hops)
    select trace_id, kind, robot_id, subject, to_timestamp(start_ms / 1000.0), to_timestamp(end_ms / 1000.0), outcome, hop_count, hops::jsonb
    from unnest(
      ${textArray(col('traceId'))}::text[], ${textArray(col('kind'))}::text[], ${numberArray(col('robotId'))}::int4[],
      ${textArray(col('subject'))}::text[], ${numberArray(col('startMs'))}::float8[], ${numberArray(col('endMs'))}::float8[],
      ${textArray(col('outcome'))}::text[], ${numberArray(rows.map((r) => r.hops.length))}::int4[],
      ${textArray(rows.map((r) => pgJson(r.hops)))}::text[]
    ) as t(trace_id, kind, robot_id, subject, start_ms, end_ms, outcome, hop_count, hops)`);
}

export async function hopsOfTrace(db: Db, traceId: string): Promise<Hop[]> {
  const rows = await db.rows<{ hops: Hop[] | string }>(sql`select hops from trace_hops where trace_id = ${traceId}`);
  return orderHops(rows.flatMap((r) => (typeof r.hops === 'string' ? (JSON.parse(r.hops) as Hop[]) : r.hops)));
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
  const rows = await db.rows<{
    trace_id: string;
    kind: string;
    robot_id: number | null;
    subject: string;
    started: string | number;
    ended: string | number;
    hops: string | number;
    bad: string | null;
  }>(sql`
    select trace_id, min(kind) as kind, min(robot_id) as robot_id, min(subject) as subject,
      extract(epoch from min(start_at)) * 1000 as started, extract(epoch from max(end_at)) * 1000 as ended, sum(hop_count) as hops,
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
