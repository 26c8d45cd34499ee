// Sign-in, sign-out and user management, each audited. Receives its dependencies; adapters (HTTP endpoints, tRPC
// routers, the Socket.IO guard) translate its errors.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../db/client';
import { countUsers, insertUser, listUsers, toUserView, updateUser, userByEmail } from '../../../db/queries/users';
import {
  InvalidCredentialsError,
  LastAdminError,
  TooManyAttemptsError,
  UserExistsError,
  UserNotFoundError,
} from '../../domain/identity/identity-errors';
import { createRefusalWindow } from '../../domain/identity/refusal-window';
import type { Principal } from '../../domain/identity/roles';
import { createUserInput, updateUserInput, type CreateUserInput, type UpdateUserInput, type UserView } from '../../domain/identity/user';
import type { Logger } from '../../ports/logger';
import type { AuditTrail } from './audit-trail';
import type { LoginLimiter } from './login-limiter';
import { decoyHash, generatePassword, hashPassword, verifyPassword } from '../../domain/identity/passwords';
import type { SessionStore } from './sessions';

export interface RequestMeta {
  address: string | null;
  userAgent: string | null;
  /** The device token this browser got at its last sign-in (login-limiter.ts), if any. */
  deviceToken?: string | null;
}

export interface Actor {
  principal: Principal;
  address: string | null;
}

