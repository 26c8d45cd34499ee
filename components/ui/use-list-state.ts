'use client';
// A list page's filters and sort kept in the address bar: a shared link or a reload shows the same list, and the
// back button steps back through sorts and filter choices (pushed entries); typing in a search box replaces the
// entry instead, so one word is not twenty history steps. Read synchronously from window.location (inputs never
// lag behind the keys); useSearchParams gives the server render the same value, so hydration matches.
import { useSearchParams } from 'next/navigation';
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { type ListSpec, type ListState, readListState, writeListState } from './list-query';

const CHANGED = 'fleetscope:list-state';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGED, onChange);
  };
}

export type SetListState<K extends string> = (patch: Partial<ListState<K>>, history?: 'push' | 'replace') => void;

/** `spec` must be a module constant (its identity keys the parsed state). */
export function useListState<K extends string>(spec: ListSpec<K>): [ListState<K>, SetListState<K>] {
  const fromNext = useSearchParams();
  const search = useSyncExternalStore(
    subscribe,
    () => window.location.search,
    () => fromNext.toString(),
  );
  const state = useMemo(() => readListState(search, spec), [search, spec]);
  const set = useCallback<SetListState<K>>(
    (patch, history = 'push') => {
      const { pathname, search: current, hash } = window.location;
      const next = { ...readListState(current, spec), ...patch };
      const query = writeListState(current, spec, next);
      if (query === current.replace(/^\?/, '')) return;
      const url = `${pathname}${query ? `?${query}` : ''}${hash}`;
      // null state: Next.js adds its own router state to entries pushed or replaced this way.
      if (history === 'push') window.history.pushState(null, '', url);
      else window.history.replaceState(null, '', url);
      window.dispatchEvent(new Event(CHANGED));
    },
    [spec],
  );
  return [state, set];
}
