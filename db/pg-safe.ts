// Text Postgres cannot store, made safe in one place: a NUL character (U+0000) is refused in text and jsonb
// ("invalid byte sequence" / "unsupported Unicode escape sequence"), and a lone UTF-16 surrogate is not valid
// UTF-8. Both arrive from robots (a payload of `ff fe 00 80 c3` put a NUL in a rejection's trace and stopped
// every later trace_hops batch). Each becomes U+FFFD, the replacement character, so the rest of the text is kept.
// The database client passes every string parameter through `pgText`; JSON bound for jsonb goes through `pgJson`
// (JSON.stringify turns a NUL into the escape `\u0000`, which jsonb refuses too).

/** NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is one of the characters Postgres refuses, so it must match
const UNSAFE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: as UNSAFE, without the g flag (test() on a global regex is stateful)
const UNSAFE_TEST = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** In JSON.stringify output: the escapes it writes for a NUL or a lone surrogate (and, rarely, text that looks like one). */
const UNSAFE_JSON_ESCAPE = /\\u(?:0000|d[89a-f][0-9a-f]{2})/i;

export const REPLACEMENT = '\uFFFD';

/** The string with every NUL and lone surrogate replaced by U+FFFD (the same string when it has none). */
export function pgText(s: string): string {
  return UNSAFE_TEST.test(s) ? s.replace(UNSAFE, REPLACEMENT) : s;
}

/** A copy of the value with every string (keys too) made safe; the value itself when nothing needed it. */
export function pgSafe<T>(value: T): T {
  return clean(value, 0) as T;
}

const MAX_DEPTH = 200;

function clean(v: unknown, depth: number): unknown {
  if (typeof v === 'string') return pgText(v);
  if (v === null || typeof v !== 'object' || depth > MAX_DEPTH) return v;
  if (Array.isArray(v)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < v.length; i++) {
      const c = clean(v[i], depth + 1);
      if (c !== v[i]) (out ??= v.slice())[i] = c;
    }
    return out ?? v;
  }
  if (v instanceof Date || ArrayBuffer.isView(v)) return v;
  const src = v as Record<string, unknown>;
  const json = (src as { toJSON?: unknown }).toJSON;
  if (typeof json === 'function') return clean((json as () => unknown).call(src), depth + 1);
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(src)) {
    const key = pgText(k);
    const c = clean(src[k], depth + 1);
    if (key !== k || c !== src[k]) changed = true;
    out[key] = c;
  }
  return changed ? out : v;
}

/** JSON text for a jsonb parameter: JSON.stringify, and only when its output shows an unsafe escape, of a cleaned copy. */
export function pgJson(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined || !UNSAFE_JSON_ESCAPE.test(text)) return text ?? 'null';
  return JSON.stringify(clean(value, 0)) ?? 'null';
}
