// The session cookie: httpOnly (no script can read it), SameSite=Lax (not sent on cross-site POSTs), Secure when
// the request came over https, and the session's absolute expiry as its lifetime.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse, serialize } from 'cookie';

export const SESSION_COOKIE = 'fleetscope_session';

export function sessionTokenOf(req: IncomingMessage): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  const token = parse(header)[SESSION_COOKIE];
  // 32 random bytes in base64url; anything else is not ours.
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : null;
}

export const isHttps = (req: IncomingMessage) =>
  (req.socket as { encrypted?: boolean }).encrypted === true || req.headers['x-forwarded-proto'] === 'https';

export function setSessionCookie(req: IncomingMessage, res: ServerResponse, token: string, expiresAt: number): void {
  res.appendHeader(
    'Set-Cookie',
    serialize(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: isHttps(req),
      path: '/',
      maxAge: Math.max(0, Math.floor((expiresAt - Date.now()) / 1000)),
    }),
  );
}

export function clearSessionCookie(req: IncomingMessage, res: ServerResponse): void {
  res.appendHeader(
    'Set-Cookie',
    serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure: isHttps(req), path: '/', maxAge: 0 }),
  );
}

/** The client's address for the audit log and login throttling (the socket's peer; no proxy headers are trusted). */
export const addressOf = (req: IncomingMessage): string | null => req.socket.remoteAddress ?? null;
