import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { robots } from '../schema';
import { numberArray } from './pg-array';

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
    .values(ps.map((p) => ({ manufacturer: p.manufacturer, serialNumber: p.serialNumber, name: p.serialNumber, protocolVersion: p.protocolVersion ?? null })))
    .onConflictDoUpdate({
      target: [robots.manufacturer, robots.serialNumber],
      set: { protocolVersion: sql`coalesce(excluded.protocol_version, ${robots.protocolVersion})` },
    })
    .returning(identityColumns);
}

export async function listRobotIdentities(db: Db): Promise<RobotIdentity[]> {
  return db.orm
    .select(identityColumns)
    .from(robots)
    .orderBy(robots.id);
}

export async function saveFactsheet(db: Db, robotId: number, factsheet: unknown): Promise<void> {
  await db.orm.update(robots).set({ factsheet }).where(eq(robots.id, robotId));
}

/** Batched: one statement for every robot heard since the last flush. */
export async function touchRobots(db: Db, lastSeenAt: ReadonlyMap<number, number>): Promise<void> {
  if (lastSeenAt.size === 0) return;
  await db.orm.execute(sql`
    update robots r set last_seen_at = greatest(r.last_seen_at, to_timestamp(t.seen_ms / 1000.0))
    from unnest(${numberArray([...lastSeenAt.keys()])}::int4[], ${numberArray([...lastSeenAt.values()])}::float8[]) as t(id, seen_ms)
    where r.id = t.id`);
}
