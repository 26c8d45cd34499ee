// Sessions: a random 256-bit token in the cookie, only its SHA-256 in the database. Resolving a token is cached
// for a short time (a page load makes many requests), and a revocation in this process clears the cache at once;
// listeners (the Socket.IO guard) hear about every revocation and role change.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../../db/client';
import { insertSession, revokeSession, revokeUserSessions, sessionById, touchSession, userById } from '../../../db/queries/users';
import type { Principal } from '../../domain/identity/roles';
import type { Clock } from '../../ports/clock';

export interface SessionPolicy {
  /** Absolute lifetime from login. */
  absoluteMs: number;
  /** A session unused for this long ends. */
  idleMs: number;
  /** How long a resolved session is trusted before the database is asked again (bounds cross-process revocation). */
  cacheMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { absoluteMs: 12 * 3600_000, idleMs: 30 * 60_000, cacheMs: 2_000 };

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

interface Cached {
  principal: Principal;
  expiresAt: number;
  lastSeenAt: number;
  checkedAt: number;
}

export type SessionChange = { kind: 'revoked'; sessionIds: string[] } | { kind: 'userChanged'; userId: string };

export function createSessionStore(deps: { db: Db; clock: Clock; policy?: Partial<SessionPolicy> }) {
  const policy = { ...DEFAULT_SESSION_POLICY, ...deps.policy };
  const cache = new Map<string, Cached>();
  const listeners = new Set<(c: SessionChange) => void>();
  const emit = (c: SessionChange) => {
    for (const l of listeners) l(c);
  };

  async function load(id: string, now: number): Promise<Cached | null> {
    const s = await sessionById(deps.db, id);
    if (!s || s.revokedAt !== null) return null;
    const u = await userById(deps.db, s.userId);
    if (!u || u.disabled) return null;
    return {
      principal: { userId: u.id, email: u.email, name: u.name, role: u.role, sessionId: id },
      expiresAt: s.expiresAt,
      lastSeenAt: s.lastSeenAt,
      checkedAt: now,
    };
  }

  return {
    policy,
    async create(
      userId: string,
      meta: { address: string | null; userAgent: string | null },
    ): Promise<{ token: string; sessionId: string; expiresAt: number }> {
      const token = randomBytes(32).toString('base64url');
      const id = hashToken(token);
      const now = deps.clock.now();
      const expiresAt = now + policy.absoluteMs;
      await insertSession(deps.db, { id, userId, now, expiresAt, ...meta });
      return { token, sessionId: id, expiresAt };
    },
    /** The principal of a cookie token, or null when it is unknown, revoked, expired, idle too long or its user disabled. */
    async resolve(token: string): Promise<Principal | null> {
      return this.resolveId(hashToken(token));
    },
    async resolveId(id: string): Promise<Principal | null> {
      const now = deps.clock.now();
      let c = cache.get(id);
      if (!c || now - c.checkedAt > policy.cacheMs) {
        const loaded = await load(id, now);
        if (!loaded) {
          cache.delete(id);
          return null;
        }
        // Keep the freshest lastSeenAt we know of (touches are written lazily).
        if (c) loaded.lastSeenAt = Math.max(loaded.lastSeenAt, c.lastSeenAt);
        c = loaded;
        cache.set(id, c);
      }
      if (now >= c.expiresAt || now - c.lastSeenAt >= policy.idleMs) {
        cache.delete(id);
        return null;
      }
      // Idle time is tracked to the minute: one write per session per minute at most.
      if (now - c.lastSeenAt > 60_000) {
        c.lastSeenAt = now;
        void touchSession(deps.db, id, now).catch(() => {});
      }
      return c.principal;
    },
    async revoke(sessionId: string): Promise<void> {
      await revokeSession(deps.db, sessionId, deps.clock.now());
      cache.delete(sessionId);
      emit({ kind: 'revoked', sessionIds: [sessionId] });
    },
    async revokeUser(userId: string): Promise<string[]> {
      const ids = await revokeUserSessions(deps.db, userId, deps.clock.now());
      for (const [id, c] of cache) if (c.principal.userId === userId) cache.delete(id);
      emit({ kind: 'revoked', sessionIds: ids });
      return ids;
    },
    /** A user's role or name changed: cached principals are reloaded on next use. */
    userChanged(userId: string): void {
      for (const [id, c] of cache) if (c.principal.userId === userId) cache.delete(id);
      emit({ kind: 'userChanged', userId });
    },
    onChange(l: (c: SessionChange) => void): () => void {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}
export type SessionStore = ReturnType<typeof createSessionStore>;
