// The known-device cookie (see services/identity/login-limiter.ts): set after a successful sign-in, sent back only
// to the sign-in endpoint (path), httpOnly, SameSite=Strict. It lets this browser sign in to that account even
// while guessers have used up the account's budget of failed attempts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse, serialize } from 'cookie';
import { isHttps } from './session-cookie';

export const DEVICE_COOKIE = 'fleetscope_device';
const PATH = '/api/auth/login';
const MAX_AGE_S = 30 * 86_400;

export function deviceTokenOf(req: IncomingMessage): string | null {
  const header = req.headers.cookie;
  const token = header ? parse(header)[DEVICE_COOKIE] : undefined;
  // <issued, base36>.<nonce>.<signature>, base64url; anything else is not ours.
  return token && token.length <= 200 && /^[a-z0-9]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token) ? token : null;
}

export function setDeviceCookie(req: IncomingMessage, res: ServerResponse, token: string): void {
  res.appendHeader(
    'Set-Cookie',
    serialize(DEVICE_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: isHttps(req), path: PATH, maxAge: MAX_AGE_S }),
  );
}
