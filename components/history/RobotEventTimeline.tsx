'use client';
// The robot's event timeline over a window (history.events, newest first), filtered by category; each event links to
// the why view at its moment.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTRPC } from '@/components/trpc/trpc-context';
import { LoadFailed, StateMessage } from '@/components/ui/StateMessage';
import {
  HISTORY_EVENT_KINDS,
  type HistoryEvent,
  type HistoryEventCategory,
  type HistoryEventKind,
} from '@/server/domain/history/history-event';
import { CategoryLegend } from './CategoryLegend';
import { EventRow } from './EventRow';
import { CATEGORY_ORDER } from './event-style';

/** Events listed at most; past it the timeline says so. */
const EVENT_LIMIT = 500;

export function RobotEventTimeline({
  robotId,
  from,
  to,
  onEvents,
}: {
  robotId: number;
  from: number;
  to: number;
  /** The events shown, for the charts' marks. */
  onEvents?(events: HistoryEvent[]): void;
}) {
  const trpc = useTRPC();
  const [shown, setShown] = useState<Set<HistoryEventCategory>>(() => new Set(CATEGORY_ORDER));
  // Filtering happens on the server, so a chatty category cannot crowd the others out of the limit.
  const kinds = useMemo(
    () =>
      shown.size === CATEGORY_ORDER.length
        ? undefined
        : CATEGORY_ORDER.filter((c) => shown.has(c)).flatMap((c) => [...HISTORY_EVENT_KINDS[c]] as HistoryEventKind[]),
    [shown],
  );
  const q = useQuery({
    ...trpc.history.events.queryOptions({ from, to, robotIds: [robotId], kinds, order: 'desc', limit: EVENT_LIMIT }),
    enabled: kinds === undefined || kinds.length > 0,
    retry: false,
  });
  const toggle = (c: HistoryEventCategory) =>
    setShown((s) => {
      const next = new Set(s);
      if (!next.delete(c)) next.add(c);
      return next;
    });
  const events = useMemo(() => (kinds?.length === 0 ? [] : (q.data ?? [])), [kinds, q.data]);
  useEffect(() => onEvents?.(events), [events, onEvents]);

  return (
    <section className="card" aria-labelledby="robot-events-h" data-testid="robot-events">
      <h2 id="robot-events-h">Events</h2>
      <CategoryLegend shown={shown} onToggle={toggle} label="Show categories" />
      {q.isPending && kinds?.length !== 0 ? (
        <StateMessage title="Loading events…" busy />
      ) : q.error ? (
        <LoadFailed title="Could not load the events" message={q.error.message} retry={() => void q.refetch()} />
      ) : events.length === 0 ? (
        <StateMessage title="No events in this window" testId="robot-events-empty">
          Connection changes, pauses, errors, orders, commands and faults appear here as they happen.
        </StateMessage>
      ) : (
        <>
          {events.length >= EVENT_LIMIT ? (
            <p className="muted">The newest {EVENT_LIMIT} events; pick a shorter window for older ones.</p>
          ) : null}
          <ol className="history-list" aria-label="Events, newest first">
            {events.map((e) => (
              <EventRow key={e.id} event={e} showWhy />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
