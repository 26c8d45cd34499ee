// One (rule, subject)'s way from a condition to an alert and back: the condition must hold `forSec` before an alert
// opens, and stay clear `clearSec` before it resolves by itself. A condition that returns while clearing is a flap:
// counted on the open alert, never a second alert (so a flapping sensor opens one alert, not a hundred). Pure.
import type { AlertSeverity } from './alert';

export interface Tracker {
  /** The condition has held without a break since (epoch ms); null while it does not hold. */
  activeSince: number | null;
  /** The condition has been clear since (epoch ms), while an alert is unresolved; null otherwise. */
  clearSince: number | null;
  /** The unresolved alert of this (rule, subject). */
  alertId: string | null;
  /** Resolved by hand while the condition still held: no new alert until it has cleared once. */
  suppressed: boolean;
}

export type LifecycleAction =
  | { kind: 'none' }
  | { kind: 'open' }
  | { kind: 'flap' }
  | { kind: 'escalate'; severity: AlertSeverity }
  | { kind: 'resolve' };

export const newTracker = (): Tracker => ({ activeSince: null, clearSince: null, alertId: null, suppressed: false });

const RANK: Record<AlertSeverity, number> = { info: 0, warning: 1, critical: 2 };
export const severityRank = (s: AlertSeverity) => RANK[s];

/**
 * Advances a tracker by one observation. `current` is the unresolved alert's severity (when there is one);
 * the tracker is changed in place and the action to take is returned.
 */
export function stepTracker(
  t: Tracker,
  obs: { active: boolean; severity: AlertSeverity },
  rule: { forSec: number; clearSec: number },
  now: number,
  current: AlertSeverity | null,
): LifecycleAction {
  if (obs.active) {
    t.activeSince ??= now;
    if (t.suppressed) return { kind: 'none' };
    if (t.alertId !== null) {
      if (t.clearSince !== null) {
        t.clearSince = null;
        return { kind: 'flap' };
      }
      if (current !== null && RANK[obs.severity] > RANK[current]) return { kind: 'escalate', severity: obs.severity };
      return { kind: 'none' };
    }
    return now - t.activeSince >= rule.forSec * 1000 ? { kind: 'open' } : { kind: 'none' };
  }
  t.activeSince = null;
  t.suppressed = false;
  if (t.alertId === null) return { kind: 'none' };
  t.clearSince ??= now;
  return now - t.clearSince >= rule.clearSec * 1000 ? { kind: 'resolve' } : { kind: 'none' };
}

/** A tracker that holds nothing worth keeping (no alert, no condition, no suppression) can be forgotten. */
export const isIdle = (t: Tracker) => t.alertId === null && t.activeSince === null && !t.suppressed;
