'use client';
// The ledger's rows: pages of commands.list (newest first, "load more" via nextCursor) overlaid with the
// live command store, so updates and new commands show without refetching. Reloads once after a reconnect.
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { useTRPC } from '@/components/trpc/trpc-context';
import { mergeLedger, type LedgerFilter } from '../command-merge';
import { useCommandStore } from '../command-store';

export const PAGE_SIZE = 50;

export function useLedgerRows(filter: LedgerFilter) {
  const trpc = useTRPC();
  const query = useInfiniteQuery({
    ...trpc.commands.list.infiniteQueryOptions({ ...filter, limit: PAGE_SIZE }, { getNextPageParam: (p) => p.nextCursor ?? undefined }),
    staleTime: Infinity,
  });
  const live = useCommandStore((s) => s.byId);
  const resyncs = useCommandStore((s) => s.resyncs);
  const { refetch } = query;
  useEffect(() => {
    if (resyncs > 0) void refetch();
  }, [resyncs, refetch]);
  const loaded = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const rows = useMemo(() => mergeLedger(loaded, live, filter, query.hasNextPage), [loaded, live, filter, query.hasNextPage]);
  return { query, rows };
}
