// history.why: the robot as it was at a moment, the events around it (its own and app-wide), the alerts open then,
// the health of its data path from sampled traces, and a verdict on why it stopped. Every read is bounded: the
// nearest events on each side of the moment, the traces of a few minutes around it.
import { type HistoryEvent, type HistoryEventKind, HISTORY_EVENT_KINDS } from '../../domain/history/history-event';
import { actionsAt, alertsOpenAt, flowHealthAt, nearestEvents, orderAt } from '../../domain/history/incident-context';
import { CAUSE_LOOKBACK_MS, effectiveStatus, incidentVerdict } from '../../domain/history/incident-verdict';
import {
  type FlowHealthAt,
  type IncidentVerdict,
  type IncidentView,
  WHY_DEFAULT_AFTER_SEC,
  WHY_DEFAULT_BEFORE_SEC,
  WHY_MAX_AFTER_SEC,
  WHY_MAX_BEFORE_SEC,
  WHY_MAX_EVENTS,
  WHY_MAX_TRACES,
} from '../../domain/history/incident-view';
import type { RobotStatus } from '../../domain/robot';
import type { FlowReader } from '../../ports/flow-reader';
import type { HistoryReader, IncidentReader } from '../../ports/history-reader';
import type { HistoryEventReader } from '../../ports/history-store';

export interface IncidentReaderDeps {
  history: HistoryReader;
  events: HistoryEventReader;
  /** The flow tracer's reader; null when tracing is off (the view says so). */
  flow: FlowReader | null;
}

/** Events read on each side of the moment (the robot's), nearest first. */
const ROBOT_EVENTS_BEFORE = 1_000;
const ROBOT_EVENTS_AFTER = 400;
/** App-wide events (alerts, faults on the broker) on each side. */
const APP_EVENTS_EACH_SIDE = 200;
/** How far back alert transitions are read to know which alerts were open at the moment. */
const ALERT_LOOKBACK_MS = 24 * 3600_000;
const ALERT_EVENTS = 2_000;
/** How far back, and how many of the robot's events, to look for a stop older than the window. */
const STOP_LOOKBACK_MS = 24 * 3600_000;
const STOP_LOOKBACK_EVENTS = 300;
/** Traces around the moment: the data path's health then, not over the whole window. */
const TRACE_BEFORE_MS = 120_000;
const TRACE_AFTER_MS = 60_000;

const APP_WIDE_KINDS: HistoryEventKind[] = [...HISTORY_EVENT_KINDS.fault, ...HISTORY_EVENT_KINDS.alert, ...HISTORY_EVENT_KINDS.protocol];
const ALERT_KINDS: HistoryEventKind[] = [...HISTORY_EVENT_KINDS.alert];

