// An alert's severity or state as a pill (critical red, warning amber, info blue; resolved muted).
import type { AlertSeverity, AlertState } from '@/server/domain/alerts/alert';
import { SEVERITY_TEXT, STATE_TEXT } from './alert-format';

export function SeverityPill({ severity }: { severity: AlertSeverity }) {
  return (
    <span className={`pill sev-${severity}`} data-severity={severity}>
      {SEVERITY_TEXT[severity]}
    </span>
  );
}

export function AlertStatePill({ state, active }: { state: AlertState; active: boolean }) {
  return (
    <span
      className={`pill alert-state-${state}`}
      title={state !== 'resolved' && !active ? 'The condition has cleared; resolving soon' : undefined}
    >
      {STATE_TEXT[state]}
      {state !== 'resolved' && !active ? ' · clearing' : ''}
    </span>
  );
}
