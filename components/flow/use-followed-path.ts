'use client';
// "Follow this robot": the nodes its latest sampled message passed, refreshed as new ones are traced.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTRPC } from '@/components/trpc/trpc-context';

const EMPTY: ReadonlySet<string> = new Set();

export function useFollowedPath(robotId: number | null): { path: ReadonlySet<string>; traceId: string | null } {
  const trpc = useTRPC();
  const latest = useQuery({
    ...trpc.traces.search.queryOptions({ robotId: robotId ?? 1, limit: 1 }),
    enabled: robotId !== null,
    refetchInterval: 2000,
  });
  const traceId = robotId === null ? null : (latest.data?.[0]?.traceId ?? null);
  const trace = useQuery({ ...trpc.traces.byId.queryOptions({ traceId: traceId ?? '0'.repeat(32) }), enabled: traceId !== null });
  const path = useMemo(() => (traceId && trace.data ? new Set(trace.data.hops.map((h) => h.node)) : EMPTY), [traceId, trace.data]);
  return { path, traceId };
}
