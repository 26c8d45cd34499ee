// Merging live alert changes (alerts:snapshot / alerts:update) with lists loaded over tRPC, and what the bell,
// the robot list and the 3D view derive from them (pure).
import { ALERT_SEVERITIES, ALERT_STATES, type AlertSeverity, type AlertState, type AlertView } from '@/server/domain/alerts/alert';
import type { AlertRuleId } from '@/server/domain/alerts/rule-catalogue';

const stateRank = (s: AlertState) => ALERT_STATES.indexOf(s);
export const severityRank = (s: AlertSeverity) => ALERT_SEVERITIES.indexOf(s);

/** Whether `next` is a later version of the same alert than `prev` (updates and list answers can cross). */
export function isNewerAlert(prev: AlertView | undefined, next: AlertView): boolean {
  if (!prev) return true;
  if (next.updatedAt !== prev.updatedAt) return next.updatedAt > prev.updatedAt;
  return stateRank(next.state) > stateRank(prev.state) || (next.flaps > prev.flaps && next.state === prev.state);
}

/** The store after a batch: the same object when nothing was newer; `changed` lists the alerts that were. */
export function applyAlertBatch(
  prev: Readonly<Record<string, AlertView>>,
  alerts: readonly AlertView[],
): { byId: Record<string, AlertView>; changed: AlertView[] } {
  let next: Record<string, AlertView> | null = null;
  const changed: AlertView[] = [];
  for (const a of alerts) {
    if (!isNewerAlert((next ?? prev)[a.id], a)) continue;
    next ??= { ...prev };
    next[a.id] = a;
    changed.push(a);
  }
  return { byId: next ?? (prev as Record<string, AlertView>), changed };
}

/** Critical alerts a person has not been told about: new ones, and ones that escalated to critical. */
export function newlyCritical(prev: Readonly<Record<string, AlertView>>, changed: readonly AlertView[]): AlertView[] {
  return changed.filter((a) => a.severity === 'critical' && a.state !== 'resolved' && prev[a.id]?.severity !== 'critical');
}

/** Keeps every unresolved alert and the `maxResolved` most recently resolved ones (the live store is bounded). */
export function boundResolved(byId: Record<string, AlertView>, maxResolved: number): Record<string, AlertView> {
  const resolved = Object.values(byId).filter((a) => a.state === 'resolved');
  if (resolved.length <= maxResolved) return byId;
  const drop = resolved.sort((a, b) => b.updatedAt - a.updatedAt).slice(maxResolved);
  const out = { ...byId };
  for (const a of drop) delete out[a.id];
  return out;
}

/** The highest severity among each robot's unresolved alerts. */
export function severityByRobot(byId: Readonly<Record<string, AlertView>>): Record<number, AlertSeverity> {
  const out: Record<number, AlertSeverity> = {};
  for (const a of Object.values(byId)) {
    if (a.robotId === null || a.state === 'resolved') continue;
    const had = out[a.robotId];
    if (!had || severityRank(a.severity) > severityRank(had)) out[a.robotId] = a.severity;
  }
  return out;
}

export function sameSeverities(a: Readonly<Record<number, AlertSeverity>>, b: Readonly<Record<number, AlertSeverity>>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => a[Number(k)] === b[Number(k)]);
}

/** The /alerts page's tabs: `active` is every alert not resolved (open or acknowledged). */
export const ALERT_TABS = ['active', 'open', 'acknowledged', 'resolved', 'all'] as const;
export type AlertTab = (typeof ALERT_TABS)[number];

export interface AlertFilter {
  tab: AlertTab;
  severity?: AlertSeverity;
  rule?: AlertRuleId;
  robotId?: number;
}

export function matchesAlertFilter(a: AlertView, f: AlertFilter): boolean {
  if (f.tab === 'active' && a.state === 'resolved') return false;
  if (f.tab !== 'active' && f.tab !== 'all' && a.state !== f.tab) return false;
  if (f.severity && a.severity !== f.severity) return false;
  if (f.rule && a.ruleId !== f.rule) return false;
  if (f.robotId !== undefined && a.robotId !== f.robotId) return false;
  return true;
}

/** alerts.list input for a filter (the `active` tab loads every state and keeps the unresolved ones). */
export function listInputOf(f: AlertFilter, limit: number) {
  const state: AlertState | undefined = f.tab === 'active' || f.tab === 'all' ? undefined : f.tab;
  return { state, severity: f.severity, rule: f.rule, robotId: f.robotId, limit };
}

/** Unresolved tabs: the most severe first, then the newest; resolved and all: the newest first. */
function comparator(tab: AlertTab): (a: AlertView, b: AlertView) => number {
  const newest = (a: AlertView, b: AlertView) => b.openedAt - a.openedAt || (a.id < b.id ? 1 : -1);
  if (tab === 'resolved') return (a, b) => (b.resolvedAt ?? 0) - (a.resolvedAt ?? 0) || newest(a, b);
  if (tab === 'all') return newest;
  return (a, b) => severityRank(b.severity) - severityRank(a.severity) || newest(a, b);
}

/**
 * The rows to show: the loaded list with each alert replaced by its newest live version, plus live alerts the
 * list does not hold; alerts whose newest version left the tab (acknowledged while on "open") leave it.
 */
export function mergeAlertRows(loaded: readonly AlertView[], live: Readonly<Record<string, AlertView>>, filter: AlertFilter): AlertView[] {
  const byId = new Map<string, AlertView>();
  for (const a of loaded) {
    const l = live[a.id];
    byId.set(a.id, l && isNewerAlert(a, l) ? l : a);
  }
  for (const a of Object.values(live)) if (!byId.has(a.id)) byId.set(a.id, a);
  return [...byId.values()].filter((a) => matchesAlertFilter(a, filter)).sort(comparator(filter.tab));
}
