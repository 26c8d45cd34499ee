// Pages need a signed-in user: without a valid session, a page request is redirected to /login?next=<page>.
// Next's own assets, the login page, health and metrics stay open.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthEndpoints } from './auth-endpoints';

const OPEN = [/^\/_next\//, /^\/login(\/|\?|$)/, /^\/api\/health(\/|\?|$)/, /^\/(icon\.svg|favicon\.ico|robots\.txt)(\?|$)/];

/** True when the request may go on to Next; otherwise it has been answered (redirect or 401). */
export async function pageGate(req: IncomingMessage, res: ServerResponse, auth: Pick<AuthEndpoints, 'principalOf'>): Promise<boolean> {
  const url = req.url ?? '/';
  if (OPEN.some((re) => re.test(url))) return true;
  if (await auth.principalOf(req)) return true;
  if (url.startsWith('/api/')) {
    res.writeHead(401, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify({ error: 'sign in first' }));
    return false;
  }
  res.writeHead(302, { Location: `/login?next=${encodeURIComponent(url)}`, 'Cache-Control': 'no-store' }).end();
  return false;
}
