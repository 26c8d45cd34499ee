'use client';
// "Why did it stop?": the verdict on top, the robot as it was, then everything around the moment on one vertical
// timeline (time relative to the moment, colour and icon by category, a legend that filters), beside the order,
// actions, open alerts and the data path's health.
import Link from 'next/link';
import { useMemo, useState } from 'react';
import type { HistoryEventCategory } from '@/server/domain/history/history-event';
import type { IncidentView as View } from '@/server/domain/history/incident-view';
import { CategoryLegend } from './CategoryLegend';
import { EventRow } from './EventRow';
import { CATEGORY_ORDER } from './event-style';
import { AlertFacts, FlowFacts, OrderFacts, RobotAtFacts } from './IncidentFacts';
import { clockTime, relativeTo } from './time-format';
import './history.css';

const CONFIDENCE: Record<View['verdict']['confidence'], string> = {
  high: 'likely',
  medium: 'probable',
  low: 'uncertain',
};

export function IncidentView({ view }: { view: View }) {
  const [shown, setShown] = useState<Set<HistoryEventCategory>>(() => new Set(CATEGORY_ORDER));
  const counts = useMemo(() => {
    const c: Partial<Record<HistoryEventCategory, number>> = {};
    for (const e of view.events) c[e.category] = (c[e.category] ?? 0) + 1;
    return c;
  }, [view.events]);
  const rows = view.events.filter((e) => shown.has(e.category));
  const before = rows.filter((e) => e.ts <= view.at);
  const after = rows.filter((e) => e.ts > view.at);
  const v = view.verdict;
  const toggle = (c: HistoryEventCategory) =>
    setShown((s) => {
      const next = new Set(s);
      if (!next.delete(c)) next.add(c);
      return next;
    });

  return (
    <div className="incident">
      <section className={`card incident-verdict verdict-${v.confidence}`} aria-labelledby="why-verdict" data-testid="why-verdict">
        <h2 id="why-verdict">
          Verdict <span className="muted">({CONFIDENCE[v.confidence]})</span>
        </h2>
        <p className="incident-verdict-text" data-testid="why-verdict-text" data-reason={v.reason}>
          {v.summary}
        </p>
        <p className="muted">
          {v.stoppedAt !== null ? `Stopped ${relativeTo(v.stoppedAt, view.at)} from the moment. ` : ''}
          {v.user ? (
            <>
              Sent by <strong data-testid="why-user">{v.user}</strong>:{' '}
              <Link href={`/commands?robot=${view.robotId}`}>see the command ledger</Link>.
            </>
          ) : null}
        </p>
      </section>
      <div className="incident-body">
        <section className="card incident-timeline" aria-labelledby="why-timeline">
          <h2 id="why-timeline">
            Around {clockTime(view.at)}{' '}
            <span className="muted">
              ({relativeTo(view.from, view.at)} to {relativeTo(view.to, view.at)})
            </span>
          </h2>
          <CategoryLegend shown={shown} counts={counts} onToggle={toggle} />
          {view.eventsTruncated ? (
            <p className="warn">More events than shown: the {view.events.length} nearest the moment are listed. Narrow the window.</p>
          ) : null}
          {rows.length === 0 ? (
            <p className="muted" data-testid="why-no-events">
              {view.events.length === 0 ? 'Nothing was recorded in this window.' : 'No event of the shown categories.'}
            </p>
          ) : null}
          <ol className="history-list" aria-label="Events around the moment" data-testid="why-events">
            {before.map((e) => (
              <EventRow key={e.id} event={e} at={view.at} highlight={e.id === v.eventId} />
            ))}
            <li className="history-moment" data-testid="why-moment">
              <span className="history-time">0 s</span> the moment: {clockTime(view.at)}
            </li>
            {after.map((e) => (
              <EventRow key={e.id} event={e} at={view.at} highlight={e.id === v.eventId} />
            ))}
          </ol>
        </section>
        <div className="incident-side">
          <section className="card" aria-labelledby="why-robot-h">
            <h2 id="why-robot-h">The robot at the moment</h2>
            <RobotAtFacts view={view} />
          </section>
          <OrderFacts view={view} />
          <AlertFacts view={view} />
          <FlowFacts view={view} />
        </div>
      </div>
    </div>
  );
}
