// Test sign-in through the real services: creates users with a role and opens sessions for them, or signs in over
// HTTP at POST /api/auth/login and returns the cookie, as a browser would.
import { randomUUID } from 'node:crypto';
import { io as connectSocket, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { insertUser, userByEmail } from '../../db/queries/users';
import type { Db } from '../../db/client';
import type { Context } from '../api/trpc';
import type { Principal, Role } from '../domain/identity/roles';
import type { ClientToServerEvents, ServerToClientEvents } from '../domain/live-protocol';
import type { AppRuntime } from '../runtime';
import { hashPassword } from '../domain/identity/passwords';
import type { Identity } from '../services/identity/identity';

export const TEST_PASSWORD = 'correct horse battery staple';

/** Creates (once) a user `<role>@test.local` with TEST_PASSWORD. */
export async function ensureUser(db: Db, role: Role, email = `${role}@test.local`): Promise<string> {
  const existing = await userByEmail(db, email);
  if (existing) return existing.email;
  await insertUser(db, { id: randomUUID(), email, name: `Test ${role}`, role, passwordHash: await hashPassword(TEST_PASSWORD) });
  return email;
}

/** A signed-in principal with a real session (as after POST /api/auth/login). */
export async function principalAs(app: { db: Db; identity: Identity }, role: Role): Promise<Principal> {
  const email = await ensureUser(app.db, role);
  const { principal } = await app.identity.login(email, TEST_PASSWORD, { address: '127.0.0.1', userAgent: 'test' });
  return principal;
}

/** The Cookie header of a fresh session for a role, for Socket.IO clients and HTTP calls in tests. */
export async function cookieAs(app: { db: Db; identity: Identity }, role: Role): Promise<string> {
  const email = await ensureUser(app.db, role);
  const { token } = await app.identity.login(email, TEST_PASSWORD, { address: '127.0.0.1', userAgent: 'test' });
  return `fleetscope_session=${token}`;
}

/** A tRPC context for a role (null: anonymous), for createCaller. */
export async function contextAs(app: { db: Db; identity: Identity; runtime: AppRuntime }, role: Role | null): Promise<Context> {
  return { runtime: app.runtime, principal: role ? await principalAs(app, role) : null, address: '127.0.0.1' };
}

/** Signs in over HTTP like a browser; returns the Cookie header value to send with later requests. */
export async function loginCookie(baseUrl: string, email: string, password = TEST_PASSWORD): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: baseUrl },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login as ${email} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('fleetscope_session='));
  if (!cookie) throw new Error('login answered 200 without a session cookie');
  return cookie.split(';')[0]!;
}

/** A Socket.IO viewer signed in with a role, sending its session cookie and this app's Origin as a browser does. */
export async function connectAs(
  app: { db: Db; identity: Identity },
  baseUrl: string,
  role: Role = 'viewer',
  opts: Partial<ManagerOptions & SocketOptions> = {},
): Promise<Socket<ServerToClientEvents, ClientToServerEvents>> {
  return connectSocket(baseUrl, {
    transports: ['websocket'],
    ...opts,
    extraHeaders: { cookie: await cookieAs(app, role), origin: baseUrl },
  });
}
