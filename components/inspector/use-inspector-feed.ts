'use client';
// Polls one robot's recent messages and protocol counters once a second (at most one render per poll, however
// many messages arrived), and freezes both while paused. Keeps the last valid state message seen, so the order
// view survives the state messages scrolling out of the server's ring (or a run of malformed ones).
// Message payloads (fleet.messages) are read only when the role may inspect them (`withPayloads`).
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { RecentMessage, RobotProtocolStats } from '@/server/ports/robot-protocol-reader';
import { useTRPC } from '@/components/trpc/trpc-context';
import { newestValidState } from './state-payload';

/** Rows shown at most; also the server ring's size. */
export const LOG_LIMIT = 200;
const POLL_MS = 1000;

export interface InspectorFeed {
  messages: RecentMessage[];
  stats: RobotProtocolStats | null;
  latestState: RecentMessage | null;
  loading: boolean;
  error: string | null;
  paused: boolean;
  setPaused(on: boolean): void;
}

interface Frozen {
  messages: RecentMessage[];
  stats: RobotProtocolStats | null;
}

const EMPTY: RecentMessage[] = [];

export function useInspectorFeed(robotId: number, withPayloads = true): InspectorFeed {
  const trpc = useTRPC();
  const [frozen, setFrozen] = useState<Frozen | null>(null);
  const live = frozen === null;
  const poll = { refetchInterval: live ? POLL_MS : (false as const), staleTime: 0, retry: 1 };
  const messages = useQuery({ ...trpc.fleet.messages.queryOptions({ id: robotId, limit: LOG_LIMIT }), ...poll, enabled: withPayloads });
  const stats = useQuery({ ...trpc.fleet.protocol.queryOptions({ id: robotId }), ...poll });

  const shown = frozen?.messages ?? messages.data ?? EMPTY;
  const newest = useMemo(() => newestValidState(shown), [shown]);
  // Derived state updated during render (React's documented pattern): only moves forward in time.
  const [kept, setKept] = useState<RecentMessage | null>(null);
  if (newest && (!kept || newest.at > kept.at)) setKept(newest);

  const error = messages.error ?? stats.error;
  return {
    messages: shown,
    stats: frozen ? frozen.stats : (stats.data ?? null),
    latestState: newest ?? kept,
    loading: messages.isPending,
    error: error ? error.message : null,
    paused: !live,
    setPaused: (on) => setFrozen(on ? { messages: messages.data ?? EMPTY, stats: stats.data ?? null } : null),
  };
}
