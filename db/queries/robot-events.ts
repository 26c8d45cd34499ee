import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { numberArray, textArray } from './pg-array';
import { pgJson } from '../pg-safe';
import type { RobotEventRow } from '../../server/domain/telemetry-rows';

export type { RobotEventRow };

export async function insertRobotEvents(db: Db, rows: readonly RobotEventRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.orm.execute(sql`
    insert into robot_events (robot_id, ts, kind, detail)
    select robot_id, to_timestamp(ts_ms / 1000.0), kind, detail::jsonb
    from unnest(${numberArray(rows.map((r) => r.robotId))}::int4[], ${numberArray(rows.map((r) => r.ts))}::float8[],
                ${textArray(rows.map((r) => r.kind))}::text[], ${textArray(rows.map((r) => pgJson(r.detail)))}::text[])
      as t(robot_id, ts_ms, kind, detail)`);
}

export interface ListRobotEventsParams {
  robotId: number;
  limit?: number;
}

export async function listRobotEvents(db: Db, params: ListRobotEventsParams) {
  return db.rows<{ id: number; ts: Date | string; kind: string; detail: unknown }>(sql`
    select id, ts, kind, detail from robot_events where robot_id = ${params.robotId}
    order by ts desc, id desc limit ${params.limit ?? 100}`);
}
