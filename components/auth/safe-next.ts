// Where to go after signing in: only a path on this site (open-redirect safe). Anything else, an absolute or
// protocol-relative URL ("//evil.example", "/\evil.example"), a scheme ("javascript:"), the login page itself
// or an API route, falls back to the fleet view.
const BASE = 'http://fleetscope.invalid';

export function safeNext(raw: string | null | undefined): string {
  if (!raw || raw.length > 2048) return '/';
  if (!raw.startsWith('/') || raw.startsWith('//')) return '/';
  // Browsers read "\" as "/" and drop tabs and newlines, so "/\evil" or "/\t/evil" could still leave the site.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point of this check
  if (/[\\\u0000-\u001f\u007f]/.test(raw)) return '/';
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE) return '/';
  if (/^\/login(\/|$)/.test(url.pathname) || url.pathname.startsWith('/api/')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The login page URL that comes back to `path` (when given) afterwards. */
export function loginUrl(path: string | null, reason?: LoginReason): string {
  const q = new URLSearchParams();
  if (path !== null) q.set('next', safeNext(path));
  if (reason) q.set('reason', reason);
  const s = q.toString();
  return s ? `/login?${s}` : '/login';
}

export type LoginReason = 'session-ended' | 'signed-out';

export const REASON_TEXT: Record<LoginReason, string> = {
  'session-ended':
    'Your session ended: it expired, was signed out elsewhere, or an administrator changed your account. Sign in again to continue.',
  'signed-out': 'You signed out.',
};

export function loginReason(raw: string | null | undefined): LoginReason | null {
  return raw === 'session-ended' || raw === 'signed-out' ? raw : null;
}
