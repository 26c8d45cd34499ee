import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import type { SampleRow } from '../../server/domain/telemetry-rows';
import { boolArray, numberArray, textArray } from './pg-array';

export type { SampleRow };

/** One statement for the whole batch (unnest of array parameters). */
export async function insertSamples(db: Db, rows: readonly SampleRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof SampleRow>(k: K) => rows.map((r) => r[k]);
  await db.orm.execute(sql`
    insert into robot_samples (robot_id, ts, source, header_id, x, y, theta, map_id, velocity, battery, driving, paused, operating_mode)
    select robot_id, to_timestamp(ts_ms / 1000.0), source, header_id, x, y, theta, map_id, velocity, battery, driving, paused, operating_mode
    from unnest(
      ${numberArray(col('robotId'))}::int4[], ${numberArray(col('ts'))}::float8[], ${numberArray(col('source'))}::int2[],
      ${numberArray(col('headerId'))}::int4[], ${numberArray(col('x'))}::float8[], ${numberArray(col('y'))}::float8[],
      ${numberArray(col('theta'))}::float4[], ${textArray(col('mapId'))}::text[], ${numberArray(col('velocity'))}::float4[],
      ${numberArray(col('battery'))}::float4[], ${boolArray(col('driving'))}::bool[], ${boolArray(col('paused'))}::bool[],
      ${textArray(col('operatingMode'))}::text[]
    ) as t(robot_id, ts_ms, source, header_id, x, y, theta, map_id, velocity, battery, driving, paused, operating_mode)
  `);
}

export interface CountSamplesParams {
  robotId?: number;
  source?: number;
}

export async function countSamples(db: Db, params: CountSamplesParams = {}): Promise<number> {
  const rows = await db.rows<{ n: string | number }>(sql`
    select count(*)::int8 as n from robot_samples
    where (${params.robotId ?? null}::int4 is null or robot_id = ${params.robotId ?? null}::int4)
      and (${params.source ?? null}::int2 is null or source = ${params.source ?? null}::int2)`);
  return Number(rows[0]?.n ?? 0);
}

export async function countSamplesByRobot(db: Db, source: number): Promise<Map<number, number>> {
  const rows = await db.rows<{ robot_id: number; n: string | number }>(
    sql`select robot_id, count(*)::int8 as n from robot_samples where source = ${source} group by robot_id`,
  );
  return new Map(rows.map((r) => [Number(r.robot_id), Number(r.n)]));
}

/** Deletes samples older than the cutoff; returns how many went. */
export async function deleteSamplesBefore(db: Db, cutoffMs: number): Promise<number> {
  const rows = await db.rows<{ n: string | number }>(sql`
    with gone as (delete from robot_samples where ts < to_timestamp(${cutoffMs} / 1000.0) returning 1)
    select count(*)::int8 as n from gone`);
  return Number(rows[0]?.n ?? 0);
}
