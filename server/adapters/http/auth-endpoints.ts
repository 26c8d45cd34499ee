// POST /api/auth/login, POST /api/auth/logout and GET /api/audit.csv (admin). Errors are JSON { error } with a
// status a client can act on; nothing internal (stack, SQL) ever reaches the response. A database that refuses or
// does not answer is a 503 with Retry-After: a session check waits at most SESSION_DEADLINE_MS.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { stringify } from 'csv-stringify';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, type AuditView } from '../../domain/identity/audit';
import { InvalidCredentialsError, TooManyAttemptsError } from '../../domain/identity/identity-errors';
import { can, type Principal } from '../../domain/identity/roles';
import { loginInput } from '../../domain/identity/user';
import type { Logger } from '../../ports/logger';
import type { AuditTrail } from '../../services/identity/audit-trail';
import {
  isConnectionFailure,
  isUnavailable,
  RETRY_AFTER_S,
  SESSION_DEADLINE_MS,
  unavailableMessage,
  withDeadline,
} from '../../domain/unavailable';
import type { Identity } from '../../services/identity/identity';
import { deviceTokenOf, setDeviceCookie } from './device-cookie';
import { BodyError, readJsonBody } from './json-body';
import { discardRestOfBody } from './linger';
import type { OriginCheck } from './origin-check';
import { addressOf, clearSessionCookie, sessionTokenOf, setSessionCookie } from './session-cookie';

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

export function createAuthEndpoints(deps: { identity: Identity; audit: AuditTrail; origins: OriginCheck; logger: Logger }) {
  const log = deps.logger.child({ component: 'auth-http' });

  async function principalOf(req: IncomingMessage): Promise<Principal | null> {
    const token = sessionTokenOf(req);
    return token ? withDeadline(deps.identity.sessions.resolve(token), SESSION_DEADLINE_MS, 'the database (checking the session)') : null;
  }

  async function login(req: IncomingMessage, res: ServerResponse) {
    const parsed = loginInput.safeParse(await readJsonBody(req));
    if (!parsed.success) return send(res, 400, { error: 'send { "email", "password" } with a valid email address' });
    const meta = { address: addressOf(req), userAgent: req.headers['user-agent'] ?? null, deviceToken: deviceTokenOf(req) };
    try {
      const s = await deps.identity.login(parsed.data.email, parsed.data.password, meta);
      setSessionCookie(req, res, s.token, s.expiresAt);
      setDeviceCookie(req, res, s.deviceToken);
      const { principal: p } = s;
      send(res, 200, { user: { id: p.userId, email: p.email, name: p.name, role: p.role }, expiresAt: s.expiresAt });
    } catch (e) {
      if (e instanceof TooManyAttemptsError)
        return send(res, 429, { error: e.message }, { 'Retry-After': String(Math.ceil(e.retryAfterMs / 1000)) });
      if (e instanceof InvalidCredentialsError) return send(res, 401, { error: e.message });
      throw e;
    }
  }

  async function logout(req: IncomingMessage, res: ServerResponse) {
    const p = await principalOf(req);
    if (p) await deps.identity.logout(p, addressOf(req));
    clearSessionCookie(req, res);
    res.writeHead(204, { 'Cache-Control': 'no-store' }).end();
  }

  async function auditCsv(req: IncomingMessage, res: ServerResponse) {
    const p = await principalOf(req);
    if (!p || !can(p.role, 'administer')) {
      deps.audit.deny({
        actorId: p?.userId ?? null,
        actor: p?.email ?? 'anonymous',
        action: 'access',
        target: 'GET /api/audit.csv',
        address: addressOf(req),
        detail: { reason: p ? `the ${p.role} role may not administer` : 'no session' },
      });
      return send(res, p ? 403 : 401, { error: p ? 'only administrators may export the audit log' : 'sign in first' });
    }
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    const num = (k: string) => (q.get(k) && Number.isFinite(Number(q.get(k))) ? Number(q.get(k)) : undefined);
    const action = AUDIT_ACTIONS.find((a) => a === q.get('action'));
    const outcome = AUDIT_OUTCOMES.find((o) => o === q.get('outcome'));
    const filters = { actor: q.get('actor') || undefined, action, outcome, from: num('from'), to: num('to') };
    res.writeHead(200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="audit-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.csv"`,
      'Cache-Control': 'no-store',
    });
    const csv = stringify({ header: true, columns: ['seq', 'at', 'actor', 'action', 'target', 'outcome', 'address', 'detail'] });
    csv.pipe(res);
    const row = (e: AuditView) => [
      e.seq,
      new Date(e.at).toISOString(),
      e.actor,
      e.action,
      e.target ?? '',
      e.outcome,
      e.address ?? '',
      e.detail ? JSON.stringify(e.detail) : '',
    ];
    for await (const e of deps.audit.all(filters)) if (!csv.write(row(e))) await new Promise((r) => csv.once('drain', r));
    csv.end();
  }

  const ROUTES: Record<string, { method: string; mutation: boolean; run: (req: IncomingMessage, res: ServerResponse) => Promise<void> }> = {
    '/api/auth/login': { method: 'POST', mutation: true, run: login },
    '/api/auth/logout': { method: 'POST', mutation: true, run: logout },
    '/api/audit.csv': { method: 'GET', mutation: false, run: auditCsv },
  };

  return {
    principalOf,
    handles: (req: IncomingMessage) => (req.url ?? '').split('?')[0]! in ROUTES,
    async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const route = ROUTES[(req.url ?? '').split('?')[0]!]!;
      try {
        if (req.method !== route.method) return send(res, 405, { error: `use ${route.method}` }, { Allow: route.method });
        if (route.mutation && !deps.origins.matches(req)) return send(res, 403, { error: 'the Origin header must name this app' });
        await route.run(req, res);
      } catch (e) {
        if (e instanceof BodyError) {
          // The rest of a refused body is discarded (bounded), so the client still sending gets this answer (linger.ts).
          if (e.status === 413) discardRestOfBody(req);
          return send(res, e.status, { error: e.message });
        }
        if (!res.headersSent && (isUnavailable(e) || isConnectionFailure(e))) {
          log.warn({ err: (e as Error).message, url: req.url }, 'auth endpoint: database unavailable');
          return send(
            res,
            503,
            { error: isUnavailable(e) ? e.message : unavailableMessage('the database') },
            { 'Retry-After': String(RETRY_AFTER_S) },
          );
        }
        log.error({ err: (e as Error).message, url: req.url }, 'auth endpoint failed');
        if (!res.headersSent) send(res, 500, { error: 'internal error; the server log has the detail' });
        else res.destroy();
      }
    },
  };
}
export type AuthEndpoints = ReturnType<typeof createAuthEndpoints>;
