'use client';
// One alert on the /alerts page. Memoised: live updates replace only the changed alert's object.
import Link from 'next/link';
import { memo } from 'react';
import type { AlertView } from '@/server/domain/alerts/alert';
import { absoluteTime, relativeTime, ruleName } from './alert-format';
import { AlertStatePill, SeverityPill } from './SeverityPill';

export type AlertAction = 'acknowledge' | 'resolve';

interface Props {
  alert: AlertView;
  robot: string | null;
  /** Minute-grained "now" for the relative time. */
  now: number;
  selected: boolean;
  /** The viewer's role may acknowledge and resolve. */
  canAct: boolean;
  /** The viewer's role may open traces. */
  canInspect: boolean;
  onAction(alert: AlertView, action: AlertAction): void;
}

function When({ at, now }: { at: number; now: number }) {
  return (
    <time dateTime={new Date(at).toISOString()} title={new Date(at).toString()}>
      {relativeTime(at, now)}
      <span className="muted mono alert-when-abs">{absoluteTime(at)}</span>
    </time>
  );
}

export const AlertRow = memo(function AlertRow({ alert: a, robot, now, selected, canAct, canInspect, onAction }: Props) {
  return (
    <tr
      data-testid="alert-row"
      data-alert-id={a.id}
      data-state={a.state}
      data-severity={a.severity}
      data-rule-id={a.ruleId}
      data-robot-id={a.robotId ?? undefined}
      className={selected ? 'selected' : undefined}
      aria-selected={selected}
    >
      <td>
        <SeverityPill severity={a.severity} />
      </td>
      <td className="alert-title">
        {a.title}
        {a.traceId ? (
          canInspect ? (
            <a
              href={`/flow?trace=${a.traceId}`}
              className="alert-trace"
              data-testid="alert-trace-link"
              title="Open the trace that showed it"
            >
              trace
            </a>
          ) : (
            <span className="alert-trace muted" title="Opening a trace needs the architect role">
              trace
            </span>
          )
        ) : null}
      </td>
      <td>{ruleName(a.ruleId)}</td>
      <td className="mono nowrap">
        {a.robotId !== null ? (
          <Link href={`/robots/${a.robotId}`} data-testid="alert-robot-link">
            {robot ?? `#${a.robotId}`}
          </Link>
        ) : (
          <span className="muted">{a.subject.replace(/^app:/, 'app: ')}</span>
        )}
      </td>
      <td className="nowrap">
        <When at={a.openedAt} now={now} />
      </td>
      <td>
        <AlertStatePill state={a.state} active={a.active} />
      </td>
      <td data-testid="alert-acknowledged">
        {a.acknowledgedBy ? (
          <>
            <span data-testid="alert-acknowledged-by">{a.acknowledgedBy}</span>
            {a.acknowledgedAt ? (
              <>
                {' · '}
                <When at={a.acknowledgedAt} now={now} />
              </>
            ) : null}
            {a.acknowledgeNote ? (
              <span className="alert-note" data-testid="alert-note">
                “{a.acknowledgeNote}”
              </span>
            ) : null}
          </>
        ) : (
          <span className="muted">—</span>
        )}
        {a.state === 'resolved' && a.resolvedBy ? (
          <span className="alert-note">
            resolved by {a.resolvedBy === 'auto' ? 'itself' : a.resolvedBy}
            {a.resolveNote ? `: “${a.resolveNote}”` : ''}
          </span>
        ) : null}
      </td>
      <td className="mono num" title="Times the condition cleared and came back while the alert was open">
        {a.flaps}×
      </td>
      <td className="alert-actions">
        {canAct && a.state === 'open' ? (
          <button type="button" className="small-button" data-testid="alert-acknowledge" onClick={() => onAction(a, 'acknowledge')}>
            Acknowledge
          </button>
        ) : null}
        {canAct && a.state !== 'resolved' ? (
          <button type="button" className="small-button" data-testid="alert-resolve" onClick={() => onAction(a, 'resolve')}>
            Resolve
          </button>
        ) : null}
      </td>
    </tr>
  );
});
