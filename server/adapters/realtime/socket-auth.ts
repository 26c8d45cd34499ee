// Socket.IO access: the handshake must carry a valid session cookie and an allowed Origin; every client event is
// checked against the sender's role; revoked sessions and disabled users are cut off at once (same process) or
// within a few seconds (sweep), and role changes apply to open sockets. Refusals are counted and audited.
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'socket.io';
import { can, type Principal } from '../../domain/identity/roles';
import { isClientEvent, SOCKET_EVENT_CAPABILITY } from '../../domain/identity/socket-events';
import type { Logger } from '../../logger';
import type { AuditTrail } from '../../services/identity/audit-trail';
import type { SessionStore } from '../../services/identity/sessions';
import type { OriginCheck } from '../http/origin-check';
import { addressOf, sessionTokenOf } from '../http/session-cookie';
import type { FleetIo } from './socketio';

export interface SocketAuthData {
  principal: Principal;
}

export function guardSockets(deps: { io: FleetIo; sessions: SessionStore; audit: AuditTrail; origins: OriginCheck; logger: Logger; sweepMs?: number }) {
  const log = deps.logger.child({ component: 'socket-auth' });
  const counts = { refusedHandshakes: 0, refusedEvents: 0, revoked: 0 };
  const principalOf = (s: Socket) => (s.data as Partial<SocketAuthData>).principal;

  const deny = (req: IncomingMessage, p: Principal | null, action: 'socket.connect' | 'socket.event', target: string, reason: string) =>
    deps.audit.record({ actorId: p?.userId ?? null, actor: p?.email ?? 'anonymous', action, target, outcome: 'denied', address: addressOf(req), detail: { reason, role: p?.role ?? null } });

  deps.io.use((socket, next) => {
    const req = socket.request;
    void (async () => {
      if (!deps.origins.matches(req)) {
        counts.refusedHandshakes++;
        deny(req, null, 'socket.connect', 'handshake', `origin ${req.headers.origin ?? '(none)'} not allowed`);
        return next(new Error('origin not allowed'));
      }
      const token = sessionTokenOf(req);
      const principal = token ? await deps.sessions.resolve(token) : null;
      if (!principal) {
        counts.refusedHandshakes++;
        deny(req, null, 'socket.connect', 'handshake', token ? 'session invalid or expired' : 'no session');
        return next(new Error('unauthorized'));
      }
      (socket.data as SocketAuthData).principal = principal;
      socket.use(([event], allow) => {
        const p = principalOf(socket)!;
        if (isClientEvent(event) && can(p.role, SOCKET_EVENT_CAPABILITY[event])) return allow();
        counts.refusedEvents++;
        deny(req, p, 'socket.event', String(event).slice(0, 100), isClientEvent(event) ? `needs ${SOCKET_EVENT_CAPABILITY[event]}` : 'unknown event');
        allow(new Error(`event ${String(event).slice(0, 100)} refused`));
      });
      // A refused event must not end the connection (socket.io emits it as a server-side 'error').
      socket.on('error', () => {});
      next();
    })().catch((err: unknown) => {
      log.error({ err: (err as Error).message }, 'socket handshake check failed');
      next(new Error('unavailable'));
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
      const ids = new Set(c.sessionIds);
      for (const s of deps.io.of('/').sockets.values()) if (ids.has(principalOf(s)?.sessionId ?? '')) cutOff(s, 'your session was revoked; sign in again');
    } else void sweep();
  });

  return {
    stats: () => ({ ...counts }),
    stop() {
      clearInterval(timer);
      off();
    },
  };
}
