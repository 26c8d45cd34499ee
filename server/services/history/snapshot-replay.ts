// A robot's slice snapshot carried forward in time by its stored events: what fleetAt, range statuses, robotSeries'
// error counts and the export's rebuilt state messages know about errors, order, node and connection between two
// samples. Pure. Event details are read tolerantly (robot-merge writes errors as the VDA error itself, connection as
// { from, to }; order events name orderId, node_reached nodeId).
import type { HistoryEvent, HistoryEventKind } from '../../domain/history/history-event';
import type { SliceSnapshot } from '../../domain/history/slice';
import type { ConnectionState, ErrorLevel, OperatingMode, VdaError } from '../../domain/vda5050/messages';

/** The event kinds that change what a snapshot holds (asked of the event reader, nothing else). */
export const SNAPSHOT_EVENT_KINDS: readonly HistoryEventKind[] = [
  'connection',
  'error_raised',
  'error_cleared',
  'mode_changed',
  'order_accepted',
  'order_updated',
  'order_finished',
  'order_failed',
  'node_reached',
];

export interface ReplayState {
  connection: ConnectionState;
  errors: VdaError[];
  orderId: string | null;
  lastNodeId: string | null;
  operatingMode: OperatingMode | null;
  protocolVersion: string | null;
}

export function stateFromSnapshot(s: SliceSnapshot | null): ReplayState {
  return {
    // A slice exists because the robot sent telemetry: without a snapshot it was online.
    connection: s?.connection ?? 'ONLINE',
    errors: s?.errors ? [...s.errors] : [],
    orderId: s?.orderId ?? null,
    lastNodeId: s?.lastNodeId ?? null,
    operatingMode: s?.operatingMode ?? null,
    protocolVersion: s?.protocolVersion ?? null,
  };
}

const CONNECTION_STATES: readonly ConnectionState[] = ['ONLINE', 'OFFLINE', 'CONNECTIONBROKEN', 'HIBERNATING'];
const MODES: readonly OperatingMode[] = ['AUTOMATIC', 'SEMIAUTOMATIC', 'MANUAL', 'SERVICE', 'TEACHIN', 'STARTUP', 'INTERVENED'];
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const errorKey = (e: Pick<VdaError, 'errorType' | 'errorLevel'>) => `${e.errorType}\u0000${e.errorLevel}`;

function errorOf(d: Record<string, unknown>): VdaError | null {
  const type = str(d.errorType);
  const level = str(d.errorLevel);
  if (!type || (level !== 'WARNING' && level !== 'FATAL')) return null;
  const desc = str(d.errorDescription);
  return { errorType: type, errorLevel: level as ErrorLevel, ...(desc !== null && { errorDescription: desc }) };
}

/** Applies one event to the state (in place). Idempotent: an event already reflected by the snapshot changes nothing. */
export function applyEvent(s: ReplayState, e: Pick<HistoryEvent, 'kind' | 'detail'>): void {
  const d = e.detail;
  switch (e.kind) {
    case 'connection': {
      const to = str(d.to) ?? str(d.connectionState);
      if (to && (CONNECTION_STATES as readonly string[]).includes(to)) s.connection = to as ConnectionState;
      return;
    }
    case 'error_raised': {
      const err = errorOf(d);
      if (err && !s.errors.some((x) => errorKey(x) === errorKey(err))) s.errors = [...s.errors, err];
      return;
    }
    case 'error_cleared': {
      const err = errorOf(d);
      if (err) s.errors = s.errors.filter((x) => errorKey(x) !== errorKey(err));
      return;
    }
    case 'mode_changed': {
      const to = str(d.to);
      if (to && (MODES as readonly string[]).includes(to)) s.operatingMode = to as OperatingMode;
      return;
    }
    case 'order_accepted':
    case 'order_updated':
      s.orderId = str(d.orderId) ?? s.orderId;
      return;
    case 'order_finished':
    case 'order_failed':
      // The robot keeps reporting a finished order's id in state until the next one; so does the rebuilt state.
      s.orderId = str(d.orderId) ?? s.orderId;
      return;
    case 'node_reached':
      s.lastNodeId = str(d.nodeId) ?? s.lastNodeId;
      return;
    default:
      return;
  }
}

/** Events of one robot in time order, consumed as a cursor while walking its samples forward. */
export class EventCursor {
  private i = 0;
  constructor(private readonly events: readonly HistoryEvent[]) {}
  /** Applies every event with ts ≤ t not yet applied. */
  advanceTo(state: ReplayState, t: number): void {
    while (this.i < this.events.length && this.events[this.i]!.ts <= t) applyEvent(state, this.events[this.i++]!);
  }
  /** Events at exactly t not yet consumed, left in place (a state message and the events it caused share a ts). */
  peekAt(t: number): HistoryEvent[] {
    const out: HistoryEvent[] = [];
    for (let j = this.i; j < this.events.length && this.events[j]!.ts <= t; j++) if (this.events[j]!.ts === t) out.push(this.events[j]!);
    return out;
  }
  /** Events with ts ≤ t not yet applied, consumed (the export turns connection events into lines). */
  takeUntil(t: number): HistoryEvent[] {
    const out: HistoryEvent[] = [];
    while (this.i < this.events.length && this.events[this.i]!.ts <= t) out.push(this.events[this.i++]!);
    return out;
  }
}

/** Groups events by robot, each group oldest first (input in any order). */
export function eventsByRobot(events: readonly HistoryEvent[]): Map<number, HistoryEvent[]> {
  const m = new Map<number, HistoryEvent[]>();
  for (const e of events) {
    if (e.robotId === null) continue;
    let list = m.get(e.robotId);
    if (!list) m.set(e.robotId, (list = []));
    list.push(e);
  }
  for (const list of m.values()) list.sort((a, b) => a.ts - b.ts);
  return m;
}
