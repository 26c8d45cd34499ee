// The zone and edge request log (zone_requests): batched inserts, reads per robot or per zone/edge, retention.
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { numberArray, textArray } from './pg-array';
import type { Decision } from '../../server/domain/zones/request-arbiter';
import type { RequestRecord, ResourceKind } from '../../server/domain/zones/zone-types';

export async function insertZoneRequests(db: Db, rows: readonly Decision[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <T>(f: (d: Decision) => T) => rows.map(f);
  await db.orm.execute(sql`
    insert into zone_requests (robot_id, at, kind, resource, request_id, request_type, decision, reason, lease_expiry)
    select robot_id, to_timestamp(at_ms / 1000.0), kind, resource, request_id, request_type, decision, reason,
           case when lease_ms is null then null else to_timestamp(lease_ms / 1000.0) end
    from unnest(${numberArray(col((d) => d.robotId))}::int4[], ${numberArray(col((d) => d.at))}::float8[],
                ${textArray(col((d) => d.kind))}::text[], ${textArray(col((d) => d.resource))}::text[],
                ${textArray(col((d) => d.requestId))}::text[], ${textArray(col((d) => d.requestType))}::text[],
                ${textArray(col((d) => d.decision))}::text[], ${textArray(col((d) => d.reason))}::text[],
                ${numberArray(col((d) => d.leaseExpiry))}::float8[])
      as t(robot_id, at_ms, kind, resource, request_id, request_type, decision, reason, lease_ms)`);
}

export interface ZoneRequestFilter {
  robotId?: number;
  kind?: ResourceKind;
  resource?: string;
  limit: number;
}

export async function listZoneRequests(db: Db, f: ZoneRequestFilter): Promise<RequestRecord[]> {
  const rows = await db.rows<{
    id: number | string;
    robot_id: number;
    kind: string;
    resource: string;
    request_id: string;
    request_type: string;
    decision: string;
    reason: string;
    lease_ms: number | null;
    at_ms: number;
  }>(sql`
    select id, robot_id, kind, resource, request_id, request_type, decision, reason,
           (extract(epoch from lease_expiry) * 1000)::float8 as lease_ms, (extract(epoch from at) * 1000)::float8 as at_ms
    from zone_requests
    where true
      ${f.robotId !== undefined ? sql`and robot_id = ${f.robotId}` : sql``}
      ${f.kind !== undefined ? sql`and kind = ${f.kind}` : sql``}
      ${f.resource !== undefined ? sql`and resource = ${f.resource}` : sql``}
    order by at desc, id desc limit ${f.limit}`);
  return rows.map((r) => ({
    id: Number(r.id),
    robotId: r.robot_id,
    kind: r.kind as ResourceKind,
    resource: r.resource,
    requestId: r.request_id,
    requestType: r.request_type,
    decision: r.decision as RequestRecord['decision'],
    reason: r.reason,
    leaseExpiry: r.lease_ms === null ? null : Number(r.lease_ms),
    at: Number(r.at_ms),
  }));
}

/** Deletes log rows older than the cutoff, `chunk` per statement; returns how many. */
export async function deleteZoneRequestsBefore(db: Db, cutoffMs: number, chunk = 5000): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await db.rows<{ n: number }>(sql`
      with d as (
        delete from zone_requests where id in
          (select id from zone_requests where at < to_timestamp(${cutoffMs}::float8 / 1000.0) limit ${chunk}) returning 1
      )
      select count(*)::int as n from d`);
    const n = Number(rows[0]?.n ?? 0);
    total += n;
    if (n < chunk) return total;
  }
}
