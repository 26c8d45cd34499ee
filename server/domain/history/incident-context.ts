// The parts of "why did it stop?" rebuilt from timeline events and traces (pure): the order and its nodes, the
// actions' last states, the alerts open at the moment, the data path's health, and the events nearest the moment.
import type { HopOutcome, TraceSummary } from '../flow/hop';
import type { HistoryEvent } from './history-event';
import type { ActionAt, AlertAt, FlowHealthAt, OrderAt } from './incident-view';
import { alertIdOf, detailNumber, detailText } from './event-detail';

/** The order at `at`: the last one accepted at or before it (or the first seen after, when none was). */
export function orderAt(events: readonly HistoryEvent[], robotId: number, at: number): OrderAt | null {
  const own = events.filter((e) => e.robotId === robotId && e.category === 'order').sort((a, b) => a.ts - b.ts);
  const withId = own.filter((e) => detailText(e, 'orderId') !== null);
  const current = withId.filter((e) => e.ts <= at).at(-1) ?? withId[0];
  if (!current) return null;
  const orderId = detailText(current, 'orderId') as string;
  const mine = own.filter((e) => detailText(e, 'orderId') === orderId || (e.kind === 'node_reached' && detailText(e, 'orderId') === null));
  const accepted = mine.find((e) => e.kind === 'order_accepted');
  const ended = mine.find((e) => e.kind === 'order_finished' || e.kind === 'order_failed');
  return {
    orderId,
    state: ended
      ? ended.kind === 'order_finished'
        ? 'finished'
        : 'failed'
      : accepted || mine.some((e) => e.ts <= at)
        ? 'running'
        : 'unknown',
    acceptedAt: accepted?.ts ?? null,
    endedAt: ended?.ts ?? null,
    nodes: mine
      .filter((e) => e.kind === 'node_reached')
      .map((e) => ({
        nodeId: detailText(e, 'nodeId', 'lastNodeId') ?? '?',
        ts: e.ts,
        sequenceId: detailNumber(e, 'sequenceId', 'lastNodeSequenceId'),
      })),
  };
}

/** Each action's last reported state at or before `at`, newest first. */
export function actionsAt(events: readonly HistoryEvent[], robotId: number, at: number): ActionAt[] {
  const last = new Map<string, ActionAt>();
  for (const e of [...events].sort((a, b) => a.ts - b.ts)) {
    if (e.robotId !== robotId || e.kind !== 'action_state' || e.ts > at) continue;
    const actionId = detailText(e, 'actionId');
    if (!actionId) continue;
    last.set(actionId, {
      actionId,
      actionType: detailText(e, 'actionType'),
      status: detailText(e, 'actionStatus', 'status', 'to') ?? '?',
      ts: e.ts,
    });
  }
  return [...last.values()].sort((a, b) => b.ts - a.ts);
}

/** Alerts (the robot's and app-wide) opened at or before `at` and not resolved by then; the robot's first. */
export function alertsOpenAt(events: readonly HistoryEvent[], robotId: number, at: number): AlertAt[] {
  const open = new Map<string, AlertAt>();
  const resolvedAt = new Map<string, number>();
  for (const e of [...events].sort((a, b) => a.ts - b.ts)) {
    if (e.category !== 'alert' || (e.robotId !== null && e.robotId !== robotId)) continue;
    const id = alertIdOf(e);
    if (!id) continue;
    if (e.kind === 'alert_opened' && e.ts <= at) {
      open.set(id, { alertId: id, robotId: e.robotId, openedAt: e.ts, resolvedAt: null, level: e.level, summary: e.summary });
      resolvedAt.delete(id);
    } else if (e.kind === 'alert_resolved') {
      if (e.ts <= at) open.delete(id);
      else if (!resolvedAt.has(id)) resolvedAt.set(id, e.ts);
    }
  }
  return [...open.values()]
    .map((a) => ({ ...a, resolvedAt: resolvedAt.get(a.alertId) ?? null }))
    .sort((a, b) => (a.robotId === null ? 1 : 0) - (b.robotId === null ? 1 : 0) || b.openedAt - a.openedAt);
}

/** The data path's health from the robot's traces of the window (null: tracing is off). */
export function flowHealthAt(traces: readonly TraceSummary[] | null, at: number, max: number): FlowHealthAt {
  if (traces === null) return { tracing: 'off' };
  const byOutcome: Record<HopOutcome, number> = { ok: 0, error: 0, dropped: 0, superseded: 0 };
  const latencies: number[] = [];
  let lastBeforeAt: number | null = null;
  for (const t of traces) {
    byOutcome[t.outcome] += 1;
    latencies.push(Math.max(0, t.endedAt - t.startedAt));
    if (t.startedAt <= at && (lastBeforeAt === null || t.startedAt > lastBeforeAt)) lastBeforeAt = t.startedAt;
  }
  latencies.sort((a, b) => a - b);
  const q = (p: number) =>
    latencies.length ? (latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)] ?? null) : null;
  const recent = [...traces]
    .sort((a, b) => Number(a.outcome === 'ok') - Number(b.outcome === 'ok') || b.startedAt - a.startedAt)
    .slice(0, max);
  return {
    tracing: 'on',
    traces: traces.length,
    byOutcome,
    p50Ms: q(0.5),
    p99Ms: q(0.99),
    maxMs: latencies.at(-1) ?? null,
    recent,
    lastBeforeAt,
  };
}

/** At most `max` events, those nearest `at` kept, oldest first; `truncated` when some were left out. */
export function nearestEvents(events: readonly HistoryEvent[], at: number, max: number): { events: HistoryEvent[]; truncated: boolean } {
  const unique = [...new Map(events.map((e) => [e.id, e])).values()];
  const kept = unique.length <= max ? unique : [...unique].sort((a, b) => Math.abs(a.ts - at) - Math.abs(b.ts - at)).slice(0, max);
  return { events: kept.sort((a, b) => a.ts - b.ts || a.id.localeCompare(b.id)), truncated: kept.length < unique.length };
}
