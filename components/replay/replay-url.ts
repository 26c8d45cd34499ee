// The moment in the address bar (`?at=`), written with replaceState so replay adds no history entries and Next's
// router is not involved (the page is not re-rendered by it).
import { formatAtParam, parseAtParam } from './replay-time';

export function readAtFromUrl(): number | null {
  if (typeof window === 'undefined') return null;
  return parseAtParam(new URLSearchParams(window.location.search).get('at'));
}

export function writeAtToUrl(at: number | null): void {
  if (typeof window === 'undefined') return;
  const url = new URL(window.location.href);
  if (at === null) url.searchParams.delete('at');
  else url.searchParams.set('at', formatAtParam(at));
  if (url.href !== window.location.href) window.history.replaceState(window.history.state, '', url);
}

/** A link to another page at the replayed moment (the ledger, the data-flow view). */
export function linkAt(path: string, at: number, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ at: formatAtParam(at), ...extra });
  return `${path}?${q.toString()}`;
}
