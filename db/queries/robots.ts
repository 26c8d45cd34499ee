import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { robots } from '../schema';
import { numberArray } from './pg-array';
import { pgJson } from '../pg-safe';

export interface RobotIdentity {
  id: number;
  manufacturer: string;
  serialNumber: string;
  name: string;
  protocolVersion: string | null;
  lastSeenAt: Date | null;
}

const identityColumns = {
  id: robots.id,
  manufacturer: robots.manufacturer,
  serialNumber: robots.serialNumber,
  name: robots.name,
  protocolVersion: robots.protocolVersion,
  lastSeenAt: robots.lastSeenAt,
};

export interface UpsertRobotParams {
  manufacturer: string;
  serialNumber: string;
  protocolVersion?: string | null;
}

/** Registers a robot on first contact (or returns the existing one). */
export async function upsertRobot(db: Db, p: UpsertRobotParams): Promise<RobotIdentity> {
  const [row] = await upsertRobots(db, [p]);
  if (!row) throw new Error(`could not register robot ${p.manufacturer}/${p.serialNumber}`);
  return row;
}

/** Registers many robots in one statement (a fleet connecting at once); returns them in no particular order. */
export async function upsertRobots(db: Db, ps: readonly UpsertRobotParams[]): Promise<RobotIdentity[]> {
  if (ps.length === 0) return [];
  return db.orm
    .insert(robots)
    .values(
      ps.map((p) => ({
        manufacturer: p.manufacturer,
        serialNumber: p.serialNumber,
        name: p.serialNumber,
        protocolVersion: p.protocolVersion ?? null,
      })),
    )
    .onConflictDoUpdate({
      target: [robots.manufacturer, robots.serialNumber],
      set: { protocolVersion: sql`coalesce(excluded.protocol_version, ${robots.protocolVersion})` },
    })
    .returning(identityColumns);
}

export async function listRobotIdentities(db: Db): Promise<RobotIdentity[]> {
  return db.orm.select(identityColumns).from(robots).orderBy(robots.id);
}

/** Stores the latest factsheet of many robots in one statement. */
export async function saveFactsheets(db: Db, rows: readonly { robotId: number; factsheet: unknown }[]): Promise<void> {
  if (rows.length === 0) return;
  const doc = pgJson(rows.map((r) => ({ id: r.robotId, f: r.factsheet })));
  await db.orm.execute(sql`
    update robots r set factsheet = t.f
    from (select id, f from jsonb_to_recordset(${doc}::jsonb) as x(id int4, f jsonb) order by id) as t
    where r.id = t.id`);
}

/** Batched: one statement for every robot heard since the last flush. */
export async function touchRobots(db: Db, lastSeenAt: ReadonlyMap<number, number>): Promise<void> {
  if (lastSeenAt.size === 0) return;
  // Rows are locked in id order (FOR UPDATE over a sorted scan) before they are updated, so two overlapping
  // updates (another app instance) wait for each other instead of deadlocking.
  await db.orm.execute(sql`
    with t as (select id, seen_ms from unnest(${numberArray([...lastSeenAt.keys()])}::int4[], ${numberArray([...lastSeenAt.values()])}::float8[]) as u(id, seen_ms)),
    l as (select r.id from robots r join t on t.id = r.id order by r.id for update of r)
    update robots r set last_seen_at = greatest(r.last_seen_at, to_timestamp(t.seen_ms / 1000.0))
    from t where r.id = t.id and r.id in (select id from l)`);
}
