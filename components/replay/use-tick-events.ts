'use client';
// The events behind the timeline's ticks, for the visible span. The span is snapped to a grid of a twentieth of
// its width so the query changes a few times per span crossed, not with every move of the play head.
import { useQuery } from '@tanstack/react-query';
import type { ReplaySource } from './replay-source';
import type { TimeWindow } from './replay-time';
import { TICK_EVENT_LIMIT, TICK_KINDS } from './tick-clusters';

/** history.events answers windows of at most 31 days. */
const MAX_EVENTS_WINDOW_MS = 31 * 24 * 3600_000 - 60_000;

/** A window containing `w`, on a grid of a twentieth of its span (so it changes rarely as `w` slides). */
export function snapWindow(w: TimeWindow): TimeWindow {
  const grid = Math.max(1000, Math.round((w.to - w.from) / 20));
  const to = Math.ceil(w.to / grid) * grid;
  return { from: to - Math.min(w.to - w.from + grid, MAX_EVENTS_WINDOW_MS), to };
}

/** `recent`: the window reaches the present, so new events keep arriving in it. */
export function useTickEvents(source: ReplaySource, w: TimeWindow, recent: boolean) {
  const snapped = snapWindow(w);
  return useQuery({
    queryKey: ['replay-ticks', snapped.from, snapped.to],
    queryFn: ({ signal }) =>
      source.events({ from: snapped.from, to: snapped.to, kinds: TICK_KINDS, limit: TICK_EVENT_LIMIT, order: 'asc' }, signal),
    placeholderData: (prev) => prev,
    staleTime: recent ? 10_000 : 60_000,
    refetchInterval: recent ? 10_000 : false,
    retry: 1,
  });
}
