'use client';
// The bell in the header of every page: open (not resolved) alerts by severity, linking to /alerts.
import Link from 'next/link';
import { ALERT_SEVERITIES, type AlertSeverity } from '@/server/domain/alerts/alert';
import { bellLabel } from './alert-format';
import { useAlertStore } from './alert-store';
import './alerts.css';

const SHOWN: readonly AlertSeverity[] = [...ALERT_SEVERITIES].reverse();

export function AlertBell() {
  const counts = useAlertStore((s) => s.counts);
  const label = bellLabel(counts);
  const critical = (counts?.critical ?? 0) > 0;
  return (
    <Link
      href="/alerts"
      className={critical ? 'alert-bell ringing' : 'alert-bell'}
      aria-label={label}
      title={label}
      data-testid="alert-bell"
      data-loaded={counts !== null}
    >
      <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {SHOWN.map((s) => {
        const n = counts?.[s] ?? 0;
        return (
          <span key={s} className={`bell-count sev-${s}${n === 0 ? ' zero' : ''}`} data-testid={`alert-count-${s}`} aria-hidden>
            {n}
          </span>
        );
      })}
    </Link>
  );
}
