'use client';
// The zones overview for code that must not re-render on each poll (the 3D view): `listener` is called with every
// answer (and with undefined while there is none, e.g. the server has no zones API) from a query observer that shares
// the cache entry and the 2 s polling of the zones views.
import { QueryObserver, useQueryClient } from '@tanstack/react-query';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useTRPC } from '@/components/trpc/trpc-context';
import { type ZonesOverview, zonesOverviewQuery } from './zones-api';

export function useZonesOverviewListener(listener: (overview: ZonesOverview | undefined) => void): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const latest = useRef(listener);
  useLayoutEffect(() => {
    latest.current = listener;
  });
  useEffect(() => {
    const observer = new QueryObserver(queryClient, zonesOverviewQuery(trpc));
    let last: ZonesOverview | undefined | null = null;
    const notify = (data: ZonesOverview | undefined) => {
      // Fetch-state changes (isFetching) notify too: pass only a new answer on.
      if (data === last) return;
      last = data;
      latest.current(data);
    };
    notify(observer.getCurrentResult().data);
    return observer.subscribe((r) => notify(r.data));
  }, [trpc, queryClient]);
}
