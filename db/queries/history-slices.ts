// telemetry_slices (db/schema/history.ts): batch insert, windows, the latest slice per robot at a moment, retention.
// Every window query bounds start_at on both sides (a slice never spans more than SLICE_SPAN_MS of its tier), so the
// primary key (robot_id, tier, start_at) or the BRIN on start_at always sees a closed range. The robot filter is
// put in the SQL text only when given, so a prepared statement's generic plan never has to serve both shapes.
import { type SQL, sql } from 'drizzle-orm';
import { SLICE_SPAN_MS, type SliceRow, type SliceSnapshot, type SliceTier } from '../../server/domain/history/slice';
import type { Db } from '../client';
import { pgJson } from '../pg-safe';
import { numberArray, textArray } from './pg-array';

export type { SliceRow };

/** Epoch ms → timestamptz, exactly (no float on the way). */
const ts = (ms: number) => sql`('epoch'::timestamptz + ${Math.trunc(ms)}::int8 * interval '1 millisecond')`;

const COLUMNS = sql`robot_id, tier, (extract(epoch from start_at) * 1000)::int8 as start_ms,
  (extract(epoch from end_at) * 1000)::int8 as end_ms, n, snapshot, encode(data, 'base64') as data`;

interface RawSlice extends Record<string, unknown> {
  robot_id: number;
  tier: number;
  start_ms: string | number;
  end_ms: string | number;
  n: number;
  snapshot: SliceSnapshot | string | null;
  data: string;
}

const toRow = (r: RawSlice): SliceRow => ({
  robotId: Number(r.robot_id),
  tier: Number(r.tier) as SliceTier,
  startMs: Number(r.start_ms),
  endMs: Number(r.end_ms),
  count: Number(r.n),
  snapshot: typeof r.snapshot === 'string' ? (JSON.parse(r.snapshot) as SliceSnapshot) : r.snapshot,
  data: new Uint8Array(Buffer.from(r.data, 'base64')),
});

const robotFilter = (robotIds: readonly number[] | undefined): SQL =>
  robotIds ? sql`and robot_id = any(${numberArray(robotIds)}::int4[])` : sql``;

/**
 * One statement for the whole batch: columns as array parameters through unnest, data as base64 text decoded in SQL
 * (the same on postgres.js and PGlite). A slice already stored under the same key is left as it is, so a batch
 * retried after a lost acknowledgement adds nothing. Returns how many rows were inserted.
 */
export async function insertSlices(db: Db, rows: readonly SliceRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const col = <K extends keyof SliceRow>(k: K) => rows.map((r) => r[k]);
  const inserted = await db.rows<{ n: string | number }>(sql`
    with ins as (
      insert into telemetry_slices (robot_id, tier, start_at, end_at, n, snapshot, data)
      select robot_id, tier, 'epoch'::timestamptz + start_ms * interval '1 millisecond',
        'epoch'::timestamptz + end_ms * interval '1 millisecond', n, snapshot::jsonb, decode(data, 'base64')
      from unnest(
        ${numberArray(col('robotId'))}::int4[], ${numberArray(col('tier'))}::int2[], ${numberArray(col('startMs'))}::int8[],
        ${numberArray(col('endMs'))}::int8[], ${numberArray(col('count'))}::int4[],
        ${textArray(rows.map((r) => (r.snapshot ? pgJson(r.snapshot) : null)))}::text[],
        ${textArray(rows.map((r) => Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength).toString('base64')))}::text[]
      ) as t(robot_id, tier, start_ms, end_ms, n, snapshot, data)
      on conflict (robot_id, tier, start_at) do nothing
      returning 1
    )
    select count(*)::int8 as n from ins`);
  return Number(inserted[0]?.n ?? 0);
}

export interface SliceWindowParams {
  tier: SliceTier;
  from: number;
  to: number;
  robotIds?: readonly number[];
}

