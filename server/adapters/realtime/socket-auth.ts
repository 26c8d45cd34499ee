// Socket.IO access: the handshake must carry a valid session cookie and an allowed Origin; every client event is
// checked against the sender's role; revoked sessions and disabled users are cut off at once (same process, and
// with REDIS_URL every node: each socket is in its session's room, ended room-wide through the cluster adapter) or
// within a few seconds (sweep), and role changes apply to open sockets. Refusals are counted and audited, with
// repeats coalesced (same user or address, event and reason within 10 s: one audit row with a count). Each socket
// has a budget of client events (token bucket); the excess is refused, and a socket that keeps sending refused
// events is disconnected, so one client cannot flood the audit log or the event loop.
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'socket.io';
import { can, type Principal } from '../../domain/identity/roles';
import { createRefusalWindow } from '../../domain/identity/refusal-window';
import { isUnavailable, RETRY_AFTER_S, SESSION_DEADLINE_MS, withDeadline } from '../../domain/unavailable';
import { isClientEvent, SOCKET_EVENT_CAPABILITY } from '../../domain/identity/socket-events';
import type { Logger } from '../../ports/logger';
import type { AuditTrail } from '../../services/identity/audit-trail';
import type { SessionStore } from '../../services/identity/sessions';
import type { OriginCheck } from '../http/origin-check';
import { addressOf, sessionTokenOf } from '../http/session-cookie';
import type { FleetIo } from './socketio';
import { createTokenBucket, type BucketRate } from './token-bucket';

/** The room of every socket of one session: a revocation ends them on every node (through a cluster adapter). */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

export interface SocketAuthData {
  principal: Principal;
}

export interface SocketEventLimits {
  /** Client events per socket: a burst, then perSec on average (a viewer sends at most one flow:hops per frame). */
  rate: BucketRate;
  /** Refused events (any reason) within refusalWindowMs past which the socket is disconnected. */
  maxRefusals: number;
  refusalWindowMs: number;
  /** Repeats of one refusal within this window make one audit row. */
  auditWindowMs: number;
}

export const DEFAULT_SOCKET_EVENT_LIMITS: SocketEventLimits = {
  rate: { perSec: 60, burst: 120 },
  maxRefusals: 300,
  refusalWindowMs: 10_000,
  auditWindowMs: 10_000,
};

interface SocketDenial {
  actorId: string | null;
  actor: string;
  action: 'socket.connect' | 'socket.event';
  target: string;
  address: string | null;
  reason: string;
  role: string | null;
}

