// One event on a timeline: its time (relative to a moment, or the clock), category icon and colour, summary, and
// links: a command to the ledger, a trace to its waterfall, any moment to the why view.
import Link from 'next/link';
import type { HistoryEvent } from '@/server/domain/history/history-event';
import { traceIdOf } from '@/server/domain/history/event-detail';
import { CATEGORY_STYLE, LEVEL_CLASS } from './event-style';
import { clockTime, relativeTo, whyHref } from './time-format';

export function EventRow({
  event,
  at,
  highlight = false,
  showWhy = false,
}: {
  event: HistoryEvent;
  /** When set, the time is shown relative to it. */
  at?: number;
  highlight?: boolean;
  /** A link to the why view at this event's moment (the robot timeline). */
  showWhy?: boolean;
}) {
  const s = CATEGORY_STYLE[event.category];
  const trace = traceIdOf(event);
  return (
    <li
      className={`history-row ${highlight ? 'history-row-cause' : ''}`}
      data-testid="history-event"
      data-kind={event.kind}
      data-category={event.category}
      style={{ borderLeftColor: s.color }}
    >
      <time className="history-time" dateTime={new Date(event.ts).toISOString()} title={new Date(event.ts).toISOString()}>
        {at === undefined ? clockTime(event.ts) : relativeTo(event.ts, at)}
      </time>
      <span className="history-icon" style={{ color: s.color, borderColor: s.color }} title={s.label} role="img" aria-label={s.label}>
        {s.icon}
      </span>
      <span className={`history-summary ${LEVEL_CLASS[event.level]}`}>
        {highlight ? <strong>Likely cause: </strong> : null}
        {event.summary}
        {event.robotId === null ? <span className="muted"> (app-wide)</span> : null}
      </span>
      <span className="history-links">
        {event.category === 'command' && event.robotId !== null ? (
          <Link href={`/commands?robot=${event.robotId}`} data-testid="event-ledger-link">
            ledger
          </Link>
        ) : null}
        {trace ? (
          <Link href={`/flow?trace=${trace}`} data-testid="event-trace-link">
            trace
          </Link>
        ) : null}
        {showWhy && event.robotId !== null ? (
          <Link
            href={whyHref(event.robotId, event.ts)}
            data-testid="event-why-link"
            aria-label={`Why did it stop? at ${clockTime(event.ts)}`}
          >
            why?
          </Link>
        ) : null}
      </span>
    </li>
  );
}
