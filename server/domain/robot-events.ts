// Pure diffs that turn what robots report into the stored events of timelines (history-event.ts), beyond the
// ones the state store's merge emits (connection, errors, mode, pause, charging, stale): driving, battery
// thresholds, orders, actions, protocol counters and injected faults. The event recorder keeps the memories.
import type { Fault } from './faults';
import type { HistoryEventKind } from './history/history-event';
import type { RobotActionTransition, RobotOrderEvent } from './vda5050/protocol-events';

export interface RecordedEvent {
  kind: HistoryEventKind;
  detail: Record<string, unknown>;
}

// ---- driving and battery (from each state message) ----

/** Below this a robot's battery is low; it recovers only above BATTERY_RECOVERED_PCT, so noise does not flap. */
export const BATTERY_LOW_PCT = 20;
export const BATTERY_RECOVERED_PCT = 25;

export interface StateMemory {
  driving: boolean;
  batteryLow: boolean;
}

export function diffState(
  prev: StateMemory | undefined,
  s: { driving: boolean; batteryCharge: number; charging: boolean },
): { memory: StateMemory; events: RecordedEvent[] } {
  const events: RecordedEvent[] = [];
  const battery = Math.round(s.batteryCharge * 10) / 10;
  const wasLow = prev?.batteryLow ?? false;
  const low = wasLow ? s.batteryCharge < BATTERY_RECOVERED_PCT : s.batteryCharge < BATTERY_LOW_PCT;
  // The first report of a robot says nothing about driving having started; a low battery is news either way.
  if (prev && prev.driving !== s.driving) events.push({ kind: s.driving ? 'driving_started' : 'driving_stopped', detail: {} });
  if (low && !wasLow) events.push({ kind: 'battery_low', detail: { battery, threshold: BATTERY_LOW_PCT, charging: s.charging } });
  if (!low && wasLow) events.push({ kind: 'battery_recovered', detail: { battery, threshold: BATTERY_RECOVERED_PCT } });
  return { memory: { driving: s.driving, batteryLow: low }, events };
}

// ---- orders and actions (from the robot-protocol worker's correlation of state messages) ----

/** Action types a robot runs as instant actions: their failure is not the order's. */
const INSTANT_ACTION_TYPES = new Set(['cancelOrder', 'startPause', 'stopPause', 'factsheetRequest', 'stateRequest', 'logReport']);

export interface OrderMemory {
  /** The order being followed ('' none), and whether the timeline has already said how it ended. */
  orderId: string;
  ended: boolean;
  /** The first action of this order that failed. */
  failedAction: { actionId: string; actionType: string | null } | null;
}

export const newOrderMemory = (): OrderMemory => ({ orderId: '', ended: false, failedAction: null });

/** Statuses whose entry is not stored: every action passes them on its way to RUNNING. */
const UNSTORED_ACTION_STATUSES = new Set(['WAITING', 'INITIALIZING']);

/**
 * An action's status change. Entering WAITING or INITIALIZING is not stored (every action of an accepted order
 * passes them; order_accepted and the RUNNING that follows say enough): that halves the rows of a busy robot. A
 * failed action of the current order is remembered so the order's end is reported as failed.
 */
export function actionEvent(m: OrderMemory, a: RobotActionTransition): { memory: OrderMemory; events: RecordedEvent[] } {
  let memory = m;
  const ofOrder = a.orderId !== '' && a.orderId === m.orderId && !INSTANT_ACTION_TYPES.has(a.actionType ?? '');
  if (a.to === 'FAILED' && ofOrder && !m.failedAction) memory = { ...m, failedAction: { actionId: a.actionId, actionType: a.actionType } };
  if (UNSTORED_ACTION_STATUSES.has(a.to)) return { memory, events: [] };
  const detail = {
    actionId: a.actionId,
    actionType: a.actionType,
    from: a.from,
    to: a.to,
    orderId: a.orderId || null,
    result: a.resultDescription,
  };
  return { memory, events: [{ kind: 'action_state', detail }] };
}