export function guardSockets(deps: {
  io: FleetIo;
  sessions: SessionStore;
  audit: AuditTrail;
  origins: OriginCheck;
  logger: Logger;
  sweepMs?: number;
  limits?: Partial<SocketEventLimits>;
  now?: () => number;
}) {
  const log = deps.logger.child({ component: 'socket-auth' });
  const limits = { ...DEFAULT_SOCKET_EVENT_LIMITS, ...deps.limits };
  const now = deps.now ?? Date.now;
  const counts = { refusedHandshakes: 0, refusedEvents: 0, rateLimited: 0, disconnectedForRefusals: 0, revoked: 0 };
  const principalOf = (s: Socket) => (s.data as Partial<SocketAuthData>).principal;

  const denials = createRefusalWindow<SocketDenial>({
    windowMs: limits.auditWindowMs,
    now,
    keyOf: (d) => [d.actorId ?? `@${d.address}`, d.action, d.target, d.reason].join('\u0000'),
    overflowKeyOf: (d) => d.action,
    emit: (d) =>
      deps.audit.record({
        actorId: d.actorId,
        actor: d.actor,
        action: d.action,
        target: d.target,
        outcome: 'denied',
        address: d.address,
        detail: { reason: d.reason, role: d.role, count: d.count, ...(d.count > 1 && { firstAt: d.firstAt, lastAt: d.lastAt }) },
      }),
  });
  const denialSweep = setInterval(() => denials.sweep(), 1_000);
  denialSweep.unref();
  const deny = (req: IncomingMessage, p: Principal | null, action: 'socket.connect' | 'socket.event', target: string, reason: string) =>
    denials.report({
      actorId: p?.userId ?? null,
      actor: p?.email ?? 'anonymous',
      action,
      target,
      address: addressOf(req),
      reason: reason.slice(0, 200),
      role: p?.role ?? null,
    });

  /** Per socket: its event budget, and the refusals that end it when they keep coming. */
  const eventGate = (socket: Socket, req: IncomingMessage) => {
    const bucket = createTokenBucket(limits.rate, now);
    let refused = 0;
    let windowEnds = 0;
    let noticedAt = -Infinity;
    let cut = false;
    const refuse = (event: string, reason: string, retryAfterMs?: number) => {
      const t = now();
      if (t >= windowEnds) [refused, windowEnds] = [0, t + limits.refusalWindowMs];
      if (++refused > limits.maxRefusals && !cut) {
        cut = true;
        counts.disconnectedForRefusals++;
        const why = `more than ${limits.maxRefusals} refused events in ${limits.refusalWindowMs / 1000} s; disconnected`;
        deny(req, principalOf(socket) ?? null, 'socket.event', event, why);
        socket.emit('event:refused', { event, reason: why });
        socket.disconnect(true);
      } else if (t - noticedAt >= 1_000) {
        // One notice a second at most: a flood of refusals is not answered by a flood of notices.
        noticedAt = t;
        socket.emit('event:refused', { event, reason, ...(retryAfterMs !== undefined && { retryAfterMs }) });
      }
    };
    return (event: unknown): Error | null => {
      const name = String(event).slice(0, 100);
      const wait = bucket.take();
      if (wait > 0) {
        counts.rateLimited++;
        refuse(name, 'rate limited', wait);
        return new Error(`event ${name} refused: rate limited`);
      }
      const p = principalOf(socket)!;
      if (isClientEvent(name) && can(p.role, SOCKET_EVENT_CAPABILITY[name])) return null;
      counts.refusedEvents++;
      const reason = isClientEvent(name) ? `needs ${SOCKET_EVENT_CAPABILITY[name]}` : 'unknown event';
      deny(req, p, 'socket.event', name, reason);
      refuse(name, reason);
      return new Error(`event ${name} refused`);
    };
  };

  deps.io.use((socket, next) => {
    const req = socket.request;
    void (async () => {
      if (!deps.origins.matches(req)) {
        counts.refusedHandshakes++;
        deny(req, null, 'socket.connect', 'handshake', `origin ${req.headers.origin ?? '(none)'} not allowed`);
        return next(new Error('origin not allowed'));
      }
      const token = sessionTokenOf(req);
      // Bounded: with the database down, a handshake is refused in seconds (below), not held for as long as it is down.
      const principal = token
        ? await withDeadline(deps.sessions.resolve(token), SESSION_DEADLINE_MS, 'the database (checking the session)')
        : null;
      if (!principal) {
        counts.refusedHandshakes++;
        deny(req, null, 'socket.connect', 'handshake', token ? 'session invalid or expired' : 'no session');
        return next(new Error('unauthorized'));
      }
      (socket.data as SocketAuthData).principal = principal;
      void socket.join(sessionRoom(principal.sessionId));
      const gate = eventGate(socket, req);
      socket.use(([event], allow) => {
        const refusal = gate(event);
        if (refusal) allow(refusal);
        else allow();
      });
      // A refused event must not end the connection (socket.io emits it as a server-side 'error').
      socket.on('error', () => {});
      next();
    })().catch((err: unknown) => {
      log.error({ err: (err as Error).message }, 'socket handshake check failed');
      next(
        Object.assign(new Error(`unavailable: ${isUnavailable(err) ? err.message : 'the session could not be checked'}`), {
          data: { retryAfterS: RETRY_AFTER_S },
        }),
      );
    });
  });

  const cutOff = (s: Socket, reason: string) => {
    counts.revoked++;
    s.emit('auth:revoked', reason);
    s.disconnect(true);
  };

  /** Re-checks every open socket's session: expiry, idle time, revocation by another process, role changes. */
  const sweep = async () => {
    // One lookup per session, however many sockets (tabs, viewers) share it.
    const bySession = new Map<string, Promise<Principal | null>>();
    for (const s of deps.io.of('/').sockets.values()) {
      const p = principalOf(s);
      if (!p) continue;
      let check = bySession.get(p.sessionId);
      if (!check) bySession.set(p.sessionId, (check = deps.sessions.resolveId(p.sessionId).catch(() => p)));
      const now = await check;
      if (!now) cutOff(s, 'your session ended; sign in again');
      else if (now.role !== p.role) {
        (s.data as SocketAuthData).principal = now;
        s.emit('auth:changed', { role: now.role });
      }
    }
  };
  const timer = setInterval(() => void sweep(), deps.sweepMs ?? 2_000);
  timer.unref();
  const off = deps.sessions.onChange((c) => {
    if (c.kind === 'revoked') {
      const reason = 'your session was revoked; sign in again';
      const ids = new Set(c.sessionIds);
      // This node's sockets at once, whatever the state of Redis.
      for (const s of deps.io.of('/').sockets.values()) if (ids.has(principalOf(s)?.sessionId ?? '')) cutOff(s, reason);
      // Other nodes' sockets of these sessions, through the cluster adapter (REDIS_URL); this node's have left the
      // rooms already, so with the in-memory adapter this reaches no one. Their own sweep would catch them too.
      const rooms = c.sessionIds.map(sessionRoom);
      if (rooms.length > 0) {
        deps.io.to(rooms).emit('auth:revoked', reason);
        deps.io.in(rooms).disconnectSockets(true);
      }
    } else void sweep();
  });

  return {
    stats: () => ({ ...counts }),
    stop() {
      clearInterval(timer);
      clearInterval(denialSweep);
      denials.flush();
      off();
    },
  };
}
