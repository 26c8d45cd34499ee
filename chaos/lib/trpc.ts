// tRPC over HTTP with a deadline on every call: a chaos scenario records a request that got no answer (and how long
// it waited) instead of hanging on it. Same wire format as bench/lib/trpc-http.ts (superjson envelope, cookie, Origin).
import type { BenchSession } from '../../bench/lib/trpc-http';

export interface CallResult<T> {
  ok: boolean;
  /** HTTP status, 0 when there was no answer (refused, reset, or past the deadline). */
  http: number;
  ms: number;
  data?: T;
  error?: string;
}

export async function call<T>(
  s: BenchSession,
  kind: 'query' | 'mutation',
  path: string,
  input: unknown,
  timeoutMs: number,
): Promise<CallResult<T>> {
  const t0 = performance.now();
  const q = kind === 'query' && input !== undefined ? `?input=${encodeURIComponent(JSON.stringify({ json: input }))}` : '';
  try {
    const res = await fetch(`${s.url}/api/trpc/${path}${q}`, {
      method: kind === 'query' ? 'GET' : 'POST',
      headers: kind === 'query' ? { cookie: s.cookie } : { 'content-type': 'application/json', origin: s.url, cookie: s.cookie },
      ...(kind === 'mutation' && { body: JSON.stringify({ json: input }) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    const ms = Math.round(performance.now() - t0);
    let body: { result?: { data: { json: T } }; error?: { json: { message: string } } } = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      /* not tRPC's JSON (a proxy or gate refusal) */
    }
    if (res.ok && body.result) return { ok: true, http: res.status, ms, data: body.result.data.json };
    return { ok: false, http: res.status, ms, error: body.error?.json.message ?? text.slice(0, 200) };
  } catch (err) {
    return { ok: false, http: 0, ms: Math.round(performance.now() - t0), error: (err as Error).message };
  }
}

/** A query that must answer: throws with the error otherwise. */
export async function mustQuery<T>(s: BenchSession, path: string, input?: unknown, timeoutMs = 15_000): Promise<T> {
  const r = await call<T>(s, 'query', path, input, timeoutMs);
  if (!r.ok) throw new Error(`${path}: HTTP ${r.http} ${r.error ?? ''}`);
  return r.data as T;
}
