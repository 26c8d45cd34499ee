// Alerts seen live in this tab: every unresolved alert (alerts:snapshot on each connect) and each change since
// (alerts:update), with the server's counts for the bell and each robot's most severe alert for the robot list
// and the 3D view. Lists loaded over tRPC overlay this store instead of refetching on every update.
import { create } from 'zustand';
import type { AlertCounts, AlertSeverity, AlertView } from '@/server/domain/alerts/alert';
import { applyAlertBatch, boundResolved, newlyCritical, sameSeverities, severityByRobot } from './alert-merge';
import { toastCriticalAlerts } from './critical-toasts';

/** Resolved alerts kept for the page's resolved tab (unresolved ones are all kept). */
const MAX_RESOLVED_KEPT = 500;

interface AlertLiveState {
  byId: Record<string, AlertView>;
  /** Null until the first snapshot arrived. */
  counts: AlertCounts | null;
  /** Each robot's most severe unresolved alert; a new object only when that changes. */
  robotSeverity: Record<number, AlertSeverity>;
  /** Snapshots received: after the first, updates may have been missed, so lists reload. */
  snapshots: number;
}

export const useAlertStore = create<AlertLiveState>()(() => ({ byId: {}, counts: null, robotSeverity: {}, snapshots: 0 }));

function withRobotSeverity(byId: Record<string, AlertView>): Record<number, AlertSeverity> {
  const prev = useAlertStore.getState().robotSeverity;
  const next = severityByRobot(byId);
  return sameSeverities(prev, next) ? prev : next;
}

/** On connect and reconnect: the unresolved alerts replace what was held (no toasts: nothing here is news). */
export function applyAlertSnapshot(s: { alerts: readonly AlertView[]; counts: AlertCounts }): void {
  const byId: Record<string, AlertView> = {};
  for (const a of s.alerts) byId[a.id] = a;
  useAlertStore.setState((st) => ({ byId, counts: s.counts, robotSeverity: withRobotSeverity(byId), snapshots: st.snapshots + 1 }));
}

/** A batch of changed alerts; older versions than the ones held are ignored. New critical alerts raise a toast. */
export function applyAlertUpdate(u: { alerts: readonly AlertView[]; counts: AlertCounts }): void {
  const st = useAlertStore.getState();
  const { byId, changed } = applyAlertBatch(st.byId, u.alerts);
  const bounded = boundResolved(byId, MAX_RESOLVED_KEPT);
  useAlertStore.setState({ byId: bounded, counts: u.counts, robotSeverity: withRobotSeverity(bounded) });
  // Before the first snapshot nothing is known, so nothing can be told apart as new.
  if (st.snapshots > 0) toastCriticalAlerts(newlyCritical(st.byId, changed));
}

/** Our own acknowledge/resolve answer, applied at once (the update for it may come a moment later). */
export function applyOwnAlertChange(a: AlertView): void {
  const st = useAlertStore.getState();
  const { byId } = applyAlertBatch(st.byId, [a]);
  if (byId !== st.byId) useAlertStore.setState({ byId, robotSeverity: withRobotSeverity(byId) });
}

/** For the 3D view's useFrame: read without subscribing, so alerts never re-render the scene. */
export function robotAlertSeverities(): Readonly<Record<number, AlertSeverity>> {
  return useAlertStore.getState().robotSeverity;
}

export function useRobotAlertSeverities(): Readonly<Record<number, AlertSeverity>> {
  return useAlertStore((s) => s.robotSeverity);
}