export function createIncidentReader(deps: IncidentReaderDeps): IncidentReader {
  return {
    async why(q) {
      const beforeMs = Math.min(q.beforeMs ?? WHY_DEFAULT_BEFORE_SEC * 1000, WHY_MAX_BEFORE_SEC * 1000);
      const afterMs = Math.min(q.afterMs ?? WHY_DEFAULT_AFTER_SEC * 1000, WHY_MAX_AFTER_SEC * 1000);
      const { robotId, at } = q;
      const from = Math.max(0, at - beforeMs);
      const to = at + afterMs;
      const robots = [robotId];
      const [fleet, ownBefore, ownAfter, appBefore, appAfter, alerts, flow] = await Promise.all([
        deps.history.fleetAt(at),
        deps.events.listEvents({ from, to: at, robotIds: robots, order: 'desc', limit: ROBOT_EVENTS_BEFORE }),
        deps.events.listEvents({ from: at + 1, to, robotIds: robots, order: 'asc', limit: ROBOT_EVENTS_AFTER }),
        deps.events.listEvents({ from, to: at, kinds: APP_WIDE_KINDS, order: 'desc', limit: APP_EVENTS_EACH_SIDE }),
        deps.events.listEvents({ from: at + 1, to, kinds: APP_WIDE_KINDS, order: 'asc', limit: APP_EVENTS_EACH_SIDE }),
        deps.events.listEvents({ from: Math.max(0, at - ALERT_LOOKBACK_MS), to, kinds: ALERT_KINDS, order: 'desc', limit: ALERT_EVENTS }),
        flowAround(deps.flow, robotId, at, from, to),
      ]);
      const appWide = [...appBefore, ...appAfter].filter((e) => e.robotId === null);
      const inWindow: HistoryEvent[] = [...ownBefore, ...ownAfter, ...appWide];
      const robot = fleet.robots.find((r) => r.id === robotId) ?? null;
      const status = effectiveStatus({ robotId, at, status: robot?.status ?? null, statusTs: robot?.sampleAt ?? null, events: inWindow });
      const found = await explained(deps.events, { robotId, at, status, from, events: inWindow });
      const { events, truncated } = nearestEvents(found.events, at, WHY_MAX_EVENTS);
      const view: IncidentView = {
        robotId,
        at,
        from: found.from,
        to,
        tier: fleet.tier,
        robot,
        status,
        verdict: found.verdict,
        events,
        eventsTruncated: truncated,
        order: orderAt(found.events, robotId, at),
        actions: actionsAt(found.events, robotId, at),
        openAlerts: alertsOpenAt(alerts, robotId, at),
        flow,
      };
      return view;
    },
  };
}

/**
 * The verdict on the window's events; when they hold no cause and the robot was stopped, the robot's events before
 * the window are read too (it may have stopped long before: "why is it stopped now?"), and the window is widened to
 * the cause found there.
 */
async function explained(
  reader: HistoryEventReader,
  q: { robotId: number; at: number; status: RobotStatus | null; from: number; events: HistoryEvent[] },
): Promise<{ verdict: IncidentVerdict; events: HistoryEvent[]; from: number }> {
  const verdict = incidentVerdict({ robotId: q.robotId, at: q.at, status: q.status, events: q.events });
  if (verdict.reason !== 'unknown' || q.status === 'driving' || q.from <= 0) return { verdict, events: q.events, from: q.from };
  const earlier = await reader.listEvents({
    from: Math.max(0, q.at - STOP_LOOKBACK_MS),
    to: q.from - 1,
    robotIds: [q.robotId],
    order: 'desc',
    limit: STOP_LOOKBACK_EVENTS,
  });
  const wider = incidentVerdict({ robotId: q.robotId, at: q.at, status: q.status, events: [...earlier, ...q.events] });
  if (wider.reason === 'unknown') return { verdict, events: q.events, from: q.from };
  const cause = earlier.find((e) => e.id === wider.eventId);
  // From a minute before the cause (what led to it), but never past the oldest event read.
  const oldest = earlier.length === STOP_LOOKBACK_EVENTS ? (earlier.at(-1)?.ts ?? 0) : 0;
  const from = Math.max(oldest, Math.min(q.from, (cause?.ts ?? wider.stoppedAt ?? q.from) - CAUSE_LOOKBACK_MS));
  return { verdict: wider, events: [...earlier.filter((e) => e.ts >= from), ...q.events], from };
}

async function flowAround(flow: FlowReader | null, robotId: number, at: number, from: number, to: number): Promise<FlowHealthAt> {
  if (!flow) return flowHealthAt(null, at, WHY_MAX_TRACES);
  try {
    const traces = await flow.search({
      robotId,
      fromMs: Math.max(from, at - TRACE_BEFORE_MS),
      toMs: Math.min(to, at + TRACE_AFTER_MS),
      limit: 500,
    });
    return flowHealthAt(traces, at, WHY_MAX_TRACES);
  } catch {
    // The view answers without the traces rather than not at all: it is where people go when things are broken.
    // No driver text reaches a viewer; the flow view's own health says more.
    return { tracing: 'failed', message: 'the traces of this moment could not be read' };
  }
}
