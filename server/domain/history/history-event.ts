// What a timeline shows: one thing that happened to a robot (or to the app), at a moment. Stored robot events
// (robot_events), commands (from the ledger) and alerts are all read back in this one shape by history.events,
// the replay ticks, the robot timeline and the "why did it stop" view.

/** Every event kind, by category. Stored kinds come from the state store and the event recorder; `command_*` from the ledger; `alert_*` from the alert center; `zone_request` from the zone request log. */
export const HISTORY_EVENT_KINDS = {
  connection: ['connection', 'stale', 'stale_cleared'],
  status: ['mode_changed', 'driving_started', 'driving_stopped', 'paused', 'resumed', 'charging_started', 'charging_stopped'],
  error: ['error_raised', 'error_cleared'],
  battery: ['battery_low', 'battery_recovered'],
  order: ['order_accepted', 'order_updated', 'order_finished', 'order_failed', 'node_reached'],
  action: ['action_state'],
  command: ['command_issued', 'command_finished'],
  fault: ['fault_injected', 'fault_cleared'],
  protocol: ['protocol_violation', 'header_gap'],
  alert: ['alert_opened', 'alert_resolved'],
  zone: ['zone_request'],
} as const;

export type HistoryEventCategory = keyof typeof HISTORY_EVENT_KINDS;
export type HistoryEventKind = (typeof HISTORY_EVENT_KINDS)[HistoryEventCategory][number];
export const ALL_HISTORY_EVENT_KINDS = Object.values(HISTORY_EVENT_KINDS).flat() as HistoryEventKind[];

export function eventCategory(kind: string): HistoryEventCategory | null {
  for (const [cat, kinds] of Object.entries(HISTORY_EVENT_KINDS))
    if ((kinds as readonly string[]).includes(kind)) return cat as HistoryEventCategory;
  return null;
}

export type HistoryEventLevel = 'info' | 'warning' | 'error';

export interface HistoryEvent {
  /** Unique across sources: `r:<robot_events.id>`, `c:<command id>:<seq>`, `a:<alert id>:<opened|resolved>`, `z:<zone_requests.id>`. */
  id: string;
  /** null for app-wide events (an app alert, a fault on the broker). */
  robotId: number | null;
  /** Epoch ms. */
  ts: number;
  kind: HistoryEventKind;
  category: HistoryEventCategory;
  level: HistoryEventLevel;
  /** One line a person reads on a timeline, e.g. "Error raised: batteryLow (WARNING)". */
  summary: string;
  detail: Record<string, unknown>;
}
