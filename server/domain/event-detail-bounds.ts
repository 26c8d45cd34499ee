// Every stored event's detail is small and bounded, whatever a robot sends: a few keys, short texts, short arrays
// of scalars. Timelines read tens of thousands of events, and a hostile robot must not grow a row past ~1 KB.

export const MAX_DETAIL_KEYS = 16;
export const MAX_DETAIL_TEXT = 200;
const MAX_ARRAY = 8;

const clip = (s: string, max = MAX_DETAIL_TEXT) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

function scalar(v: unknown): string | number | boolean | null | undefined {
  if (v === null) return null;
  if (typeof v === 'string') return clip(v);
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v;
  return undefined;
}

function small(v: unknown, depth: number): unknown {
  const s = scalar(v);
  if (s !== undefined) return s;
  if (Array.isArray(v)) return v.slice(0, MAX_ARRAY).map((x) => (depth > 0 ? small(x, depth - 1) : (scalar(x) ?? null)));
  if (typeof v === 'object' && v !== null) {
    if (depth === 0) return clip(JSON.stringify(v) ?? '');
    return boundDetail(v as Record<string, unknown>, depth - 1);
  }
  return null;
}

/**
 * A copy of `detail` with at most 16 keys, texts cut at 200 characters, arrays at 8 items, objects nested at most
 * 3 deep (an error's errorReferences stay objects); anything deeper is kept as a cut JSON text.
 */
export function boundDetail(detail: Record<string, unknown>, depth = 2): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let n = 0;
  for (const [k, v] of Object.entries(detail)) {
    if (v === undefined) continue;
    if (n++ >= MAX_DETAIL_KEYS) break;
    out[clip(k, 64)] = small(v, depth);
  }
  return out;
}
