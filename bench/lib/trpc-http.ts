// Calls the app's tRPC procedures over plain HTTP (superjson envelope) as a signed-in browser does: the session
// cookie on every call, and on mutations JSON with this app's Origin (the server refuses them otherwise).

/** A signed-in client of one app: its base URL and the Cookie header of its session. */
export interface BenchSession {
  url: string;
  cookie: string;
  email: string;
}

/** Signs in at POST /api/auth/login, as the login page does. */
export async function signIn(url: string, email: string, password: string): Promise<BenchSession> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${email}: HTTP ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('fleetscope_session='));
  if (!cookie) throw new Error(`sign-in as ${email}: no session cookie in the answer`);
  return { url, cookie: cookie.split(';')[0]!, email };
}

export async function trpcMutation<T>(s: BenchSession, path: string, input: unknown): Promise<T> {
  const res = await fetch(`${s.url}/api/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: s.url, cookie: s.cookie },
    body: JSON.stringify({ json: input }),
  });
  return unwrap<T>(res, path);
}

export async function trpcQuery<T>(s: BenchSession, path: string, input?: unknown): Promise<T> {
  const q = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  return unwrap<T>(await fetch(`${s.url}/api/trpc/${path}${q}`, { headers: { cookie: s.cookie } }), path);
}

async function unwrap<T>(res: Response, path: string): Promise<T> {
  const text = await res.text();
  let body: { result?: { data: { json: T } }; error?: { json: { message: string } } } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    /* a refusal before tRPC (415, 403) may not be tRPC's JSON */
  }
  if (!res.ok || !body.result) throw new Error(`${path}: HTTP ${res.status} ${body.error?.json.message ?? text.slice(0, 200)}`);
  return body.result.data.json;
}