/** Slices of the tier overlapping [from, to], ordered by robot, then start. */
export async function listSlices(db: Db, p: SliceWindowParams): Promise<SliceRow[]> {
  if (p.robotIds?.length === 0 || p.to < p.from) return [];
  const rows = await db.rows<RawSlice>(sql`
    select ${COLUMNS} from telemetry_slices
    where tier = ${p.tier}::int2 and start_at <= ${ts(p.to)} and start_at >= ${ts(p.from - SLICE_SPAN_MS[p.tier])}
      and end_at >= ${ts(p.from)} ${robotFilter(p.robotIds)}
    order by robot_id, start_at`);
  return rows.map(toRow);
}

export interface SlicesAtParams {
  tier: SliceTier;
  at: number;
  maxGapMs: number;
  robotIds?: readonly number[];
}

/** Per robot, the latest slice of the tier starting at or before `at` and ending no earlier than `at - maxGapMs`. */
export async function latestSlicesAt(db: Db, p: SlicesAtParams): Promise<SliceRow[]> {
  if (p.robotIds?.length === 0) return [];
  const gap = Math.max(0, p.maxGapMs);
  const rows = await db.rows<RawSlice>(sql`
    select distinct on (robot_id) ${COLUMNS} from telemetry_slices
    where tier = ${p.tier}::int2 and start_at <= ${ts(p.at)} and start_at >= ${ts(p.at - gap - SLICE_SPAN_MS[p.tier])}
      and end_at >= ${ts(p.at - gap)} ${robotFilter(p.robotIds)}
    order by robot_id, start_at desc`);
  return rows.map(toRow);
}

/** Rows per delete statement: retention after a long stop must not hold one huge transaction. */
const DELETE_CHUNK = 5000;

/** Deletes whole slices of the tier that ended before the cutoff, in chunks; returns how many went. */
export async function deleteSlicesBefore(db: Db, tier: SliceTier, cutoffMs: number): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await db.rows<{ n: string | number }>(sql`
      with gone as (
        delete from telemetry_slices where (robot_id, tier, start_at) in (
          select robot_id, tier, start_at from telemetry_slices
          where tier = ${tier}::int2 and start_at < ${ts(cutoffMs)} and end_at < ${ts(cutoffMs)}
          limit ${DELETE_CHUNK})
        returning 1)
      select count(*)::int8 as n from gone`);
    const n = Number(rows[0]?.n ?? 0);
    total += n;
    if (n < DELETE_CHUNK) return total;
  }
}

export interface CountSliceSamplesParams {
  tier?: SliceTier;
  robotId?: number;
}

/** Sum of samples held in slices. */
export async function countSliceSamples(db: Db, p: CountSliceSamplesParams = {}): Promise<number> {
  const rows = await db.rows<{ n: string | number }>(sql`
    select coalesce(sum(n), 0)::int8 as n from telemetry_slices
    where true ${p.tier === undefined ? sql`` : sql`and tier = ${p.tier}::int2`}
      ${p.robotId === undefined ? sql`` : sql`and robot_id = ${p.robotId}::int4`}`);
  return Number(rows[0]?.n ?? 0);
}

/** Reclaims the space of deleted slices on PGlite, which has no autovacuum (Postgres' autovacuum does it there). */
export async function vacuumSlices(db: Db): Promise<void> {
  await db.orm.execute(sql`vacuum telemetry_slices`);
}

/**
 * Summarizes the block ranges filled since the last time in the history BRIN indexes (slices and robot events). An
 * unsummarized range matches every query, so without this a BRIN is a full scan wherever autovacuum does not run
 * (PGlite) or lags. Cheap: it reads only the new ranges.
 */
export async function summarizeHistoryIndexes(db: Db): Promise<void> {
  await db.rows(sql`select brin_summarize_new_values('telemetry_slices_start_brin'::regclass) as slices,
    brin_summarize_new_values('robot_events_ts_brin'::regclass) as events`);
}
