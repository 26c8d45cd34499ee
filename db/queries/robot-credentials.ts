// MQTT credentials of robots (per robot or per manufacturer). Every change is one statement (PGlite's proxy driver
// has no transactions). Records carry the password hash: the service strips it before anything leaves the server.
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { robotCredentials } from '../schema';

export interface RobotCredentialRecord {
  id: string;
  username: string;
  passwordHash: string;
  manufacturer: string;
  serialNumber: string | null;
  note: string | null;
  createdBy: string;
  createdAt: number;
  disabled: boolean;
}

const cols = {
  id: robotCredentials.id,
  username: robotCredentials.username,
  passwordHash: robotCredentials.passwordHash,
  manufacturer: robotCredentials.manufacturer,
  serialNumber: robotCredentials.serialNumber,
  note: robotCredentials.note,
  createdBy: robotCredentials.createdBy,
  createdAt: robotCredentials.createdAt,
  disabled: robotCredentials.disabled,
};
type Row = { [K in keyof typeof cols]: unknown };

function toRecord(r: Row): RobotCredentialRecord {
  return {
    id: String(r.id),
    username: String(r.username),
    passwordHash: String(r.passwordHash),
    manufacturer: String(r.manufacturer),
    serialNumber: r.serialNumber === null || r.serialNumber === undefined ? null : String(r.serialNumber),
    note: r.note === null || r.note === undefined ? null : String(r.note),
    createdBy: String(r.createdBy),
    createdAt: new Date(r.createdAt as Date).getTime(),
    disabled: r.disabled === true,
  };
}

export type NewRobotCredential = Omit<RobotCredentialRecord, 'createdAt' | 'disabled'>;

/** Inserts unless the username is taken; null when it is. */
export async function insertRobotCredential(db: Db, c: NewRobotCredential): Promise<RobotCredentialRecord | null> {
  const rows = await db.orm.insert(robotCredentials).values(c).onConflictDoNothing().returning(cols);
  return rows[0] ? toRecord(rows[0]) : null;
}

/**
 * Inserts, or sets a new password on the credential of that username if it has the same scope (manufacturer and
 * serial); null when the username belongs to a credential of another scope (left unchanged). `disabled` is kept.
 */
export async function upsertRobotCredential(
  db: Db,
  c: NewRobotCredential,
): Promise<{ record: RobotCredentialRecord; created: boolean } | null> {
  const rows = await db.rows<Record<string, unknown>>(sql`
    insert into robot_credentials (id, username, password_hash, manufacturer, serial_number, note, created_by)
    values (${c.id}, ${c.username}, ${c.passwordHash}, ${c.manufacturer}, ${c.serialNumber}, ${c.note}, ${c.createdBy})
    on conflict (username) do update set password_hash = excluded.password_hash, note = excluded.note
      where robot_credentials.manufacturer = excluded.manufacturer
        and robot_credentials.serial_number is not distinct from excluded.serial_number
    returning id, username, password_hash as "passwordHash", manufacturer, serial_number as "serialNumber", note,
      created_by as "createdBy", created_at as "createdAt", disabled`);
  const r = rows[0];
  return r ? { record: toRecord(r as Row), created: String(r.id) === c.id } : null;
}

export async function listRobotCredentials(db: Db): Promise<RobotCredentialRecord[]> {
  return (await db.orm.select(cols).from(robotCredentials).orderBy(asc(robotCredentials.username))).map(toRecord);
}

export async function robotCredentialById(db: Db, id: string): Promise<RobotCredentialRecord | null> {
  const rows = await db.orm.select(cols).from(robotCredentials).where(eq(robotCredentials.id, id)).limit(1);
  return rows[0] ? toRecord(rows[0]) : null;
}

/** Changes `disabled` and/or the password hash; null when there is no such credential. */
export async function updateRobotCredential(
  db: Db,
  id: string,
  p: { disabled?: boolean; passwordHash?: string },
): Promise<RobotCredentialRecord | null> {
  const set: { disabled?: boolean; passwordHash?: string } = {};
  if (p.disabled !== undefined) set.disabled = p.disabled;
  if (p.passwordHash !== undefined) set.passwordHash = p.passwordHash;
  if (Object.keys(set).length === 0) return robotCredentialById(db, id);
  const rows = await db.orm.update(robotCredentials).set(set).where(eq(robotCredentials.id, id)).returning(cols);
  return rows[0] ? toRecord(rows[0]) : null;
}

/** Deletes; returns what was deleted, or null when there was no such credential. */
export async function deleteRobotCredential(db: Db, id: string): Promise<RobotCredentialRecord | null> {
  const rows = await db.orm.delete(robotCredentials).where(eq(robotCredentials.id, id)).returning(cols);
  return rows[0] ? toRecord(rows[0]) : null;
}
