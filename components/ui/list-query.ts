// A list page's view state as it lives in the address bar (?sort=time&dir=asc&actor=ada): filters and the sort as
// strings. Pure: reading never throws (a hand-edited or stale link falls back to the defaults), defaults are left
// out of the URL so a plain page keeps a plain address, and other parameters (?alert=) are kept.

export type SortDir = 'asc' | 'desc';
export const SORT_DIRS: readonly SortDir[] = ['asc', 'desc'];

/** The keys every sortable list has; a page adds its filters. */
export type SortKeys = 'sort' | 'dir';

export interface ListSpec<K extends string> {
  /** Every key with its default; a key absent from the URL (or with a value not allowed) takes it. */
  defaults: Readonly<Record<K, string>>;
  /** Allowed values of enumerated keys (the sort column, a select's options). */
  allowed?: Partial<Record<K, readonly string[]>>;
}

export type ListState<K extends string> = Record<K, string>;

/** Longest value read from the URL (a search box, an email). */
const MAX_VALUE = 254;

export function readListState<K extends string>(search: string, spec: ListSpec<K>): ListState<K> {
  const q = new URLSearchParams(search);
  const out: ListState<K> = { ...spec.defaults };
  for (const k of Object.keys(spec.defaults) as K[]) {
    const v = q.get(k);
    if (v === null) continue;
    const allowed = k === 'dir' ? SORT_DIRS : spec.allowed?.[k];
    if (allowed && !allowed.includes(v)) continue;
    out[k] = v.slice(0, MAX_VALUE);
  }
  return out;
}

/** `search` with the list state written in; returns the query string without "?" (empty when nothing is left). */
export function writeListState<K extends string>(search: string, spec: ListSpec<K>, state: ListState<K>): string {
  const q = new URLSearchParams(search);
  for (const k of Object.keys(spec.defaults) as K[]) {
    if (state[k] === spec.defaults[k]) q.delete(k);
    else q.set(k, state[k]);
  }
  return q.toString();
}

export const isFiltered = <K extends string>(state: ListState<K>, spec: ListSpec<K>, filters: readonly NoInfer<K>[]) =>
  filters.some((k) => state[k] !== spec.defaults[k]);

/**
 * A header click: the same column flips its direction, another column starts with its natural first direction
 * (newest first for times, A → Z for names).
 */
export function nextSort(current: { sort: string; dir: string }, key: string, firstDir: SortDir): { sort: string; dir: SortDir } {
  if (current.sort === key) return { sort: key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { sort: key, dir: firstDir };
}

export type SortValue = string | number | null | undefined;

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** The rows ordered by one column (stable: equal values keep their order); empty values go last either way. */
export function sortRows<T>(rows: readonly T[], value: (row: T) => SortValue, dir: SortDir): T[] {
  const sign = dir === 'asc' ? 1 : -1;
  const keyed = rows.map((row, i) => ({ row, i, v: value(row) }));
  keyed.sort((a, b) => {
    const aEmpty = a.v === null || a.v === undefined || a.v === '';
    const bEmpty = b.v === null || b.v === undefined || b.v === '';
    if (aEmpty || bEmpty) return aEmpty === bEmpty ? a.i - b.i : aEmpty ? 1 : -1;
    const c = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : collator.compare(String(a.v), String(b.v));
    return c === 0 ? a.i - b.i : sign * c;
  });
  return keyed.map((k) => k.row);
}

/** Rows whose text (what `text` joins) contains every word of the query, case-insensitively. */
export function matchesText(text: string, query: string): boolean {
  const hay = text.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w));
}
