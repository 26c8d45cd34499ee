// POST /api/auth/login from the browser, and what each answer means to the person signing in.

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  role: string;
}

export type LoginFailure =
  | { kind: 'credentials'; message: string }
  | { kind: 'rate-limited'; message: string; retryAfterS: number }
  | { kind: 'invalid'; message: string }
  | { kind: 'unavailable'; message: string };

export type LoginResult = { ok: true; user: SignedInUser } | ({ ok: false } & LoginFailure);

const UNAVAILABLE = 'The server is not answering. Check that FleetScope is running and your network, then try again.';

/** The failure a non-2xx answer stands for. `retryAfter` is the Retry-After header (seconds). */
export function loginFailure(status: number, body: unknown, retryAfter: string | null): LoginFailure {
  const said =
    typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string'
      ? (body as { error: string }).error
      : null;
  if (status === 401) return { kind: 'credentials', message: 'Wrong email or password.' };
  if (status === 429) {
    const s = Number(retryAfter);
    const retryAfterS = Number.isFinite(s) && s > 0 ? Math.ceil(s) : 60;
    return { kind: 'rate-limited', message: 'Too many failed sign-in attempts.', retryAfterS };
  }
  if (status === 400) return { kind: 'invalid', message: said ? capitalise(said) : 'Enter a valid email address and a password.' };
  if (status === 403)
    return { kind: 'invalid', message: said ? `The server refused the sign-in: ${said}.` : 'The server refused the sign-in.' };
  return { kind: 'unavailable', message: status === 503 ? 'The server is starting up. Try again in a few seconds.' : UNAVAILABLE };
}

export async function requestLogin(email: string, password: string): Promise<LoginResult> {
  let res: Response;
  try {
    res = await fetch('/api/auth/login', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ email, password }),
      cache: 'no-store',
    });
  } catch {
    return { ok: false, kind: 'unavailable', message: UNAVAILABLE };
  }
  const body: unknown = await res.json().catch(() => null);
  if (res.ok && body && typeof body === 'object' && 'user' in body) return { ok: true, user: (body as { user: SignedInUser }).user };
  return { ok: false, ...loginFailure(res.ok ? 502 : res.status, body, res.headers.get('Retry-After')) };
}

/** "2 min 5 s", "40 s". */
export function formatWait(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
}

const capitalise = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) + (/[.!?]$/.test(s) ? '' : '.') : s);
