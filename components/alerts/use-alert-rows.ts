'use client';
// The /alerts page's rows: alerts.list for the filter overlaid with the live alert store, so changes show
// without refetching. Reloads after each reconnect's snapshot (changes may have been missed meanwhile).
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { useTRPC } from '@/components/trpc/trpc-context';
import { type AlertFilter, listInputOf, mergeAlertRows } from './alert-merge';
import { useAlertStore } from './alert-store';

/** Rows loaded per filter; live alerts past it still show (the live store holds every unresolved alert). */
export const LIST_LIMIT = 200;

export function useAlertRows(filter: AlertFilter) {
  const trpc = useTRPC();
  const query = useQuery({ ...trpc.alerts.list.queryOptions(listInputOf(filter, LIST_LIMIT)), staleTime: Infinity });
  const live = useAlertStore((s) => s.byId);
  const snapshots = useAlertStore((s) => s.snapshots);
  const { refetch } = query;
  useEffect(() => {
    if (snapshots > 1) void refetch();
  }, [snapshots, refetch]);
  const rows = useMemo(() => mergeAlertRows(query.data ?? [], live, filter), [query.data, live, filter]);
  return { query, rows };
}
