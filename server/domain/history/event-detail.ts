// Reading the loosely typed `detail` of a timeline event: each source writes its own fields (robot_events rows,
// the ledger, the alert center), so readers take the first of a few known names and never trust a type.
import type { HistoryEvent } from './history-event';

export function detailText(e: Pick<HistoryEvent, 'detail'>, ...keys: string[]): string | null {
  for (const k of keys) {
    const v = e.detail[k];
    if (typeof v === 'string' && v.length > 0) return v;
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  }
  return null;
}

export function detailNumber(e: Pick<HistoryEvent, 'detail'>, ...keys: string[]): number | null {
  for (const k of keys) {
    const v = e.detail[k];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return null;
}

/** A command event's type and issuer (the ledger's `type` and `issuedBy`). */
export function commandOf(e: HistoryEvent): { type: string | null; user: string | null; commandId: string | null } {
  return {
    type: detailText(e, 'type', 'commandType'),
    user: detailText(e, 'issuedBy', 'user', 'by', 'actor'),
    commandId: detailText(e, 'commandId', 'id') ?? commandIdFromEventId(e.id),
  };
}

/** `c:<command id>:<seq>` → the command id. */
export function commandIdFromEventId(id: string): string | null {
  const m = /^c:(.+):\d+$/.exec(id);
  return m?.[1] ?? null;
}

/** `a:<alert id>:<opened|resolved>` → the alert id (or the detail's alertId). */
export function alertIdOf(e: HistoryEvent): string | null {
  const fromDetail = detailText(e, 'alertId');
  if (fromDetail) return fromDetail;
  const m = /^a:(.+):(opened|resolved)$/.exec(e.id);
  return m?.[1] ?? null;
}

/** A trace id carried by the event (commands, alerts), for a link to the trace. */
export function traceIdOf(e: HistoryEvent): string | null {
  const t = detailText(e, 'traceId');
  return t && /^[0-9a-f]{32}$/.test(t) ? t : null;
}

/** An error event's level (VDA 5050 errorLevel). */
export function errorLevelOf(e: HistoryEvent): string | null {
  return detailText(e, 'errorLevel', 'level');
}

/** The connection state a `connection` event moved to. */
export function connectionTo(e: HistoryEvent): string | null {
  return detailText(e, 'to', 'connectionState', 'state');
}