/**
 * The rule for an order's end (documented in docs and tests):
 * - accepted with a new orderId → order_accepted; the same orderId with a higher orderUpdateId → order_updated.
 *   An order first seen already finished (no nodes, no edges: the app restarted) is history, not news: nothing.
 * - the robot's nodeStates and edgeStates emptied with no action of the order left active (the correlation's
 *   `completed`) → order_finished, or order_failed (reason actionFailed) when one of the order's actions FAILED.
 * - emptied by a cancelOrder that FINISHED → order_failed (reason cancelled, level warning).
 * - an orderError / noRouteError / validationError about the order → order_failed with that reason (the robot
 *   refused or aborted it). orderUpdateError is not a failure: the robot keeps the order it had (the error itself
 *   is on the timeline as error_raised).
 * Each order ends at most once on the timeline.
 */
export function orderEvent(m: OrderMemory, o: RobotOrderEvent): { memory: OrderMemory; events: RecordedEvent[] } {
  const base = { orderId: o.orderId, orderUpdateId: o.orderUpdateId };
  switch (o.kind) {
    case 'accepted': {
      if (o.orderId === m.orderId && o.previousOrderId === o.orderId)
        return {
          memory: { ...m, ended: false },
          events: [{ kind: 'order_updated', detail: { ...base, from: o.previousOrderUpdateId, nodes: o.nodes } }],
        };
      const finishedBefore = o.previousOrderId === null && o.nodes === 0 && o.edges === 0;
      const memory: OrderMemory = { orderId: o.orderId, ended: finishedBefore, failedAction: null };
      return { memory, events: finishedBefore ? [] : [{ kind: 'order_accepted', detail: { ...base, nodes: o.nodes, edges: o.edges } }] };
    }
    case 'node_reached':
      return {
        memory: m,
        events: [
          { kind: 'node_reached', detail: { nodeId: o.nodeId, sequenceId: o.sequenceId, orderId: o.orderId, remaining: o.remainingNodes } },
        ],
      };
    case 'completed':
    case 'cancelled': {
      if (m.ended && m.orderId === o.orderId) return { memory: m, events: [] };
      const memory: OrderMemory = { orderId: o.orderId, ended: true, failedAction: null };
      const failed = m.orderId === o.orderId ? m.failedAction : null;
      const detail = { ...base, lastNodeId: o.lastNodeId || null };
      if (o.kind === 'cancelled') return { memory, events: [{ kind: 'order_failed', detail: { ...detail, reason: 'cancelled' } }] };
      if (failed) return { memory, events: [{ kind: 'order_failed', detail: { ...detail, reason: 'actionFailed', ...failed } }] };
      return { memory, events: [{ kind: 'order_finished', detail }] };
    }
    case 'error': {
      if (o.errorType === 'orderUpdateError') return { memory: m, events: [] };
      const current = o.orderId === m.orderId;
      if (current && m.ended) return { memory: m, events: [] };
      const detail = { ...base, reason: o.errorType, errorLevel: o.errorLevel, description: o.description };
      return { memory: current ? { ...m, ended: true } : m, events: [{ kind: 'order_failed', detail }] };
    }
    case 'error_cleared':
      return { memory: m, events: [] };
  }
}

// ---- protocol counters (polled from the gateway's protocol monitor) ----

export interface ProtocolCounters {
  invalid: number;
  headerGaps: number;
  lostMessages: number;
}

/** What a robot's counters grew by since the last look; a book that restarted (evicted, counters lower) starts over. */
export function counterGrowth(prev: ProtocolCounters | undefined, now: ProtocolCounters): ProtocolCounters {
  if (!prev || now.invalid < prev.invalid || now.headerGaps < prev.headerGaps || now.lostMessages < prev.lostMessages) return now;
  return {
    invalid: now.invalid - prev.invalid,
    headerGaps: now.headerGaps - prev.headerGaps,
    lostMessages: now.lostMessages - prev.lostMessages,
  };
}

// ---- injected faults (polled from the simulator) ----

/** Fault kind → its parameters as JSON, per robot. */
export type FaultMemory = Map<string, string>;

export function faultMemoryOf(faults: readonly Fault[]): FaultMemory {
  return new Map(faults.map((f) => [f.kind, JSON.stringify(f)]));
}

/** Injected (new kind or new parameters) and cleared faults of one robot. */
export function diffFaults(prev: FaultMemory, faults: readonly Fault[]): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  const now = faultMemoryOf(faults);
  for (const f of faults) if (prev.get(f.kind) !== now.get(f.kind)) events.push({ kind: 'fault_injected', detail: { ...f } });
  for (const kind of prev.keys()) if (!now.has(kind)) events.push({ kind: 'fault_cleared', detail: { fault: kind } });
  return events;
}
