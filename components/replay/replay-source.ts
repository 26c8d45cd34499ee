// Where replay reads history from: the history.* procedures (fleetAt, range pages, events). An interface so the
// engine is independent of tRPC and tests can feed it pages.
import type { FleetAt, RangePage } from '@/server/domain/history/history-api';
import type { HistoryEvent, HistoryEventKind } from '@/server/domain/history/history-event';
import type { useTRPCClient } from '@/components/trpc/trpc-context';

export interface RangeRequest {
  from: number;
  to: number;
  stepMs?: number;
  cursor?: string;
}

export interface EventsRequest {
  from: number;
  to: number;
  kinds?: HistoryEventKind[];
  robotIds?: number[];
  limit?: number;
  order?: 'asc' | 'desc';
}

export interface ReplaySource {
  fleetAt(at: number, signal?: AbortSignal): Promise<FleetAt>;
  range(q: RangeRequest, signal?: AbortSignal): Promise<RangePage>;
  events(q: EventsRequest, signal?: AbortSignal): Promise<HistoryEvent[]>;
}

type Client = ReturnType<typeof useTRPCClient>;

export function trpcReplaySource(client: Client): ReplaySource {
  return {
    fleetAt: (at, signal) => client.history.fleetAt.query({ at: Math.round(at) }, { signal }),
    range: (q, signal) => client.history.range.query({ ...q, from: Math.round(q.from), to: Math.round(q.to) }, { signal }),
    events: (q, signal) => client.history.events.query({ ...q, from: Math.round(q.from), to: Math.round(q.to) }, { signal }),
  };
}
