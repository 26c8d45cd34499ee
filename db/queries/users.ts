// Users and their sessions. Every change is one statement (PGlite's proxy driver has no transactions), so the
// "keep one enabled admin" rule is a condition of the UPDATE itself, not a read followed by a write.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { sessions, users } from '../schema';
import type { Role } from '../../server/domain/identity/roles';
import type { UserView } from '../../server/domain/identity/user';

export interface UserRecord extends UserView {
  passwordHash: string;
}

const cols = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  disabled: users.disabled,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
  passwordHash: users.passwordHash,
};
type Row = { [K in keyof typeof cols]: unknown };

function toRecord(r: Row): UserRecord {
  return {
    id: String(r.id),
    email: String(r.email),
    name: String(r.name),
    role: r.role as Role,
    disabled: r.disabled === true,
    createdAt: new Date(r.createdAt as Date).getTime(),
    updatedAt: new Date(r.updatedAt as Date).getTime(),
    passwordHash: String(r.passwordHash),
  };
}

export function toUserView(u: UserRecord): UserView {
  const { passwordHash: _hidden, ...view } = u;
  return view;
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.rows<{ n: number }>(sql`select count(*)::int as n from users`);
  return Number(row?.n ?? 0);
}

/** Inserts unless the email is taken; null when it is. */
export async function insertUser(
  db: Db,
  u: { id: string; email: string; name: string; role: Role; passwordHash: string },
): Promise<UserRecord | null> {
  const rows = await db.orm.insert(users).values(u).onConflictDoNothing().returning(cols);
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function userByEmail(db: Db, email: string): Promise<UserRecord | null> {
  const rows = await db.orm.select(cols).from(users).where(eq(users.email, email)).limit(1);
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function userById(db: Db, id: string): Promise<UserRecord | null> {
  const rows = await db.orm.select(cols).from(users).where(eq(users.id, id)).limit(1);
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function listUsers(db: Db): Promise<UserRecord[]> {
  return (await db.orm.select(cols).from(users).orderBy(asc(users.email))).map(toRecord);
}

export type UpdateOutcome = { ok: true; user: UserRecord } | { ok: false; reason: 'not_found' | 'last_admin' };

/** Changes a user; refuses (changing nothing) when it would leave no enabled admin. */
export async function updateUser(
  db: Db,
  id: string,
  p: { role?: Role; disabled?: boolean; name?: string; passwordHash?: string },
): Promise<UpdateOutcome> {
  const demotes = (p.role !== undefined && p.role !== 'admin') || p.disabled === true;
  const keepsAdmin = demotes
    ? sql`and (role <> 'admin' or disabled or exists (select 1 from users o where o.id <> ${id} and o.role = 'admin' and not o.disabled))`
    : sql``;
  const rows = await db.rows<Record<string, unknown>>(sql`
    update users set
      role = coalesce(${p.role ?? null}, role),
      disabled = coalesce(${p.disabled ?? null}::boolean, disabled),
      name = coalesce(${p.name ?? null}, name),
      password_hash = coalesce(${p.passwordHash ?? null}, password_hash),
      updated_at = now()
    where id = ${id} ${keepsAdmin}
    returning id, email, name, role, disabled, created_at as "createdAt", updated_at as "updatedAt", password_hash as "passwordHash"`);
  if (rows[0]) return { ok: true, user: toRecord(rows[0] as Row) };
  return (await userById(db, id)) ? { ok: false, reason: 'last_admin' } : { ok: false, reason: 'not_found' };
}

export interface SessionRecord {
  id: string;
  userId: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

export async function insertSession(
  db: Db,
  s: { id: string; userId: string; now: number; expiresAt: number; address: string | null; userAgent: string | null },
): Promise<void> {
  await db.orm.insert(sessions).values({
    id: s.id,
    userId: s.userId,
    createdAt: new Date(s.now),
    lastSeenAt: new Date(s.now),
    expiresAt: new Date(s.expiresAt),
    address: s.address,
    userAgent: s.userAgent?.slice(0, 300) ?? null,
  });
}

export async function sessionById(db: Db, id: string): Promise<SessionRecord | null> {
  const rows = await db.orm.select().from(sessions).where(eq(sessions.id, id)).limit(1);
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    userId: r.userId,
    createdAt: new Date(r.createdAt).getTime(),
    lastSeenAt: new Date(r.lastSeenAt).getTime(),
    expiresAt: new Date(r.expiresAt).getTime(),
    revokedAt: r.revokedAt ? new Date(r.revokedAt).getTime() : null,
  };
}

export async function touchSession(db: Db, id: string, now: number): Promise<void> {
  await db.orm
    .update(sessions)
    .set({ lastSeenAt: new Date(now) })
    .where(eq(sessions.id, id));
}

export async function revokeSession(db: Db, id: string, now: number): Promise<void> {
  await db.orm
    .update(sessions)
    .set({ revokedAt: new Date(now) })
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)));
}

/** Revokes every open session of a user (disabled, password reset); returns the revoked ids. */
export async function revokeUserSessions(db: Db, userId: string, now: number): Promise<string[]> {
  const rows = await db.orm
    .update(sessions)
    .set({ revokedAt: new Date(now) })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.map((r) => r.id);
}