export function createIdentity(deps: {
  db: Db;
  sessions: SessionStore;
  audit: AuditTrail;
  limiter: LoginLimiter;
  logger: Logger;
  now?: () => number;
}) {
  const { db, sessions, audit } = deps;
  const by = (a: Actor) => ({ actorId: a.principal.userId, actor: a.principal.email, address: a.address });
  // A throttled login costs no password check, so it is cheap to repeat: its audit rows are coalesced (same email
  // and address within 10 s: one row with a count), or a flood of 429s would be a flood of audit rows.
  const throttled = createRefusalWindow<{ email: string; address: string | null; retryAfterMs: number }>({
    windowMs: 10_000,
    now: deps.now ?? Date.now,
    keyOf: (d) => `${d.email}\u0000${d.address ?? ''}`,
    overflowKeyOf: () => 'login',
    emit: (d) =>
      audit.record({
        actor: d.email,
        action: 'login',
        outcome: 'denied',
        address: d.address,
        detail: {
          reason: 'rate limited',
          retryAfterMs: d.retryAfterMs,
          count: d.count,
          ...(d.count > 1 && { firstAt: d.firstAt, lastAt: d.lastAt }),
        },
      }),
  });
  const sweep = setInterval(() => throttled.sweep(), 1_000);
  sweep.unref();

  return {
    sessions,
    async login(
      email: string,
      password: string,
      meta: RequestMeta,
    ): Promise<{ token: string; expiresAt: number; principal: Principal; deviceToken: string }> {
      // The attempt takes its point before the password is checked (and gets it back if the password is right).
      // The in-memory limiter takes it synchronously, within this call; the shared one (Redis) atomically in Redis.
      const attempt = await deps.limiter.begin({ email, address: meta.address ?? 'unknown', deviceToken: meta.deviceToken ?? null });
      if (!attempt.allowed) {
        throttled.report({ email, address: meta.address, retryAfterMs: attempt.retryAfterMs });
        throw new TooManyAttemptsError(attempt.retryAfterMs);
      }
      let user: Awaited<ReturnType<typeof userByEmail>>;
      let ok: boolean;
      try {
        user = await userByEmail(db, email);
        // Verify against a decoy when the account does not exist: same time either way.
        ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
      } catch (e) {
        await attempt.abandoned(); // not judged: an outage is not a failed guess
        throw e;
      }
      if (!user || !ok || user.disabled) {
        audit.record({
          actorId: user?.id ?? null,
          actor: email,
          action: 'login',
          outcome: 'failed',
          address: meta.address,
          detail: { reason: !user ? 'unknown email' : !ok ? 'wrong password' : 'account disabled', knownDevice: attempt.knownDevice },
        });
        throw new InvalidCredentialsError();
      }
      const deviceToken = await attempt.succeeded();
      const s = await sessions.create(user.id, { address: meta.address, userAgent: meta.userAgent });
      audit.record({
        actorId: user.id,
        actor: user.email,
        action: 'login',
        outcome: 'ok',
        address: meta.address,
        detail: { role: user.role },
      });
      return {
        token: s.token,
        expiresAt: s.expiresAt,
        principal: { userId: user.id, email: user.email, name: user.name, role: user.role, sessionId: s.sessionId },
        deviceToken,
      };
    },
    /** Writes the pending counts of coalesced refusals; call before the audit trail stops. */
    stop(): void {
      clearInterval(sweep);
      throttled.flush();
    },
    async logout(principal: Principal, address: string | null): Promise<void> {
      await sessions.revoke(principal.sessionId);
      audit.record({ actorId: principal.userId, actor: principal.email, action: 'logout', outcome: 'ok', address });
    },
    /** With no users at all, creates the first administrator; returns the generated password when none was given. */
    async bootstrapAdmin(opts: {
      email?: string;
      password?: string;
    }): Promise<{ created: false } | { created: true; email: string; generatedPassword: string | null }> {
      if ((await countUsers(db)) > 0) return { created: false };
      const email = (opts.email ?? 'admin@fleetscope.local').trim().toLowerCase();
      const generatedPassword = opts.password ? null : generatePassword();
      const user = await insertUser(db, {
        id: randomUUID(),
        email,
        name: 'Administrator',
        role: 'admin',
        passwordHash: await hashPassword(opts.password ?? generatedPassword!),
      });
      if (!user) return { created: false }; // another process created it first
      audit.record({
        actorId: user.id,
        actor: 'system',
        action: 'admin.bootstrap',
        target: email,
        outcome: 'ok',
        detail: { passwordFrom: generatedPassword ? 'generated' : 'ADMIN_PASSWORD' },
      });
      return { created: true, email, generatedPassword };
    },
    async listUsers(): Promise<UserView[]> {
      return (await listUsers(db)).map(toUserView);
    },
    async createUser(raw: CreateUserInput, actor: Actor): Promise<UserView> {
      const input = createUserInput.parse(raw);
      const user = await insertUser(db, {
        id: randomUUID(),
        email: input.email,
        name: input.name ?? input.email.split('@')[0]!,
        role: input.role,
        passwordHash: await hashPassword(input.password),
      });
      if (!user) {
        audit.record({ ...by(actor), action: 'user.create', target: input.email, outcome: 'failed', detail: { reason: 'email taken' } });
        throw new UserExistsError(input.email);
      }
      audit.record({ ...by(actor), action: 'user.create', target: user.email, outcome: 'ok', detail: { role: user.role } });
      return toUserView(user);
    },
    async updateUser(raw: UpdateUserInput, actor: Actor): Promise<UserView> {
      const input = updateUserInput.parse(raw);
      const r = await updateUser(db, input.id, {
        role: input.role,
        disabled: input.disabled,
        name: input.name,
        passwordHash: input.password ? await hashPassword(input.password) : undefined,
      });
      const changes = { role: input.role, disabled: input.disabled, name: input.name, passwordReset: input.password ? true : undefined };
      if (!r.ok) {
        audit.record({
          ...by(actor),
          action: 'user.update',
          target: input.id,
          outcome: 'failed',
          detail: { reason: r.reason, ...changes },
        });
        throw r.reason === 'not_found' ? new UserNotFoundError(input.id) : new LastAdminError();
      }
      // A disabled account or a reset password ends every open session; a role change applies to them at once.
      if (input.disabled === true || input.password) await sessions.revokeUser(r.user.id);
      else sessions.userChanged(r.user.id);
      audit.record({ ...by(actor), action: 'user.update', target: r.user.email, outcome: 'ok', detail: changes });
      return toUserView(r.user);
    },
  };
}
export type Identity = ReturnType<typeof createIdentity>;
