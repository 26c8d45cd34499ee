// Pages need a signed-in user: without a valid session, a page request is redirected to /login?next=<page>.
// Next's own assets, the login page, health and metrics stay open. The decision is made on the normalised path
// (request-target.ts; server/index.ts normalises req.url before anything else). When the session cannot be
// checked (the database is down), the answer is 503 with Retry-After, never a hang.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from '../../domain/identity/roles';
import { isUnavailable } from '../../domain/unavailable';

const OPEN = [/^\/_next\//, /^\/login(\/|\?|$)/, /^\/api\/health(\/|\?|$)/, /^\/(icon\.svg|favicon\.ico|robots\.txt)(\?|$)/];

/** True when the request may go on to Next; otherwise it has been answered (redirect, 401 or 503). */
export async function pageGate(
  req: IncomingMessage,
  res: ServerResponse,
  principalOf: (req: IncomingMessage) => Promise<Principal | null>,
): Promise<boolean> {
  const url = req.url ?? '/';
  if (OPEN.some((re) => re.test(url))) return true;
  const api = url.startsWith('/api/');
  let principal: Principal | null;
  try {
    principal = await principalOf(req);
  } catch (e) {
    if (!isUnavailable(e)) throw e;
    const headers = { 'Retry-After': String(e.retryAfterS), 'Cache-Control': 'no-store' };
    if (api)
      res.writeHead(503, { 'Content-Type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify({ error: e.message }));
    else res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }).end(`Service unavailable: ${e.message}.\n`);
    return false;
  }
  if (principal) return true;
  if (api) {
    res.writeHead(401, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify({ error: 'sign in first' }));
    return false;
  }
  res.writeHead(302, { Location: `/login?next=${encodeURIComponent(url)}`, 'Cache-Control': 'no-store' }).end();
  return false;
}
