'use client';
// The small mark on a robot's row in the fleet list: the robot has an unresolved alert of this severity.
import type { AlertSeverity } from '@/server/domain/alerts/alert';
import { SEVERITY_TEXT } from './alert-format';
import './alerts.css';

export function AlertMark({ severity }: { severity: AlertSeverity }) {
  const text = `${SEVERITY_TEXT[severity]} alert open`;
  return (
    <span className={`alert-mark sev-${severity}`} title={text} data-testid="robot-alert" data-severity={severity}>
      <span aria-hidden>!</span>
      <span className="sr-only">{text}</span>
    </span>
  );
}
