// Timeline events from every source in one shape: robot_events rows (state store, event recorder), the command
// ledger (issued, finished) and alerts (opened, resolved). Each source is read with the same window, robots and
// limit, only when a wanted kind comes from it; the three ordered lists are merged and cut to the limit.
import { deleteZoneRequestsBefore } from '../../../db/queries/zone-requests';
import type { Db } from '../../../db/client';
import {
  deleteRobotEventsBefore,
  listAlertEventRows,
  listCommandEventRows,
  listRobotEventRows,
  listZoneRequestEventRows,
  type AlertEventDbRow,
  type CommandEventDbRow,
  type EventWindow,
  type RobotEventDbRow,
  type ZoneRequestEventDbRow,
} from '../../../db/queries/history-events';
import { describeEvent } from '../../domain/event-summary';
import {
  ALL_HISTORY_EVENT_KINDS,
  HISTORY_EVENT_KINDS,
  eventCategory,
  type HistoryEvent,
  type HistoryEventKind,
} from '../../domain/history/history-event';
import type { EventQuery, HistoryEventReader, HistoryEventRetention } from '../../ports/history-store';

/** Most events one call returns, whatever the caller asks. */
export const MAX_EVENTS = 5000;

/** Kinds read from robot_events: every stored kind (commands, alerts and zone requests have tables of their own). */
const ELSEWHERE: readonly string[] = [...HISTORY_EVENT_KINDS.command, ...HISTORY_EVENT_KINDS.alert, ...HISTORY_EVENT_KINDS.zone];
const STORED_KINDS: readonly HistoryEventKind[] = ALL_HISTORY_EVENT_KINDS.filter((k) => !ELSEWHERE.includes(k));

function make(id: string, robotId: number | null, ts: number, kind: HistoryEventKind, detail: Record<string, unknown>): HistoryEvent {
  return { id, robotId, ts, kind, category: eventCategory(kind)!, ...describeEvent(kind, detail), detail };
}

const parsed = (v: unknown): Record<string, unknown> => {
  const o = typeof v === 'string' ? (JSON.parse(v) as unknown) : v;
  return typeof o === 'object' && o !== null && !Array.isArray(o) ? (o as Record<string, unknown>) : {};
};

const fromRobotEvent = (r: RobotEventDbRow) =>
  make(`r:${r.id}`, Number(r.robot_id), Number(r.ts), r.kind as HistoryEventKind, parsed(r.detail));

function fromCommand(r: CommandEventDbRow): HistoryEvent {
  const step = Number(r.step);
  const common = { commandId: r.id, type: r.type, issuedBy: r.issued_by, traceId: r.trace_id, orderId: r.order_id, actionId: r.action_id };
  return step === 0
    ? make(`c:${r.id}:0`, Number(r.robot_id), Number(r.ts), 'command_issued', common)
    : make(`c:${r.id}:1`, Number(r.robot_id), Number(r.ts), 'command_finished', { ...common, status: r.status, outcome: r.outcome });
}

function fromAlert(r: AlertEventDbRow): HistoryEvent {
  const detail = {
    alertId: r.id,
    ruleId: r.rule_id,
    severity: r.severity,
    title: r.title,
    subject: r.subject,
    by: r.by,
    note: r.note,
    traceId: r.trace_id,
  };
  const robotId = r.robot_id === null ? null : Number(r.robot_id);
  return make(`a:${r.id}:${r.step}`, robotId, Number(r.ts), r.step === 'opened' ? 'alert_opened' : 'alert_resolved', detail);
}

function fromZoneRequest(r: ZoneRequestEventDbRow): HistoryEvent {
  const detail = {
    kind: r.kind,
    resource: r.resource,
    requestId: r.request_id,
    requestType: r.request_type,
    decision: r.decision,
    reason: r.reason,
  };
  return make(`z:${r.id}`, Number(r.robot_id), Number(r.ts), 'zone_request', detail);
}

/** Same instant: robot events in insertion order (numeric ids), then by id, so a page boundary never reorders. */
function tieBreak(a: string, b: string): number {
  if (a.startsWith('r:') && b.startsWith('r:')) return Number(a.slice(2)) - Number(b.slice(2));
  return a < b ? -1 : a > b ? 1 : 0;
}

export function createHistoryEventStore(db: Db): HistoryEventReader & HistoryEventRetention {
  return {
    async listEvents(q: EventQuery): Promise<HistoryEvent[]> {
      const order = q.order ?? 'desc';
      const limit = Math.max(0, Math.min(MAX_EVENTS, Math.floor(q.limit)));
      if (limit === 0 || q.to < q.from || q.robotIds?.length === 0) return [];
      const wanted = new Set<HistoryEventKind>(q.kinds ?? ALL_HISTORY_EVENT_KINDS);
      const w: EventWindow = { from: q.from, to: q.to, robotIds: q.robotIds, order, limit };
      const stored = STORED_KINDS.filter((k) => wanted.has(k));
      const [robotRows, commandRows, alertRows, zoneRows] = await Promise.all([
        stored.length > 0 ? listRobotEventRows(db, { ...w, kinds: stored }) : [],
        wanted.has('command_issued') || wanted.has('command_finished')
          ? listCommandEventRows(db, { ...w, issued: wanted.has('command_issued'), finished: wanted.has('command_finished') })
          : [],
        wanted.has('alert_opened') || wanted.has('alert_resolved')
          ? listAlertEventRows(db, { ...w, opened: wanted.has('alert_opened'), resolved: wanted.has('alert_resolved') })
          : [],
        wanted.has('zone_request') ? listZoneRequestEventRows(db, w) : [],
      ]);
      const all = [
        ...robotRows.map(fromRobotEvent),
        ...commandRows.map(fromCommand),
        ...alertRows.map(fromAlert),
        ...zoneRows.map(fromZoneRequest),
      ];
      const sign = order === 'asc' ? 1 : -1;
      all.sort((a, b) => sign * (a.ts - b.ts || tieBreak(a.id, b.id)));
      return all.slice(0, limit);
    },
    // The zone request log ages with the events (EVENT_RETENTION_DAYS).
    deleteEventsBefore: async (cutoffMs) => (await deleteRobotEventsBefore(db, cutoffMs)) + (await deleteZoneRequestsBefore(db, cutoffMs)),
  };
}
